import { type Actor, requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { applyMacro } from '../macros/apply-macro.js';
import { AppError, isAppError } from '../platform/errors.js';
import type { TicketPriority, TicketStatus } from './status-rules.js';
import { type TicketChanges, updateTicket } from './update-ticket.js';

export const BULK_MAX = 100;

export interface BulkChanges {
  status?: TicketStatus;
  priority?: TicketPriority;
  /** agent id or email; null unassigns */
  assignee?: string | null;
  /** team id or name; null clears */
  team?: string | null;
  addTags?: string[];
  removeTags?: string[];
}

export interface BulkInput {
  numbers: number[];
  changes?: BulkChanges;
  /** applied after the changes, its reply or note sent on each ticket */
  macroId?: string;
}

export type BulkResult =
  | { number: number; ok: true }
  | { number: number; ok: false; error: { code: string; message: string } };

/**
 * The same change to many tickets (agents only), one ticket at a time, each through the ticket's own
 * update (and the macro's apply), so the audit trail, SLA clocks, routing and live updates happen as
 * if the agent had made each change by hand. A ticket that is refused or fails is reported and does
 * not stop the others.
 */
export async function bulkUpdateTickets(deps: Deps, actor: Actor, input: BulkInput) {
  requireAgent(actor);
  const numbers = [...new Set(input.numbers)];
  if (numbers.length > BULK_MAX)
    throw new AppError('VALIDATION_FAILED', `At most ${BULK_MAX} tickets at a time; got ${numbers.length}.`);
  const changes = definedChanges(input.changes ?? {});
  if (Object.keys(changes).length === 0 && !input.macroId)
    throw new AppError('VALIDATION_FAILED', 'Say what to change (changes) or which macro to apply (macroId).');

  const items: BulkResult[] = [];
  for (const number of numbers) {
    try {
      if (Object.keys(changes).length > 0) await updateTicket(deps, actor, number, changes);
      if (input.macroId) await applyMacro(deps, actor, number, input.macroId, { send: true });
      items.push({ number, ok: true });
    } catch (err) {
      if (!isAppError(err)) deps.log.error({ err, ticket: number }, 'bulk change failed');
      items.push({
        number,
        ok: false,
        error: isAppError(err)
          ? { code: err.code, message: err.message }
          : { code: 'INTERNAL', message: 'The change failed; the others went on.' },
      });
    }
  }
  return { items, changed: items.filter((i) => i.ok).length, failed: items.filter((i) => !i.ok).length };
}

function definedChanges(changes: BulkChanges): TicketChanges {
  const out: TicketChanges = {};
  if (changes.status !== undefined) out.status = changes.status;
  if (changes.priority !== undefined) out.priority = changes.priority;
  if (changes.assignee !== undefined) out.assignee = changes.assignee;
  if (changes.team !== undefined) out.team = changes.team;
  if (changes.addTags?.length) out.addTags = changes.addTags;
  if (changes.removeTags?.length) out.removeTags = changes.removeTags;
  return out;
}
