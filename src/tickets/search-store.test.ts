import { describe, expect, it } from 'vitest';
import { compareTimestampText } from './search-store.js';

// The search pages direct hits by (updated, id), merged in JS from PostgreSQL's text of the timestamps.
describe('ordering timestamps as PostgreSQL writes them', () => {
  it('a time on the second comes before the same second with a fraction, as localeCompare would not', () => {
    const onTheSecond = '2026-12-06 17:20:01+00';
    const later = '2026-12-06 17:20:01.5+00';
    expect(onTheSecond.localeCompare(later)).toBe(1); // the bug: a page cut there repeated a ticket
    expect(compareTimestampText(onTheSecond, later)).toBe(-1);
    expect(compareTimestampText('2026-12-06 17:20:01.12+00', '2026-12-06 17:20:01.123456+00')).toBe(-1);
    expect(compareTimestampText('2026-12-06 17:20:02+00', '2026-12-06 17:20:01.999999+00')).toBe(1);
  });
});
