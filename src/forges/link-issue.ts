import { recordEvent } from '../audit/index.js';
import { type Actor, auditActor, requireAgent, SYSTEM } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { addMessageRecord } from '../tickets/add-message.js';
import { getTicket, lockTicket } from '../tickets/get-ticket.js';
import { updateTicket } from '../tickets/update-ticket.js';
import { ADAPTERS } from './adapters.js';
import type { ForgeAdapter, ForgeConfig, ItemRef } from './forge.js';
import { forgeFailure } from './forge-failure.js';
import {
  deleteTicketLink,
  type ForgeIssueRow,
  findForgeIssue,
  insertTicketLink,
  listForgeRows,
  listTicketLinkRows,
  markInvited,
  upsertForgeIssue,
} from './forge-store.js';
import { forgeConfig } from './forges.js';
import { composeNotice, loadTemplates } from './notices.js';
import { addEvidence } from './suggest/signatures.js';
import { withdrawDemand } from './suggest/suggest-store.js';

export const POLL_INTERVAL_MS = 15 * 60_000;

/** The configured forge a URL belongs to, and what it names there. */
export async function resolveIssueUrl(
  deps: Deps,
  raw: string,
): Promise<{ forge: ForgeConfig; adapter: ForgeAdapter; ref: ItemRef }> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('VALIDATION_FAILED', `"${raw}" is not a URL; paste the issue's address.`);
  }
  url.hash = '';
  url.search = '';
  const rows = await listForgeRows(deps.db);
  const sameHost = rows.filter((r) => new URL(r.baseUrl).host.toLowerCase() === url.host.toLowerCase());
  if (sameHost.length === 0) {
    throw new AppError(
      'FORGE_NOT_CONFIGURED',
      `No forge is connected for ${url.host}; an admin connects it on the Forges and demand page.`,
    );
  }
  for (const row of sameHost) {
    const adapter = ADAPTERS[row.kind];
    const ref = adapter.parseUrl(row, url);
    if (ref) return { forge: forgeConfig(deps, row), adapter, ref };
  }
  throw new AppError(
    'VALIDATION_FAILED',
    `${url.pathname} is not an issue, merge request or pull request address on ${url.host}.`,
  );
}

export function presentLink(row: Awaited<ReturnType<typeof listTicketLinkRows>>[number]) {
  const i = row.issue;
  return {
    id: i.id,
    forge: row.forge,
    kind: i.itemKind,
    project: i.projectRef,
    number: i.number,
    url: i.url,
    title: i.title,
    state: i.state,
    status: i.status,
    labels: i.labels,
    milestone: i.milestoneTitle ? { title: i.milestoneTitle, dueDate: i.milestoneDue } : null,
    assignees: i.assignees,
    change: i.changeNumber
      ? {
          number: i.changeNumber,
          title: i.changeTitle,
          url: i.changeUrl,
          author: i.changeAuthor,
          mergedBy: i.changeMergedBy,
          mergedAt: i.changeMergedAt?.toISOString() ?? null,
        }
      : null,
    release: i.releaseTag
      ? { tag: i.releaseTag, name: i.releaseName, url: i.releaseUrl, releasedAt: i.releasedAt?.toISOString() ?? null }
      : null,
    lastHeardAt: i.lastHeardAt.toISOString(),
    linkedAt: row.link.createdAt.toISOString(),
    forgeKind: row.forge.kind,
    /** when the customer was told how to follow the issue themselves */
    invitedAt: row.link.invitedAt?.toISOString() ?? null,
  };
}

export type LinkView = ReturnType<typeof presentLink>;

/** Fetches the issue a URL names and makes sure customers could open it: found, public, not confidential. */
export async function fetchPublicIssue(deps: Deps, url: string) {
  const { forge, adapter, ref } = await resolveIssueUrl(deps, url);
  let snapshot: Awaited<ReturnType<ForgeAdapter['fetchItem']>>;
  try {
    snapshot = await adapter.fetchItem(forge, ref);
  } catch (err) {
    throw forgeFailure(deps, forge, err);
  }
  if (!snapshot || !('externalId' in snapshot)) {
    throw new AppError('ISSUE_NOT_FOUND', `${url} does not exist, or the desk's token cannot see it.`);
  }
  // customers read the link and hear where the issue stands: it must be one they could open themselves
  if (snapshot.notPublic === 'confidential') {
    throw new AppError(
      'ISSUE_NOT_PUBLIC',
      `${url} is confidential, so it is not public; only public issues can be linked for customers to follow.`,
    );
  }
  if (snapshot.notPublic) {
    throw new AppError(
      'ISSUE_NOT_PUBLIC',
      `${url} is in a ${snapshot.notPublic} project, so it is not public and customers could not open it; only issues in public projects can be linked for customers to follow.`,
    );
  }
  return { forge, snapshot };
}

