import { DAY_MS } from '../platform/clock.js';

// How long a solve may be rated, and a rating changed. Pure: the clock comes in.

/** A first rating is taken this long after the solve (the mail may wait through a holiday). */
export const RATE_WITHIN_DAYS = 30;
/** Once given, a rating can be changed this long: second thoughts, not a running vote. */
export const CHANGE_WITHIN_DAYS = 7;

export interface RatingWindow {
  open: boolean;
  /** until when the solve can be rated, or the rating changed */
  until: Date;
}

export function ratingWindow(solve: { solvedAt: Date; ratedAt: Date | null }, now: Date): RatingWindow {
  const until = solve.ratedAt
    ? new Date(solve.ratedAt.getTime() + CHANGE_WITHIN_DAYS * DAY_MS)
    : new Date(solve.solvedAt.getTime() + RATE_WITHIN_DAYS * DAY_MS);
  return { open: now.getTime() < until.getTime(), until };
}

/** CSAT score: the share of good ratings among those given, in percent with one decimal; null without any. */
export function csatScore(good: number, bad: number): number | null {
  const total = good + bad;
  return total === 0 ? null : Math.round((1000 * good) / total) / 10;
}
