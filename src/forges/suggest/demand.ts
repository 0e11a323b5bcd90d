import { recordEvent } from '../../audit/index.js';
import type { Actor } from '../../auth/actor.js';
import { type Deps, inTransaction } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import { getTicket } from '../../tickets/get-ticket.js';
import { listTicketLinkRows } from '../forge-store.js';
import { enqueueWriteBack, presentLink } from '../link-issue.js';
import { listDemandParties, recordDemand } from './suggest-store.js';

// "Tell the team we are affected": a customer asks the desk to count their organization on the public
// issue. The forge gets a count of those who asked (the demand labels), never a name. A customer
// without an organization counts as themselves.

type Ticket = Awaited<ReturnType<typeof getTicket>>;

const partyOf = (ticket: Ticket) =>
  ticket.organization
    ? `organization:${ticket.organization.id}`
    : ticket.requester
      ? `contact:${ticket.requester.id}`
      : undefined;

/** The ticket's links as the actor sees them, with whether the ticket's organization asked to be counted. */
export async function listLinksWithDemand(deps: Deps, actor: Actor, number: number) {
  const ticket = await getTicket(deps, actor, number); // customers see the links of tickets they may see
  const rows = await listTicketLinkRows(deps.db, [number]);
  const party = partyOf(ticket);
  const asked = new Set(
    party
      ? (
          await listDemandParties(
            deps.db,
            rows.map((r) => r.issue.id),
            [party],
          )
        ).map((r) => r.forgeIssueId)
      : [],
  );
  return rows.map((row) => withDemand(row, asked.has(row.issue.id)));
}

function withDemand(row: Awaited<ReturnType<typeof listTicketLinkRows>>[number], asked: boolean) {
  return {
    ...presentLink(row),
    demandAsked: asked,
    // only a forge the desk writes back to can be told
    canAskDemand: row.forge.writeBack && row.issue.itemKind === 'issue',
  };
}

export async function askToBeCounted(deps: Deps, actor: Actor, number: number, forgeIssueId: string) {
  const ticket = await getTicket(deps, actor, number);
  const party = partyOf(ticket);
  // a customer speaks for their own organization: someone copied in from elsewhere cannot count it
  if (actor.kind === 'contact') {
    const theirs = ticket.organization
      ? actor.organizationId === ticket.organization.id
      : actor.contactId === ticket.requester?.id;
    if (!theirs) {
      throw new AppError('FORBIDDEN', 'Only the requester or their organization can ask to be counted on the issue.');
    }
  }
  const row = (await listTicketLinkRows(deps.db, [number])).find((r) => r.issue.id === forgeIssueId);
  if (!row || !party) throw new AppError('NOT_FOUND', `Ticket #${number} has no link ${forgeIssueId}.`);
  if (!row.forge.writeBack || row.issue.itemKind !== 'issue') {
    throw new AppError(
      'DEMAND_NOT_WRITTEN',
      'The desk does not write to this forge, so it cannot count you on the issue; add a 👍 on the issue itself.',
    );
  }
  await inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const fresh = await recordDemand(tx.db, { forgeIssueId, party, ticketId: number, askedAt: now });
    if (!fresh) return; // asked before: counted once
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'link.demand-asked',
      entityType: 'ticket',
      entityId: number,
      ticketId: number,
      data: { url: row.issue.url },
    });
    await enqueueWriteBack(tx, row.issue);
  });
  return withDemand(row, true);
}
