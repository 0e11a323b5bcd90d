import type { Deps } from '../deps.js';
import { notifyLive } from '../live/publish.js';
import { queueMail } from '../mail/outbox.js';
import { findAgentById } from '../people/index.js';
import { insertNotification } from './notification-store.js';
import { KIND_LABELS, preferenceOf } from './preferences.js';
import type { NotificationKind } from './tables.js';

export interface NotifyInput {
  agentId: string;
  kind: NotificationKind;
  ticket: { id: number; subject: string };
  /** the message it is about: an agent is told of one message once, however often a job runs */
  messageId?: number | null;
  /** who did it; absent when the desk did (routing, SLA) */
  actorName?: string | null;
  /** "Lead mentioned you" */
  title: string;
  excerpt?: string;
  /** the mail's purpose and subject, where mail of this kind existed before notifications */
  mail?: { purpose: string; subject: string };
}

const EXCERPT_CHARS = 400;

export function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS - 1)}…` : flat;
}

/**
 * Tells one agent, in the caller's transaction: a row for the bell (and a live event to every open
 * tab of theirs), and mail through the outbox, each as the agent's preferences say. Inactive agents
 * are not told.
 */
export async function notifyAgent(deps: Deps, input: NotifyInput): Promise<void> {
  const agent = await findAgentById(deps.db, input.agentId);
  if (!agent?.active) return;
  const wants = await preferenceOf(deps, agent.id, input.kind);
  const now = deps.clock.now();
  const excerpt = excerptOf(input.excerpt ?? '');
  if (wants.inApp) {
    const row = await insertNotification(deps.db, {
      agentId: agent.id,
      kind: input.kind,
      ticketId: input.ticket.id,
      messageId: input.messageId ?? null,
      actorName: input.actorName ?? null,
      title: input.title,
      excerpt,
      createdAt: now,
    });
    if (!row) return; // told already
    await notifyLive(deps, { kind: 'notification', desk: deps.secret.instanceId, agentId: agent.id });
  }
  if (wants.email) {
    const url = deps.config.publicUrl;
    await queueMail(deps, {
      purpose: input.mail?.purpose ?? `notify-${input.kind}`,
      to: [agent.email],
      subject: input.mail?.subject ?? `[#${input.ticket.id}] ${input.title}: ${input.ticket.subject}`,
      text: [
        `${input.title} on ticket #${input.ticket.id}, ${input.ticket.subject}.`,
        ...(excerpt ? ['', excerpt] : []),
        '',
        `Open the ticket: ${url}/tickets/${input.ticket.id}`,
        '',
        '-- ',
        `You get this mail because “${KIND_LABELS[input.kind]}” is on in your notification settings: ${url}/notifications`,
        '',
      ].join('\n'),
      automatic: 'auto-generated',
      ticketId: input.ticket.id,
    });
  }
}
