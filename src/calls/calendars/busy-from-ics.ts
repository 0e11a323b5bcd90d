import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import type { Interval } from '../../coverage/working-intervals.js';

// Busy time from iCalendar text (a published ICS feed, or the objects a CalDAV calendar-query
// returned), as merged UTC intervals clipped to [from, to). Pure: no clock, no I/O.
//
// What counts as busy:
// - every VEVENT occurrence except TRANSP:TRANSPARENT and STATUS:CANCELLED ones, in feeds and in
//   CalDAV alike (RFC 4791 free-busy rules). Cal.com's ICS app counts transparent events on purpose
//   (holiday feeds), but an agent's own feed marks "free" events that way and means it.
// - all-day events (DATE values) cover the whole local day in fallbackZone (23 h on a DST day);
// - floating times are wall times in fallbackZone; a TZID resolves to the calendar's own VTIMEZONE,
//   else to the IANA zone of that name, else to fallbackZone.
//
// Everything a remote calendar can make us compute is bounded, and what we could not compute counts
// as busy, never free:
// - HOURLY/MINUTELY/SECONDLY rules are not expanded (only their first occurrence counts): they are
//   reminders rather than meetings, and a year of a SECONDLY rule is 31 million steps;
// - ical.js steps through a rule from DTSTART on and, for a rule that can never match (DAILY with
//   BYMONTH=2;BYMONTHDAY=30, or INTERVAL=7;BYDAY=TU from a Monday), loops inside one next() call
//   forever. So every inner step is counted (see the hook below): an event gets at most
//   10 × maxOccurrences steps (a daily rule for 137 years with the default) and is busy from where
//   its expansion stopped to the window's end; a text gets 40 × maxOccurrences in all (about 2 s at
//   ical.js's ~10 µs a step), beyond which, or beyond maxOccurrences intervals in the window, the
//   whole window is busy.

export const DEFAULT_MAX_OCCURRENCES = 5000;

const SUB_DAILY = new Set(['HOURLY', 'MINUTELY', 'SECONDLY']);
const DAY_MS = 86_400_000;

class OutOfSteps extends Error {}

// Every pass of RecurIterator.next()'s inner loop calls check_contracting_rules first, so counting
// the calls here bounds the work of any rule, including ones ical.js would never finish (and the
// VTIMEZONE rules ical.js expands to convert times). The hook is inert (steps === null) outside
// busyFromIcs, so other users of ical.js in the process see no change.
interface Steps {
  left: number;
  eventLeft: number;
}
let steps: Steps | null = null;
type Iterator = { check_contracting_rules(): boolean };
const iteratorPrototype = ICAL.RecurIterator.prototype as unknown as Iterator;
const checkContractingRules = iteratorPrototype.check_contracting_rules;
iteratorPrototype.check_contracting_rules = function (this: Iterator) {
  if (steps !== null && (--steps.left < 0 || --steps.eventLeft < 0)) throw new OutOfSteps();
  return checkContractingRules.call(this);
};

function text(component: ICAL.Component, name: string): string {
  const value = component.getFirstPropertyValue(name);
  return typeof value === 'string' ? value.trim().toUpperCase() : '';
}

const isFree = (component: ICAL.Component) =>
  text(component, 'transp') === 'TRANSPARENT' || text(component, 'status') === 'CANCELLED';

const tzidOf = (component: ICAL.Component, name: 'dtstart' | 'dtend') => {
  const tzid = component.getFirstProperty(name)?.getParameter('tzid');
  return typeof tzid === 'string' ? tzid : null;
};

/** A Time's wall clock as if it were UTC: cheap, and within a day of the instant in any zone. */
function wallMs(time: ICAL.Time): number {
  return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
}

const zoneNames = new Map<string, string | null>();

/** "Europe/Berlin", or the same behind a prefix such as Mozilla's "/mozilla.org/20070129_1/Europe/Berlin". */
function ianaZone(tzid: string | null): string | null {
  if (!tzid) return null;
  let name = zoneNames.get(tzid);
  if (name === undefined) {
    const parts = tzid.split('/');
    name = parts.map((_, i) => parts.slice(i).join('/')).find((suffix) => IANAZone.isValidZone(suffix)) ?? null;
    if (zoneNames.size > 1000) zoneNames.clear();
    zoneNames.set(tzid, name);
  }
  return name;
}

function instant(time: ICAL.Time, tzid: string | null, fallbackZone: string): number {
  if (time.isDate) {
    // ical.js leaves an all-day end as day + 1 unnormalised; luxon rolls it over
    return DateTime.fromObject({ year: time.year, month: time.month, day: 1 }, { zone: fallbackZone })
      .plus({ days: time.day - 1 })
      .toMillis();
  }
  if (time.zone === ICAL.Timezone.utcTimezone) return wallMs(time);
  if (time.zone && time.zone !== ICAL.Timezone.localTimezone) return time.toUnixTime() * 1000; // its VTIMEZONE
  const zone = ianaZone(tzid) ?? fallbackZone;
  return DateTime.fromObject(
    { year: time.year, month: time.month, day: 1, hour: time.hour, minute: time.minute, second: time.second },
    { zone },
  )
    .plus({ days: time.day - 1 })
    .toMillis();
}

interface Window {
  from: number;
  to: number;
  fallbackZone: string;
  add(start: number, end: number): void;
}

/** One VEVENT by its own DTSTART/DTEND (a single event, or an override of one occurrence). */
function addSingle(event: ICAL.Event, window: Window) {
  const component = event.component;
  if (isFree(component)) return;
  const startTzid = tzidOf(component, 'dtstart');
  const start = instant(event.startDate, startTzid, window.fallbackZone);
  // ical.js computes a missing DTEND from DURATION in DTSTART's zone
  const endTzid = component.hasProperty('dtend') ? tzidOf(component, 'dtend') : startTzid;
  const end = instant(event.endDate, endTzid, window.fallbackZone);
  window.add(start, end);
}

