import type { Deps } from '../../deps.js';
import { queueMail } from '../../mail/outbox.js';
import { type ContactRow, findContactById, findOrganizationById, organizationOfAddress } from '../../people/index.js';
import { AppError } from '../../platform/errors.js';
import { findOrganizationSso } from './sso-store.js';

// What the portal's sign-in page may say about an address, and what a mailed link becomes when the
// person's organization requires its own sign-in. The page learns only what the address's DOMAIN
// says (which organization owns it, and whether it has a company sign-in): the same for every
// address there, contact or not, so it tells no more than the link sign-in's "always 202" did.
// A contact whose address is elsewhere (gmail.com) learns of their company sign-in by mail only.

export interface CompanySignIn {
  organizationId: string;
  name: string;
  required: boolean;
  /** the desk's page that sends the browser to the organization's provider */
  url: string;
}

const startUrl = (deps: Pick<Deps, 'config'>, organizationId: string) =>
  `${deps.config.publicUrl}/auth/organization-sso/${organizationId}`;

/** The company sign-in of the organization that owns the address's domain, if it has one. */
export async function companySignInForDomain(deps: Deps, email: string): Promise<CompanySignIn | null> {
  const organization = await organizationOfAddress(deps.db, email.trim().toLowerCase());
  if (!organization) return null;
  const sso = await findOrganizationSso(deps.db, organization.id);
  if (!sso) return null;
  return {
    organizationId: organization.id,
    name: organization.name,
    required: sso.required,
    url: startUrl(deps, organization.id),
  };
}

/** The organization's own sign-in, when it requires it (no links for its contacts then). */
export async function requiredSignInOf(deps: Deps, organizationId: string | null): Promise<CompanySignIn | null> {
  if (!organizationId) return null;
  const sso = await findOrganizationSso(deps.db, organizationId);
  if (!sso?.required) return null;
  const organization = await findOrganizationById(deps.db, organizationId);
  if (!organization) return null;
  return { organizationId, name: organization.name, required: true, url: startUrl(deps, organizationId) };
}

function refusal(signIn: CompanySignIn): AppError {
  return new AppError(
    'SSO_REQUIRED',
    `${signIn.name} signs in with its company sign-in, not by emailed link: use “Continue with ${signIn.name}’s sign-in”.`,
    { organizationId: signIn.organizationId, url: signIn.url },
  );
}

/**
 * Before a sign-in link is mailed: an address at a domain whose organization requires its own
 * sign-in is refused outright (the page could tell already); a contact of such an organization
 * at another domain gets a mail that points to the company sign-in instead of a link.
 */
export async function companySignInInsteadOfLink(
  deps: Deps,
  email: string,
  contact: ContactRow | undefined,
): Promise<CompanySignIn | null> {
  const byDomain = await companySignInForDomain(deps, email);
  if (byDomain?.required) throw refusal(byDomain);
  return contact ? requiredSignInOf(deps, contact.organizationId) : null;
}

/** A link mailed before the organization required its sign-in (or printed by the CLI) no longer signs in. */
export async function refuseLinkWhenSsoRequired(deps: Deps, contactId: string): Promise<void> {
  const contact = await findContactById(deps.db, contactId);
  const required = contact ? await requiredSignInOf(deps, contact.organizationId) : null;
  if (required) throw refusal(required);
}

/** Instead of a link: where this contact signs in. */
export async function mailCompanySignIn(deps: Deps, contact: ContactRow, signIn: CompanySignIn): Promise<void> {
  await queueMail(deps, {
    purpose: 'sign-in-link',
    automatic: 'auto-generated',
    askedFor: true,
    to: [contact.email],
    subject: 'How to sign in',
    text: [
      `Hello${contact.name ? ` ${contact.name}` : ''},`,
      '',
      `${signIn.name} signs in to the support portal with its company sign-in, so there is no emailed link for you. Sign in here:`,
      signIn.url,
      '',
      'If you did not ask to sign in, ignore this mail.',
    ].join('\n'),
  });
}
