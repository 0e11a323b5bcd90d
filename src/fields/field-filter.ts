import type { SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { loadFields } from './define-field.js';
import { normalizeValue } from './field-rules.js';
import { ticketHasFieldValue } from './field-store.js';

export const FIELD_FILTER_PREFIX = 'field.';

/**
 * `field.<key>=value` filters of a ticket list as conditions on the ticket's id. A select or
 * multi-select takes several values comma-separated (any of them). A contact filters only by the
 * fields they may see: an internal one is answered like a key that does not exist.
 */
export async function fieldFilterConditions(deps: Deps, actor: Actor, query: object, ticketId: SQL): Promise<SQL[]> {
  const wanted = Object.entries(query as Record<string, unknown>).filter(
    (entry): entry is [string, string] => entry[0].startsWith(FIELD_FILTER_PREFIX) && typeof entry[1] === 'string',
  );
  if (wanted.length === 0) return [];
  const fields = await loadFields(deps);
  return wanted.map(([param, raw]) => {
    const key = param.slice(FIELD_FILTER_PREFIX.length);
    const field = fields.find((f) => f.key === key && !(actor.kind === 'contact' && f.internal));
    if (!field) throw new AppError('VALIDATION_FAILED', `There is no field "${key}" to filter by.`, { field: key });
    const choice = field.type === 'select' || field.type === 'multiselect';
    const parts = choice ? raw.split(',').map((s) => s.trim()) : [raw];
    const values = parts.flatMap((part) => normalizeValue({ ...field, type: choice ? 'select' : field.type }, part));
    if (values.length === 0) throw new AppError('VALIDATION_FAILED', `${param}: give a value to filter by.`);
    return ticketHasFieldValue(ticketId, field.id, values);
  });
}
