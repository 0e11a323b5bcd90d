import { type Actor, requireAgent } from '../auth/actor.js';
import { checkHours } from '../coverage/roster.js';
import type { WeeklyHours } from '../coverage/weekly-hours.js';
import type { Deps } from '../deps.js';
import { loadPlan } from './load-plan.js';
import { closedIntervals, type Person, runScenario } from './scenario.js';

// "Add one engineer: where?" Each region's common zones, one engineer working `hours` local time
// Monday to Friday with that country's public holidays, added to today's roster. Ranked by the
// first-reply attainment the backlog simulation gains over the last weeks' arrivals, then by the
// hours of coverage gap they close in the coming week.

export type Region = 'AMER' | 'EMEA' | 'APAC';

export const CANDIDATE_ZONES: { zone: string; region: Region; country: string }[] = [
  { zone: 'America/Los_Angeles', region: 'AMER', country: 'US-CA' },
  { zone: 'America/New_York', region: 'AMER', country: 'US-NY' },
  { zone: 'America/Sao_Paulo', region: 'AMER', country: 'BR-SP' },
  { zone: 'Europe/London', region: 'EMEA', country: 'GB-ENG' },
  { zone: 'Europe/Berlin', region: 'EMEA', country: 'DE-BE' },
  { zone: 'Africa/Johannesburg', region: 'EMEA', country: 'ZA' },
  { zone: 'Asia/Kolkata', region: 'APAC', country: 'IN' },
  { zone: 'Asia/Singapore', region: 'APAC', country: 'SG' },
  { zone: 'Asia/Tokyo', region: 'APAC', country: 'JP' },
  { zone: 'Australia/Sydney', region: 'APAC', country: 'AU-NSW' },
];

export const DEFAULT_SHIFT = '09:00-17:00';

/** "09:00-17:00" on Monday to Friday, checked as any roster's hours are. */
export function weekdayHours(shift: string, where = ''): { spec: Record<string, string>; hours: WeeklyHours } {
  const spec = { mon: shift, tue: shift, wed: shift, thu: shift, fri: shift };
  return { spec, hours: checkHours(spec, where) };
}

// attainments are sums over weeks of fractional tickets: to six places, equal ones are a tie that
// gap hours settle
export const share = (x: number) => Math.round(x * 1e6) / 1e6;

export async function whereToHire(deps: Deps, actor: Actor, query: { weeks?: number; hours?: string }) {
  requireAgent(actor, 'lead');
  const shift = query.hours ?? DEFAULT_SHIFT;
  const { spec, hours } = weekdayHours(shift);
  const plan = await loadPlan(deps, { weeks: query.weeks ?? 8 });
  const now = runScenario(plan, plan.roster);
  const candidates = CANDIDATE_ZONES.map((c) => {
    const person: Person = {
      email: `candidate@${c.zone}`,
      timeZone: c.zone,
      hours,
      country: c.country,
    };
    const after = runScenario(plan, [...plan.roster, person]);
    return {
      zone: c.zone,
      region: c.region,
      country: c.country,
      hours: shift,
      gapHoursClosed: now.gapHours - after.gapHours,
      slaAttainmentBefore: share(now.simulation.attainment),
      slaAttainmentAfter: share(after.simulation.attainment),
      closes: closedIntervals(plan, now.missingNext, after.missingNext),
      /** the same engineer as a what-if entry, for before/after heatmaps */
      entry: { timeZone: c.zone, country: c.country, region: c.region, hours: spec },
    };
  });
  candidates.sort(
    (a, b) =>
      b.slaAttainmentAfter - a.slaAttainmentAfter ||
      b.gapHoursClosed - a.gapHoursClosed ||
      a.zone.localeCompare(b.zone),
  );
  return {
    weeks: plan.weeks,
    from: plan.from,
    to: plan.to,
    next: plan.next,
    assumptions: assumptionsOf(plan),
    slaAttainmentNow: share(now.simulation.attainment),
    gapHoursNow: now.gapHours,
    candidates,
    gapsNow: now.gaps,
  };
}

export function assumptionsOf(plan: Awaited<ReturnType<typeof loadPlan>>) {
  return {
    occupancy: plan.settings.occupancy,
    shrinkage: plan.settings.shrinkage,
    handleMinutes: plan.settings.handleMinutes,
    firstReplyMinutes: plan.firstReply.minutes,
    firstReplyInSupportHours: plan.firstReply.businessHours,
    firstReplyFrom: plan.firstReply.source,
    halfLifeWeeks: plan.halfLifeWeeks,
    ticketsPerWeek: plan.ticketsPerWeek,
    callsPerWeek: plan.callsPerWeek,
  };
}
