import { ALWAYS_OPEN, addSupportMinutes, type Calendar, supportMinutesBetween } from '../coverage/support-time.js';
import { formatUtc } from '../platform/clock.js';
import type { ClockState, Metric } from './tables.js';

// SLA clocks as pure functions of events, so every rule is a table-driven test: which events start,
// pause, resume and stop which clock. Time used is counted in support hours (or calendar hours), so
// a clock paused on Friday evening and resumed on Monday lost nothing over the weekend.

export interface SlaClock {
  metric: Metric;
  state: ClockState;
  targetMinutes: number;
  businessHours: boolean;
  startedAt: Date;
  /** target minutes used before the current running stretch */
  consumedMinutes: number;
  runStartedAt: Date | null;
  dueAt: Date | null;
  warnAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
  stoppedAt: Date | null;
}

export interface SlaStep {
  kind: 'start' | 'pause' | 'resume' | 'stop' | 'recompute';
  metric: Metric;
  at: Date;
  dueAt: Date | null;
  detail: string;
}

export interface Targets {
  firstReply: number | null;
  nextReply: number | null;
  periodicUpdate: number | null;
  resolution: number | null;
  businessHours: boolean;
  pauseOnHold: boolean;
}

export type Status = 'new' | 'open' | 'pending' | 'on-hold' | 'watching' | 'solved' | 'closed';

export type SlaEvent =
  | { kind: 'created'; status: Status; byCustomer: boolean }
  /** a public message from the customer */
  | { kind: 'customer-message'; from: Status; to: Status }
  /** a public reply from an agent */
  /** call: the reply is a call booked with the customer (CALL_COUNTS_AS_REPLY) */
  | { kind: 'agent-reply'; from: Status; to: Status; call?: boolean }
  /** a public message from the desk itself (a forge notice, a reminder): an update, not a reply */
  | { kind: 'desk-update'; from: Status; to: Status }
  /** anything else that changes the status: an internal note, a field change, a sweep */
  | { kind: 'status'; from: Status; to: Status }
  /** the priority or the organization's plan changed: new targets */
  | { kind: 'retarget'; status: Status };

export const WARN_AT = 0.8;

const TARGET_OF: Record<Metric, keyof Targets> = {
  'first-reply': 'firstReply',
  'next-reply': 'nextReply',
  'periodic-update': 'periodicUpdate',
  resolution: 'resolution',
};

const NAME: Record<Metric, string> = {
  'first-reply': 'First reply',
  'next-reply': 'Next reply',
  'periodic-update': 'Periodic update',
  resolution: 'Resolution',
};

export function isLive(clock: SlaClock | undefined): clock is SlaClock {
  return clock !== undefined && (clock.state === 'running' || clock.state === 'paused');
}

function calendarOf(clock: { businessHours: boolean }, support: Calendar): Calendar {
  return clock.businessHours ? support : ALWAYS_OPEN;
}

function describeTarget(minutes: number, businessHours: boolean): string {
  const amount = minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
  return `${amount} in ${businessHours ? 'support hours' : 'calendar hours'}`;
}

function run(clock: SlaClock, now: Date, support: Calendar): SlaClock {
  const calendar = calendarOf(clock, support);
  const left = Math.max(0, clock.targetMinutes - clock.consumedMinutes);
  const warnLeft = Math.max(0, clock.targetMinutes * WARN_AT - clock.consumedMinutes);
  return {
    ...clock,
    state: 'running',
    runStartedAt: now,
    dueAt: addSupportMinutes(now, left, calendar),
    warnAt: clock.warnedAt ? clock.warnAt : addSupportMinutes(now, warnLeft, calendar),
  };
}

function used(clock: SlaClock, now: Date, support: Calendar): number {
  if (clock.state !== 'running' || !clock.runStartedAt) return clock.consumedMinutes;
  return clock.consumedMinutes + supportMinutesBetween(clock.runStartedAt, now, calendarOf(clock, support));
}

export class ClockSet {
  readonly steps: SlaStep[] = [];
  readonly changed = new Set<Metric>();

