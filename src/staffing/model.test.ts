import { describe, expect, it } from 'vitest';
import {
  dueSlots,
  type ModelSettings,
  SLOTS_PER_WEEK,
  simulate,
  simulateWeek,
  slotOfWeek,
  ticketCapacity,
  weightedWeek,
} from './model.js';

// The backlog model by hand. Most cases use round settings so one engineer takes exactly one
// ticket a slot: 1 head × (1 − 0 shrinkage) × 1 occupancy × 15 min / 15 min = 1.
const unit: ModelSettings = { occupancy: 1, shrinkage: 0, handleMinutes: 15, firstReplyMinutes: 15 };

describe('capacity', () => {
  it('two engineers with the defaults take 2 × 0.7 × 0.85 × 15/20 = 0.8925 tickets a slot', () => {
    const defaults = { occupancy: 0.85, shrinkage: 0.3, handleMinutes: 20, firstReplyMinutes: 240 };
    expect(ticketCapacity(2, defaults)).toBeCloseTo(0.8925, 10);
    // one ticket arrives: 0.8925 is done in its slot, the other 0.1075 waits one slot
    const run = simulate([2, 2], [1, 0], defaults);
    expect(run.backlogPerSlot[0]).toBeCloseTo(0.1075, 10);
    expect(run.backlogPerSlot[1]).toBeCloseTo(0, 10);
    expect(run.attainment).toBe(1);
  });
});

describe('deadlines', () => {
  it('always open: a 60-minute target is 4 slots after the arrival slot', () => {
    expect(dueSlots(3, 60)).toEqual([4, 5, 6]);
  });
  it('closed slots do not count: arrived while closed, the clock runs from the first open slot', () => {
    // open = [closed, closed, open, open, open, open], target 2 slots. From slot 0 to slot 3 the
    // wait is 0/2 + 0 (slot 1) + 1 (slot 2) + 1/2 (slot 3) = 1.5 ≤ 2; to slot 4 it is 2.5 > 2.
    // From slot 2 (open): 2 slots on is slot 4 (1/2 + 1 + 1/2 = 2).
    expect(dueSlots(3, 30, [0, 0, 1, 1, 1, 1])).toEqual([3, 3, 4]);
  });
});

describe('the backlog', () => {
  it('one slot of three tickets, one engineer: one a slot, the third within a 30-minute target', () => {
    // slot 0: 3 arrive, 1 taken, 2 wait; slot 1: 1 taken, 1 waits; slot 2: the last is taken
    // 2 slots after arriving = 30 min, in time
    const run = simulate([1, 1, 1], [3, 0, 0], { ...unit, firstReplyMinutes: 30 });
    expect(run.backlogPerSlot).toEqual([2, 1, 0]);
    expect(run.attainment).toBe(1);
  });
  it('the same with a 15-minute target: the third is taken a slot too late, 2 of 3 met', () => {
    const run = simulate([1, 1, 1], [3, 0, 0], unit);
    expect(run.attainment).toBeCloseTo(2 / 3, 12);
    expect(run.missedPerSlot).toEqual([1, 0, 0]);
  });
  it('work carries: slot 1’s ticket waits behind slot 0’s leftover, oldest first', () => {
    // heads 1, 1, 1; arrivals 2, 1, 0; target one slot.
    // slot 0: 2 arrive, 1 taken (met), 1 waits; slot 1: 1 arrives, slot 0's leftover is taken
    // (met: one slot late is in time), slot 1's waits; slot 2: it is taken (met). 3 of 3.
    const run = simulate([1, 1, 1], [2, 1, 0], unit);
    expect(run.backlogPerSlot).toEqual([1, 1, 0]);
    expect(run.attainment).toBe(1);
    // nobody in slot 2: slot 1's ticket is still waiting when its slot passes: 2 of 3
    const short = simulate([1, 1, 0], [2, 1, 0], unit);
    expect(short.backlogPerSlot).toEqual([1, 1, 1]);
    expect(short.missedPerSlot).toEqual([0, 1, 0]);
    expect(short.attainment).toBeCloseTo(2 / 3, 12);
    expect(short.gapSlots).toEqual([2]);
  });
  it('zero heads: nothing is answered, every slot with work waiting is a gap', () => {
    const run = simulate([0, 0, 0, 0], [1, 0, 0, 0], { ...unit, firstReplyMinutes: 240 });
    expect(run.attainment).toBe(0);
    expect(run.backlogPerSlot).toEqual([1, 1, 1, 1]);
    expect(run.gapSlots).toEqual([0, 1, 2, 3]);
    // the deadline (16 slots on) is after the run: what still waits at the end counts as missed
    expect(run.missedPerSlot).toEqual([1, 0, 0, 0]);
  });
  it('no tickets: attainment 1', () => {
    expect(simulate([1], [0], unit).attainment).toBe(1);
  });
  it('live calls: Erlang C says how many are answered in time, and their time leaves less for tickets', () => {
    // 0.5 calls a slot of 15 min: A = 0.5 erlangs for one engineer (M/M/1). Answered "within
    // 0 min" means not waiting: 1 − C(0.5, 1) = 1 − 0.5 = 0.5. Tickets get 1 − 0.5 = 0.5 a slot:
    // slot 0 takes half the ticket, slot 1 the other half (in time, one slot on).
    const run = simulate([1, 1], [1, 0], {
      ...unit,
      calls: { perSlot: [0.5, 0.5], handleMinutes: 15, answerMinutes: 0, serviceLevel: 0.8 },
    });
    expect(run.calls?.attainment).toBeCloseTo(0.5, 12);
    expect(run.backlogPerSlot).toEqual([0.5, 0]);
    expect(run.attainment).toBe(1);
  });
});

describe('a typical week', () => {
  it('Sunday night’s ticket is Monday morning’s work: the week wraps', () => {
    // one ticket at Sunday 23:45 UTC (slot 671); one engineer Monday 00:00–01:00 (slots 0–3);
    // target 30 min. It waits one slot (Sunday 23:45 → Monday 00:00) and is taken in Monday's
    // first slot, 1 slot after arriving: in time.
    const heads = new Array<number>(SLOTS_PER_WEEK).fill(0);
    heads.fill(1, 0, 4);
    const arrivals = new Array<number>(SLOTS_PER_WEEK).fill(0);
    arrivals[671] = 1;
    const run = simulateWeek(heads, arrivals, { ...unit, firstReplyMinutes: 30 });
    expect(run.attainment).toBe(1);
    expect(run.backlogPerSlot[671]).toBe(1);
    expect(run.backlogPerSlot[0]).toBe(0);
    expect(run.gapSlots).toEqual([671]);
  });
  it('recent weeks weigh more: with a half-life of one week, last week counts twice the one before', () => {
    const older = new Array<number>(SLOTS_PER_WEEK).fill(0);
    const last = new Array<number>(SLOTS_PER_WEEK).fill(0);
    last[0] = 3;
    // (0 × 0.5 + 3 × 1) / 1.5 = 2
    expect(weightedWeek([older, last], 1)[0]).toBeCloseTo(2, 12);
  });
  it('slots of the week count from Monday 00:00 UTC', () => {
    expect(slotOfWeek(new Date('2026-12-07T00:00:00Z'))).toBe(0); // a Monday
    expect(slotOfWeek(new Date('2026-12-08T09:20:00Z'))).toBe(96 + 36 + 1); // Tuesday 09:15–09:30
    expect(slotOfWeek(new Date('2026-12-13T23:50:00Z'))).toBe(671);
  });
});
