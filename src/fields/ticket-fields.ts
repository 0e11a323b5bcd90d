import { recordEvent } from '../audit/index.js';
import type { Actor } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { notifyLive } from '../live/publish.js';
import { AppError } from '../platform/errors.js';
import { findTicket, type TicketRow, updateTicketRow } from '../tickets/ticket-store.js';
import { ticketAudience, visibilityOf } from '../tickets/visibility.js';
import { loadFields, planOf } from './define-field.js';
import { appliesTo, type FieldValue, missingRequired, normalizeValue, presentValue } from './field-rules.js';
import { type FieldRow, listTicketFieldValueRows, replaceTicketFieldValues } from './field-store.js';

// A ticket's custom field values: set when it is opened (the portal, the API, an agent) and by
// agents afterwards. Required fields are enforced where someone fills in a form; mail cannot be
// refused, so a ticket that came by mail opens without them and its agents see them marked missing.

const unknownField = (key: string) => new AppError('VALIDATION_FAILED', `There is no field "${key}".`, { field: key });

function requiredError(missing: FieldRow[]) {
  const names = missing.map((f) => f.label);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return new AppError('FIELD_REQUIRED', `${list} ${names.length === 1 ? 'is' : 'are'} required.`, {
    fields: missing.map((f) => f.key),
  });
}

/** Stored values of a new ticket's fields, by field id: checked before the ticket is written. */
export type NewTicketFields = Map<string, string[]>;

/**
 * Checks the fields given with a new ticket. A contact may fill in only customer-editable fields of
 * their plan (an internal one is "no such field", as for a key that does not exist), and must fill
 * in the required ones among them; an agent must fill in every required field of the plan.
 */
export async function prepareNewTicketFields(
  deps: Deps,
  input: { actor: Actor; plan: string | null; values: Record<string, unknown> | undefined; enforceRequired: boolean },
): Promise<NewTicketFields> {
  const given = Object.entries(input.values ?? {});
  const all = await loadFields(deps);
  if (all.length === 0) {
    if (given.length > 0) throw unknownField(given[0]?.[0] as string);
    return new Map();
  }
  const contact = input.actor.kind === 'contact';
  const known = all.filter((f) => appliesTo(f, input.plan) && !(contact && f.internal));
  const fillable = contact ? known.filter((f) => f.customerEditable) : known;
  const byKey = new Map<string, string[]>();
  const result: NewTicketFields = new Map();
  for (const [key, raw] of given) {
    const field = known.find((f) => f.key === key);
    if (!field) throw unknownField(key);
    if (!fillable.includes(field))
      throw new AppError('FIELD_NOT_ALLOWED', `${field.label} is filled in by the support team.`, { field: key });
    const stored = normalizeValue(field, raw);
    byKey.set(key, stored);
    if (stored.length > 0) result.set(field.id, stored);
  }
  if (input.enforceRequired) {
    const missing = missingRequired(fillable, byKey);
    if (missing.length > 0) throw requiredError(missing);
  }
  return result;
}

export async function storeNewTicketFields(deps: Deps, ticketId: number, fields: NewTicketFields): Promise<void> {
  if (fields.size > 0) await replaceTicketFieldValues(deps.db, ticketId, fields);
}

async function fieldsOfTicket(deps: Deps, actor: Actor, ticket: TicketRow) {
  const [all, plan, rows] = await Promise.all([
    loadFields(deps),
    planOf(deps, ticket.organizationId),
    listTicketFieldValueRows(deps.db, [ticket.id]),
  ]);
  const stored = new Map<string, string[]>();
  for (const r of rows) stored.set(r.fieldId, [...(stored.get(r.fieldId) ?? []), r.value]);
  // a field that no longer applies (the plan changed) still shows the value it holds
  const shown = all.filter(
    (f) => (appliesTo(f, plan) || stored.has(f.id)) && !(actor.kind === 'contact' && f.internal),
  );
  return { shown, stored, plan };
}

function presentTicketFields(actor: Actor, shown: FieldRow[], stored: Map<string, string[]>) {
  return shown.map((f) => {
    const values = stored.get(f.id) ?? [];
    return {
      key: f.key,
      label: f.label,
      description: f.description,
      type: f.type,
      options: f.options,
      required: f.required,
      customerEditable: f.customerEditable,
      ...(actor.kind === 'contact' ? {} : { internal: f.internal }),
      value: presentValue(f, values),
      missing: f.required && values.length === 0,
    };
  });
}

/** A ticket's fields with their values, as far as the actor may see them. */
export async function getTicketFields(deps: Deps, actor: Actor, number: number) {
  const ticket = await findTicket(deps.db, number, visibilityOf(actor));
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
  const { shown, stored } = await fieldsOfTicket(deps, actor, ticket);
  return { items: presentTicketFields(actor, shown, stored) };
}

/** Agents set a ticket's field values; a key given null or empty clears it (unless required). */
export async function setTicketFields(deps: Deps, actor: Actor, number: number, values: Record<string, unknown>) {
  if (actor.kind === 'contact')
    throw new AppError('FIELD_NOT_ALLOWED', 'Customers cannot change fields after opening a ticket.');
  return inTransaction(deps, async (tx) => {
    const ticket = await findTicket(tx.db, number, { kind: 'all' }, { forUpdate: true });
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
    if (ticket.status === 'closed')
      throw new AppError('TICKET_CLOSED', `Ticket #${number} is closed; its fields stay as they are.`);
    const { shown, stored } = await fieldsOfTicket(tx, actor, ticket);
    const changes = new Map<string, string[]>();
    const diff: Record<string, { from: FieldValue; to: FieldValue }> = {};
    let visible = false;
    for (const [key, raw] of Object.entries(values)) {
      const field = shown.find((f) => f.key === key);
      if (!field) throw unknownField(key);
      const next = normalizeValue(field, raw);
      if (field.required && next.length === 0) throw requiredError([field]);
      const before = stored.get(field.id) ?? [];
      if ([...before].sort().join('\n') === [...next].sort().join('\n')) continue;
      changes.set(field.id, next);
      diff[key] = { from: presentValue(field, before), to: presentValue(field, next) };
      if (!field.internal) visible = true;
      stored.set(field.id, next);
    }
    if (changes.size > 0) {
      const now = tx.clock.now();
      await replaceTicketFieldValues(tx.db, ticket.id, changes);
      // the customer's "last update" moves only when they can see the field
      await updateTicketRow(tx.db, ticket.id, { updatedAt: now, ...(visible ? { customerUpdatedAt: now } : {}) });
      await recordEvent(tx.db, {
        actor,
        at: now,
        action: 'ticket.fields-changed',
        entityType: 'ticket',
        entityId: ticket.id,
        ticketId: ticket.id,
        data: { changes: diff },
      });
      // open pages refresh; a change to internal fields only is news to agents only
      await notifyLive(tx, {
        kind: 'ticket',
        desk: tx.secret.instanceId,
        ticket: ticket.id,
        change: 'updated',
        ...(await ticketAudience(tx, ticket)),
        internal: !visible,
      });
    }
    return { items: presentTicketFields(actor, shown, stored) };
  });
}
