import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { decodeCursor, encodeCursor } from '../platform/pagination.js';
import { escapeHtml } from './html.js';
import { presentTickets } from './present.js';
import {
  findTicketsByIds,
  MARK_END,
  MARK_START,
  searchSnippets,
  searchTicketIds,
  toSearchQuery,
} from './ticket-store.js';
import { visibilityOf } from './visibility.js';

/**
 * Ranked full-text search over subjects and messages (web-search syntax: words, "phrases", -not, or).
 * Each hit carries highlighted excerpts. A customer's search sees exactly what they could open.
 */
export async function searchTickets(deps: Deps, actor: Actor, query: { q: string; cursor?: string; limit: number }) {
  const visibility = visibilityOf(actor);
  const offset = query.cursor ? Number(decodeCursor(query.cursor, 1)[0]) : 0;
  const tsquery = await toSearchQuery(deps.db, query.q);
  if (!tsquery) return { items: [], nextCursor: null };
  const hits = await searchTicketIds(deps.db, tsquery, visibility, query.limit, offset);
  const more = hits.length > query.limit;
  const kept = more ? hits.slice(0, query.limit) : hits;
  const ids = kept.map((h) => h.ticketId);
  const snippets = await searchSnippets(deps.db, tsquery, ids, actor.kind !== 'contact');
  const rows = await findTicketsByIds(deps.db, ids, visibility);
  const tickets = new Map((await presentTickets(deps, actor, rows, { withCcs: false })).map((t) => [t.number, t]));
  return {
    items: kept.flatMap((hit) => {
      const ticket = tickets.get(hit.ticketId);
      const snippet = snippets.find((s) => s.ticketId === hit.ticketId);
      if (!ticket) return [];
      return [
        {
          ticket,
          rank: hit.rank,
          highlights: {
            subject: markMatches(snippet?.subjectHighlight ?? ticket.subject),
            message: snippet?.messageHighlight ? markMatches(snippet.messageHighlight) : null,
            messageId: snippet?.messageId ?? null,
          },
        },
      ];
    }),
    nextCursor: more ? encodeCursor([offset + query.limit]) : null,
  };
}

/** Escapes the excerpt, then turns the match markers into <mark>: text from mail never becomes markup. */
function markMatches(excerpt: string): string {
  return escapeHtml(excerpt).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}
