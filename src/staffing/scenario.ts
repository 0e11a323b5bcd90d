import { type CoverageTarget, coverageGaps, coverageSlots, type Gap, targetIntervals } from '../coverage/coverage.js';
import type { Interval, Rostered } from '../coverage/working-intervals.js';
import {
  type ModelSettings,
  type Simulation,
  SLOT_MINUTES,
  SLOTS_PER_WEEK,
  simulateWeek,
  slotOfWeek,
  weightedWeek,
} from './model.js';

// One roster, what it gives: heads per slot of a typical week (the last weeks, recent ones weighted
// more, holidays and recorded time off included), the backlog simulation over that week's
// arrivals, and the coverage gaps of the coming week against the coverage target. Pure: the
// inputs carry the clock's reading.

export type Person = Rostered & { email: string };

export interface PlanInputs {
  /** the simulated past: `weeks` whole weeks from `from` to `to` */
  from: Date;
  to: Date;
  weeks: number;
  /** the coming week, whose gaps a lead can act on: [to, to + 7 days) */
  next: { from: Date; to: Date };
  halfLifeWeeks: number;
  /** tickets per slot of a typical week, weighted */
  arrivals: number[];
  model: ModelSettings;
  target: CoverageTarget;
}

export interface ScenarioResult {
  headsPerSlot: number[];
  simulation: Simulation;
  /** slots of the coming week, each with how many people the target still misses */
  missingNext: number[];
  gaps: Gap[];
  /** person-hours missing against the coverage target in the coming week */
  gapHours: number;
}

const WEEK_MS = 7 * 86_400_000;
const SLOT_MS = SLOT_MINUTES * 60_000;

/** Heads per slot of the week for each week of the range (oldest first), from coverage slots. */
export function headsByWeek(people: Person[], from: Date, weeks: number): number[][] {
  const out = Array.from({ length: weeks }, () => new Array<number>(SLOTS_PER_WEEK).fill(0));
  if (people.length === 0) return out;
  const slots = coverageSlots(people, from, new Date(from.getTime() + weeks * WEEK_MS));
  for (const slot of slots) {
    const week = out[Math.floor((slot.start.getTime() - from.getTime()) / WEEK_MS)];
    if (week) week[slotOfWeek(slot.start)] = (week[slotOfWeek(slot.start)] as number) + slot.count;
  }
  return out;
}

/** The share of each slot of the week inside the given intervals, per week of the range. */
export function openByWeek(intervals: Interval[], from: Date, weeks: number): number[][] {
  const out = Array.from({ length: weeks }, () => new Array<number>(SLOTS_PER_WEEK).fill(0));
  const start = from.getTime();
  for (const [s, e] of intervals) {
    for (let t = Math.max(s, start) - ((Math.max(s, start) - start) % SLOT_MS); t < e; t += SLOT_MS) {
      const week = out[Math.floor((t - start) / WEEK_MS)];
      if (!week) continue;
      const share = (Math.min(e, t + SLOT_MS) - Math.max(s, t)) / SLOT_MS;
      week[slotOfWeek(t)] = (week[slotOfWeek(t)] as number) + share;
    }
  }
  return out;
}

/** Per slot of a range, how many people the target asks for beyond those at work. */
export function missingPerSlot(people: Person[], target: CoverageTarget, range: { from: Date; to: Date }) {
  const slots = coverageSlots(people, range.from, range.to);
  const windows = targetIntervals(target, range.from, range.to);
  const missing = slots.map((slot) =>
    windows.some(([s, e]) => s <= slot.start.getTime() && slot.end.getTime() <= e)
      ? Math.max(0, target.minAgents - slot.count)
      : 0,
  );
  return { slots, missing };
}

export function runScenario(plan: PlanInputs, people: Person[]): ScenarioResult {
  const headsPerSlot = weightedWeek(headsByWeek(people, plan.from, plan.weeks), plan.halfLifeWeeks);
  const simulation = simulateWeek(headsPerSlot, plan.arrivals, plan.model);
  const { slots, missing } = missingPerSlot(people, plan.target, plan.next);
  return {
    headsPerSlot,
    simulation,
    missingNext: missing,
    gaps: coverageGaps(slots, plan.target),
    gapHours: (missing.reduce((a, b) => a + b, 0) * SLOT_MINUTES) / 60,
  };
}

/** The coming week's slots where `after` misses fewer people than `before`, joined into intervals. */
export function closedIntervals(plan: PlanInputs, before: number[], after: number[]): { start: Date; end: Date }[] {
  const out: { start: Date; end: Date }[] = [];
  const first = Math.floor(plan.next.from.getTime() / SLOT_MS) * SLOT_MS;
  before.forEach((m, i) => {
    if ((after[i] ?? 0) >= m) return;
    const start = first + i * SLOT_MS;
    const last = out.at(-1);
    if (last && last.end.getTime() === start) last.end = new Date(start + SLOT_MS);
    else out.push({ start: new Date(start), end: new Date(start + SLOT_MS) });
  });
  return out;
}
