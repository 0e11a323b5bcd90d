import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { assertMayChangeAgent, assertTimeZone, isUuid, resolveAgent } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { isKnownRegion } from './holidays.js';
import {
  deleteTimeOff as deleteTimeOffRow,
  insertTimeOff,
  listRosterRows,
  listTimeOffRows,
  type RosterRow,
  updateSchedule,
} from './roster-store.js';
import { formatWeeklyHours, HoursError, parseWeeklyHours, type WeeklyHours } from './weekly-hours.js';
import { isWorking, nextWorkStart, type Rostered } from './working-intervals.js';

// The roster: who works when. Each agent's zone, weekly hours, country (for public holidays),
// region, skills and time off. Routing, handover and coverage read it through loadRoster.

export interface RosterEntry extends Rostered {
  id: string;
  email: string;
  name: string;
  region: string | null;
  skills: string[];
  lastRoutedAt: Date | null;
}

const TTL_MS = 5_000;
const cache = new WeakMap<object, { at: number; roster: RosterEntry[] }>();
// time off is in local days: a margin of two days covers every zone's date of an instant
const MARGIN_MS = 2 * 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Active agents with their hours and time off. Without a range: the time off from two days ago on,
 * for routing and handover, cached a few seconds per process and dropped on change. With a range
 * (a coverage report, maybe of a past week): the time off that overlaps it, read each time.
 */
export async function loadRoster(deps: Deps, range?: { from: Date; to: Date }): Promise<RosterEntry[]> {
  if (range) {
    return readRoster(deps, {
      fromDate: isoDate(range.from.getTime() - MARGIN_MS),
      toDate: isoDate(range.to.getTime() + MARGIN_MS),
    });
  }
  const hit = cache.get(deps.secret);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.roster;
  const roster = await readRoster(deps, { fromDate: isoDate(deps.clock.now().getTime() - MARGIN_MS) });
  cache.set(deps.secret, { at: Date.now(), roster });
  return roster;
}

async function readRoster(deps: Deps, leaveWithin: { fromDate: string; toDate?: string }): Promise<RosterEntry[]> {
  const [rows, leave] = await Promise.all([listRosterRows(deps.db), listTimeOffRows(deps.db, leaveWithin)]);
  return rows.filter((r) => r.active).map((row) => toEntry(row, leave));
}

export function forgetRoster(deps: Deps): void {
  cache.delete(deps.secret);
}

function toEntry(row: RosterRow, leave: { agentId: string; fromDate: string; toDate: string }[]): RosterEntry {
  let hours: WeeklyHours;
  try {
    hours = parseWeeklyHours(row.hours);
  } catch {
    hours = parseWeeklyHours({}); // stored hours are validated on the way in; never trust a bad row to crash routing
  }
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    timeZone: row.timeZone,
    hours,
    country: row.country,
    region: row.region,
    skills: row.skills,
    lastRoutedAt: row.lastRoutedAt,
    timeOff: leave.filter((t) => t.agentId === row.id).map((t) => ({ from: t.fromDate, to: t.toDate })),
  };
}

export function checkHours(hours: Record<string, string> | undefined, where = ''): WeeklyHours {
  try {
    return parseWeeklyHours(hours);
  } catch (err) {
    if (err instanceof HoursError) throw new AppError('VALIDATION_FAILED', `${where}hours: ${err.message}`);
    throw err;
  }
}