  constructor(
    readonly clocks: Map<Metric, SlaClock>,
    private readonly targets: Targets,
    private readonly support: Calendar,
    private readonly now: Date,
  ) {}

  private put(clock: SlaClock, kind: SlaStep['kind'], detail: string) {
    this.clocks.set(clock.metric, clock);
    this.changed.add(clock.metric);
    this.steps.push({ kind, metric: clock.metric, at: this.now, dueAt: clock.dueAt, detail });
  }

  start(metric: Metric, why: string) {
    const target = this.targets[TARGET_OF[metric]] as number | null;
    if (target === null) return;
    const fresh: SlaClock = {
      metric,
      state: 'running',
      targetMinutes: target,
      businessHours: this.targets.businessHours,
      startedAt: this.now,
      consumedMinutes: 0,
      runStartedAt: null,
      dueAt: null,
      warnAt: null,
      warnedAt: null,
      breachedAt: null,
      stoppedAt: null,
    };
    this.put(
      run(fresh, this.now, this.support),
      'start',
      `${NAME[metric]} clock started (${why}): ${describeTarget(target, fresh.businessHours)}${this.closedNote(fresh.businessHours)}.`,
    );
  }

  /** Why a due time is far away: the clock starts outside support hours. */
  private closedNote(businessHours: boolean): string {
    if (!businessHours) return '';
    const now = this.now.getTime();
    const open = this.support(this.now, new Date(now + 14 * 86_400_000))[0];
    if (open && open[0] <= now) return '';
    return open
      ? `; it is outside support hours now, so it counts from ${formatUtc(new Date(open[0]))}`
      : '; support hours have no open time in the next two weeks';
  }

  pause(metric: Metric, why: string) {
    const clock = this.clocks.get(metric);
    if (clock?.state !== 'running') return;
    const consumed = used(clock, this.now, this.support);
    this.put(
      { ...clock, state: 'paused', consumedMinutes: consumed, runStartedAt: null, dueAt: null, warnAt: null },
      'pause',
      `${NAME[metric]} clock paused (${why}) with ${formatMinutes(Math.max(0, clock.targetMinutes - consumed))} left.`,
    );
  }

  resume(metric: Metric, why: string) {
    const clock = this.clocks.get(metric);
    if (clock?.state !== 'paused') return;
    this.put(
      run({ ...clock, stoppedAt: null }, this.now, this.support),
      'resume',
      `${NAME[metric]} clock resumed (${why})${this.closedNote(clock.businessHours)}.`,
    );
  }

  /** A clock stopped on its event counts as met if that came within the target, else as breached. */
  stop(metric: Metric, why: string) {
    const clock = this.clocks.get(metric);
    if (!isLive(clock)) return;
    const consumed = used(clock, this.now, this.support);
    const late = clock.breachedAt !== null || consumed > clock.targetMinutes + 1e-9;
    this.put(
      {
        ...clock,
        state: late ? 'breached' : 'met',
        consumedMinutes: consumed,
        runStartedAt: null,
        dueAt: null,
        warnAt: null,
        stoppedAt: this.now,
      },
      'stop',
      // the reports (facts-store.ts, migration 0021's backfill) read "): breached, " as a late stop
      `${NAME[metric]} clock stopped (${why}): ${late ? 'breached' : 'met'}, ${formatMinutes(consumed)} of ${formatMinutes(clock.targetMinutes)} used.`,
    );
  }

  /** A resolution stopped by solving runs again when the ticket reopens. */
  reopen(metric: Metric, why: string) {
    const clock = this.clocks.get(metric);
    if (!clock || clock.state === 'running' || clock.state === 'paused') return;
    this.put(
      run({ ...clock, state: 'paused', stoppedAt: null }, this.now, this.support),
      'resume',
      `${NAME[metric]} clock runs again (${why}).`,
    );
  }

