import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { type NotificationView, presentNotifications } from './list-notifications.js';
import { markAllNotificationsRead, markNotificationRead } from './notification-store.js';
import { requireNotifiedAgent } from './preferences.js';

/** Marks one of the agent's own notifications read; someone else's is not found. */
export async function markRead(deps: Deps, actor: Actor, id: number): Promise<NotificationView> {
  const agent = requireNotifiedAgent(actor);
  const row = await markNotificationRead(deps.db, agent.agentId, id, deps.clock.now());
  if (!row) throw new AppError('NOTIFICATION_NOT_FOUND', `No notification ${id}.`);
  return (await presentNotifications(deps, [row]))[0] as NotificationView;
}

/**
 * Marks every unread notification read, or those up to `throughId` (the newest the agent was shown),
 * so one that arrives meanwhile stays unread.
 */
export async function markAllRead(deps: Deps, actor: Actor, throughId?: number): Promise<{ marked: number }> {
  const agent = requireNotifiedAgent(actor);
  return { marked: await markAllNotificationsRead(deps.db, agent.agentId, deps.clock.now(), throughId) };
}
