import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { findTicketIdsLinkedTo } from '../forges/find-linked-tickets.js';
import { findContactByEmail, findContactsByName, findOrganizationsByName } from '../people/index.js';
import { decodeCursor, encodeCursor } from '../platform/pagination.js';
import { escapeHtml } from './html.js';
import { resolveTicketFilter, type TicketQuery } from './list-tickets.js';
import { presentTickets } from './present.js';
import { readSearchQuery, type SearchIntent } from './search-query.js';
import {
  type DirectSources,
  filterDirectHits,
  hasDirectSources,
  listCcMatches,
  listDirectHits,
} from './search-store.js';
import {
  findTicketsByIds,
  MARK_END,
  MARK_START,
  searchSnippets,
  searchTicketIds,
  type TicketRow,
  toSearchQuery,
} from './ticket-store.js';
import { visibilityOf } from './visibility.js';

/** Why a ticket is in the results: named by its number, by a person, an organization, an issue, or its text. */
export type MatchKind = 'number' | 'requester' | 'cc' | 'organization' | 'link' | 'text';

// a name matches a handful of people and organizations; more would be noise, not what was meant
const NAMED_CONTACTS = 10;
const NAMED_ORGANIZATIONS = 5;
// a popular issue may have many linked tickets; the newest links are the ones asked about
const LINKED_TICKETS = 1000;

interface Sources extends DirectSources {
  labels: { contacts: Map<string, string>; organizations: Map<string, string>; issue: string | null };
}

/** Looks up what the query names directly: a person by email or name, an organization, a linked issue. */
async function directSources(deps: Deps, intent: SearchIntent): Promise<Sources> {
  const sources: Sources = {
    ticketIds: [],
    contactIds: [],
    organizationIds: [],
    ...(intent.ticketNumber !== undefined ? { excludeId: intent.ticketNumber } : {}),
    labels: { contacts: new Map(), organizations: new Map(), issue: null },
  };
  if (intent.issue) {
    sources.ticketIds = await findTicketIdsLinkedTo(deps, intent.issue, LINKED_TICKETS);
    sources.labels.issue =
      'url' in intent.issue
        ? intent.issue.url
        : `${intent.issue.project ?? ''}${intent.issue.itemKind === 'change' ? '!' : '#'}${intent.issue.number}`;
  }
  if (intent.email) {
    const contact = await findContactByEmail(deps.db, intent.email);
    if (contact) {
      sources.contactIds.push(contact.id);
      sources.labels.contacts.set(contact.id, contact.email);
    }
  }
  if (intent.name) {
    for (const contact of await findContactsByName(deps.db, intent.name, NAMED_CONTACTS)) {
      sources.contactIds.push(contact.id);
      sources.labels.contacts.set(contact.id, contact.name ? `${contact.name} <${contact.email}>` : contact.email);
    }
    for (const organization of await findOrganizationsByName(deps.db, intent.name, NAMED_ORGANIZATIONS)) {
      sources.organizationIds.push(organization.id);
      sources.labels.organizations.set(organization.id, organization.name);
    }
  }
  return sources;
}

type Position = { phase: 'direct'; after?: [string, number] } | { phase: 'text'; offset: number };

function readPosition(cursor: string | undefined): Position {
  if (!cursor) return { phase: 'direct' };
  const [phase, a, b] = decodeCursor(cursor, 3);
  if (phase === 'd') return { phase: 'direct', after: [String(a), Number(b)] };
  return { phase: 'text', offset: Math.max(0, Number(a) || 0) };
}

/**
 * What a person means, then ranked full text (web-search syntax: words, "phrases", -not, or). First
 * the ticket a number names, then the tickets a person, organization or issue in the query names
 * (latest activity first), then full-text hits. Filters narrow all of them; a customer sees exactly
 * what they could open. The cursor walks on from one part to the next.
 */
