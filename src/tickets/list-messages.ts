import { listTicketEvents } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { findPeopleByIds } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { decodeCursor, encodeCursor } from '../platform/pagination.js';
import { describeEvent, idsIn } from './describe-event.js';
import { presentMessages } from './present.js';
import { findTicket, listMessageRows } from './ticket-store.js';
import { visibilityOf } from './visibility.js';

/** A ticket's conversation, oldest first. Customers never see internal notes. */
export async function listMessages(
  deps: Deps,
  actor: Actor,
  number: number,
  query: { cursor?: string; limit: number },
) {
  const ticket = await findTicket(deps.db, number, visibilityOf(actor));
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
  const afterId = query.cursor ? Number(decodeCursor(query.cursor, 1)[0]) : 0;
  const rows = await listMessageRows(deps.db, ticket.id, {
    includeInternal: actor.kind !== 'contact',
    afterId,
    limit: query.limit,
  });
  const more = rows.length > query.limit;
  const kept = more ? rows.slice(0, query.limit) : rows;
  return {
    items: await presentMessages(deps, actor, kept),
    nextCursor: more ? encodeCursor([kept.at(-1)?.id]) : null,
  };
}

/** The audit trail of one ticket, oldest first; for agents. */
export async function listTicketAuditEvents(
  deps: Deps,
  actor: Actor,
  number: number,
  query: { cursor?: string; limit: number },
) {
  requireAgent(actor);
  const ticket = await findTicket(deps.db, number, visibilityOf(actor));
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
  const afterId = query.cursor ? Number(decodeCursor(query.cursor, 1)[0]) : 0;
  const rows = await listTicketEvents(deps.db, ticket.id, afterId, query.limit + 1);
  const more = rows.length > query.limit;
  const kept = more ? rows.slice(0, query.limit) : rows;
  const events = kept.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    action: row.action,
    actor: { kind: row.actorKind, id: row.actorId, name: row.actorName },
    data: row.data,
  }));
  // the names of the people and teams the events refer to by id, in one round trip
  const ids = events.map(idsIn);
  const unique = (key: 'agentIds' | 'teamIds' | 'contactIds') => [...new Set(ids.flatMap((i) => i[key]))];
  const names = await findPeopleByIds(deps.db, {
    agentIds: unique('agentIds'),
    teamIds: unique('teamIds'),
    contactIds: unique('contactIds'),
    organizationIds: [],
  });
  return {
    items: events.map((event) => ({ ...event, summary: describeEvent(event, names) })),
    nextCursor: more ? encodeCursor([kept.at(-1)?.id]) : null,
  };
}
