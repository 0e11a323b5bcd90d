import { agentsNeeded, serviceLevel } from './erlang.js';

// The staffing model, per 15-minute slot. Tickets are deferred work: they wait in a backlog that
// carries from slot to slot, and the engineers at work take them oldest first. A ticket meets the
// first-reply target when it is taken within the target (counted in support hours). Live calls,
// when there are any, are answered by whoever is at work; Erlang C says how well, and the time
// they take leaves less for tickets. Fluid model: arrivals are expected values (fractions of a
// ticket), not simulated individual tickets, so the same inputs give the same answer.

export const SLOT_MINUTES = 15;
export const SLOTS_PER_DAY = (24 * 60) / SLOT_MINUTES;
/** Monday 00:00 UTC to Monday 00:00 UTC: 7 × 24 × 4 */
export const SLOTS_PER_WEEK = 7 * SLOTS_PER_DAY;

export interface ModelSettings {
  /** the most of their at-work time engineers spend on tickets and calls, e.g. 0.85 */
  occupancy: number;
  /** share of at-work time away from the queue (meetings, breaks, training), e.g. 0.3 */
  shrinkage: number;
  /** minutes an engineer works on a ticket before the first reply */
  handleMinutes: number;
  firstReplyMinutes: number;
  slotMinutes?: number;
  /** per slot, the share of it in support hours (where first-reply clocks run); all open when absent */
  open?: number[];
  calls?: CallSettings;
}

export interface CallSettings {
  /** live calls arriving per slot */
  perSlot: number[];
  handleMinutes: number;
  /** a call is answered in time within this many minutes */
  answerMinutes: number;
  /** the share of calls to answer in time when sizing, e.g. 0.8 */
  serviceLevel: number;
}

export interface Simulation {
  /** share of the tickets that arrived in the window whose first reply met the target; 1 with none */
  attainment: number;
  arrived: number;
  met: number;
  /** tickets waiting at the end of each slot */
  backlogPerSlot: number[];
  /** tickets arriving in each slot that miss the target */
  missedPerSlot: number[];
  /** slots where tickets wait and nobody is at work */
  gapSlots: number[];
  calls?: {
    /** share of calls answered within answerMinutes (Erlang C per slot) */
    attainment: number;
    /** engineers to have at work per slot for the calls alone, shrinkage counted */
    scheduledPerSlot: number[];
  };
}

/** Tickets one slot of the given heads can take: heads × (1 − shrinkage) × occupancy × slot / handle time. */
export function ticketCapacity(heads: number, settings: ModelSettings): number {
  const slot = settings.slotMinutes ?? SLOT_MINUTES;
  return (heads * (1 - settings.shrinkage) * settings.occupancy * slot) / settings.handleMinutes;
}

/**
 * For each slot, the last slot in which a ticket that arrived in it may be taken and still meet
 * the target. A ticket arrives mid-slot and is taken mid-slot, so the wait from slot i to slot j
 * is open[i]/2 + open[i+1] + … + open[j−1] + open[j]/2 slots of support time (j − i when always
 * open); it meets the target when that is at most target/slot. Past the end, slots count as open.
 */
export function dueSlots(length: number, firstReplyMinutes: number, open?: number[], slotMinutes = SLOT_MINUTES) {
  const target = firstReplyMinutes / slotMinutes + 1e-9;
  const last = open ? open.length : 0;
  const openAt = (k: number) => (k < last ? ((open as number[])[k] as number) : 1);
  // before[k]: support time in slots 0 … k−1
  const before = [0];
  for (let k = 0; k < last; k++) before.push((before[k] as number) + openAt(k));
  const prefix = (k: number) => (k <= last ? (before[k] as number) : (before[last] as number) + (k - last));
  const wait = (i: number, j: number) => (j === i ? 0 : openAt(i) / 2 + prefix(j) - prefix(i + 1) + openAt(j) / 2);
  const due: number[] = [];
  let j = 0;
  for (let i = 0; i < length; i++) {
    // the wait grows with j and shrinks with i: each slot's due is at or after the one before
    j = Math.max(j, i);
    while (wait(i, j + 1) <= target) j++;
    due.push(j);
  }
  return due;
}

