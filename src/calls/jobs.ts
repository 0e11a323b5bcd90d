import { eq } from 'drizzle-orm';
import { SYSTEM } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { queueTicketMail } from '../mail/outbound/queue-ticket-mail.js';
import { notifyAgent } from '../notifications/notify-agent.js';
import { findAgentById } from '../people/index.js';
import { MINUTE_MS } from '../platform/clock.js';
import { defineJob, type Schedule } from '../platform/jobs/define-job.js';
import type { Reseal } from '../platform/secret-key.js';
import { findTicket } from '../tickets/ticket-store.js';
import { type CalendarAccount, putCallEvent, readBusy, removeCallEvent } from './calendars/calendar.js';
import { hostCopyIcs, whenText } from './call-mail.js';
import {
  findCalendar,
  findCall,
  listCalendars,
  listUnattendedCalls,
  markCalendarRefreshed,
  replaceBusy,
  updateCallRow,
} from './call-store.js';
import { isOwnCallUid, joinUrl } from './offers.js';
import { recordOutcome } from './record-outcome.js';
import { type AgentCalendarRow, agentCalendars, type CallRow } from './tables.js';

// The calls module's background work: the host's calendar copy, reminders, no-shows, and reading
// agents' calendars every few minutes. Every handler checks the call as it is now (its status and
// SEQUENCE) so a job made for an earlier version of a call does nothing.

const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** GitLab Support's rule: after ten minutes with nobody there, the call is a no-show */
export const NO_SHOW_MS = 10 * MINUTE_MS;
const REFRESH_MS = 5 * MINUTE_MS;
/** how far ahead busy time is read: the longest horizon a call type may have */
const BUSY_AHEAD_MS = 90 * DAY_MS;

const REMINDERS = [
  { step: '24h', before: DAY_MS },
  { step: '15m', before: 15 * MINUTE_MS },
] as const;

export function accountOf(deps: Deps, row: AgentCalendarRow): CalendarAccount {
  return {
    kind: row.kind,
    url: row.url,
    username: row.username,
    password: row.passwordSealed ? deps.secret.decrypt(row.passwordSealed) : null,
    allowPrivate: deps.config.calendarAllowPrivate,
  };
}

/** Enqueued with every booking, move and cancellation, in its transaction. */
export async function scheduleCallJobs(deps: Deps, call: CallRow, change: 'booked' | 'moved' | 'cancelled') {
  const version = `${call.id}:${call.sequence}`;
  await deps.enqueue(
    deps.db,
    callCalendarJob.name,
    { callId: call.id, sequence: call.sequence },
    { key: `call-calendar:${version}` },
  );
  if (change === 'cancelled') return;
  const now = deps.clock.now().getTime();
  for (const { step, before } of REMINDERS) {
    const at = call.startsAt.getTime() - before;
    // a call booked inside the reminder's lead time gets no such reminder: the invitation just went
    if (at <= now) continue;
    await deps.enqueue(
      deps.db,
      callReminderJob.name,
      { callId: call.id, sequence: call.sequence, step },
      { key: `call-reminder:${version}:${step}`, runAt: new Date(at) },
    );
  }
}

export const callCalendarJob = defineJob<{ callId: string; sequence: number }, Deps>({
  name: 'calls.calendar',
  async handle(deps, payload) {
    const call = await findCall(deps.db, payload.callId);
    if (!call || call.sequence !== payload.sequence) return;
    const calendar = await findCalendar(deps.db, call.agentId);
    if (calendar?.kind !== 'caldav') return;
    const account = accountOf(deps, calendar);
    if (call.status === 'cancelled') {
      if (call.calendarHref) {
        await removeCallEvent(account, { href: call.calendarHref, etag: call.calendarEtag });
        await updateCallRow(deps.db, call.id, { calendarHref: null, calendarEtag: null });
      }
      return;
    }
    const [ticket, host] = await Promise.all([
      findTicket(deps.db, call.ticketId, { kind: 'all' }),
      findAgentById(deps.db, call.agentId),
    ]);
    if (!ticket || !host) return;
    const ref = await putCallEvent(
      account,
      { uid: call.icalUid, ics: hostCopyIcs(deps, call, ticket, host) },
      call.calendarHref ? { href: call.calendarHref, etag: call.calendarEtag } : null,
    );
    if (ref) await updateCallRow(deps.db, call.id, { calendarHref: ref.href, calendarEtag: ref.etag });
  },
});

