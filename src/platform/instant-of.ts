import { DateTime } from 'luxon';
import { AppError } from './errors.js';

// What report ranges (CSAT, reports) take as `from`/`to`: a day in the asker's zone, or an instant.

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day (YYYY-MM-DD) starts in `zone` (`end`: the next day's start, so the day is included), or an ISO instant. */
export function instantOf(value: string, zone: string, end: boolean, name: string): Date {
  if (DAY.test(value)) {
    const day = DateTime.fromISO(value, { zone });
    if (!day.isValid) throw new AppError('VALIDATION_FAILED', `${name}: "${value}" is not a day.`);
    return (end ? day.plus({ days: 1 }) : day).toJSDate();
  }
  // ISO 8601 only, in years a desk can hold: Date.parse would read "1" as 2001 and "+100000-01-01" as a year
  // PostgreSQL cannot store
  const at = DateTime.fromISO(value, { zone: 'UTC' });
  if (!at.isValid || at.year < 1970 || at.year > 2200) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${name}: "${value}" is neither a day (YYYY-MM-DD) nor an instant (ISO 8601, e.g. 2026-12-01T09:00:00Z).`,
    );
  }
  return at.toJSDate();
}