function addRecurring(event: ICAL.Event, window: Window) {
  const startTzid = tzidOf(event.component, 'dtstart');
  const shifted = event.rangeExceptions.length > 0;
  const durationMs = Math.max(0, event.duration.toSeconds() * 1000);
  let reached = window.from;
  try {
    const iterator = event.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      const wall = wallMs(next);
      // instants lie within a day of the wall clock in every zone: skip cheaply until near the window
      if (!shifted && wall - DAY_MS >= window.to) return;
      if (!shifted && wall + DAY_MS + durationMs <= window.from) continue;
      const details = event.getOccurrenceDetails(next);
      // a RANGE=THISANDFUTURE override moves later occurrences into its own zone
      const tzid = tzidOf(details.item.component, 'dtstart') ?? startTzid;
      const start = instant(details.startDate, tzid, window.fallbackZone);
      reached = Math.max(reached, Math.min(start, instant(next, startTzid, window.fallbackZone)));
      if (reached >= window.to) return;
      // an occurrence replaced by its own override is counted with the overrides
      if (details.item !== event && details.item.recurrenceId.compare(next) === 0) continue;
      if (isFree(details.item.component)) continue;
      window.add(start, instant(details.endDate, tzid, window.fallbackZone));
    }
  } catch (error) {
    if (!(error instanceof OutOfSteps) || steps === null || steps.left < 0) throw error;
    // what we could not expand is busy, never free
    window.add(reached, window.to);
  }
}

/**
 * Busy intervals of the VEVENTs in `text` (one or more VCALENDARs) overlapping [from, to), merged,
 * sorted and clipped to the window. Throws ical.js's parse error on text that is not iCalendar.
 */
export function busyFromIcs(
  text: string,
  from: Date,
  to: Date,
  fallbackZone: string,
  maxOccurrences = DEFAULT_MAX_OCCURRENCES,
  /** events to leave out: the desk's own copies of calls, already held by the call itself */
  ignoreUid?: (uid: string) => boolean,
): Interval[] {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (!(toMs > fromMs)) return [];
  if (!IANAZone.isValidZone(fallbackZone)) throw new Error(`unknown time zone ${fallbackZone}`);
  const parsed = ICAL.parse(text) as unknown[];
  const roots = (typeof parsed[0] === 'string' ? [parsed] : parsed).map(
    (jcal) => new ICAL.Component(jcal as ConstructorParameters<typeof ICAL.Component>[0]),
  );

  const intervals: Interval[] = [];
  let tooMany = false;
  const window: Window = {
    from: fromMs,
    to: toMs,
    fallbackZone,
    add(start, end) {
      if (!(end > fromMs && start < toMs && end > start)) return;
      if (intervals.length >= maxOccurrences) tooMany = true;
      else intervals.push([Math.max(start, fromMs), Math.min(end, toMs)]);
    },
  };
  steps = { left: 40 * maxOccurrences, eventLeft: 0 };
  try {
    for (const root of roots) {
      if (root.name !== 'vcalendar') continue;
      for (const group of eventsByUid(root)) {
        if (ignoreUid?.(group.uid)) continue;
        steps.eventLeft = 10 * maxOccurrences;
        addEvent(group, window);
        if (tooMany) return [[fromMs, toMs]];
      }
    }
  } catch (error) {
    // out of steps for the whole text, or for a single event's times (its VTIMEZONE)
    if (error instanceof OutOfSteps) return [[fromMs, toMs]];
    throw error;
  } finally {
    steps = null;
  }
  return merge(intervals);
}

interface EventGroup {
  uid: string;
  masters: ICAL.Component[];
  overrides: ICAL.Component[];
}

// A recurring event and its overrides share a UID; left alone, ical.js would relate every
// RECURRENCE-ID in the calendar to every master.
function eventsByUid(root: ICAL.Component): Iterable<EventGroup> {
  const byUid = new Map<string, EventGroup>();
  for (const vevent of root.getAllSubcomponents('vevent')) {
    const uid = String(vevent.getFirstPropertyValue('uid') ?? '');
    let group = byUid.get(uid);
    if (!group) {
      group = { uid, masters: [], overrides: [] };
      byUid.set(uid, group);
    }
    (vevent.hasProperty('recurrence-id') ? group.overrides : group.masters).push(vevent);
  }
  return byUid.values();
}

const single = (component: ICAL.Component) => new ICAL.Event(component, { exceptions: [] });

function addEvent({ masters, overrides }: EventGroup, window: Window) {
  const [master, ...duplicates] = masters;
  for (const duplicate of duplicates) addSingle(single(duplicate), window);
  // overrides whose series we were not sent (an invitation to one occurrence) stand alone
  if (!master) {
    for (const override of overrides) addSingle(single(override), window);
    return;
  }
  // a cancelled series takes its overrides with it
  if (text(master, 'status') === 'CANCELLED') return;
  for (const override of overrides) addSingle(single(override), window);
  const event = new ICAL.Event(master, { exceptions: overrides, strictExceptions: true });
  const subDaily = master
    .getAllProperties('rrule')
    .some((rule) => SUB_DAILY.has((rule.getFirstValue() as ICAL.Recur).freq));
  if (!event.isRecurring() || subDaily) addSingle(single(master), window);
  else if (!isFree(master) || event.rangeExceptions.length > 0) addRecurring(event, window);
}

function merge(intervals: Interval[]): Interval[] {
  intervals.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Interval[] = [];
  for (const [start, end] of intervals) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
