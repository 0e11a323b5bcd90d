import { type Deps, inTransaction } from '../deps.js';
import { queueTicketMail } from '../mail/outbound/queue-ticket-mail.js';
import { findContactsByIds } from '../people/index.js';
import { defineJob } from '../platform/jobs/define-job.js';
import { escapeHtml } from '../tickets/html.js';
import type { TicketChange, TicketFields } from '../tickets/lifecycle.js';
import { findTicket, type TicketRow } from '../tickets/ticket-store.js';
import { findSolve, insertSolve, markAsked } from './csat-store.js';
import { ratingToken, ratingUrl } from './rating-links.js';
import { RATE_WITHIN_DAYS } from './rating-window.js';

// When a ticket is solved (by an agent, a macro, a bulk change, the auto-solve sweep), the solve is
// recorded with whose it is then (assignee, team, organization), in the change's transaction. The
// customer is asked by mail after the commit, so the mail follows the reply that solved the ticket;
// a customer who marked the ticket solved in the portal is asked there, not mailed.

interface AskPayload {
  ticketId: number;
  /** the solve, ISO */
  solvedAt: string;
}

/** The ticket lifecycle listener (wired in runtime.ts). */
export async function recordSolve(deps: Deps, change: TicketChange): Promise<TicketFields | undefined> {
  const { ticket } = change;
  const before = change.kind === 'created' ? undefined : change.before;
  if (ticket.status !== 'solved' || !ticket.solvedAt || before?.status === 'solved') return undefined;
  await insertSolve(deps.db, {
    ticketId: ticket.id,
    solvedAt: ticket.solvedAt,
    agentId: ticket.assigneeId,
    teamId: ticket.teamId,
    organizationId: ticket.organizationId,
    requesterId: ticket.requesterId,
    createdAt: deps.clock.now(),
  });
  if (change.kind === 'updated' && change.by?.kind === 'contact') return undefined;
  const solvedAt = ticket.solvedAt.toISOString();
  await deps.enqueue(deps.db, askForRatingJob.name, { ticketId: ticket.id, solvedAt } satisfies AskPayload, {
    key: `${askForRatingJob.name}:${ticket.id}:${solvedAt}`,
  });
  return undefined;
}

export const askForRatingJob = defineJob<AskPayload, Deps>({
  name: 'csat.ask-for-rating',
  async handle(deps, payload) {
    await inTransaction(deps, async (tx) => {
      const solvedAt = new Date(payload.solvedAt);
      const ticket = await findTicket(tx.db, payload.ticketId, { kind: 'all' }, { forUpdate: true });
      // reopened before the mail went: the customer is still talking to us, nothing to rate yet
      if (ticket?.status !== 'solved' || ticket.solvedAt?.getTime() !== solvedAt.getTime()) return;
      const solve = await findSolve(tx.db, ticket.id, solvedAt);
      if (!solve || !(await markAsked(tx.db, solve.id, tx.clock.now()))) return;
      const [requester] = await findContactsByIds(tx.db, [ticket.requesterId]);
      if (!requester) return;
      await queueTicketMail(tx, {
        ticket,
        purpose: 'csat-request',
        automatic: 'auto-generated',
        to: [requester.email],
        ...solvedMail(tx, ticket, solvedAt),
      });
    });
  },
});

/** The solved notice: one click on good or bad rates the solve (the page records it, no sign-in). */
function solvedMail(deps: Deps, ticket: TicketRow, solvedAt: Date): { text: string; html: string } {
  const token = ratingToken(deps, { ticketId: ticket.id, solvedAt });
  const good = ratingUrl(deps, token, 'good');
  const bad = ratingUrl(deps, token, 'bad');
  const portal = `${deps.config.publicUrl}/portal/tickets/${ticket.id}`;
  const text = [
    `Your ticket #${ticket.id}, "${ticket.subject}", is solved.`,
    '',
    'How did we do? One click tells us:',
    '',
    `Good: ${good}`,
    `Bad: ${bad}`,
    '',
    'Still not right? Reply to this message and the ticket opens again.',
    '',
    '--',
    `${deps.config.supportName}`,
    `Ticket #${ticket.id}: ${portal}`,
  ].join('\n');
  const button = (href: string, label: string, colour: string) =>
    `<a href="${escapeHtml(href)}" style="display:inline-block;padding:8px 18px;margin-right:8px;border-radius:6px;background:${colour};color:#fff;text-decoration:none;font-weight:600">${label}</a>`;
  const html = [
    `<p>Your ticket #${ticket.id}, “${escapeHtml(ticket.subject)}”, is solved.</p>`,
    '<p>How did we do? One click tells us:</p>',
    `<p>${button(good, 'Good', '#1a7f37')}${button(bad, 'Bad', '#cf222e')}</p>`,
    '<p>Still not right? Reply to this message and the ticket opens again.</p>',
    `<p style="color:#57606a;font-size:13px">The links work for ${RATE_WITHIN_DAYS} days.<br>-- <br>${escapeHtml(deps.config.supportName)}<br>Ticket #${ticket.id}: <a href="${escapeHtml(portal)}">${escapeHtml(portal)}</a></p>`,
  ].join('');
  return { text, html };
}

export const csatJobs = [askForRatingJob];