interface Cohort {
  slot: number;
  left: number;
}

const EPSILON = 1e-9;

/**
 * Runs the backlog through the slots. `window` picks the slots whose arrivals are measured (the
 * others warm the backlog up or drain it); the per-slot arrays cover the window only. Work still
 * waiting at the end counts as missed.
 */
export function simulate(
  heads: number[],
  arrivals: number[],
  settings: ModelSettings,
  window: { from: number; to: number } = { from: 0, to: arrivals.length },
): Simulation {
  const n = arrivals.length;
  const slotMinutes = settings.slotMinutes ?? SLOT_MINUTES;
  const due = dueSlots(n, settings.firstReplyMinutes, settings.open, slotMinutes);
  const calls = settings.calls;
  const queue: Cohort[] = []; // oldest first; queue[head] is the oldest still waiting
  let head = 0;
  const bySlot: (Cohort | undefined)[] = new Array(n);
  const size = window.to - window.from;
  const backlogPerSlot = new Array<number>(size).fill(0);
  const missedPerSlot = new Array<number>(size).fill(0);
  const gapSlots: number[] = [];
  const scheduledPerSlot = new Array<number>(size).fill(0);
  let waiting = 0;
  let arrived = 0;
  let met = 0;
  let callsArrived = 0;
  let callsInTime = 0;
  let nextDue = 0; // the first arrival slot whose deadline has not been checked
  const measured = (slot: number) => slot >= window.from && slot < window.to;
  const miss = (slot: number) => {
    const cohort = bySlot[slot];
    if (cohort && cohort.left > EPSILON && measured(slot)) {
      missedPerSlot[slot - window.from] = (missedPerSlot[slot - window.from] as number) + cohort.left;
    }
  };

  for (let t = 0; t < n; t++) {
    const h = heads[t] ?? 0;
    const incoming = arrivals[t] ?? 0;
    if (incoming > EPSILON) {
      const cohort = { slot: t, left: incoming };
      queue.push(cohort);
      bySlot[t] = cohort;
      waiting += incoming;
      if (measured(t)) arrived += incoming;
    }
    // calls first: the erlangs they offer are time nobody spends on tickets
    let callErlangs = 0;
    if (calls) {
      const perSlot = calls.perSlot[t] ?? 0;
      callErlangs = (perSlot * calls.handleMinutes) / slotMinutes;
      if (measured(t) && perSlot > 0) {
        const goal = {
          erlangs: callErlangs,
          handleSeconds: calls.handleMinutes * 60,
          answerSeconds: calls.answerMinutes * 60,
        };
        const level = levelWithHeads(goal, h * (1 - settings.shrinkage));
        callsArrived += perSlot;
        callsInTime += perSlot * level;
        scheduledPerSlot[t - window.from] = agentsNeeded({
          ...goal,
          serviceLevel: calls.serviceLevel,
          maxOccupancy: settings.occupancy,
          shrinkage: settings.shrinkage,
        }).scheduled;
      }
    }
    let capacity = Math.max(0, ticketCapacity(h, settings) - (callErlangs * slotMinutes) / settings.handleMinutes);
    while (capacity > EPSILON && head < queue.length) {
      const oldest = queue[head] as Cohort;
      const taken = Math.min(capacity, oldest.left);
      oldest.left -= taken;
      capacity -= taken;
      waiting -= taken;
      if (t <= (due[oldest.slot] as number) && measured(oldest.slot)) met += taken;
      if (oldest.left <= EPSILON) head++;
    }
    // tickets whose last slot this was and are still waiting have missed (they stay in the queue)
    while (nextDue <= t && (due[nextDue] as number) <= t) miss(nextDue++);
    if (measured(t)) {
      backlogPerSlot[t - window.from] = Math.max(0, waiting);
      if (h <= EPSILON && waiting > EPSILON) gapSlots.push(t - window.from);
    }
  }
  // deadlines after the last slot: what still waits has missed, as far as this run can tell
  while (nextDue < n) miss(nextDue++);

  return {
    // sums of fractions of tickets: keep rounding noise from showing as 100.0000000001 %
    attainment: arrived > EPSILON ? Math.min(1, met / arrived) : 1,
    arrived,
    met,
    backlogPerSlot,
    missedPerSlot,
    gapSlots,
    ...(calls ? { calls: { attainment: callsArrived > 0 ? callsInTime / callsArrived : 1, scheduledPerSlot } } : {}),
  };
}

