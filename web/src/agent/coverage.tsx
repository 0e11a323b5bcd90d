import { useQuery } from '@tanstack/react-query';
import { DateTime } from 'luxon';
import { type CSSProperties, useState } from 'react';
import { get, type ResponseOf } from '../shared/api.js';
import { viewerZone } from '../shared/format.js';
import { ErrorText, Loading } from '../shared/ui.js';

type Coverage = ResponseOf<'/api/v1/coverage', 'get'>;
type Calls = ResponseOf<'/api/v1/calls', 'get'>;

const QUARTER_MS = 15 * 60_000;

const ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
];

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const QUARTERS = Array.from({ length: 96 }, (_, q) => q);

/** A week of coverage: 7 rows of 96 quarter hours, coloured by people at work, gaps marked. */
export function CoveragePage() {
  const [zone, setZone] = useState(viewerZone);
  const [weekStart, setWeekStart] = useState(
    () => DateTime.now().setZone(viewerZone).startOf('week').toISODate() as string,
  );
  const from = DateTime.fromISO(weekStart, { zone }).startOf('day');
  const to = from.plus({ weeks: 1 });
  const coverage = useQuery({
    queryKey: ['coverage', zone, weekStart],
    queryFn: () =>
      get<Coverage>(
        `/api/v1/coverage?from=${encodeURIComponent(from.toUTC().toISO() as string)}&to=${encodeURIComponent(to.toUTC().toISO() as string)}&zone=${encodeURIComponent(zone)}`,
      ),
    refetchInterval: false,
  });
  // the team's calls on the same map: an hour with three people at work and two on calls has one free
  const calls = useQuery({
    queryKey: ['calls', 'coverage', zone, weekStart],
    queryFn: () =>
      get<Calls>(
        `/api/v1/calls?from=${encodeURIComponent(from.toUTC().toISO() as string)}&to=${encodeURIComponent(to.toUTC().toISO() as string)}`,
      ),
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
  const max = Math.max(1, ...(data?.slots.map((s) => s.count) ?? [1]));
  const inGap = (start: number) =>
    data?.gaps.some((g) => new Date(g.start).getTime() <= start && start < new Date(g.end).getTime()) ?? false;
  const days = Array.from({ length: 7 }, (_, d) => from.plus({ days: d }));
  const bySlot = new Map((data?.slots ?? []).map((s) => [new Date(s.start).getTime(), s]));
  const zones = ZONES.includes(viewerZone) ? ZONES : [viewerZone, ...ZONES];

  return (
    <section aria-labelledby="coverage-title" className="coverage">
      <h1 id="coverage-title">Coverage</h1>
      <div className="controls">
        <label>
          Week of
          <input type="date" value={weekStart} onChange={(e) => e.target.value && setWeekStart(e.target.value)} />
        </label>
        <label>
          Times in
          <select value={zone} onChange={(e) => setZone(e.target.value)}>
            {zones.map((z) => (
              <option key={z}>{z}</option>
            ))}
          </select>
        </label>
      </div>
      {coverage.isPending && <Loading what="coverage" />}
      <ErrorText error={coverage.error} />
      {data && (
        <>
          <div className="heatmap">
            <table aria-label={`People at work per quarter hour, ${zone}`}>
              <thead>
                <tr>
                  <th scope="col">{zone}</th>
                  {HOURS.map((h) => (
                    <th scope="col" key={h} colSpan={4}>
                      {String(h).padStart(2, '0')}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {days.map((day) => (
                  <tr key={day.toISODate()}>
                    <th scope="row">{day.toFormat('ccc d LLL')}</th>
                    {QUARTERS.map((q) => {
                      const start = day.plus({ minutes: q * 15 });
                      const slot = bySlot.get(start.toMillis());
                      const count = slot?.count ?? 0;
                      const gap = inGap(start.toMillis());
                      const talking = onCalls.get(start.toMillis()) ?? [];
                      const label = `${start.toFormat('ccc HH:mm')}: ${count} at work${talking.length ? `, ${talking.length} on calls (${talking.join(', ')})` : ''}${gap ? ', a gap' : ''}`;
                      return (
                        <td
                          key={q}
                          className={`cell${gap ? ' gap' : ''}${talking.length ? ' on-call' : ''}`}
                          style={{ '--level': count / max } as CSSProperties}
                          title={slot?.agents.length ? `${label} (${slot.agents.join(', ')})` : label}
                        >
                          <span className="visually-hidden">{label}</span>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="legend muted">
            Darker is more people at work (most: {max}); red marks a gap against the target of at least{' '}
            {data.target.minAgents}; a white bar marks people on calls.
          </p>
          <h2>Gaps</h2>
          {data.gaps.length === 0 ? (
            <p>No gaps this week: the target is met.</p>
          ) : (
            <ul className="gaps">
              {data.gaps.map((g) => (
                <li key={g.start}>
                  {DateTime.fromISO(g.start, { zone }).toFormat('ccc d LLL HH:mm')} –{' '}
                  {DateTime.fromISO(g.end, { zone }).toFormat('ccc HH:mm')} ({zone}): {g.missing} missing
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
