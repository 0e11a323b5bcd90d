import { loadRoster, type RosterEntry } from '../coverage/roster.js';
import { loadCoverageSettings, supportCalendar, targetOf } from '../coverage/settings.js';
import { ALWAYS_OPEN } from '../coverage/support-time.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { countLiveCallArrivals, countTicketArrivals, toWeeks } from './arrivals-store.js';
import { SLOT_MINUTES, weightedWeek } from './model.js';
import type { PlanInputs } from './scenario.js';
import { openByWeek } from './scenario.js';
import { firstReplyTarget, loadStaffingSettings, type StaffingSettings } from './settings.js';

// What a staffing question starts from: the last `weeks` whole weeks of arrivals up to now (to the
// quarter hour), the roster over those weeks and the coming one, the coverage target, the support
// hours first-reply clocks count in, and the model's settings.

const WEEK_MS = 7 * 86_400_000;
const SLOT_MS = SLOT_MINUTES * 60_000;
export const MAX_WEEKS = 26;

export interface Plan extends PlanInputs {
  roster: RosterEntry[];
  settings: StaffingSettings;
  firstReply: { minutes: number; businessHours: boolean; source: 'settings' | 'policy' | 'default' };
  /** tickets in a typical week (the weighted arrivals, summed) */
  ticketsPerWeek: number;
  /** live calls in a typical week; 0 leaves calls out of the model */
  callsPerWeek: number;
}

export async function loadPlan(
  deps: Deps,
  options: { weeks: number; settings?: Partial<StaffingSettings> },
): Promise<Plan> {
  const weeks = options.weeks;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_WEEKS) {
    throw new AppError('VALIDATION_FAILED', `weeks is a whole number from 1 to ${MAX_WEEKS}.`);
  }
  const now = deps.clock.now();
  const to = new Date(Math.floor(now.getTime() / SLOT_MS) * SLOT_MS);
  const from = new Date(to.getTime() - weeks * WEEK_MS);
  const next = { from: to, to: new Date(to.getTime() + WEEK_MS) };
  const stored = await loadStaffingSettings(deps);
  const settings: StaffingSettings = {
    ...stored,
    ...options.settings,
    calls: { ...stored.calls, ...options.settings?.calls },
  };
  const [roster, coverage, calendar, firstReply, tickets, calls] = await Promise.all([
    loadRoster(deps, { from, to: next.to }),
    loadCoverageSettings(deps),
    supportCalendar(deps),
    firstReplyTarget(deps, settings),
    countTicketArrivals(deps.db, { from, to }),
    countLiveCallArrivals(deps.db, { from, to }),
  ]);
  const arrivals = weightedWeek(toWeeks(tickets, weeks), settings.halfLifeWeeks);
  const callsPerSlot = weightedWeek(toWeeks(calls, weeks), settings.halfLifeWeeks);
  const callsPerWeek = callsPerSlot.reduce((a, b) => a + b, 0);
  // first-reply clocks in support hours run only while support is open (holidays of support included)
  const open = weightedWeek(
    openByWeek((firstReply.businessHours ? calendar : ALWAYS_OPEN)(from, to), from, weeks),
    settings.halfLifeWeeks,
  );
  return {
    from,
    to,
    weeks,
    next,
    halfLifeWeeks: settings.halfLifeWeeks,
    arrivals,
    target: targetOf(coverage),
    model: {
      occupancy: settings.occupancy,
      shrinkage: settings.shrinkage,
      handleMinutes: settings.handleMinutes,
      firstReplyMinutes: firstReply.minutes,
      open,
      ...(callsPerWeek > 0 ? { calls: { ...settings.calls, perSlot: callsPerSlot } } : {}),
    },
    roster,
    settings,
    firstReply,
    ticketsPerWeek: arrivals.reduce((a, b) => a + b, 0),
    callsPerWeek,
  };
}
