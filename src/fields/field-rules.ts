import { AppError } from '../platform/errors.js';
import type { FieldType } from './tables.js';

// What a custom field accepts, pure: definitions checked, values turned into their stored text form
// (a number as JS prints it, a date as YYYY-MM-DD, one entry per option of a multi-select) and back.

export interface FieldDefinition {
  key: string;
  label: string;
  type: FieldType;
  options: string[];
  required: boolean;
  customerEditable: boolean;
  internal: boolean;
  plans: string[];
}

export type FieldValue = string | number | string[] | null;

export const MAX_TEXT_LENGTH = 500;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A field applies to every ticket, or to tickets of organizations on one of its plans. */
export function appliesTo(field: Pick<FieldDefinition, 'plans'>, plan: string | null): boolean {
  return field.plans.length === 0 || (plan !== null && field.plans.includes(plan));
}

export function checkDefinition(field: FieldDefinition): void {
  const choice = field.type === 'select' || field.type === 'multiselect';
  if (choice && field.options.length === 0)
    throw new AppError('VALIDATION_FAILED', `${field.label}: a ${field.type} field needs at least one option.`);
  if (!choice && field.options.length > 0)
    throw new AppError('VALIDATION_FAILED', `${field.label}: only select fields have options.`);
  if (new Set(field.options).size !== field.options.length)
    throw new AppError('VALIDATION_FAILED', `${field.label}: the options must differ from each other.`);
  // a filter takes several values comma-separated (field.deployment=saas,dedicated)
  if (field.options.some((o) => o.includes(',') || o.trim() !== o || o === ''))
    throw new AppError('VALIDATION_FAILED', `${field.label}: options cannot hold commas or start or end with spaces.`);
  if (field.internal && field.customerEditable)
    throw new AppError('VALIDATION_FAILED', `${field.label}: an internal field cannot be customer-editable.`);
}

function isEmpty(raw: unknown): boolean {
  return raw === null || raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0);
}

/** The stored form of a value: no entries when empty. Throws a message naming the field when it does not fit. */
export function normalizeValue(field: FieldDefinition, raw: unknown): string[] {
  if (isEmpty(raw)) return [];
  const bad = (why: string) => new AppError('VALIDATION_FAILED', `${field.label}: ${why}`, { field: field.key });
  switch (field.type) {
    case 'text': {
      if (typeof raw !== 'string') throw bad('expected text.');
      const text = raw.trim();
      if (text.length > MAX_TEXT_LENGTH) throw bad(`at most ${MAX_TEXT_LENGTH} characters.`);
      return text ? [text] : [];
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n)) throw bad('expected a number.');
      return [String(n)];
    }
    case 'date': {
      const m = typeof raw === 'string' ? DATE.exec(raw.trim()) : null;
      const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
      // 2024-02-30 parses as March 1st: a date that does not come back the same does not exist
      if (!m || !d || d.toISOString().slice(0, 10) !== m[0]) throw bad('expected a date as YYYY-MM-DD.');
      return [m[0]];
    }
    case 'select': {
      if (typeof raw !== 'string' || !field.options.includes(raw))
        throw bad(`choose one of ${field.options.join(', ')}.`);
      return [raw];
    }
    case 'multiselect': {
      const items = Array.isArray(raw) ? raw : [raw];
      const wrong = items.filter((i) => typeof i !== 'string' || !field.options.includes(i));
      if (wrong.length > 0) throw bad(`choose from ${field.options.join(', ')}.`);
      return [...new Set(items as string[])];
    }
  }
}

/** A stored value as the API shows it. */
export function presentValue(field: Pick<FieldDefinition, 'type'>, stored: string[]): FieldValue {
  if (field.type === 'multiselect') return [...stored].sort();
  const first = stored[0];
  if (first === undefined) return null;
  return field.type === 'number' ? Number(first) : first;
}

/** The required fields among these that have no value. */
export function missingRequired<F extends FieldDefinition>(fields: F[], values: Map<string, string[]>): F[] {
  return fields.filter((f) => f.required && (values.get(f.key)?.length ?? 0) === 0);
}
