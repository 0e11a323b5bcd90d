import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../platform/db.js';
import { isUniqueViolation } from '../platform/db.js';
import { AppError } from '../platform/errors.js';
import { organizationDomains, organizations } from './tables.js';

// The mail domains an organization owns. They do not entitle anyone by themselves: mail from a
// stranger at one of them may ask for entitlement, which the organization's admins (or an agent) grant.

/** Anyone can get an address at these, so none of them says who someone works for. */
const FREE_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'web.de',
  'mail.com',
  'zoho.com',
  'yandex.com',
  'yandex.ru',
  'mail.ru',
  'qq.com',
  '163.com',
  '126.com',
  'fastmail.com',
  'tutanota.com',
  'hey.com',
  'hotmail.co.uk',
  'hotmail.fr',
  'hotmail.de',
  'live.co.uk',
  'yahoo.co.uk',
  'yahoo.fr',
  'yahoo.de',
  'yahoo.co.jp',
  't-online.de',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'libero.it',
  'btinternet.com',
  'comcast.net',
  'verizon.net',
  'att.net',
  'seznam.cz',
  'wp.pl',
  'naver.com',
  'rediffmail.com',
  'uol.com.br',
  'bol.com.br',
]);

const MAX_DOMAINS = 20;

// a host name of labels of letters, digits and hyphens, with a dot: what appears after the @
const DOMAIN = /^(?=.{3,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Lower-cased, deduplicated and checked; a bad or free-mail domain is a 422 naming it. */
export function normaliseDomains(input: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of input) {
    const domain = raw.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');
    if (!DOMAIN.test(domain))
      throw new AppError('DOMAIN_REFUSED', `"${raw}" is not a mail domain (e.g. acme.example).`);
    if (FREE_MAIL.has(domain)) {
      throw new AppError(
        'DOMAIN_REFUSED',
        `${domain} is a free mail provider: anyone can have an address there, so it cannot stand for an organization.`,
      );
    }
    out.add(domain);
  }
  if (out.size > MAX_DOMAINS) throw new AppError('DOMAIN_REFUSED', `At most ${MAX_DOMAINS} domains an organization.`);
  return [...out].sort();
}

/** Makes the organization's domains exactly these (in the caller's transaction). */
export async function replaceDomains(db: Db, organizationId: string, domains: string[], at: Date) {
  if (domains.length > 0) {
    // say which domain and whose, so the lead can sort it out
    const [taken] = await db
      .select({ domain: organizationDomains.domain, name: organizations.name })
      .from(organizationDomains)
      .innerJoin(organizations, eq(organizations.id, organizationDomains.organizationId))
      .where(and(inArray(organizationDomains.domain, domains), ne(organizationDomains.organizationId, organizationId)));
    if (taken) throw new AppError('DOMAIN_TAKEN', `${taken.domain} belongs to ${taken.name}.`);
  }
  await db.delete(organizationDomains).where(eq(organizationDomains.organizationId, organizationId));
  if (domains.length === 0) return;
  try {
    await db.insert(organizationDomains).values(domains.map((domain) => ({ domain, organizationId, createdAt: at })));
  } catch (err) {
    // another lead claimed it between the check and the insert
    if (isUniqueViolation(err))
      throw new AppError('DOMAIN_TAKEN', 'One of these domains belongs to another organization.');
    throw err;
  }
}

export async function domainsOf(db: Db, organizationIds: string[]): Promise<Map<string, string[]>> {
  const byOrg = new Map<string, string[]>(organizationIds.map((id) => [id, []]));
  if (organizationIds.length === 0) return byOrg;
  const rows = await db
    .select({ domain: organizationDomains.domain, organizationId: organizationDomains.organizationId })
    .from(organizationDomains)
    .where(inArray(organizationDomains.organizationId, organizationIds))
    .orderBy(asc(organizationDomains.domain));
  for (const row of rows) byOrg.get(row.organizationId)?.push(row.domain);
  return byOrg;
}

/** One organization's domains. */
export async function listDomainsOf(db: Db, organizationId: string): Promise<string[]> {
  return (await domainsOf(db, [organizationId])).get(organizationId) ?? [];
}

/** The organization that owns the domain of this address, if any. */
export async function organizationOfAddress(db: Db, address: string) {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  if (!domain) return undefined;
  const [row] = await db
    .select({ id: organizations.id, name: organizations.name, plan: organizations.plan })
    .from(organizationDomains)
    .innerJoin(organizations, eq(organizations.id, organizationDomains.organizationId))
    .where(eq(organizationDomains.domain, domain));
  return row;
}
