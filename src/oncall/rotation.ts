import { HOUR_MS } from '../platform/clock.js';

// Who is on call is arithmetic: shifts of shiftHours each, from startsAt, through the members in
// order, round and round. Escalation goes to the people after them in the same order.

export interface Rotation {
  startsAt: Date;
  shiftHours: number;
}

export interface OnCallShift {
  /** index into the members, in rotation order */
  index: number;
  from: Date;
  until: Date;
}

export function onCallAt(rotation: Rotation, members: number, at: Date): OnCallShift | undefined {
  if (members === 0) return undefined;
  const shiftMs = rotation.shiftHours * HOUR_MS;
  const n = Math.floor((at.getTime() - rotation.startsAt.getTime()) / shiftMs);
  const from = new Date(rotation.startsAt.getTime() + n * shiftMs);
  return { index: ((n % members) + members) % members, from, until: new Date(from.getTime() + shiftMs) };
}

/** The member a page at this level goes to, or undefined once everyone has been paged. */
export function escalationTarget(onCallIndex: number, members: number, level: number): number | undefined {
  if (level >= members) return undefined;
  return (onCallIndex + level) % members;
}