export const callReminderJob = defineJob<{ callId: string; sequence: number; step: '24h' | '15m' }, Deps>({
  name: 'calls.reminder',
  async handle(deps, payload) {
    const call = await findCall(deps.db, payload.callId);
    if (call?.status !== 'booked' || call.sequence !== payload.sequence) return;
    if (call.reminded.includes(payload.step)) return;
    const [ticket, host] = await Promise.all([
      findTicket(deps.db, call.ticketId, { kind: 'all' }),
      findAgentById(deps.db, call.agentId),
    ]);
    if (!ticket || !host) return;
    await inTransaction(deps, async (tx) => {
      const when = whenText(call, call.customerZone ?? 'UTC');
      const link = call.videoUrl ? joinUrl(deps, call.id, 'customer') : null;
      for (const to of [call.customerEmail, ...call.attendees]) {
        await queueTicketMail(tx, {
          ticket,
          purpose: `call-reminder-${payload.step}`,
          to: [to],
          subject: `Reminder: support call ${when} [#${ticket.id}]`,
          text: [
            `Your call with ${host.name} is ${payload.step === '24h' ? 'tomorrow' : 'in 15 minutes'}: ${when}.`,
            ...(link ? ['', `Join the call: ${link}`] : []),
            '',
            `Your ticket: ${deps.config.publicUrl}/portal/tickets/${ticket.id}`,
          ].join('\n'),
          automatic: 'auto-generated',
        });
      }
      if (payload.step === '15m') {
        await notifyAgent(tx, {
          agentId: host.id,
          kind: 'call',
          ticket,
          title: `Call in 15 minutes with ${call.customerEmail}`,
          excerpt: `${whenText(call, host.timeZone)}${call.videoUrl ? ` · ${call.videoUrl}` : ''}`,
        });
      }
      await updateCallRow(tx.db, call.id, { reminded: [...call.reminded, payload.step] });
    });
  },
});

/** Calls where the customer has not come ten minutes after the start, with no outcome: no-shows. */
export const callsSweepJob = defineJob<Record<string, never>, Deps>({
  name: 'calls.sweep',
  async handle(deps) {
    const due = await listUnattendedCalls(deps.db, deps.clock.now(), NO_SHOW_MS, 100);
    for (const { id } of due) {
      await recordOutcome(deps, SYSTEM, id, { outcome: 'no-show' }).catch((err) =>
        deps.log.warn({ err, call: id }, 'could not mark a no-show'),
      );
    }
    // agents' calendars older than the refresh period are read again, one job each
    const now = deps.clock.now().getTime();
    for (const calendar of await listCalendars(deps.db)) {
      if (calendar.refreshedAt && now - calendar.refreshedAt.getTime() < REFRESH_MS) continue;
      await deps.enqueue(
        deps.db,
        calendarRefreshJob.name,
        { agentId: calendar.agentId },
        {
          key: `calendar-refresh:${calendar.agentId}:${Math.floor(now / REFRESH_MS)}`,
        },
      );
    }
  },
});

/** Reads one agent's busy time (errors are kept on the calendar for the agent to see, not retried). */
export async function refreshCalendar(deps: Deps, agentId: string): Promise<string | null> {
  const calendar = await findCalendar(deps.db, agentId);
  if (!calendar) return null;
  const host = await findAgentById(deps.db, agentId);
  const now = deps.clock.now();
  try {
    const busy = await readBusy(
      accountOf(deps, calendar),
      new Date(now.getTime() - DAY_MS),
      new Date(now.getTime() + BUSY_AHEAD_MS),
      {
        fallbackZone: host?.timeZone ?? 'UTC',
        // our own copies of calls are held by the calls themselves (and a moved call must not block itself)
        ignoreUid: (uid) => isOwnCallUid(deps, uid),
      },
    );
    await inTransaction(deps, async (tx) => {
      await replaceBusy(tx.db, agentId, busy);
      await markCalendarRefreshed(tx.db, agentId, now, null);
    });
    return null;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await markCalendarRefreshed(deps.db, agentId, now, message.slice(0, 500));
    return message;
  }
}

export const calendarRefreshJob = defineJob<{ agentId: string }, Deps>({
  name: 'calls.calendar-refresh',
  priority: 7,
  async handle(deps, payload) {
    await refreshCalendar(deps, payload.agentId);
  },
});

export const resealCalendarPasswords: Reseal = async (db, secret) => {
  const rows = await db
    .select({ agentId: agentCalendars.agentId, sealed: agentCalendars.passwordSealed })
    .from(agentCalendars);
  let count = 0;
  for (const row of rows) {
    if (!row.sealed || !secret.isStale(row.sealed)) continue;
    const passwordSealed = secret.encrypt(secret.decrypt(row.sealed));
    await db.update(agentCalendars).set({ passwordSealed }).where(eq(agentCalendars.agentId, row.agentId));
    count++;
  }
  return count;
};

export const callJobs = [callCalendarJob, callReminderJob, callsSweepJob, calendarRefreshJob];
export const callSchedules: Schedule[] = [{ name: 'calls.sweep', everyMs: MINUTE_MS, job: 'calls.sweep' }];
