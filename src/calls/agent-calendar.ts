import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { resolveAgent } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { CalendarError, checkCalendar } from './calendars/calendar.js';
import { deleteCalendar, findCalendar, findRoom, saveCalendar, saveRoom } from './call-store.js';
import { refreshCalendar } from './jobs.js';

// An agent's own calendar (CalDAV, or a published ICS feed) and personal video room: set by the
// agent themself or a lead. The password is sealed with the desk key and never shown again.

const me = (actor: Actor, agentId: string) => actor.kind === 'agent' && actor.agentId === agentId;

async function agentFor(deps: Deps, actor: Actor, ref: string) {
  const me = requireAgent(actor);
  const agent = await resolveAgent(deps, ref === 'me' && me.agentId ? me.agentId : ref);
  if (me.agentId !== agent.id && me.role === 'agent') {
    throw new AppError('FORBIDDEN', 'Only the agent or a lead sets their calendar.');
  }
  return agent;
}

function httpUrl(raw: string, what: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('VALIDATION_FAILED', `${what} must be a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('VALIDATION_FAILED', `${what} must be an http(s) URL.`);
  }
  return url.toString();
}

export async function getAgentCalendar(deps: Deps, actor: Actor, ref: string) {
  const agent = await agentFor(deps, actor, ref);
  const [calendar, room] = await Promise.all([findCalendar(deps.db, agent.id), findRoom(deps.db, agent.id)]);
  return {
    calendar: calendar
      ? {
          kind: calendar.kind,
          // a feed's path is often its password: others see only where it is
          url: me(actor, agent.id) ? calendar.url : new URL(calendar.url).origin,
          username: calendar.username,
          hasPassword: calendar.passwordSealed !== null,
          refreshedAt: calendar.refreshedAt?.toISOString() ?? null,
          lastError: calendar.lastError,
        }
      : null,
    roomUrl: room?.url ?? null,
  };
}

export interface CalendarInput {
  kind: 'caldav' | 'ics';
  url: string;
  username?: string | null;
  password?: string | null;
}

export async function setAgentCalendar(deps: Deps, actor: Actor, ref: string, input: CalendarInput) {
  const agent = await agentFor(deps, actor, ref);
  const url = httpUrl(input.url, 'url');
  const before = await findCalendar(deps.db, agent.id);
  // a password left out keeps the one stored for the same address
  const password =
    input.password ??
    (before?.passwordSealed && before.url === url && input.password === undefined
      ? deps.secret.decrypt(before.passwordSealed)
      : null);
  const account = {
    kind: input.kind,
    url,
    username: input.username ?? null,
    password,
    allowPrivate: deps.config.calendarAllowPrivate,
  };
  try {
    await checkCalendar(account);
  } catch (err) {
    if (err instanceof CalendarError) throw new AppError('CALENDAR_UNREACHABLE', err.message);
    throw err;
  }
  await inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    await saveCalendar(tx.db, {
      agentId: agent.id,
      kind: input.kind,
      url,
      username: account.username,
      passwordSealed: password ? tx.secret.encrypt(password) : null,
      updatedAt: now,
    });
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'calendar.set',
      entityType: 'agent',
      entityId: agent.id,
      data: { kind: input.kind, host: new URL(url).host },
    });
  });
  await refreshCalendar(deps, agent.id);
  return getAgentCalendar(deps, actor, agent.id);
}

/** Reads the calendar now (the agent just added a meeting), not at the next sweep. */
export async function refreshAgentCalendar(deps: Deps, actor: Actor, ref: string) {
  const agent = await agentFor(deps, actor, ref);
  if (!(await findCalendar(deps.db, agent.id))) throw new AppError('NOT_FOUND', 'No calendar is set.');
  await refreshCalendar(deps, agent.id);
  return getAgentCalendar(deps, actor, agent.id);
}

export async function removeAgentCalendar(deps: Deps, actor: Actor, ref: string) {
  const agent = await agentFor(deps, actor, ref);
  await deleteCalendar(deps.db, agent.id);
  return getAgentCalendar(deps, actor, agent.id);
}

export async function setAgentRoom(deps: Deps, actor: Actor, ref: string, input: { url: string | null }) {
  const agent = await agentFor(deps, actor, ref);
  await saveRoom(deps.db, agent.id, input.url === null ? null : httpUrl(input.url, 'url'), deps.clock.now());
  return getAgentCalendar(deps, actor, agent.id);
}
