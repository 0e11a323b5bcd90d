import { recordEvent } from '../audit/index.js';
import { type Actor, type AgentActor, requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { findPreferenceRow, listPreferenceRows, upsertPreferenceRow } from './notification-store.js';
import { NOTIFICATION_KINDS, type NotificationKind } from './tables.js';

// Per agent and kind: in the app, by email. Everything shows in the app; mail goes only for what
// asks the agent to act (assigned, mentioned) and for SLA warnings and breaches, which the desk
// mailed to the assignee before notifications existed. A customer's reply is mail the agent would
// get for every ticket all day: off until they turn it on.

export interface Preference {
  kind: NotificationKind;
  label: string;
  inApp: boolean;
  email: boolean;
}

export const KIND_LABELS: Record<NotificationKind, string> = {
  assigned: 'A ticket is assigned to me',
  'customer-reply': 'A customer replies on my ticket',
  mention: 'I am @mentioned in an internal note',
  sla: 'An SLA warning or breach on my ticket',
  call: 'A call I host is booked, moved or cancelled, or starts soon',
  csat: 'A customer rates a solved ticket bad (leads)',
};

export const DEFAULT_PREFERENCES: Record<NotificationKind, { inApp: boolean; email: boolean }> = {
  assigned: { inApp: true, email: true },
  'customer-reply': { inApp: true, email: false },
  mention: { inApp: true, email: true },
  sla: { inApp: true, email: true },
  call: { inApp: true, email: false },
  csat: { inApp: true, email: true },
};

/** Notifications belong to a person: an agent signed in, or a token of theirs; never a contact. */
export function requireNotifiedAgent(actor: Actor): AgentActor & { agentId: string } {
  const agent = requireAgent(actor);
  if (!agent.agentId) {
    throw new AppError('FORBIDDEN', 'Notifications belong to a person: use an agent’s own session or token.');
  }
  return agent as AgentActor & { agentId: string };
}

export async function preferenceOf(deps: Deps, agentId: string, kind: NotificationKind) {
  const row = await findPreferenceRow(deps.db, agentId, kind);
  return row ? { inApp: row.inApp, email: row.email } : DEFAULT_PREFERENCES[kind];
}

export async function getPreferences(deps: Deps, actor: Actor): Promise<{ items: Preference[] }> {
  const agent = requireNotifiedAgent(actor);
  const rows = await listPreferenceRows(deps.db, agent.agentId);
  return {
    items: NOTIFICATION_KINDS.map((kind) => {
      const row = rows.find((r) => r.kind === kind);
      const { inApp, email } = row ?? DEFAULT_PREFERENCES[kind];
      return { kind, label: KIND_LABELS[kind], inApp, email };
    }),
  };
}

export async function setPreference(
  deps: Deps,
  actor: Actor,
  kind: NotificationKind,
  choice: { inApp: boolean; email: boolean },
): Promise<Preference> {
  const agent = requireNotifiedAgent(actor);
  await upsertPreferenceRow(deps.db, { agentId: agent.agentId, kind, inApp: choice.inApp, email: choice.email });
  await recordEvent(deps.db, {
    actor,
    at: deps.clock.now(),
    action: 'notifications.preference-set',
    entityType: 'agent',
    entityId: agent.agentId,
    data: { kind, ...choice },
  });
  return { kind, label: KIND_LABELS[kind], ...choice };
}
