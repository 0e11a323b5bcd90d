import type { CustomField, FieldValue } from './api.js';

// One input for a custom ticket field, whatever its type: the portal's new ticket form, the agent's
// fields panel and any form that opens a ticket use the same, so a field reads the same everywhere.

/** What an input holds while it is edited: text for text, number and date; options for a multi-select. */
export type FieldDraft = string | string[];

export function draftOf(field: CustomField, value: FieldValue | undefined): FieldDraft {
  if (field.type === 'multiselect') return Array.isArray(value) ? value : [];
  return value === null || value === undefined ? '' : String(value);
}

/** A draft as the API takes it: empty is null. */
export function apiValueOf(draft: FieldDraft): FieldValue {
  if (Array.isArray(draft)) return draft;
  return draft.trim() === '' ? null : draft.trim();
}

export const isBlank = (draft: FieldDraft | undefined) =>
  draft === undefined || (Array.isArray(draft) ? draft.length === 0 : draft.trim() === '');

export function FieldInput(props: {
  field: CustomField;
  value: FieldDraft;
  onChange: (value: FieldDraft) => void;
  /** shown under the input, and read out with it */
  error?: string | undefined;
  idPrefix: string;
}) {
  const { field, value, onChange, error } = props;
  const id = `${props.idPrefix}-${field.key}`;
  const describedBy = [field.description ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const aria = {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    'aria-required': field.required || undefined,
  } as const;
  const label = (
    <>
      {field.label}
      {field.required && <span className="required-mark"> (required)</span>}
    </>
  );
  const help = field.description && (
    <span id={`${id}-help`} className="field-help">
      {field.description}
    </span>
  );
  const errorText = error && (
    <span id={`${id}-error`} className="error field-error">
      {error}
    </span>
  );

  if (field.type === 'multiselect') {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset className="field-choices" {...aria}>
        <legend>{label}</legend>
        {help}
        {field.options.map((option) => (
          <label key={option} className="choice">
            <input
              type="checkbox"
              checked={chosen.includes(option)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, option] : chosen.filter((o) => o !== option))}
            />{' '}
            {option}
          </label>
        ))}
        {errorText}
      </fieldset>
    );
  }
  const text = typeof value === 'string' ? value : '';
  return (
    <div className="custom-field">
      <label htmlFor={id}>{label}</label>
      {help}
      {field.type === 'select' ? (
        <select id={id} value={text} onChange={(e) => onChange(e.target.value)} {...aria}>
          <option value="">Choose…</option>
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'}
          step={field.type === 'number' ? 'any' : undefined}
          maxLength={field.type === 'text' ? 500 : undefined}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          {...aria}
        />
      )}
      {errorText}
    </div>
  );
}

/** A value as text for reading (not editing). */
export function showValue(value: FieldValue): string {
  if (value === null) return '—';
  return Array.isArray(value) ? (value.length > 0 ? value.join(', ') : '—') : String(value);
}
