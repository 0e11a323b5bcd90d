import { describe, expect, it } from 'vitest';
import { escalationTarget, onCallAt } from './rotation.js';

// Weekly shifts from Monday 7 December 2026 09:00 UTC through three people.
const rotation = { startsAt: new Date('2026-12-07T09:00:00Z'), shiftHours: 168 };

describe('on-call rotation', () => {
  it.each([
    // Wed 9 Dec is in the first week: the first member
    ['2026-12-09T03:00:00Z', 0, '2026-12-07T09:00:00.000Z', '2026-12-14T09:00:00.000Z'],
    // Mon 14 Dec 08:59 is still the first week; 09:00 hands over to the second
    ['2026-12-14T08:59:00Z', 0, '2026-12-07T09:00:00.000Z', '2026-12-14T09:00:00.000Z'],
    ['2026-12-14T09:00:00Z', 1, '2026-12-14T09:00:00.000Z', '2026-12-21T09:00:00.000Z'],
    // four weeks on (28 Dec + 1 week = 4 Jan): round again, 4 mod 3 = 1
    ['2027-01-05T00:00:00Z', 1, '2027-01-04T09:00:00.000Z', '2027-01-11T09:00:00.000Z'],
    // before the rotation starts it runs backwards: the week before is the third member's
    ['2026-12-01T00:00:00Z', 2, '2026-11-30T09:00:00.000Z', '2026-12-07T09:00:00.000Z'],
  ])('at %s member %i is on call (%s to %s)', (at, index, from, until) => {
    const shift = onCallAt(rotation, 3, new Date(at));
    expect(shift?.index).toBe(index);
    expect(shift?.from.toISOString()).toBe(from);
    expect(shift?.until.toISOString()).toBe(until);
  });

  it('nobody is on call without members', () => {
    expect(onCallAt(rotation, 0, new Date('2026-12-09T00:00:00Z'))).toBeUndefined();
  });

  it('escalates to the next people in order, each once', () => {
    // member 2 on call, three members: 2, then 0, then 1, then nobody
    expect([0, 1, 2, 3].map((level) => escalationTarget(2, 3, level))).toEqual([2, 0, 1, undefined]);
  });
});
