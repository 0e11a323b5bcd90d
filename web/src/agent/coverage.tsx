import { useQuery } from '@tanstack/react-query';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { get, type ResponseOf } from '../shared/api.js';
import { viewerZone } from '../shared/format.js';
import { ALL_ZONES } from '../shared/time-zones.js';
import { ErrorText, Loading } from '../shared/ui.js';

type Coverage = ResponseOf<'/api/v1/coverage', 'get'>;
type Slot = Coverage['slots'][number];
type Calls = ResponseOf<'/api/v1/calls', 'get'>;

const QUARTER_MS = 15 * 60_000;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

function isZone(name: string): boolean {
  if (!name.includes('/') && name !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An hour of a day on the map: its four quarters summed up. */
interface HourCell {
  start: DateTime;
  end: DateTime;
  fewest: number;
  most: number;
  names: string[];
  inTarget: boolean;
  gap: boolean;
  onCalls: string[];
  /** tickets arriving in the hour (with the load layer) */
  arrivals: number | null;
  /** arrivals per engineer in the hour; null without arrivals or nobody to take them */
  perEngineer: number | null;
  unserved: boolean;
}

function hourCell(
  day: DateTime,
  hour: number,
  bySlot: Map<number, Slot>,
  gapAt: (t: number) => boolean,
  calls: Map<number, string[]>,
): HourCell {
  const start = day.set({ hour, minute: 0 });
  const end = start.plus({ hours: 1 });
  const quarters: Slot[] = [];
  for (let t = start.toMillis(); t < end.toMillis(); t += QUARTER_MS) {
    const slot = bySlot.get(t);
    if (slot) quarters.push(slot);
  }
  const counts = quarters.map((s) => s.count);
  const names = [...new Set(quarters.flatMap((s) => s.people.map((p) => p.name)))].sort((a, b) => a.localeCompare(b));
  const talking = new Set<string>();
  for (let t = start.toMillis(); t < end.toMillis(); t += QUARTER_MS)
    for (const n of calls.get(t) ?? []) talking.add(n);
  const withArrivals = quarters.some((s) => s.arrivals !== undefined);
  const arrivals = withArrivals ? quarters.reduce((sum, s) => sum + (s.arrivals ?? 0), 0) : null;
  // load per engineer: each quarter's arrivals over its heads, summed over the hour
  const unserved = quarters.some((s) => (s.arrivals ?? 0) > 0 && s.count === 0);
  const perEngineer =
    arrivals === null || unserved
      ? null
      : quarters.reduce((sum, s) => sum + (s.count > 0 ? (s.arrivals ?? 0) / s.count : 0), 0);
  let gap = false;
  for (let t = start.toMillis(); t < end.toMillis(); t += QUARTER_MS) gap ||= gapAt(t);
  return {
    start,
    end,
    fewest: counts.length ? Math.min(...counts) : 0,
    most: counts.length ? Math.max(...counts) : 0,
    names,
    inTarget: quarters.some((s) => s.inTarget),
    gap,
    onCalls: [...talking],
    arrivals,
    perEngineer,
    unserved,
  };
}

const oneDecimal = (n: number) => (n < 0.05 && n > 0 ? '<0.1' : n.toFixed(1));

function describe(cell: HourCell, zone: string): string {
  const heads = cell.fewest === cell.most ? `${cell.fewest}` : `${cell.fewest}–${cell.most}`;
  const parts = [
    `${cell.start.toFormat('ccc d LLL HH:mm')}–${cell.end.toFormat('HH:mm')} ${zone}: ${heads} at work${cell.names.length ? ` (${cell.names.join(', ')})` : ''}`,
    cell.inTarget ? 'inside the target’s hours' : 'outside the target’s hours',
  ];
  if (cell.gap) parts.push('a gap');
  if (cell.onCalls.length) parts.push(`${cell.onCalls.length} on calls (${cell.onCalls.join(', ')})`);
  if (cell.arrivals !== null) {
    parts.push(`${oneDecimal(cell.arrivals)} tickets arriving in the hour`);
    if (cell.unserved) parts.push('unserved: tickets arrive with nobody at work');
    else if (cell.perEngineer !== null) parts.push(`${oneDecimal(cell.perEngineer)} per engineer`);
  }
  return parts.join('; ');
}

/** 0–3: a few steps of colour, each with a text colour that reads on it */
const step = (value: number, max: number) => (value <= 0 ? 0 : Math.min(3, Math.ceil((value / max) * 3)));

const dateRange = (from: string, to: string) => {
  const a = DateTime.fromISO(from);
  const b = DateTime.fromISO(to);
  if (from === to) return a.toFormat('ccc d LLL');
  return a.hasSame(b, 'month')
    ? `${a.toFormat('ccc d')}–${b.toFormat('ccc d LLL')}`
    : `${a.toFormat('ccc d LLL')}–${b.toFormat('ccc d LLL')}`;
};

/** A week of coverage: 7 rows of 24 hours with the people at work, the gaps said in words, the load layer. */
export function CoveragePage() {
  const [zone, setZone] = useState(viewerZone);
  const [zoneText, setZoneText] = useState(viewerZone);
  const [load, setLoad] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [weekStart, setWeekStart] = useState(
    () => DateTime.now().setZone(viewerZone).startOf('week').toISODate() as string,
  );
  const from = DateTime.fromISO(weekStart, { zone }).startOf('day');
  const to = from.plus({ weeks: 1 });
  const range = `from=${encodeURIComponent(from.toUTC().toISO() as string)}&to=${encodeURIComponent(to.toUTC().toISO() as string)}`;
  const coverage = useQuery({
    queryKey: ['coverage', zone, weekStart, load],
    queryFn: () =>
      get<Coverage>(`/api/v1/coverage?${range}&zone=${encodeURIComponent(zone)}${load ? '&arrivals=true' : ''}`),
    refetchInterval: false,
    placeholderData: (previous) => previous,
  });
  // the team's calls on the same map: an hour with three people at work and two on calls has one free
  const calls = useQuery({
    queryKey: ['calls', 'coverage', zone, weekStart],
    queryFn: () => get<Calls>(`/api/v1/calls?${range}`),
    refetchInterval: false,
  });
  const onCalls = new Map<number, string[]>();
  for (const call of calls.data?.items ?? []) {
    if (call.status === 'cancelled') continue;
    const end = new Date(call.end).getTime();
    for (let t = Math.floor(new Date(call.start).getTime() / QUARTER_MS) * QUARTER_MS; t < end; t += QUARTER_MS) {
      onCalls.set(t, [...(onCalls.get(t) ?? []), call.agent.name]);
    }
  }
  const data = coverage.data;
  const gapAt = (t: number) =>
    data?.gaps.some((g) => new Date(g.start).getTime() <= t && t < new Date(g.end).getTime()) ?? false;
  const bySlot = new Map((data?.slots ?? []).map((s) => [new Date(s.start).getTime(), s]));
  const days = Array.from({ length: 7 }, (_, d) => from.plus({ days: d }));
  const grid = days.map((day) => HOURS.map((h) => hourCell(day, h, bySlot, gapAt, onCalls)));
  const cells = grid.flat();
  const mostHeads = Math.max(1, ...cells.map((c) => c.fewest));
  const showLoad = load && data?.arrivalsFrom !== undefined;
  const mostLoad = Math.max(0.0001, ...cells.map((c) => c.perEngineer ?? 0));
  const picked = cells.find((c) => c.start.toISO() === selected);
  const moveWeek = (weeks: number) => setWeekStart(DateTime.fromISO(weekStart).plus({ weeks }).toISODate() as string);
  const chooseZone = (text: string) => {
    setZoneText(text);
    if (isZone(text)) setZone(text);
  };

  return (
    <section
      aria-labelledby="coverage-title"
      className="coverage"
      aria-busy={coverage.isPlaceholderData || coverage.isLoading}
    >
      <h1 id="coverage-title">Coverage</h1>
      <div className="controls">
        <div className="week-picker">
          <button type="button" onClick={() => moveWeek(-1)} aria-label="Previous week">
            ←
          </button>
          <label>
            Week of
            <input type="date" value={weekStart} onChange={(e) => e.target.value && setWeekStart(e.target.value)} />
          </label>
          <button type="button" onClick={() => moveWeek(1)} aria-label="Next week">
            →
          </button>
        </div>
        <label>
          Times in
          <input
            list="coverage-zones"
            value={zoneText}
            onChange={(e) => chooseZone(e.target.value)}
            onBlur={() => setZoneText(zone)}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={zoneText !== zone && !isZone(zoneText)}
          />
          <datalist id="coverage-zones">
            {ALL_ZONES.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </label>
        <label className="load-toggle">
          <input type="checkbox" checked={load} onChange={(e) => setLoad(e.target.checked)} />
          Load per engineer
        </label>
      </div>
      {coverage.isPending && <Loading what="coverage" />}
      <ErrorText error={coverage.error} />
      {data && (
        <>
          <div className="heatmap">
            <table aria-label={`People at work per hour, ${zone}${showLoad ? ', coloured by load per engineer' : ''}`}>
              <thead>
                <tr>
                  <th scope="col">{zone}</th>
                  {HOURS.map((h) => (
                    <th scope="col" key={h}>
                      {String(h).padStart(2, '0')}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {grid.map((row, d) => (
                  <tr key={days[d]?.toISODate()}>
                    <th scope="row">{days[d]?.toFormat('ccc d LLL')}</th>
                    {row.map((cell) => {
                      const key = cell.start.toISO() as string;
                      const level = showLoad
                        ? cell.unserved
                          ? 'unserved'
                          : `load-${step(cell.perEngineer ?? 0, mostLoad)}`
                        : cell.gap
                          ? 'gap'
                          : `heads-${step(cell.fewest, mostHeads)}`;
                      const classes = [
                        'cell',
                        level,
                        cell.inTarget ? 'in-target' : 'off-target',
                        cell.gap ? 'has-gap' : '',
                        cell.onCalls.length ? 'on-call' : '',
                        selected === key ? 'picked' : '',
                      ];
                      return (
                        <td key={key} className={classes.filter(Boolean).join(' ')}>
                          <button
                            type="button"
                            aria-label={describe(cell, zone)}
                            aria-pressed={selected === key}
                            title={describe(cell, zone)}
                            onClick={() => setSelected(selected === key ? null : key)}
                          >
                            {cell.fewest}
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="cell-detail" aria-live="polite">
            {picked ? describe(picked, zone) : 'Pick an hour to see who is at work.'}
          </p>
          <p className="legend muted">
            Each hour shows the fewest engineers at work in it.{' '}
            {showLoad
              ? `Colour is tickets arriving per engineer (most: ${oneDecimal(mostLoad)} an hour); purple hours have tickets arriving and nobody at work. Arrivals are the mean of the last ${data.arrivalsFrom?.weeks} weeks, recent weeks weighing more.`
              : `Darker is more people at work (most: ${mostHeads}); red is a gap against the target of at least ${data.target.minAgents}.`}{' '}
            Hatched hours are outside the target’s hours; a white bar marks people on calls.
          </p>
          <h2>Gaps</h2>
          {data.gapsInWords.length === 0 ? (
            <p>No gaps this week: the target is met.</p>
          ) : (
            <ul className="gaps">
              {data.gapsInWords.map((g) => (
                <li key={g.text}>{g.text}</li>
              ))}
            </ul>
          )}
          <h2>Holidays and time off</h2>
          {data.holidays.length === 0 && data.timeOff.length === 0 ? (
            <p>Nobody is away this week.</p>
          ) : (
            <ul className="away">
              {data.timeOff.map((t) => (
                <li key={`${t.email}-${t.from}`}>
                  {t.name}: time off {dateRange(t.from, t.to)}
                </li>
              ))}
              {data.holidays.map((h) => (
                <li key={`${h.country}-${h.date}-${h.name}`}>
                  {h.country} holiday {dateRange(h.date, h.date)}: {h.name} ({h.people.map((p) => p.name).join(', ')})
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
