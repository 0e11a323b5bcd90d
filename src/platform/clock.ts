import { DateTime } from 'luxon';

// The clock is passed in, never read from a global, so time maths and sweeps are testable.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  private current: number;
  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/**
 * A moment in text the desk writes for people (notes, reasons, mail): "Mon 14 Dec 2026 00:30 UTC".
 * Readers work in many zones and the note is written once, so it names UTC; the web app shows
 * structured times in the viewer's own zone.
 */
export function formatUtc(at: Date): string {
  return DateTime.fromJSDate(at, { zone: 'UTC' }).toFormat("ccc d LLL yyyy HH:mm 'UTC'");
}
