import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { findAgentsByIds } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { findTicket } from '../tickets/ticket-store.js';
import { visibilityOf } from '../tickets/visibility.js';
import { listTicketSolves } from './csat-store.js';
import { presentRating, type RatingView } from './rate-solve.js';
import { ratingToken } from './rating-links.js';

// A ticket's ratings as its page shows them: agents see each solve's rating (small, beside the
// ticket); the requester, on a solved ticket, gets the link to rate the latest solve in the portal.

export interface TicketRatings {
  items: {
    solvedAt: string;
    rating: 'good' | 'bad';
    comment: string | null;
    ratedAt: string;
    agent: { id: string; name: string } | null;
  }[];
  /** the requester's: the latest solve of a solved (or since closed) ticket, and its rating link token */
  current: (RatingView & { token: string }) | null;
}

export async function getTicketRatings(deps: Deps, actor: Actor, number: number): Promise<TicketRatings> {
  const ticket = await findTicket(deps.db, number, visibilityOf(actor));
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
  const solves = await listTicketSolves(deps.db, ticket.id);
  const rated = solves.filter((s) => s.rating !== null);
  const agents = await findAgentsByIds(
    deps.db,
    rated.flatMap((s) => (s.agentId ? [s.agentId] : [])),
  );
  const latest = solves[0];
  const current =
    actor.kind === 'contact' &&
    actor.contactId === ticket.requesterId &&
    (ticket.status === 'solved' || ticket.status === 'closed') &&
    latest &&
    latest.solvedAt.getTime() === ticket.solvedAt?.getTime()
      ? { ...presentRating(deps, ticket, latest), token: ratingToken(deps, latest) }
      : null;
  return {
    items: rated.map((s) => {
      const agent = agents.find((a) => a.id === s.agentId);
      return {
        solvedAt: s.solvedAt.toISOString(),
        rating: s.rating as 'good' | 'bad',
        comment: s.comment,
        ratedAt: (s.ratedAt as Date).toISOString(),
        agent: agent ? { id: agent.id, name: agent.name } : null,
      };
    }),
    current,
  };
}
