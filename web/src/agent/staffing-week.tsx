import { DateTime } from 'luxon';
import { useId, useMemo, useState } from 'react';
import type { ResponseOf } from '../shared/api.js';
import { Chart } from '../shared/chart.js';

// A typical week before and after a change of the roster, as two heatmaps of 7 days × 24 hours in
// the viewer's zone, with the same numbers in words and in a table for those who do not see charts.
// The model's week is 672 quarter hours from Monday 00:00 UTC; a typical week has no dates, so it
// moves to the viewer's zone by the zone's offset at the end of the simulated weeks.

export type WhatIf = ResponseOf<'/api/v1/staffing/what-if', 'post'>;
type Outcome = WhatIf['before'];

const SLOTS = 672;
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
// fewer tickets than this in an hour of the typical week are no tickets (weighted means leave crumbs)
const SOME = 0.05;

interface Hour {
  day: number;
  hour: number;
  /** engineers at work, the mean of the hour's quarters */
  heads: number;
  arrivals: number;
  missed: number;
  /** tickets arrive with nobody at work in some quarter of the hour */
  unserved: boolean;
}

/** The week hour by hour in a zone whose offset from UTC is `offsetMinutes`. */
function hoursOf(outcome: Outcome, arrivals: number[], offsetMinutes: number): Hour[] {
  const hours: Hour[] = Array.from({ length: 168 }, (_, i) => ({
    day: Math.floor(i / 24),
    hour: i % 24,
    heads: 0,
    arrivals: 0,
    missed: 0,
    unserved: false,
  }));
  const shift = Math.round(offsetMinutes / 15);
  for (let s = 0; s < SLOTS; s++) {
    const local = (((s + shift) % SLOTS) + SLOTS) % SLOTS;
    const cell = hours[Math.floor(local / 4)] as Hour;
    const heads = outcome.headsPerSlot[s] ?? 0;
    cell.heads += heads / 4;
    cell.arrivals += arrivals[s] ?? 0;
    cell.missed += outcome.missedPerSlot[s] ?? 0;
    if ((arrivals[s] ?? 0) > SOME / 4 && heads < 0.05) cell.unserved = true;
  }
  return hours;
}

/** The share of the hour's tickets answered in time; null with no tickets arriving. */
const inTime = (h: Hour) => (h.arrivals > SOME ? Math.max(0, 1 - h.missed / h.arrivals) : null);

export const percent = (share: number) =>
  share >= 0.9995 ? '100%' : share < 0.0005 ? '0%' : `${(share * 100).toFixed(1)}%`;