export async function searchTickets(
  deps: Deps,
  actor: Actor,
  query: Omit<TicketQuery, 'q'> & { q: string; cursor?: string; limit: number },
) {
  const { q, cursor, limit, ...filters } = query;
  const position = readPosition(cursor);
  const filter = await resolveTicketFilter(deps, actor, filters);
  if (!filter) return { items: [], nextCursor: null };
  const visibility = visibilityOf(actor);
  const intent = readSearchQuery(q);
  const sources = await directSources(deps, intent);
  const tsquery = intent.text ? await toSearchQuery(deps.db, intent.text) : null;

  const found: { row: TicketRow; match: MatchKind; rank: number | null }[] = [];
  let nextCursor: string | null = null;

  if (position.phase === 'direct') {
    if (!position.after && intent.ticketNumber !== undefined) {
      const [pinned] = await listDirectHits(
        deps.db,
        { ticketIds: [intent.ticketNumber], contactIds: [], organizationIds: [] },
        filter,
        visibility,
        undefined,
        1,
      );
      if (pinned) found.push({ row: pinned, match: 'number', rank: null });
    }
    if (hasDirectSources(sources)) {
      const room = limit - found.length;
      const rows = await listDirectHits(deps.db, sources, filter, visibility, position.after, room);
      const kept = rows.slice(0, room);
      for (const row of kept) found.push({ row, match: directMatch(row, sources), rank: null });
      const last = kept.at(-1);
      if (rows.length > room && last) nextCursor = encodeCursor(['d', last.cursorUpdatedAt, last.id]);
    }
  }
  if (!nextCursor && tsquery) {
    const offset = position.phase === 'text' ? position.offset : 0;
    const room = limit - found.length;
    const hits = await searchTicketIds(deps.db, tsquery, visibility, room, offset, filter);
    const kept = hits.slice(0, room);
    const named = await filterDirectHits(
      deps.db,
      kept.map((h) => h.ticketId),
      sources,
    );
    const fresh = kept.filter((h) => !named.has(h.ticketId));
    const rows = new Map(
      (
        await findTicketsByIds(
          deps.db,
          fresh.map((h) => h.ticketId),
          visibility,
        )
      ).map((r) => [r.id, r]),
    );
    for (const hit of fresh) {
      const row = rows.get(hit.ticketId);
      if (row) found.push({ row, match: 'text', rank: hit.rank });
    }
    if (hits.length > room) nextCursor = encodeCursor(['t', offset + room, 0]);
  }

  const ids = found.map((f) => f.row.id);
  const snippets = tsquery ? await searchSnippets(deps.db, tsquery, ids, actor.kind !== 'contact') : [];
  const ccs = await listCcMatches(
    deps.db,
    found.filter((f) => f.match === 'cc').map((f) => f.row.id),
    sources.contactIds,
  );
  const tickets = await presentTickets(
    deps,
    actor,
    found.map((f) => f.row),
    { withCcs: false },
  );
  return {
    items: found.map((f, i) => {
      const ticket = tickets[i] as (typeof tickets)[number];
      const snippet = snippets.find((s) => s.ticketId === f.row.id);
      return {
        ticket,
        rank: f.rank,
        match: { kind: f.match, label: matchLabel(f.row, f.match, sources, ccs) },
        highlights: {
          subject: snippet ? markMatches(snippet.subjectHighlight) : escapeHtml(ticket.subject),
          message: snippet?.messageHighlight ? markMatches(snippet.messageHighlight) : null,
          messageId: snippet?.messageId ?? null,
        },
      };
    }),
    nextCursor,
  };
}

function directMatch(row: TicketRow, sources: DirectSources): MatchKind {
  if (sources.ticketIds.includes(row.id)) return 'link';
  if (sources.contactIds.includes(row.requesterId)) return 'requester';
  if (row.organizationId && sources.organizationIds.includes(row.organizationId)) return 'organization';
  return 'cc';
}

function matchLabel(
  row: TicketRow,
  kind: MatchKind,
  sources: Sources,
  ccs: { ticketId: number; contactId: string }[],
): string | null {
  switch (kind) {
    case 'number':
      return `ticket #${row.id}`;
    case 'link':
      return sources.labels.issue ? `linked to ${sources.labels.issue}` : 'linked issue';
    case 'requester':
      return `requested by ${sources.labels.contacts.get(row.requesterId) ?? 'them'}`;
    case 'organization':
      return `organization ${sources.labels.organizations.get(row.organizationId ?? '') ?? ''}`.trim();
    case 'cc': {
      const cc = ccs.find((c) => c.ticketId === row.id);
      return `CC ${cc ? (sources.labels.contacts.get(cc.contactId) ?? '') : ''}`.trim();
    }
    default:
      return null;
  }
}

/** Escapes the excerpt, then turns the match markers into <mark>: text from mail never becomes markup. */
function markMatches(excerpt: string): string {
  return escapeHtml(excerpt).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}
