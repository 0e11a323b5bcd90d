// Weekly working hours as people write them: { mon: "09:00-17:00", tue: "09:00-12:00,13:00-17:00" }.
// Local wall times, paired with a time zone where they are used. Unlisted days are days off.

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Minutes after local midnight: [start, end), end may be 1440 ("24:00"). */
export type Span = [number, number];
export type WeeklyHours = Record<Weekday, Span[]>;

export const DEFAULT_HOURS_SPEC: Partial<Record<Weekday, string>> = {
  mon: '09:00-17:00',
  tue: '09:00-17:00',
  wed: '09:00-17:00',
  thu: '09:00-17:00',
  fri: '09:00-17:00',
};

export class HoursError extends Error {}

function minutes(text: string, day: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const total = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  if (!match || Number(match[2]) > 59 || total > 1440)
    throw new HoursError(`${day}: "${text}" is not a time like 09:00`);
  return total;
}

export function parseWeeklyHours(spec: Partial<Record<string, string>> | undefined): WeeklyHours {
  const source = spec ?? DEFAULT_HOURS_SPEC;
  const hours = Object.fromEntries(WEEKDAYS.map((d) => [d, [] as Span[]])) as WeeklyHours;
  for (const [key, value] of Object.entries(source)) {
    const day = key.toLowerCase().slice(0, 3) as Weekday;
    if (!WEEKDAYS.includes(day)) throw new HoursError(`"${key}" is not a day (mon … sun)`);
    if (value === undefined || value.trim() === '' || value.trim().toLowerCase() === 'off') continue;
    const spans = value.split(',').map((part) => {
      const [from, to] = part.split('-');
      if (from === undefined || to === undefined)
        throw new HoursError(`${key}: "${part}" is not a range like 09:00-17:00`);
      const span: Span = [minutes(from, key), minutes(to, key)];
      if (span[1] <= span[0]) throw new HoursError(`${key}: ${part} ends before it starts`);
      return span;
    });
    spans.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) {
      if ((spans[i] as Span)[0] < (spans[i - 1] as Span)[1])
        throw new HoursError(`${key}: ${value} has overlapping ranges`);
    }
    hours[day] = spans;
  }
  return hours;
}

export function formatWeeklyHours(hours: WeeklyHours): Partial<Record<Weekday, string>> {
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const out: Partial<Record<Weekday, string>> = {};
  for (const day of WEEKDAYS) {
    if (hours[day].length > 0) out[day] = hours[day].map(([a, b]) => `${hhmm(a)}-${hhmm(b)}`).join(',');
  }
  return out;
}
