import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { findOrganizationById } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { appliesTo, checkDefinition } from './field-rules.js';
import {
  deleteFieldRow,
  deleteValuesNotIn,
  type FieldRow,
  findFieldRow,
  insertFieldRow,
  listFieldRows,
  updateFieldRow,
} from './field-store.js';
import type { FieldType } from './tables.js';

// Admins define the fields; agents read every definition; a contact reads only the fields that are
// not internal and apply to their organization's plan: an internal field does not exist for them.

export interface FieldInput {
  key: string;
  label: string;
  description?: string | null;
  type: FieldType;
  options?: string[];
  required?: boolean;
  customerEditable?: boolean;
  internal?: boolean;
  plans?: string[];
  position?: number;
}

// every ticket opened reads the definitions: a few seconds' copy per desk spares a round trip on the
// desk's busiest write; a change made here is seen at once, one made by another process within TTL
const TTL_MS = 5_000;
const cache = new WeakMap<object, { at: number; rows: FieldRow[] }>();

export async function loadFields(deps: Deps): Promise<FieldRow[]> {
  const hit = cache.get(deps.secret);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.rows;
  const rows = await listFieldRows(deps.db);
  cache.set(deps.secret, { at: Date.now(), rows });
  return rows;
}

function forget(deps: Deps) {
  cache.delete(deps.secret);
}

export function presentField(row: FieldRow, actor: Actor) {
  const base = {
    key: row.key,
    label: row.label,
    description: row.description,
    type: row.type,
    options: row.options,
    required: row.required,
    customerEditable: row.customerEditable,
  };
  if (actor.kind === 'contact') return base;
  return {
    id: row.id,
    ...base,
    internal: row.internal,
    plans: row.plans,
    position: row.position,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The plan of a contact's organization (null without one). */
export async function planOf(deps: Deps, organizationId: string | null): Promise<string | null> {
  if (!organizationId) return null;
  return (await findOrganizationById(deps.db, organizationId))?.plan ?? null;
}

/** The fields an actor may know of: all for agents; for a contact, those of their plan that are not internal. */
export async function listFields(deps: Deps, actor: Actor) {
  const rows = await loadFields(deps);
  if (actor.kind !== 'contact') return rows.map((r) => presentField(r, actor));
  const plan = await planOf(deps, actor.organizationId);
  return rows.filter((r) => !r.internal && appliesTo(r, plan)).map((r) => presentField(r, actor));
}

function normalizeInput(input: FieldInput) {
  return {
    key: input.key,
    label: input.label.trim(),
    description: input.description?.trim() || null,
    type: input.type,
    options: (input.options ?? []).map((o) => o.trim()),
    required: input.required ?? false,
    customerEditable: input.customerEditable ?? false,
    internal: input.internal ?? false,
    plans: [...new Set((input.plans ?? []).map((p) => p.trim()).filter(Boolean))],
    position: input.position ?? 0,
  };
}

export async function createField(deps: Deps, actor: Actor, input: FieldInput) {
  requireAgent(actor, 'admin');
  const values = normalizeInput(input);
  checkDefinition(values);
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const row = await insertFieldRow(tx.db, { ...values, createdAt: now, updatedAt: now });
    if (!row) throw new AppError('ALREADY_EXISTS', `A field with the key "${input.key}" already exists.`);
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'field.created',
      entityType: 'custom-field',
      entityId: row.id,
      data: values,
    });
    forget(tx);
    return presentField(row, actor);
  });
}

/** Changes a definition; its key and type stay (values are stored in the type's form). */
export async function updateField(
  deps: Deps,
  actor: Actor,
  id: string,
  changes: Partial<Omit<FieldInput, 'key' | 'type'>>,
) {
  requireAgent(actor, 'admin');
  return inTransaction(deps, async (tx) => {
    const before = await findFieldRow(tx.db, id);
    if (!before) throw new AppError('FIELD_NOT_FOUND', `No field ${id}.`);
    const merged = normalizeInput({ ...before, ...changes, description: changes.description ?? before.description });
    checkDefinition(merged);
    const now = tx.clock.now();
    const { key: _key, type: _type, ...settable } = merged;
    const row = (await updateFieldRow(tx.db, id, { ...settable, updatedAt: now })) as FieldRow;
    // a removed option takes its values with it: a filter or a form never offers what cannot be chosen
    if (before.type === 'select' || before.type === 'multiselect') await deleteValuesNotIn(tx.db, id, row.options);
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'field.updated',
      entityType: 'custom-field',
      entityId: id,
      data: { key: before.key, changes },
    });
    forget(tx);
    return presentField(row, actor);
  });
}

/** Removes a field and every ticket's value of it. */
export async function deleteField(deps: Deps, actor: Actor, id: string) {
  requireAgent(actor, 'admin');
  await inTransaction(deps, async (tx) => {
    const before = await findFieldRow(tx.db, id);
    if (!before || !(await deleteFieldRow(tx.db, id))) throw new AppError('FIELD_NOT_FOUND', `No field ${id}.`);
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'field.deleted',
      entityType: 'custom-field',
      entityId: id,
      data: { key: before.key, label: before.label },
    });
    forget(tx);
  });
}
