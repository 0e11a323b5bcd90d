import { type Actor, requireAgent } from '../../auth/actor.js';
import { type Deps, inTransaction } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import { findTicketParticipants } from '../../tickets/participants.js';
import { requeueInboundMail } from '../mail-store.js';
import { INBOUND_MAX_ATTEMPTS } from './process-inbound.js';

/**
 * Processes a quarantined, rejected or ignored message again (admin). With `acceptOnto`, an admin
 * vouches for a reply the desk would not thread by itself (its sender is not a participant): it
 * joins that ticket and its sender becomes a CC.
 */
export async function retryInboundMail(deps: Deps, actor: Actor, id: number, options: { acceptOnto?: number } = {}) {
  requireAgent(actor, 'admin');
  return inTransaction(deps, async (tx) => {
    if (options.acceptOnto !== undefined && !(await findTicketParticipants(tx, options.acceptOnto))) {
      throw new AppError('TICKET_NOT_FOUND', `No ticket #${options.acceptOnto}.`);
    }
    if (!(await requeueInboundMail(tx.db, id))) {
      throw new AppError('NOT_FOUND', `No quarantined, rejected or ignored inbound mail ${id}.`);
    }
    await tx.enqueue(
      tx.db,
      'mail.process-inbound',
      { inboundMailId: id, ...(options.acceptOnto !== undefined ? { acceptOnto: options.acceptOnto } : {}) },
      { maxAttempts: INBOUND_MAX_ATTEMPTS },
    );
  });
}
