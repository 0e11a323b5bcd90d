import { IANAZone } from 'luxon';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { readSetting, writeSetting } from '../platform/settings-store.js';
import { type CoverageTarget, defaultTarget } from './coverage.js';
import { isKnownRegion } from './holidays.js';
import { ALWAYS_OPEN, type Calendar, cachedCalendar } from './support-time.js';
import {
  formatWeeklyHours,
  HoursError,
  parseWeeklyHours,
  WEEKDAYS,
  type Weekday,
  type WeeklyHours,
} from './weekly-hours.js';
import { workingIntervals } from './working-intervals.js';

// The coverage target (when the desk promises someone is there) and the support-hours calendar SLA
// clocks count in: the target's hours unless support hours are set apart, minus public holidays of
// the given country. Stored in desk_settings; each process keeps them for a few seconds.

export interface HoursSpec {
  timeZone: string;
  hours: Partial<Record<Weekday, string>>;
  /** public holidays that close support, e.g. DE or US-NY; none by default */
  holidays?: string | null;
}

export interface CoverageSettings {
  target: HoursSpec & { minAgents: number };
  /** null: support hours are the target's hours */
  supportHours: HoursSpec | null;
}

const KEY = 'coverage';
const TTL_MS = 5_000;

export function defaultCoverageSettings(): CoverageSettings {
  const t = defaultTarget();
  return {
    target: { timeZone: t.timeZone, hours: formatWeeklyHours(t.hours), minAgents: t.minAgents, holidays: null },
    supportHours: null,
  };
}

interface Cached {
  at: number;
  settings: CoverageSettings;
  calendar: Calendar;
}
const cache = new WeakMap<object, Cached>();

export function validateHoursSpec(spec: HoursSpec, what: string): void {
  if (!IANAZone.isValidZone(spec.timeZone)) {
    throw new AppError('VALIDATION_FAILED', `${what}: "${spec.timeZone}" is not an IANA time zone.`);
  }
  let hours: WeeklyHours;
  try {
    hours = parseWeeklyHours(spec.hours);
  } catch (err) {
    if (err instanceof HoursError) throw new AppError('VALIDATION_FAILED', `${what}: ${err.message}`);
    throw err;
  }
  // SLA clocks count in these hours: with none open they would never fall due
  if (!hasOpenTime(hours)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${what}.hours: no day is open; give at least one, such as { mon: "09:00-17:00" }.`,
    );
  }
  if (spec.holidays && !isKnownRegion(spec.holidays)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${what}: "${spec.holidays}" is not a country or subdivision we know holidays for.`,
    );
  }
}

function hasOpenTime(hours: WeeklyHours): boolean {
  return WEEKDAYS.some((day) => hours[day].length > 0);
}

function build(settings: CoverageSettings): Cached {
  // settings saved before hours without open time were refused: the target's hours stand in for
  // such support hours, and calendar hours for both, so clocks still fall due
  const open = [settings.supportHours, settings.target]
    .filter((spec): spec is HoursSpec => spec !== null)
    .map((spec) => ({ spec, hours: parseWeeklyHours(spec.hours) }))
    .find(({ hours }) => hasOpenTime(hours));
  const calendar = open
    ? cachedCalendar((from, to) =>
        workingIntervals(
          { timeZone: open.spec.timeZone, hours: open.hours, country: open.spec.holidays ?? null },
          from,
          to,
        ),
      )
    : ALWAYS_OPEN;
  return { at: Date.now(), settings, calendar };
}

async function load(deps: Deps): Promise<Cached> {
  const hit = cache.get(deps.secret);
  if (hit && Date.now() - hit.at < TTL_MS) return hit;
  const value = await readSetting(deps.db, KEY);
  const settings = value ? (JSON.parse(value) as CoverageSettings) : defaultCoverageSettings();
  const built = build(settings);
  cache.set(deps.secret, built);
  return built;
}

export async function loadCoverageSettings(deps: Deps): Promise<CoverageSettings> {
  return (await load(deps)).settings;
}

/** The calendar SLA clocks in support hours count in. */
export async function supportCalendar(deps: Deps): Promise<Calendar> {
  return (await load(deps)).calendar;
}

export function targetOf(settings: CoverageSettings): CoverageTarget {
  const t = settings.target;
  return { timeZone: t.timeZone, hours: parseWeeklyHours(t.hours), minAgents: t.minAgents };
}

export async function saveCoverageSettings(deps: Deps, settings: CoverageSettings): Promise<void> {
  validateHoursSpec(settings.target, 'target');
  if (settings.supportHours) validateHoursSpec(settings.supportHours, 'supportHours');
  const value = JSON.stringify(settings);
  await writeSetting(deps.db, KEY, value);
  cache.set(deps.secret, build(settings));
}