  retarget() {
    for (const clock of [...this.clocks.values()]) {
      if (!isLive(clock)) continue;
      const target = this.targets[TARGET_OF[clock.metric]] as number | null;
      if (target === null) {
        this.stop(clock.metric, 'the policy now sets no target for it');
        continue;
      }
      if (target === clock.targetMinutes && clock.businessHours === this.targets.businessHours) continue;
      const consumed = used(clock, this.now, this.support);
      const next: SlaClock = {
        ...clock,
        targetMinutes: target,
        businessHours: this.targets.businessHours,
        consumedMinutes: consumed,
        warnedAt: null,
      };
      const updated = clock.state === 'running' ? run(next, this.now, this.support) : next;
      this.put(
        updated,
        'recompute',
        `${NAME[clock.metric]} target is now ${describeTarget(target, next.businessHours)}; ${formatMinutes(consumed)} already used.`,
      );
    }
  }

  get live(): SlaClock[] {
    return [...this.clocks.values()].filter(isLive);
  }
}

function paused(status: Status, targets: Targets): boolean {
  return status === 'pending' || status === 'watching' || (status === 'on-hold' && targets.pauseOnHold);
}

const PAUSE_REASON: Partial<Record<Status, string>> = {
  pending: 'waiting on the customer',
  watching: 'waiting on the linked issue',
  'on-hold': 'on hold',
};

function applyStatus(set: ClockSet, from: Status, to: Status, targets: Targets) {
  if (from === to) return;
  if (to === 'solved' || to === 'closed') {
    set.stop('resolution', `ticket ${to}`);
    // a status change is not a reply: reply clocks wait, unmet, in case the customer comes back
    for (const metric of ['first-reply', 'next-reply', 'periodic-update'] as const)
      set.pause(metric, `ticket ${to} without a public reply`);
    return;
  }
  if (paused(to, targets)) {
    for (const clock of set.live) set.pause(clock.metric, PAUSE_REASON[to] ?? to);
    return;
  }
  for (const clock of set.live) set.resume(clock.metric, `status ${to}`);
}

/** Applies one event to a ticket's clocks. */
export function applySlaEvent(
  clocks: Map<Metric, SlaClock>,
  event: SlaEvent,
  targets: Targets,
  support: Calendar,
  now: Date,
): ClockSet {
  const set = new ClockSet(clocks, targets, support, now);
  switch (event.kind) {
    case 'created':
      if (event.byCustomer) set.start('first-reply', 'the customer wrote');
      set.start('resolution', 'ticket opened');
      if (paused(event.status, targets))
        for (const clock of set.live) set.pause(clock.metric, PAUSE_REASON[event.status] ?? event.status);
      break;
    case 'customer-message': {
      if (event.from === 'solved') set.reopen('resolution', 'the customer replied to a solved ticket');
      const waiting = isLive(clocks.get('first-reply')) || isLive(clocks.get('next-reply'));
      if (!waiting) set.start('next-reply', 'the customer wrote');
      applyStatus(set, event.from, event.to, targets);
      break;
    }
    case 'agent-reply':
      if (isLive(clocks.get('first-reply'))) set.stop('first-reply', event.call ? 'call booked' : 'first public reply');
      else set.stop('next-reply', event.call ? 'call booked' : 'public reply');
      if (targets.periodicUpdate !== null) {
        set.stop('periodic-update', 'public reply');
        set.start('periodic-update', 'public reply');
      }
      applyStatus(set, event.from, event.to, targets);
      break;
    case 'desk-update':
      if (isLive(clocks.get('periodic-update'))) {
        set.stop('periodic-update', 'update from the desk');
        set.start('periodic-update', 'update from the desk');
      }
      applyStatus(set, event.from, event.to, targets);
      break;
    case 'status':
      applyStatus(set, event.from, event.to, targets);
      break;
    case 'retarget':
      set.retarget();
      break;
  }
  return set;
}

/** The ticket's next due time: the earliest due time of a running clock. */
export function nextDue(clocks: Iterable<SlaClock>): Date | null {
  let next: Date | null = null;
  for (const clock of clocks) {
    if (clock.state === 'running' && clock.dueAt && (next === null || clock.dueAt < next)) next = clock.dueAt;
  }
  return next;
}

export function formatMinutes(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}
