import { type Actor, requireAgent } from '../../auth/actor.js';
import type { Deps } from '../../deps.js';
import { DAY_MS } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { getTicket } from '../../tickets/get-ticket.js';
import { fetchPublicIssue, linkIssue, type PublicIssue } from '../link-issue.js';
import { describeKey, isStrongKey, keyWeight } from './signature-keys.js';
import { readTicketSignature } from './signatures.js';
import { findLookAlikes } from './suggest-store.js';

// The same failure reported by several organizations within days is one problem, usually ours: the lead
// sees "5 tickets from 4 organizations look like this one", opens one issue for all, and links them in
// one action. "The same failure" is a strong key in common: an exception with its message, a failing
// request, or the frame that raised it; a class or an SQLSTATE alone is shared by too much.

const WINDOW_DAYS = 14;
const MAX_SHOWN = 50;
export const MAX_BULK_LINK = 100;

async function lookAlikeRows(deps: Deps, number: number, createdAt: string, limit: number) {
  const read = await readTicketSignature(deps, number);
  const strong = (read?.keys ?? []).filter(isStrongKey);
  const since = new Date(new Date(createdAt).getTime() - WINDOW_DAYS * DAY_MS);
  return findLookAlikes(deps.db, number, strong, since, limit);
}

export async function lookAlikesOf(deps: Deps, actor: Actor, number: number) {
  requireAgent(actor);
  const ticket = await getTicket(deps, actor, number);
  const rows = await lookAlikeRows(deps, number, ticket.createdAt, MAX_SHOWN);
  // the organizations: this ticket's and theirs; a customer without one is a party of their own
  const parties = new Set([ticket.organization?.id ?? `ticket:${number}`]);
  for (const r of rows) parties.add(r.organizationId ?? `ticket:${r.number}`);
  const counts = new Map<string, number>();
  for (const key of rows.flatMap((r) => r.sharedKeys)) counts.set(key, (counts.get(key) ?? 0) + 1);
  const because = [...counts].sort((a, b) => b[1] - a[1] || keyWeight(b[0]) - keyWeight(a[0]))[0]?.[0];
  return {
    tickets: rows.map((r) => ({
      number: Number(r.number),
      subject: r.subject,
      status: r.status,
      organization: r.organizationId ? { id: r.organizationId, name: r.organizationName ?? '' } : null,
      createdAt: new Date(r.createdAt).toISOString(),
      linked: r.linked,
    })),
    organizations: rows.length > 0 ? parties.size : 0,
    because: because ? describeKey(because) : null,
  };
}

/**
 * Links several tickets to one issue in one action; each is linked (and its customer told) on its own,
 * so one that fails (closed, gone, not visible) does not stop the others, and says why.
 */
export async function linkLookAlikes(deps: Deps, actor: Actor, number: number, url: string, numbers: number[]) {
  requireAgent(actor);
  const ticket = await getTicket(deps, actor, number);
  const all = [...new Set([number, ...numbers])];
  if (all.length > MAX_BULK_LINK) {
    throw new AppError('VALIDATION_FAILED', `At most ${MAX_BULK_LINK} tickets are linked at once.`);
  }
  // only tickets that look like this one: one click must not tell a hundred unrelated customers
  const alike = new Set(
    (await lookAlikeRows(deps, number, ticket.createdAt, MAX_BULK_LINK)).map((r) => Number(r.number)),
  );
  const linked: number[] = [];
  const failed: { number: number; code: string; message: string }[] = [];
  // the issue is fetched once: a hundred tickets must not cost a hundred calls on the forge's rate limit
  let fetched: PublicIssue;
  try {
    fetched = await fetchPublicIssue(deps, url);
  } catch (err) {
    // the issue itself is wrong (not found, not public, no forge): every ticket fails the same way
    if (!(err instanceof AppError)) throw err;
    return { linked, failed: all.map((n) => ({ number: n, code: err.code, message: err.message })) };
  }
  for (const n of all) {
    if (n !== number && !alike.has(n)) {
      failed.push({ number: n, code: 'NOT_A_LOOK_ALIKE', message: `Ticket #${n} does not look like #${number}.` });
      continue;
    }
    try {
      await linkIssue(deps, actor, n, url, { fetched });
      linked.push(n);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      failed.push({ number: n, code: err.code, message: err.message });
    }
  }
  return { linked, failed };
}