const wholePercent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}`);
const heads = (n: number) => (Math.abs(n - Math.round(n)) < 0.05 ? String(Math.round(n)) : n.toFixed(1));
const tickets = (n: number) => (n >= 10 || Math.abs(n - Math.round(n)) < 0.05 ? String(Math.round(n)) : n.toFixed(1));

type Metric = 'in-time' | 'heads';

// colours that read apart for most colour vision; the words beside the map carry the same
const IN_TIME_PIECES = [
  { value: -1, color: '#eef1f4', label: 'no tickets' },
  { gte: 0, lt: 50, color: '#b42318', label: 'under 50%' },
  { gte: 50, lt: 80, color: '#f97316', label: '50–80%' },
  { gte: 80, lt: 95, color: '#fcd34d', label: '80–95%' },
  { gte: 95, color: '#15803d', label: '95% or more' },
];
const HEADS_PIECES = [
  { value: -1, color: '#6b21a8', label: 'tickets arrive, nobody at work' },
  { gte: 0, lt: 0.05, color: '#eef1f4', label: 'nobody' },
  { gte: 0.05, lt: 1.5, color: '#dbeafe', label: '1' },
  { gte: 1.5, lt: 3.5, color: '#93c5fd', label: '2–3' },
  { gte: 3.5, lt: 6.5, color: '#3b82f6', label: '4–6' },
  { gte: 6.5, color: '#1e3a8a', label: '7 or more' },
];

function describe(h: Hour, zone: string): string {
  const when = `${DAYS[h.day]} ${HOURS[h.hour]}:00–${HOURS[(h.hour + 1) % 24]}:00 ${zone}`;
  const share = inTime(h);
  const parts = [`${heads(h.heads)} at work`];
  if (share === null) parts.push('no tickets arrive');
  else parts.push(`${tickets(h.arrivals)} tickets arrive, ${wholePercent(share)}% answered in time`);
  if (h.unserved) parts.push('tickets arrive with nobody at work');
  return `${when}: ${parts.join('; ')}`;
}

function optionOf(hours: Hour[], metric: Metric, zone: string) {
  const value = (h: Hour) => {
    if (metric === 'heads') return h.unserved ? -1 : Math.round(h.heads * 10) / 10;
    const share = inTime(h);
    return share === null ? -1 : Math.round(share * 1000) / 10;
  };
  const words = hours.map((h) => describe(h, zone));
  return {
    grid: { left: 38, right: 6, top: 6, bottom: 22 },
    tooltip: {
      confine: true,
      formatter: (p: { dataIndex: number }) => words[p.dataIndex] ?? '',
    },
    xAxis: { type: 'category', data: HOURS, splitArea: { show: false }, axisLabel: { interval: 2, fontSize: 11 } },
    yAxis: { type: 'category', data: DAYS, inverse: true, axisLabel: { fontSize: 11 } },
    visualMap: {
      show: false,
      type: 'piecewise',
      dimension: 2,
      pieces: metric === 'heads' ? HEADS_PIECES : IN_TIME_PIECES,
    },
    series: [
      {
        type: 'heatmap',
        data: hours.map((h) => [h.hour, h.day, value(h)]),
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: '#1b1f24', borderWidth: 2 } },
      },
    ],
  };
}

/** How many more (or fewer) at work, to the half: the means over weeks have holidays in them. */
const headsDelta = (before: Hour, after: Hour) => Math.round((after.heads - before.heads) * 2) / 2;

/** "Mon–Fri", "Mon, Wed", "Tue" */
function dayNames(days: number[]): string {
  const contiguous = days.every((d, i) => i === 0 || d === (days[i - 1] as number) + 1);
  if (contiguous && days.length > 2) return `${DAYS[days[0] as number]}–${DAYS[days.at(-1) as number]}`;
  return days.map((d) => DAYS[d]).join(', ');
}

/**
 * The hours where the change makes a difference, in runs with the same change in people at work,
 * the same run on several days said once: "Mon–Fri 22:00–00:00: 1 more at work, where nobody is now;
 * first replies in time 0% → 100% (4 tickets each day)".
 */
function changesInWords(before: Hour[], after: Hour[], zone: string): string[] {
  const delta = (i: number) => headsDelta(before[i] as Hour, after[i] as Hour);
  const changed = (i: number) => {
    const sb = inTime(before[i] as Hour);
    const sa = inTime(after[i] as Hour);
    return delta(i) !== 0 || (sb !== null && sa !== null && Math.abs(sb - sa) >= 0.005);
  };
  // the same words on several days: one line, its days in order
  const runs = new Map<string, { days: number[]; replies: { text: string; tickets: number } | null }>();
  for (let day = 0; day < 7; day++) {
    let hour = 0;
    while (hour < 24) {
      const i = day * 24 + hour;
      if (!changed(i)) {
        hour++;
        continue;
      }
      const first = hour;
      const step = delta(i);
      while (hour < 24 && changed(day * 24 + hour) && delta(day * 24 + hour) === step) hour++;
      const run = (list: Hour[]) => list.slice(day * 24 + first, day * 24 + hour);
      const sum = (list: Hour[], f: (h: Hour) => number) => run(list).reduce((n, h) => n + f(h), 0);
      const arrived = sum(before, (h) => h.arrivals);
      const share = (list: Hour[]) => (arrived > SOME ? Math.max(0, 1 - sum(list, (h) => h.missed) / arrived) : null);
      const parts = [`${HOURS[first]}:00–${HOURS[hour % 24]}:00:`];
      if (step !== 0) {
        const nobody = run(before).every((h) => h.heads < 0.5);
        parts.push(
          `${heads(Math.abs(step))} ${step > 0 ? 'more' : 'fewer'} at work${nobody ? ', where nobody is now' : ''}`,
        );
      }
      const sb = share(before);
      const sa = share(after);
      const replies =
        sb !== null && sa !== null && Math.abs(sb - sa) >= 0.0005
          ? { text: `first replies in time ${percent(sb)} → ${percent(sa)}`, tickets: arrived }
          : null;
      if (step === 0 && !replies) continue;
      const key = `${parts.join(' ')}|${replies?.text ?? ''}|${replies ? tickets(replies.tickets) : ''}`;
      const known = runs.get(key);
      if (known) known.days.push(day);
      else runs.set(key, { days: [day], replies });
    }
  }
  const lines = [...runs].map(([key, { days, replies }]) => {
    const [words] = key.split('|');
    const each = days.length > 1 ? ' each day' : '';
    const said = replies ? `${replies.text} (${tickets(replies.tickets)} tickets${each})` : '';
    const join = (words as string).endsWith(':') ? ' ' : '; ';
    return `${dayNames(days)} ${words}${said ? join + said : ''}`;
  });
  return lines.length ? lines : [`Nothing changes in the typical week (times in ${zone}).`];
}

function Legend({ metric }: { metric: Metric }) {
  const pieces = metric === 'heads' ? HEADS_PIECES : IN_TIME_PIECES;
  return (
    <ul className="chart-legend" aria-label="Colours">
      {pieces.map((p) => (
        <li key={p.label}>
          <span className="swatch" style={{ background: p.color }} aria-hidden="true" />
          {p.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * Two heatmaps of the typical week, today and after the change, coloured by first replies in time
 * (by the hour tickets arrive) or by engineers at work; below them what changes, in words.
 */
export function BeforeAfter({ result, afterTitle, zone }: { result: WhatIf; afterTitle: string; zone: string }) {
  const [metric, setMetric] = useState<Metric>('in-time');
  const name = useId();
  const offset = DateTime.fromISO(result.to, { zone }).offset;
  const before = useMemo(() => hoursOf(result.before, result.arrivalsPerSlot, offset), [result, offset]);
  const after = useMemo(() => hoursOf(result.after, result.arrivalsPerSlot, offset), [result, offset]);
  const beforeOption = useMemo(() => optionOf(before, metric, zone), [before, metric, zone]);
  const afterOption = useMemo(() => optionOf(after, metric, zone), [after, metric, zone]);
  const what = metric === 'heads' ? 'Engineers at work per hour' : 'First replies in time by the hour tickets arrive';
  const lines = changesInWords(before, after, zone);
  const cell = (i: number) => {
    const b = before[i] as Hour;
    const a = after[i] as Hour;
    return metric === 'heads'
      ? `${heads(b.heads)} → ${heads(a.heads)}`
      : `${wholePercent(inTime(b))} → ${wholePercent(inTime(a))}`;
  };
  return (
    <div className="before-after">
      <fieldset className="metric-choice">
        <legend>Colour the week by</legend>
        <label>
          <input type="radio" name={name} checked={metric === 'in-time'} onChange={() => setMetric('in-time')} />
          First replies in time
        </label>
        <label>
          <input type="radio" name={name} checked={metric === 'heads'} onChange={() => setMetric('heads')} />
          Engineers at work
        </label>
      </fieldset>
      <div className="week-pair">
        <figure>
          <figcaption>Today</figcaption>
          <Chart option={beforeOption} label={`${what}, today, times in ${zone}`} height={230} />
        </figure>
        <figure>
          <figcaption>{afterTitle}</figcaption>
          <Chart option={afterOption} label={`${what}, ${afterTitle.toLowerCase()}, times in ${zone}`} height={230} />
        </figure>
      </div>
      <Legend metric={metric} />
      <p className="muted small">
        A typical week from the last {result.weeks} weeks, times in {zone}.{' '}
        {metric === 'heads'
          ? 'Each hour is coloured by the engineers at work in it.'
          : 'Each hour is coloured by the share of the tickets arriving in it that get a first reply in time.'}{' '}
        People at work are means over those weeks: holidays and time off make some less than whole.
      </p>
      <h3>What changes</h3>
      <ul className="changes">
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      <details className="every-hour">
        <summary>Every hour in numbers</summary>
        <div className="table-scroll">
          <table>
            <caption>
              {metric === 'heads' ? 'Engineers at work' : 'First replies in time (%)'}, today →{' '}
              {afterTitle.toLowerCase()}, times in {zone}
            </caption>
            <thead>
              <tr>
                <th scope="col">Hour</th>
                {DAYS.map((d) => (
                  <th scope="col" key={d}>
                    {d}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {HOURS.map((h, hour) => (
                <tr key={h}>
                  <th scope="row">{h}:00</th>
                  {DAYS.map((d, day) => (
                    <td key={d}>{cell(day * 24 + hour)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
