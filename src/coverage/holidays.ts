import Holidays from 'date-holidays';

// Public holidays per country or subdivision ("PT", "AU-NSW", "US-NY"), as local dates.

const cache = new Map<string, Set<string>>();

export function isKnownRegion(spec: string): boolean {
  const [country, state] = spec.toUpperCase().split('-');
  const countries = new Holidays().getCountries();
  if (!country || !countries[country]) return false;
  if (!state) return true;
  return Boolean(new Holidays().getStates(country)?.[state]);
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
      const calendar = state ? new Holidays(country as string, state) : new Holidays(country as string);
      set = new Set(
        calendar
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
