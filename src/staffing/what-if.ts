import { type Actor, requireAgent } from '../auth/actor.js';
import { checkCountry, checkHours } from '../coverage/roster.js';
import { WEEKDAYS, type WeeklyHours } from '../coverage/weekly-hours.js';
import type { Deps } from '../deps.js';
import { assertTimeZone } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { loadPlan } from './load-plan.js';
import { type Person, runScenario, type ScenarioResult } from './scenario.js';
import type { StaffingSettings } from './settings.js';
import { assumptionsOf, share, weekdayHours } from './where-to-hire.js';

// "What if Priya moves to 07–15?", "what if we lose one APAC engineer?": the roster changed as
// asked, against the roster as it is, through the same simulation and coverage target as "where to
// hire". Nothing is saved.

/** "07:00-15:00" (on the days they work now; Monday to Friday for someone new) or hours per day */
export type HoursChange = string | Record<string, string>;

export interface WhatIfInput {
  weeks?: number;
  add?: {
    email?: string;
    name?: string;
    timeZone: string;
    hours?: HoursChange;
    country?: string | null;
    region?: string | null;
  }[];
  remove?: string[];
  change?: { email: string; hours?: HoursChange; timeZone?: string; country?: string | null }[];
  /** the model's assumptions for this question only */
  settings?: Partial<Pick<StaffingSettings, 'occupancy' | 'shrinkage' | 'handleMinutes' | 'firstReplyMinutes'>>;
}

function hoursOf(change: HoursChange, current: WeeklyHours | undefined, where: string): WeeklyHours {
  if (typeof change !== 'string') return checkHours(change, where);
  const days = current ? WEEKDAYS.filter((d) => current[d].length > 0) : [];
  if (days.length === 0) return weekdayHours(change, where).hours;
  return checkHours(Object.fromEntries(days.map((d) => [d, change])), where);
}

export async function whatIf(deps: Deps, actor: Actor, input: WhatIfInput) {
  requireAgent(actor, 'lead');
  const plan = await loadPlan(deps, {
    weeks: input.weeks ?? 8,
    ...(input.settings ? { settings: input.settings } : {}),
  });
  const byEmail = new Map(plan.roster.map((p) => [p.email.toLowerCase(), p]));
  const unknown = (email: string, where: string) =>
    new AppError('VALIDATION_FAILED', `${where}: ${email} is not an active agent on the roster.`);

  const removed = new Set<string>();
  for (const [i, email] of (input.remove ?? []).entries()) {
    if (!byEmail.has(email.toLowerCase())) throw unknown(email, `remove[${i}]`);
    removed.add(email.toLowerCase());
  }
  const changed = new Map<string, Person>();
  for (const [i, c] of (input.change ?? []).entries()) {
    const where = `change[${i}]`;
    const person = byEmail.get(c.email.toLowerCase());
    if (!person) throw unknown(c.email, where);
    if (c.timeZone) assertTimeZone(c.timeZone);
    checkCountry(c.country, `${where}.`);
    changed.set(person.email.toLowerCase(), {
      ...person,
      ...(c.timeZone ? { timeZone: c.timeZone } : {}),
      ...(c.country !== undefined ? { country: c.country?.toUpperCase() ?? null } : {}),
      ...(c.hours !== undefined ? { hours: hoursOf(c.hours, person.hours, `${where}.`) } : {}),
    });
  }
  const added: Person[] = (input.add ?? []).map((a, i) => {
    const where = `add[${i}]`;
    assertTimeZone(a.timeZone);
    checkCountry(a.country, `${where}.`);
    return {
      email: a.email ?? `new-${i + 1}`,
      timeZone: a.timeZone,
      hours: hoursOf(a.hours ?? weekdayHoursSpec(), undefined, `${where}.`),
      country: a.country?.toUpperCase() ?? null,
    };
  });

  const after = [
    ...plan.roster
      .filter((p) => !removed.has(p.email.toLowerCase()))
      .map((p) => changed.get(p.email.toLowerCase()) ?? p),
    ...added,
  ];
  const before = runScenario(plan, plan.roster);
  const then = runScenario(plan, after);
  return {
    weeks: plan.weeks,
    from: plan.from,
    to: plan.to,
    next: plan.next,
    assumptions: assumptionsOf(plan),
    arrivalsPerSlot: plan.arrivals.map(round),
    before: present(before),
    after: present(then),
  };
}

function weekdayHoursSpec(): Record<string, string> {
  return weekdayHours('09:00-17:00').spec;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function present(result: ScenarioResult) {
  const sim = result.simulation;
  return {
    slaAttainment: share(sim.attainment),
    gapHours: result.gapHours,
    gaps: result.gaps,
    headsPerSlot: result.headsPerSlot.map(round),
    backlogPerSlot: sim.backlogPerSlot.map(round),
    missedPerSlot: sim.missedPerSlot.map(round),
    gapSlots: sim.gapSlots,
    ...(sim.calls ? { callAttainment: share(sim.calls.attainment) } : {}),
  };
}