/** Erlang C counts whole agents; a fractional head (an average over weeks) interpolates between two. */
function levelWithHeads(goal: { erlangs: number; handleSeconds: number; answerSeconds: number }, agents: number) {
  const low = Math.floor(agents);
  const share = agents - low;
  const at = (n: number) =>
    serviceLevel({ erlangs: goal.erlangs, agents: n, handleSeconds: goal.handleSeconds }, goal.answerSeconds);
  return (1 - share) * at(low) + (share > 0 ? share * at(low + 1) : 0);
}

/**
 * One typical week (672 slots from Monday 00:00 UTC) in steady state: the week runs once to warm
 * the backlog up (Sunday's leftovers are Monday's work), then again measured, then on until every
 * measured ticket's deadline has passed.
 */
export function simulateWeek(heads: number[], arrivals: number[], settings: ModelSettings): Simulation {
  const week = SLOTS_PER_WEEK;
  const slotMinutes = settings.slotMinutes ?? SLOT_MINUTES;
  const cyclicOpen = settings.open;
  // deadlines reach at most this far past the measured week (support time may be closed for days)
  const due = dueSlots(week, settings.firstReplyMinutes, repeat(cyclicOpen, 6), slotMinutes);
  const reach = Math.max(0, ...due.map((d, i) => d - i));
  const tailWeeks = Math.min(4, Math.ceil((reach + 1) / week));
  const copies = 2 + tailWeeks;
  const result = simulate(
    repeat(heads, copies) as number[],
    repeat(arrivals, copies) as number[],
    {
      ...settings,
      ...(cyclicOpen ? { open: repeat(cyclicOpen, copies) } : {}),
      ...(settings.calls
        ? { calls: { ...settings.calls, perSlot: repeat(settings.calls.perSlot, copies) as number[] } }
        : {}),
    },
    { from: week, to: 2 * week },
  );
  return result;
}

function repeat(values: number[] | undefined, times: number): number[] | undefined {
  if (!values) return undefined;
  const out: number[] = [];
  for (let k = 0; k < times; k++) out.push(...values);
  return out;
}

/**
 * A typical week from several: per slot, the mean with recent weeks weighted more. The weights
 * halve every `halfLifeWeeks` going back (exponential smoothing over whole weeks): with a half-life
 * of 4 weeks last week counts 1, four weeks before 0.5, eight weeks before 0.25. `weeks` is oldest
 * first.
 */
export function weightedWeek(weeks: number[][], halfLifeWeeks = 4): number[] {
  const out = new Array<number>(SLOTS_PER_WEEK).fill(0);
  if (weeks.length === 0) return out;
  const weights = weeks.map((_, k) => 0.5 ** ((weeks.length - 1 - k) / halfLifeWeeks));
  const total = weights.reduce((a, b) => a + b, 0);
  weeks.forEach((week, k) => {
    const w = (weights[k] as number) / total;
    for (let s = 0; s < SLOTS_PER_WEEK; s++) out[s] = (out[s] as number) + w * (week[s] ?? 0);
  });
  return out;
}

/** The slot of the week an instant falls in: Monday 00:00–00:15 UTC is 0, Sunday 23:45–24:00 is 671. */
export function slotOfWeek(at: Date | number): number {
  const d = new Date(at);
  const day = (d.getUTCDay() + 6) % 7;
  return day * SLOTS_PER_DAY + d.getUTCHours() * (60 / SLOT_MINUTES) + Math.floor(d.getUTCMinutes() / SLOT_MINUTES);
}
