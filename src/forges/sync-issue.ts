import { SYSTEM } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { storableError } from '../platform/errors.js';
import { addMessageRecord } from '../tickets/add-message.js';
import { updateTicket } from '../tickets/update-ticket.js';
import { ADAPTERS } from './adapters.js';
import { ForgeHttpError, type IssueSnapshot, type ItemRef } from './forge.js';
import {
  claimNotices,
  countWaitingTickets,
  findForgeIssue,
  findForgeIssueByRef,
  findForgeRow,
  listForgeIssuesInProject,
  listWaitingTicketIds,
  rowSnapshot,
  setNoticeMessage,
  touchForgeIssue,
  upsertForgeIssue,
} from './forge-store.js';
import { forgeConfig } from './forges.js';
import { type Transition, transitions } from './issue-status.js';
import { POLL_INTERVAL_MS } from './link-issue.js';
import { composeNotice, loadTemplates } from './notices.js';
import { countDemand } from './suggest/suggest-store.js';

/** Tickets told per notify job: a 10,000-ticket issue fans out over many workers. */
export const NOTIFY_BATCH = 100;

/**
 * Asks the forge how a linked issue stands now, stores it, and when something a customer should
 * hear about happened, fans the notices out to every waiting ticket (in batches of jobs).
 */
export async function refreshIssue(
  deps: Deps,
  forgeIssueId: string,
  options: { force?: boolean } = {},
): Promise<Transition[]> {
  const row = await findForgeIssue(deps.db, forgeIssueId);
  if (!row) return [];
  const forgeRow = await findForgeRow(deps.db, row.forgeId);
  if (!forgeRow) return [];
  const forge = forgeConfig(deps, forgeRow);
  const now = deps.clock.now();
  let fetched: Awaited<ReturnType<(typeof ADAPTERS)['gitlab']['fetchItem']>>;
  try {
    // the ETag covers the issue itself; a merge or a release shows up elsewhere, so an issue waiting
    // on one is always read in full
    const conditional = !options.force && !['in-review', 'delivered'].includes(row.status);
    fetched = await ADAPTERS[forge.kind].fetchItem(
      forge,
      { itemKind: row.itemKind, projectRef: row.projectRef, number: row.number },
      conditional ? row.etag : null,
    );
  } catch (err) {
    // rate limited: come back when the forge says; other failures: the next poll tries again
    const wait =
      err instanceof ForgeHttpError && err.retryAfterSeconds ? err.retryAfterSeconds * 1000 : POLL_INTERVAL_MS;
    await touchForgeIssue(deps.db, row.id, { heard: false, now, nextPollAt: new Date(now.getTime() + wait) });
    deps.log.warn({ err: storableError(err), issue: row.url }, 'could not refresh a linked issue');
    return [];
  }
  const nextPollAt = new Date(now.getTime() + POLL_INTERVAL_MS);
  if (!fetched || !('externalId' in fetched)) {
    // 304 Not Modified, or gone (deleted or hidden): keep what we know
    await touchForgeIssue(deps.db, row.id, { heard: Boolean(fetched), now, nextPollAt });
    return [];
  }
  if (fetched.notPublic) {
    // made confidential, or its project private: customers hear nothing more and their link keeps
    // what was public. The old ETag stays, so each poll reads it in full (a 304 could not tell)
    // and sees the day it is public again; what happened meanwhile is told then.
    await touchForgeIssue(deps.db, row.id, { heard: true, now, nextPollAt });
    deps.log.info(
      { issue: row.url, notPublic: fetched.notPublic },
      'linked issue is not public; customers are told nothing',
    );
    return [];
  }
  return applySnapshot(deps, row.forgeId, rowSnapshot(row), fetched, fetched.etag ?? null);
}

export async function applySnapshot(
  deps: Deps,
  forgeId: string,
  before: IssueSnapshot,
  after: IssueSnapshot,
  etag: string | null,
) {
  // an issue customers may not see is never stored nor told (refreshIssue stops before this)
  if (after.notPublic) return [];
  const now = deps.clock.now();
  const happened = transitions(before, after);
  const stored = await inTransaction(deps, async (tx) => {
    const issue = await upsertForgeIssue(tx.db, forgeId, after, {
      etag,
      now,
      nextPollAt: new Date(now.getTime() + POLL_INTERVAL_MS),
    });
    if (happened.length > 0) {
      await tx.enqueue(
        tx.db,
        'forges.notify-tickets',
        { forgeIssueId: issue.id, transitions: happened, afterTicketId: 0 },
        {
          key: `forges.notify-tickets:${issue.id}:${happened.map((t) => t.key).join('|')}:0`,
        },
      );
    }
    return issue;
  });
  if (happened.length > 0)
    deps.log.info({ issue: stored.url, transitions: happened.map((t) => t.key) }, 'linked issue moved');
  return happened;
}

