import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { findAgentById } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { addMessageRecord } from '../tickets/add-message.js';
import { findTicket } from '../tickets/ticket-store.js';
import { whenText } from './call-mail.js';
import { findCall, updateCallRow } from './call-store.js';
import { offerToken, offerUrl } from './offers.js';
import { presentCall } from './present-call.js';

// After the call: "done" with the host's notes (an internal note on the ticket), or "no-show" —
// marked by the host, or by the desk when the customer had not come ten minutes after the start —
// which tells the customer with a link to book again and puts the ticket back to open.

const OFFER_MS = 7 * 86_400_000;

export async function recordOutcome(
  deps: Deps,
  actor: Actor,
  callId: string,
  input: { outcome: 'done' | 'no-show'; notes?: string },
) {
  const agent = requireAgent(actor);
  return inTransaction(deps, async (tx) => {
    const call = await findCall(tx.db, callId, { forUpdate: true });
    if (!call) throw new AppError('CALL_NOT_FOUND', 'No such call.');
    // the host says how their call went (or a lead, or the desk's no-show sweep)
    if (actor.kind === 'agent' && agent.role === 'agent' && agent.agentId !== call.agentId) {
      throw new AppError('FORBIDDEN', 'Only the host or a lead records how a call went.');
    }
    if (call.status !== 'booked') {
      throw new AppError('CALL_NOT_CHANGEABLE', `This call is ${call.status} already.`);
    }
    const now = tx.clock.now();
    if (call.startsAt > now) throw new AppError('CALL_NOT_CHANGEABLE', 'The call has not started yet.');
    const [ticket, host] = await Promise.all([
      findTicket(tx.db, call.ticketId, { kind: 'all' }),
      findAgentById(tx.db, call.agentId),
    ]);
    if (!ticket || !host) throw new AppError('CALL_NOT_FOUND', 'No such call.');
    const notes = input.notes?.trim() ?? '';
    const updated = await updateCallRow(tx.db, call.id, {
      status: input.outcome,
      outcomeAt: now,
      outcomeNotes: notes || null,
      updatedAt: now,
    });
    const when = whenText(call, host.timeZone);
    const hostActor: Actor = { kind: 'agent', role: host.role, agentId: host.id, tokenId: null, name: host.name };
    const by = actor.kind === 'system' ? hostActor : actor;
    if (input.outcome === 'done') {
      await addMessageRecord(
        tx,
        by,
        ticket.id,
        {
          body: `**Call notes** (${when}, with ${host.name})\n\n${notes || '_No notes._'}`,
          internal: true,
          channel: 'call',
          notify: false,
        },
        { trusted: true, keepStatus: true },
      );
    } else if (ticket.status !== 'closed' && call.callTypeId) {
      const link = offerUrl(tx, offerToken(tx, ticket.id, call.callTypeId, new Date(now.getTime() + OFFER_MS)));
      // GitLab Support's no-show rule: a short "sorry we missed you" with the link to book again
      await addMessageRecord(
        tx,
        by,
        ticket.id,
        {
          body: `Sorry we missed you on our call (${whenText(call, call.customerZone ?? 'UTC')}). Book another time that suits you: ${link}`,
          internal: false,
          status: 'open',
        },
        { trusted: true },
      );
    }
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: input.outcome === 'done' ? 'call.done' : 'call.no-show',
      entityType: 'call',
      entityId: call.id,
      ticketId: ticket.id,
      data: { start: call.startsAt.toISOString(), host: host.email, automatic: actor.kind === 'system' },
    });
    return presentCall(tx, updated);
  });
}
