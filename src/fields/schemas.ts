import { Type } from 'typebox';
import { Nullable } from '../platform/http/schemas.js';
import { MAX_TEXT_LENGTH } from './field-rules.js';

/** A field's value: text, a number, an option, options (multiselect), a date; null or empty clears it. */
export const FieldValueSchema = Nullable(
  Type.Union([
    Type.String({ maxLength: MAX_TEXT_LENGTH }),
    Type.Number(),
    Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 }),
  ]),
);

/** Values by field key, as a new ticket takes them. */
export const FieldValuesSchema = Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }), FieldValueSchema, {
  maxProperties: 100,
  description: 'custom field values by key, e.g. {"deployment": "self-managed", "version": "17.2"}',
});

/**
 * Options for a ticket list's query schema: `field.<key>=value` beside its named filters (a select
 * takes several values comma-separated, any of them).
 */
export const fieldFilterParams = {
  patternProperties: {
    '^field\\.[a-z][a-z0-9_]{0,39}$': Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'a custom field value: field.deployment=self-managed (select: several, comma-separated)',
    }),
  },
};