/**
 * Tells one batch of waiting tickets, then enqueues the next batch. Each ticket hears each
 * transition once (link_notices), all of them in one message, threaded into its mail conversation.
 * A ticket watching the issue comes back to its agent when the fix ships or the issue closes unfixed.
 */
export async function notifyTickets(deps: Deps, forgeIssueId: string, happened: Transition[], afterTicketId: number) {
  const row = await findForgeIssue(deps.db, forgeIssueId);
  if (!row) return;
  const ticketIds = await listWaitingTicketIds(deps.db, forgeIssueId, afterTicketId, NOTIFY_BATCH);
  if (ticketIds.length === NOTIFY_BATCH) {
    const last = ticketIds.at(-1) as number;
    await deps.enqueue(
      deps.db,
      'forges.notify-tickets',
      { forgeIssueId, transitions: happened, afterTicketId: last },
      {
        key: `forges.notify-tickets:${forgeIssueId}:${happened.map((t) => t.key).join('|')}:${last}`,
      },
    );
  }
  const issue = rowSnapshot(row);
  const forgeKind = (await findForgeRow(deps.db, row.forgeId))?.kind ?? 'gitlab';
  const templates = await loadTemplates(deps.db);
  const returnsToAgent = happened.some((t) => t.kind === 'released' || t.kind === 'closed-without-fix');
  // one transaction for the batch: a fix shipping to thousands of tickets is thousands of commits
  // otherwise; notices are claimed per ticket inside it, so a retried batch tells no one twice
  await inTransaction(deps, async (tx) => {
    for (const ticketId of ticketIds) {
      const fresh = await claimNotices(
        tx.db,
        ticketId,
        forgeIssueId,
        happened.map((t) => t.key),
        tx.clock.now(),
      );
      if (fresh.length === 0) continue; // told before: a webhook and a poll saw the same change
      const told = happened.filter((t) => fresh.includes(t.key));
      const result = await addMessageRecord(
        tx,
        SYSTEM,
        ticketId,
        { body: composeNotice(issue, told, templates, forgeKind), channel: 'system' },
        { trusted: true, keepStatus: true },
      );
      await setNoticeMessage(tx.db, ticketId, forgeIssueId, fresh, result.message.id);
      if (returnsToAgent && result.ticket.status === 'watching') {
        await updateTicket(tx, SYSTEM, ticketId, { status: 'open' });
      }
    }
  });
}

/** A change was merged: look again at every linked issue it closes. */
export async function changeMerged(deps: Deps, forgeId: string, projectRef: string, number: number) {
  const forgeRow = await findForgeRow(deps.db, forgeId);
  if (!forgeRow) return;
  const forge = forgeConfig(deps, forgeRow);
  const closes = await ADAPTERS[forge.kind].issuesClosedBy(forge, projectRef, number);
  for (const issueNumber of closes) {
    const ref: ItemRef = { itemKind: 'issue', projectRef, number: issueNumber };
    const linked = await findForgeIssueByRef(deps.db, forgeId, ref);
    if (linked) await deps.enqueue(deps.db, 'forges.refresh-issue', { forgeIssueId: linked.id, force: true });
  }
}

/** A release was published: delivered fixes in that project may have shipped in it. */
export async function releasePublished(deps: Deps, forgeId: string, projectRef: string) {
  for (const issue of await listForgeIssuesInProject(deps.db, forgeId, projectRef, ['delivered'])) {
    await deps.enqueue(deps.db, 'forges.refresh-issue', { forgeIssueId: issue.id, force: true });
  }
}

/** Puts the count of waiting tickets (and of organizations that asked) on the issue, if the forge writes back. */
export async function writeDemand(deps: Deps, forgeIssueId: string) {
  const row = await findForgeIssue(deps.db, forgeIssueId);
  if (!row) return;
  const forgeRow = await findForgeRow(deps.db, row.forgeId);
  if (!forgeRow?.writeBack) return;
  const adapter = ADAPTERS[forgeRow.kind];
  if (!adapter.writeDemand) return;
  const demand = {
    tickets: await countWaitingTickets(deps.db, forgeIssueId),
    organizations: await countDemand(deps.db, forgeIssueId),
  };
  await adapter.writeDemand(
    forgeConfig(deps, forgeRow),
    { itemKind: row.itemKind, projectRef: row.projectRef, number: row.number },
    demand,
  );
}
