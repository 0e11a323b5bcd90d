import { describe, expect, it } from 'vitest';
import { csatScore, ratingWindow } from './rating-window.js';

describe('ratingWindow', () => {
  const solvedAt = new Date('2026-12-07T10:00:00Z');
  it.each([
    // not rated yet: 30 days from the solve (Mon 7 Dec 10:00 + 30 d = Wed 6 Jan 10:00)
    [null, '2027-01-06T09:59:59Z', true, '2027-01-06T10:00:00.000Z'],
    [null, '2027-01-06T10:00:00Z', false, '2027-01-06T10:00:00.000Z'],
    // rated Tue 8 Dec 12:00: changeable 7 days, until Tue 15 Dec 12:00
    ['2026-12-08T12:00:00Z', '2026-12-15T11:59:00Z', true, '2026-12-15T12:00:00.000Z'],
    ['2026-12-08T12:00:00Z', '2026-12-15T12:00:00Z', false, '2026-12-15T12:00:00.000Z'],
    // rated on day 29 after the solve: still 7 days to change it, past the 30 days
    ['2027-01-05T10:00:00Z', '2027-01-10T10:00:00Z', true, '2027-01-12T10:00:00.000Z'],
  ])('rated at %s, at %s: open %s until %s', (ratedAt, now, open, until) => {
    const window = ratingWindow({ solvedAt, ratedAt: ratedAt ? new Date(ratedAt) : null }, new Date(now));
    expect(window).toEqual({ open, until: new Date(until) });
  });
});

describe('csatScore', () => {
  it.each([
    [0, 0, null],
    [3, 1, 75], // 3 of 4 good
    [2, 1, 66.7], // 2 of 3, one decimal
    [0, 5, 0],
  ])('%i good, %i bad: %s', (good, bad, score) => {
    expect(csatScore(good, bad)).toBe(score);
  });
});