export function checkCountry(country: string | null | undefined, where = ''): void {
  if (country && !isKnownRegion(country)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${where}country: "${country}" is not a country or subdivision with known public holidays (e.g. PT, AU-NSW).`,
    );
  }
}

export async function getSchedule(deps: Deps, actor: Actor, ref: string) {
  requireAgent(actor);
  const agent = await resolveAgent(deps, ref);
  const rows = await listRosterRows(deps.db);
  const row = rows.find((r) => r.id === agent.id) as RosterRow;
  const leave = await listTimeOffRows(deps.db, { agentId: agent.id });
  const entry = toEntry(row, leave);
  const now = deps.clock.now();
  const onShift = agent.active && isWorking(entry, now);
  return {
    agentId: agent.id,
    email: agent.email,
    timeZone: entry.timeZone,
    region: entry.region,
    country: entry.country ?? null,
    hours: formatWeeklyHours(entry.hours),
    skills: entry.skills,
    timeOff: leave.map(presentTimeOff),
    onShift,
    nextShiftStart: onShift ? null : (nextWorkStart(entry, now)?.toISOString() ?? null),
    handOverDefault: agent.handOverDefault,
  };
}

export interface ScheduleInput {
  timeZone?: string;
  region?: string | null;
  country?: string | null;
  hours?: Record<string, string>;
  skills?: string[];
  /** "hand over when my day ends" for tickets assigned to them by hand */
  handOverDefault?: boolean;
}

/** Agents change their own schedule; leads change anyone's. */
export async function setSchedule(deps: Deps, actor: Actor, ref: string, input: ScheduleInput) {
  // who may ask comes before the lookup: a customer must not learn which addresses are staff
  requireAgent(actor);
  if (Object.values(input).every((value) => value === undefined)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Say what to change: timeZone, region, country, hours, skills or handOverDefault.',
    );
  }
  const agent = await resolveAgent(deps, ref);
  assertMayChangeAgent(actor, agent, input);
  if (input.timeZone) assertTimeZone(input.timeZone);
  const hours = input.hours !== undefined ? formatWeeklyHours(checkHours(input.hours)) : undefined;
  checkCountry(input.country);
  await inTransaction(deps, async (tx) => {
    await updateSchedule(tx.db, agent.id, {
      ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
      ...(input.region !== undefined ? { region: input.region } : {}),
      ...(input.country !== undefined ? { country: input.country?.toUpperCase() ?? null } : {}),
      ...(hours !== undefined ? { hours: hours as Record<string, string> } : {}),
      ...(input.skills !== undefined ? { skills: normalizeSkills(input.skills) } : {}),
      ...(input.handOverDefault !== undefined ? { handOverDefault: input.handOverDefault } : {}),
    });
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'agent.schedule-changed',
      entityType: 'agent',
      entityId: agent.id,
      data: { ...input, ...(hours ? { hours } : {}) },
    });
  });
  forgetRoster(deps);
  return getSchedule(deps, actor, agent.id);
}

export function normalizeSkills(skills: string[]): string[] {
  return [...new Set(skills.map((s) => s.trim().toLowerCase()).filter(Boolean))].sort();
}

function presentTimeOff(row: { id: string; agentId: string; fromDate: string; toDate: string; reason: string | null }) {
  return { id: row.id, agentId: row.agentId, from: row.fromDate, to: row.toDate, reason: row.reason };
}

export function checkDateRange(from: string, to: string, where = ''): void {
  const valid = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
  if (!valid(from) || !valid(to)) throw new AppError('VALIDATION_FAILED', `${where}timeOff: dates are YYYY-MM-DD.`);
  if (to < from) throw new AppError('VALIDATION_FAILED', `${where}timeOff: ${to} is before ${from}.`);
}

export async function addTimeOff(
  deps: Deps,
  actor: Actor,
  input: { agent: string; from: string; to: string; reason?: string | null },
) {
  requireAgent(actor);
  const agent = await resolveAgent(deps, input.agent);
  assertMayChangeAgent(actor, agent, { timeOff: [input] });
  checkDateRange(input.from, input.to);
  const row = await inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const inserted = await insertTimeOff(tx.db, {
      agentId: agent.id,
      fromDate: input.from,
      toDate: input.to,
      reason: input.reason ?? null,
      createdAt: now,
    });
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'agent.time-off-added',
      entityType: 'agent',
      entityId: agent.id,
      data: { from: input.from, to: input.to },
    });
    return inserted;
  });
  forgetRoster(deps);
  return presentTimeOff(row);
}

export async function listTimeOff(deps: Deps, actor: Actor, query: { agent?: string; from?: string }) {
  requireAgent(actor);
  const agentId = query.agent ? (await resolveAgent(deps, query.agent)).id : undefined;
  const rows = await listTimeOffRows(deps.db, {
    ...(agentId ? { agentId } : {}),
    ...(query.from ? { fromDate: query.from } : {}),
  });
  return { items: rows.map(presentTimeOff) };
}

export async function removeTimeOff(deps: Deps, actor: Actor, id: string) {
  requireAgent(actor, 'lead');
  if (!isUuid(id) || !(await deleteTimeOffRow(deps.db, id))) throw new AppError('NOT_FOUND', `No time off ${id}.`);
  forgetRoster(deps);
}

export type { RosterRow };
