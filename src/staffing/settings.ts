import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { readSetting, writeSetting } from '../platform/settings-store.js';
import { loadPolicies, pickPolicy } from '../sla/policies.js';

// The staffing model's assumptions, kept in desk_settings under "staffing". A lead may change them;
// the model reads them once per request.

export interface StaffingSettings {
  /** the most of their at-work time engineers spend on tickets and calls (do not plan above 0.85) */
  occupancy: number;
  /** share of at-work time away from the queue: meetings, breaks, training (0.3 is typical) */
  shrinkage: number;
  /** minutes of work before a ticket's first reply */
  handleMinutes: number;
  /** null: the SLA policy of a normal ticket without a plan, or 4 hours without one */
  firstReplyMinutes: number | null;
  /** how fast older weeks of arrivals lose weight: halved every this many weeks */
  halfLifeWeeks: number;
  /** live ("call me now") calls, sized with Erlang C */
  calls: { handleMinutes: number; answerMinutes: number; serviceLevel: number };
}

const KEY = 'staffing';
export const DEFAULT_FIRST_REPLY_MINUTES = 240;

export function defaultStaffingSettings(): StaffingSettings {
  return {
    occupancy: 0.85,
    shrinkage: 0.3,
    handleMinutes: 20,
    firstReplyMinutes: null,
    halfLifeWeeks: 4,
    calls: { handleMinutes: 30, answerMinutes: 15, serviceLevel: 0.8 },
  };
}

export async function loadStaffingSettings(deps: Deps): Promise<StaffingSettings> {
  const value = await readSetting(deps.db, KEY);
  const stored = value ? (JSON.parse(value) as Partial<StaffingSettings>) : {};
  const defaults = defaultStaffingSettings();
  return { ...defaults, ...stored, calls: { ...defaults.calls, ...stored.calls } };
}

export function checkStaffingSettings(s: StaffingSettings): void {
  const fail = (message: string) => {
    throw new AppError('VALIDATION_FAILED', message);
  };
  if (!(s.occupancy > 0 && s.occupancy <= 1)) fail('occupancy is a share above 0 and at most 1, e.g. 0.85.');
  if (!(s.shrinkage >= 0 && s.shrinkage < 1)) fail('shrinkage is a share from 0 to below 1, e.g. 0.3.');
  if (!(s.handleMinutes > 0)) fail('handleMinutes is above 0.');
  if (s.firstReplyMinutes !== null && !(s.firstReplyMinutes > 0)) fail('firstReplyMinutes is above 0, or null.');
  if (!(s.halfLifeWeeks > 0)) fail('halfLifeWeeks is above 0.');
  if (!(s.calls.handleMinutes > 0 && s.calls.answerMinutes >= 0)) fail('calls need handleMinutes > 0.');
  if (!(s.calls.serviceLevel > 0 && s.calls.serviceLevel < 1)) fail('calls.serviceLevel is a share, e.g. 0.8.');
}

export async function saveStaffingSettings(deps: Deps, settings: StaffingSettings): Promise<StaffingSettings> {
  checkStaffingSettings(settings);
  await writeSetting(deps.db, KEY, JSON.stringify(settings));
  return loadStaffingSettings(deps);
}

/** The first-reply target the model plans for, and whether it counts in support hours only. */
export async function firstReplyTarget(
  deps: Deps,
  settings: StaffingSettings,
): Promise<{ minutes: number; businessHours: boolean; source: 'settings' | 'policy' | 'default' }> {
  const policy = pickPolicy(await loadPolicies(deps), 'normal', null);
  const businessHours = policy?.businessHours ?? true;
  if (settings.firstReplyMinutes !== null)
    return { minutes: settings.firstReplyMinutes, businessHours, source: 'settings' };
  if (policy?.firstReplyMinutes) return { minutes: policy.firstReplyMinutes, businessHours, source: 'policy' };
  return { minutes: DEFAULT_FIRST_REPLY_MINUTES, businessHours, source: 'default' };
}
