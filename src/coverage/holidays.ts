import { createRequire } from 'node:module';
import type HolidaysType from 'date-holidays';

// Public holidays per country or subdivision ("PT", "AU-NSW", "US-NY"), as local dates.

// The library carries every country's rules (~25 MB in memory): it loads on the first roster that
// names a country, not at start.
let library: typeof HolidaysType | undefined;
function calendar(country?: string, state?: string): HolidaysType {
  library ??= createRequire(import.meta.url)('date-holidays') as typeof HolidaysType;
  if (!country) return new library();
  return state ? new library(country, state) : new library(country);
}

const cache = new Map<string, Set<string>>();

export function isKnownRegion(spec: string): boolean {
  const [country, state] = spec.toUpperCase().split('-');
  const countries = calendar().getCountries();
  if (!country || !countries[country]) return false;
  if (!state) return true;
  return Boolean(calendar().getStates(country)?.[state]);
}

/** The public holidays of `spec` in the given years, as YYYY-MM-DD local dates. */
export function publicHolidays(spec: string | null | undefined, years: number[]): Set<string> {
  const dates = new Set<string>();
  if (!spec) return dates;
  const [country, state] = spec.toUpperCase().split('-');
  for (const year of years) {
    const key = `${spec.toUpperCase()}:${year}`;
    let set = cache.get(key);
    if (!set) {
      set = new Set(
        calendar(country, state)
          .getHolidays(year)
          .filter((h) => h.type === 'public')
          .map((h) => h.date.slice(0, 10)),
      );
      cache.set(key, set);
    }
    for (const date of set) dates.add(date);
  }
  return dates;
}

const named = new Map<string, { date: string; name: string }[]>();

/** The public holidays of `spec` in the given years with their names, for saying why a day is short. */
export function publicHolidayNames(spec: string | null | undefined, years: number[]): { date: string; name: string }[] {
  if (!spec) return [];
  const [country, state] = spec.toUpperCase().split('-');
  return years.flatMap((year) => {
    const key = `${spec.toUpperCase()}:${year}`;
    let list = named.get(key);
    if (!list) {
      list = calendar(country, state)
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
      named.set(key, list);
    }
    return list;
  });
}