export type PublicIssue = Awaited<ReturnType<typeof fetchPublicIssue>>;

/**
 * Links a ticket to a public issue (or merge/pull request); its current state is the starting point.
 * The customer hears of it (unless `notify` is false), with how to follow the issue themselves, and
 * the ticket records that they were invited. The ticket becomes evidence for later suggestions.
 * `fetched`: the issue as fetched a moment ago, when one action links several tickets to it.
 */
export async function linkIssue(
  deps: Deps,
  actor: Actor,
  number: number,
  url: string,
  options: { notify?: boolean; fetched?: PublicIssue } = {},
): Promise<LinkView> {
  requireAgent(actor);
  const ticket = await getTicket(deps, actor, number); // 404 for a ticket that is not there
  const { forge, snapshot } = options.fetched ?? (await fetchPublicIssue(deps, url));
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const issue = await upsertForgeIssue(tx.db, forge.id, snapshot, {
      etag: snapshot.etag ?? null,
      now,
      nextPollAt: new Date(now.getTime() + POLL_INTERVAL_MS),
    });
    const created = await insertTicketLink(tx.db, {
      ticketId: number,
      forgeIssueId: issue.id,
      createdAt: now,
      createdBy: auditActor(actor).name,
    });
    if (created) {
      await recordEvent(tx.db, {
        actor,
        at: now,
        action: 'link.added',
        entityType: 'ticket',
        entityId: number,
        ticketId: number,
        data: { url: issue.url, issue: `${issue.projectRef}#${issue.number}`, status: issue.status },
      });
      await enqueueWriteBack(tx, issue);
      await addEvidence(tx, number, issue.id);
      if ((options.notify ?? true) && ticket.requester && ticket.status !== 'closed') {
        const templates = await loadTemplates(tx.db);
        await addMessageRecord(
          tx,
          SYSTEM,
          number,
          { body: composeNotice(snapshot, [{ kind: 'linked' }], templates, forge.kind), channel: 'system' },
          { trusted: true, keepStatus: true },
        );
        await markInvited(tx.db, number, issue.id, now);
        await recordEvent(tx.db, {
          actor,
          at: now,
          action: 'link.customer-invited',
          entityType: 'ticket',
          entityId: number,
          ticketId: number,
          data: { url: issue.url },
        });
      }
    }
    const rows = await listTicketLinkRows(tx.db, [number]);
    return presentLink(rows.find((r) => r.issue.id === issue.id) as (typeof rows)[number]);
  });
}

/**
 * Unlinks an issue. A watching ticket left with nothing to watch (no linked issue, no date to look
 * again) would wait for ever with its SLA clocks stopped: it opens again, and a note says why.
 */
export async function unlinkIssue(deps: Deps, actor: Actor, number: number, forgeIssueId: string) {
  requireAgent(actor);
  await getTicket(deps, actor, number);
  await inTransaction(deps, async (tx) => {
    // locked first: a change to watching at the same time sees the links as they end up
    const ticket = await lockTicket(tx, actor, number);
    const issue = await findForgeIssue(tx.db, forgeIssueId);
    if (!issue || !(await deleteTicketLink(tx.db, number, forgeIssueId))) {
      throw new AppError('NOT_FOUND', `Ticket #${number} has no link ${forgeIssueId}.`);
    }
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'link.removed',
      entityType: 'ticket',
      entityId: number,
      ticketId: number,
      data: { url: issue.url, issue: `${issue.projectRef}#${issue.number}` },
    });
    await withdrawDemand(tx.db, number, issue.id);
    await enqueueWriteBack(tx, issue);
    if (ticket.status !== 'watching' || ticket.lookAgainAt) return;
    if ((await listTicketLinkRows(tx.db, [number])).length > 0) return;
    await updateTicket(tx, actor, number, { status: 'open' });
    await addMessageRecord(
      tx,
      SYSTEM,
      number,
      {
        body: `Open again: its last linked issue (${issue.url}) was unlinked, so there is nothing left to watch.`,
        internal: true,
        channel: 'system',
        notify: false,
      },
      { trusted: true, keepStatus: true },
    );
  });
}

export async function enqueueWriteBack(deps: Deps, issue: ForgeIssueRow) {
  await deps.enqueue(deps.db, 'forges.write-demand', { forgeIssueId: issue.id });
}
