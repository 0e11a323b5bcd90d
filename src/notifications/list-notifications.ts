import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { decodeCursor, type Page, toPage } from '../platform/pagination.js';
import { findTicketsByIds } from '../tickets/ticket-store.js';
import { countUnread, listNotificationRows, type NotificationRow } from './notification-store.js';
import { requireNotifiedAgent } from './preferences.js';
import type { NotificationKind } from './tables.js';

export interface NotificationView {
  id: number;
  kind: NotificationKind;
  ticket: { number: number; subject: string; status: string };
  messageId: number | null;
  actor: string | null;
  title: string;
  excerpt: string;
  createdAt: string;
  readAt: string | null;
}

/** The bell counts this far; more shows as "99+". */
export const UNREAD_CAP = 100;

/** Shapes rows for the API; the ticket's subject and status as they are now. */
export async function presentNotifications(deps: Deps, rows: NotificationRow[]): Promise<NotificationView[]> {
  const tickets = new Map(
    (await findTicketsByIds(deps.db, [...new Set(rows.map((r) => r.ticketId))], { kind: 'all' })).map((t) => [t.id, t]),
  );
  return rows.map((row) => {
    const ticket = tickets.get(row.ticketId);
    return {
      id: row.id,
      kind: row.kind,
      ticket: { number: row.ticketId, subject: ticket?.subject ?? '', status: ticket?.status ?? 'closed' },
      messageId: row.messageId,
      actor: row.actorName,
      title: row.title,
      excerpt: row.excerpt,
      createdAt: row.createdAt.toISOString(),
      readAt: row.readAt?.toISOString() ?? null,
    };
  });
}

export async function listNotifications(
  deps: Deps,
  actor: Actor,
  query: { unread?: boolean; cursor?: string; limit: number },
): Promise<Page<NotificationView>> {
  const agent = requireNotifiedAgent(actor);
  let before: { createdAt: Date; id: number } | undefined;
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, 2);
    before = { createdAt: new Date(String(at)), id: Number(id) };
  }
  const rows = await listNotificationRows(deps.db, agent.agentId, {
    unread: query.unread ?? false,
    ...(before ? { before } : {}),
    limit: query.limit,
  });
  const page = toPage(
    rows,
    query.limit,
    (r) => [r.createdAt.toISOString(), r.id],
    (r) => r,
  );
  return { items: await presentNotifications(deps, page.items), nextCursor: page.nextCursor };
}

export async function countUnreadNotifications(deps: Deps, actor: Actor): Promise<{ unread: number }> {
  const agent = requireNotifiedAgent(actor);
  return { unread: await countUnread(deps.db, agent.agentId, UNREAD_CAP) };
}
