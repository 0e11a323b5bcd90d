import { recordEvent } from '../audit/index.js';
import { type ContactActor, SYSTEM } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { notifyAgent } from '../notifications/notify-agent.js';
import { findContactById, listAgents, listTeamMemberRows } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { findTicket, type TicketRow } from '../tickets/ticket-store.js';
import { findSolve, updateRating } from './csat-store.js';
import { readRatingToken } from './rating-links.js';
import { CHANGE_WITHIN_DAYS, RATE_WITHIN_DAYS, ratingWindow } from './rating-window.js';
import type { CsatRating, CsatRow } from './tables.js';

// A rating by its signed link, without signing in: the link is the key to one solve of one ticket.
// A bad rating (or a comment added to one) tells the leads, who may reopen the ticket.

export interface RatingView {
  ticket: { number: number; subject: string };
  solvedAt: string;
  rating: CsatRating | null;
  comment: string | null;
  ratedAt: string | null;
  /** whether the solve can be rated (or the rating changed) now, and until when */
  open: boolean;
  openUntil: string;
}

export function presentRating(deps: Deps, ticket: Pick<TicketRow, 'id' | 'subject'>, solve: CsatRow): RatingView {
  const window = ratingWindow(solve, deps.clock.now());
  return {
    ticket: { number: ticket.id, subject: ticket.subject },
    solvedAt: solve.solvedAt.toISOString(),
    rating: solve.rating,
    comment: solve.comment,
    ratedAt: solve.ratedAt?.toISOString() ?? null,
    open: window.open,
    openUntil: window.until.toISOString(),
  };
}

const invalid = () =>
  new AppError('CSAT_LINK_INVALID', 'This rating link is not valid. Rate the ticket from your tickets page.');

async function solveOf(deps: Deps, token: string, options: { forUpdate?: boolean } = {}) {
  const { ticketId, solvedAt } = readRatingToken(deps, token);
  const solve = await findSolve(deps.db, ticketId, solvedAt, options);
  const ticket = solve && (await findTicket(deps.db, ticketId, { kind: 'all' }));
  if (!solve || !ticket) throw invalid();
  return { solve, ticket };
}

/** What a rating link shows: the ticket, and the rating given so far. */
export async function describeRating(deps: Deps, token: string): Promise<RatingView> {
  const { solve, ticket } = await solveOf(deps, token);
  return presentRating(deps, ticket, solve);
}

export interface RateInput {
  rating: CsatRating;
  /** omitted: the comment stays; empty: removed */
  comment?: string;
}

export async function rateSolve(deps: Deps, token: string, input: RateInput): Promise<RatingView> {
  return inTransaction(deps, async (tx) => {
    const { solve, ticket } = await solveOf(tx, token, { forUpdate: true });
    const now = tx.clock.now();
    if (!ratingWindow(solve, now).open) {
      throw new AppError(
        'CSAT_CLOSED',
        solve.ratedAt
          ? `This rating can no longer be changed: a rating can be changed for ${CHANGE_WITHIN_DAYS} days.`
          : `This rating link has expired: a solved ticket can be rated for ${RATE_WITHIN_DAYS} days.`,
      );
    }
    const comment = input.comment === undefined ? solve.comment : input.comment.trim() || null;
    if (input.rating === solve.rating && comment === solve.comment) return presentRating(tx, ticket, solve);

    const rated = await updateRating(tx.db, solve.id, {
      rating: input.rating,
      comment,
      ...(solve.ratedAt ? {} : { ratedAt: now }),
      changedAt: now,
    });
    const customer = await customerActor(tx, solve.requesterId);
    await recordEvent(tx.db, {
      actor: customer,
      at: now,
      action: 'csat.rated',
      entityType: 'ticket',
      entityId: ticket.id,
      ticketId: ticket.id,
      data: { rating: input.rating, from: solve.rating, comment, solvedAt: solve.solvedAt.toISOString() },
    });
    const newlyBad = input.rating === 'bad' && solve.rating !== 'bad';
    const badComment = input.rating === 'bad' && solve.rating === 'bad' && comment !== null;
    if (newlyBad || badComment) await tellLeads(tx, ticket, rated, customer.name, newlyBad);
    return presentRating(tx, ticket, rated);
  });
}

async function customerActor(deps: Deps, contactId: string): Promise<ContactActor> {
  const contact = await findContactById(deps.db, contactId);
  return {
    kind: 'contact',
    contactId,
    email: contact?.email ?? '',
    name: contact?.name ?? contact?.email ?? 'The customer',
    organizationId: contact?.organizationId ?? null,
    shareTickets: false,
    tokenId: null,
  };
}

/** The leads of the team the ticket was solved in; without any, every lead. */
async function tellLeads(deps: Deps, ticket: TicketRow, solve: CsatRow, customer: string, newlyBad: boolean) {
  const leads = (await listAgents(deps, SYSTEM, { role: 'lead', limit: 100 })).items.filter((a) => a.active);
  const members = new Set(
    solve.teamId ? (await listTeamMemberRows(deps.db, [solve.teamId])).map((m) => m.agentId) : [],
  );
  const teamLeads = leads.filter((l) => members.has(l.id));
  for (const lead of teamLeads.length > 0 ? teamLeads : leads) {
    await notifyAgent(deps, {
      agentId: lead.id,
      kind: 'csat',
      ticket,
      actorName: customer,
      title: newlyBad ? `${customer} rated the solved ticket bad` : `${customer} commented on their bad rating`,
      excerpt: solve.comment ?? '',
    });
  }
}
