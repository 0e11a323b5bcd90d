import { recordEvent } from '../audit/index.js';
import type { Actor } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { notifyAgent } from '../notifications/notify-agent.js';
import { assertTimeZone, findAgentById } from '../people/index.js';
import { isExclusionViolation } from '../platform/db.js';
import { AppError } from '../platform/errors.js';
import { findTicket, type TicketRow } from '../tickets/ticket-store.js';
import { visibilityOf } from '../tickets/visibility.js';
import { noteCallOnTicket, presentSlots } from './book-call.js';
import { mailInvitation, whenText } from './call-mail.js';
import { findCall, findCallType, updateCallRow } from './call-store.js';
import { findSlots } from './find-slots.js';
import { scheduleCallJobs } from './jobs.js';
import { presentCall } from './present-call.js';
import type { CallRow } from './tables.js';

// Moving and cancelling a booked call: by an agent or by a customer who may see its ticket. A move
// keeps the host (a customer moving a round-robin call must not land on someone else) and the
// iCalendar UID, bumping SEQUENCE so calendars replace the event rather than add one.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

async function callFor(deps: Deps, actor: Actor, callId: string): Promise<{ call: CallRow; ticket: TicketRow }> {
  const call = await findCall(deps.db, callId, { forUpdate: true });
  const ticket = call ? await findTicket(deps.db, call.ticketId, visibilityOf(actor)) : undefined;
  if (!call || !ticket) throw new AppError('CALL_NOT_FOUND', 'No such call.');
  if (call.status !== 'booked') throw new AppError('CALL_NOT_CHANGEABLE', `This call is ${call.status}.`);
  if (call.startsAt <= deps.clock.now()) {
    throw new AppError('CALL_NOT_CHANGEABLE', 'This call has started; record how it went instead.');
  }
  return { call, ticket };
}

export async function rescheduleCall(
  deps: Deps,
  actor: Actor,
  callId: string,
  input: { start: string; zone?: string },
) {
  const start = Date.parse(input.start);
  if (Number.isNaN(start)) throw new AppError('VALIDATION_FAILED', 'start must be an ISO 8601 instant.');
  if (input.zone) assertTimeZone(input.zone);
  try {
    return await inTransaction(deps, async (tx) => {
      const { call, ticket } = await callFor(tx, actor, callId);
      if (!call.callTypeId) throw new AppError('CALL_NOT_CHANGEABLE', 'An emergency call cannot be moved.');
      const type = await findCallType(tx.db, call.callTypeId);
      if (!type) throw new AppError('CALL_TYPE_NOT_FOUND', 'No such call type.');
      const end = start + type.durationMinutes * MINUTE_MS;
      const [slot] = await findSlots(
        tx,
        type,
        ticket,
        { from: new Date(start), to: new Date(end) },
        { ignoreNotice: actor.kind === 'agent', onlyAgentId: call.agentId, excludeCallId: call.id, limit: 1 },
      );
      if (!slot || slot.start !== start) {
        const next = await findSlots(
          tx,
          type,
          ticket,
          { from: new Date(start), to: new Date(start + type.horizonDays * DAY_MS) },
          { ignoreNotice: actor.kind === 'agent', onlyAgentId: call.agentId, excludeCallId: call.id, limit: 5 },
        );
        throw new AppError('SLOT_TAKEN', 'That time is not free. Pick another.', { nextSlots: presentSlots(next) });
      }
      const now = tx.clock.now();
      const moved = await updateCallRow(tx.db, call.id, {
        startsAt: new Date(start),
        endsAt: new Date(end),
        holdFrom: new Date(start - type.bufferBeforeMinutes * MINUTE_MS),
        holdUntil: new Date(end + type.bufferAfterMinutes * MINUTE_MS),
        sequence: call.sequence + 1,
        reminded: [],
        ...(input.zone ? { customerZone: input.zone } : {}),
        updatedAt: now,
      });
      const host = await findAgentById(tx.db, call.agentId);
      await recordEvent(tx.db, {
        actor,
        at: now,
        action: 'call.moved',
        entityType: 'call',
        entityId: call.id,
        ticketId: ticket.id,
        data: { from: call.startsAt.toISOString(), to: moved.startsAt.toISOString() },
      });
      await noteCallOnTicket(
        tx,
        moved,
        ticket,
        `Call moved by ${actor.kind === 'system' ? 'the desk' : actor.name}: now ${whenText(moved, moved.customerZone ?? host?.timeZone ?? 'UTC')}.`,
        false,
      );
      if (host) await mailInvitation(tx, moved, ticket, host, 'moved');
      await scheduleCallJobs(tx, moved, 'moved');
      return presentCall(tx, moved, { forCustomer: actor.kind === 'contact' });
    });
  } catch (err) {
    if (!isExclusionViolation(err)) throw err;
    throw new AppError('SLOT_TAKEN', 'Someone else just booked that time. Pick another.', { nextSlots: [] });
  }
}

export async function cancelCall(deps: Deps, actor: Actor, callId: string, input: { reason?: string } = {}) {
  return inTransaction(deps, async (tx) => {
    const { call, ticket } = await callFor(tx, actor, callId);
    const now = tx.clock.now();
    const cancelled = await updateCallRow(tx.db, call.id, {
      status: 'cancelled',
      sequence: call.sequence + 1,
      updatedAt: now,
    });
    const host = await findAgentById(tx.db, call.agentId);
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'call.cancelled',
      entityType: 'call',
      entityId: call.id,
      ticketId: ticket.id,
      data: { start: call.startsAt.toISOString(), ...(input.reason ? { reason: input.reason } : {}) },
    });
    await noteCallOnTicket(
      tx,
      cancelled,
      ticket,
      `Call of ${whenText(call, call.customerZone ?? host?.timeZone ?? 'UTC')} cancelled by ${actor.kind === 'system' ? 'the desk' : actor.name}${input.reason ? `: ${input.reason}` : '.'}`,
      false,
    );
    if (host) await mailInvitation(tx, cancelled, ticket, host, 'cancelled', input.reason);
    await scheduleCallJobs(tx, cancelled, 'cancelled');
    if (host && actor.kind === 'contact') {
      await notifyAgent(tx, {
        agentId: host.id,
        kind: 'call',
        ticket,
        actorName: actor.name,
        title: `${actor.name} cancelled a call`,
      });
    }
    return presentCall(tx, cancelled, { forCustomer: actor.kind === 'contact' });
  });
}
