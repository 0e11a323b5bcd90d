import { describe, expect, it } from 'vitest';
import { appliesTo, checkDefinition, type FieldDefinition, normalizeValue, presentValue } from './field-rules.js';

const field = (type: FieldDefinition['type'], options: string[] = []): FieldDefinition => ({
  key: 'f',
  label: 'F',
  type,
  options,
  required: false,
  customerEditable: false,
  internal: false,
  plans: [],
});

describe('custom field values', () => {
  it.each([
    ['number', '12.50', ['12.5']],
    ['number', 3, ['3']],
    ['number', '', []],
    ['date', '2024-02-29', ['2024-02-29']],
    ['text', '  17.2  ', ['17.2']],
    ['text', '   ', []],
  ] as const)('%s %j is stored as %j', (type, raw, stored) => {
    expect(normalizeValue(field(type), raw)).toEqual(stored);
  });

  it.each([
    ['number', 'many', 'F: expected a number.'],
    ['number', 'Infinity', 'F: expected a number.'],
    // 2023 is no leap year: February 29th would silently become March 1st
    ['date', '2023-02-29', 'F: expected a date as YYYY-MM-DD.'],
    ['date', '01/02/2024', 'F: expected a date as YYYY-MM-DD.'],
    ['text', 42, 'F: expected text.'],
  ] as const)('%s %j is refused', (type, raw, message) => {
    expect(() => normalizeValue(field(type), raw)).toThrow(message);
  });

  it('a select takes one of its options, a multi-select several (once each)', () => {
    expect(normalizeValue(field('select', ['a', 'b']), 'b')).toEqual(['b']);
    expect(() => normalizeValue(field('select', ['a', 'b']), 'c')).toThrow('F: choose one of a, b.');
    expect(normalizeValue(field('multiselect', ['a', 'b']), ['b', 'a', 'b'])).toEqual(['b', 'a']);
    expect(() => normalizeValue(field('multiselect', ['a']), ['a', 'z'])).toThrow('F: choose from a.');
    expect(presentValue(field('multiselect'), ['b', 'a'])).toEqual(['a', 'b']);
    expect(presentValue(field('number'), ['12.5'])).toBe(12.5);
    expect(presentValue(field('select'), [])).toBeNull();
  });

  it('a definition makes sense: options for selects only, no commas, not internal and customer-editable', () => {
    expect(() => checkDefinition(field('text', ['x']))).toThrow(/only select fields have options/);
    expect(() => checkDefinition(field('select', ['a,b']))).toThrow(/commas/);
    expect(() => checkDefinition({ ...field('text'), internal: true, customerEditable: true })).toThrow(/internal/);
    expect(() => checkDefinition(field('select', ['a', 'b']))).not.toThrow();
  });

  it('applies to every plan when it names none', () => {
    expect(appliesTo({ plans: [] }, null)).toBe(true);
    expect(appliesTo({ plans: ['enterprise'] }, 'enterprise')).toBe(true);
    expect(appliesTo({ plans: ['enterprise'] }, 'standard')).toBe(false);
    expect(appliesTo({ plans: ['enterprise'] }, null)).toBe(false);
  });
});
