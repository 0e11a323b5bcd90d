import { coverageGaps, coverageSlots, defaultTarget } from '../src/coverage/coverage.js';
import { cachedCalendar } from '../src/coverage/support-time.js';
import { parseWeeklyHours } from '../src/coverage/weekly-hours.js';
import { workingIntervals } from '../src/coverage/working-intervals.js';
import { applySlaEvent, nextDue, type SlaClock, type Targets } from '../src/sla/clock-rules.js';
import type { Metric } from '../src/sla/tables.js';
import type { Results } from './table.js';

// The follow-the-sun arithmetic on its own (no database): a year of coverage for a 200-agent
// roster in 15-minute slots, and SLA due times for 100,000 tickets in support hours with holidays.

const ZONES: [string, string][] = [
  ['Europe/Lisbon', 'PT'],
  ['Europe/Berlin', 'DE'],
  ['Europe/Istanbul', 'TR'],
  ['America/New_York', 'US-NY'],
  ['America/Chicago', 'US-IL'],
  ['America/Los_Angeles', 'US-CA'],
  ['America/Sao_Paulo', 'BR'],
  ['Asia/Kolkata', 'IN'],
  ['Asia/Tokyo', 'JP'],
  ['Australia/Sydney', 'AU-NSW'],
];

function roster(size: number) {
  return Array.from({ length: size }, (_, i) => {
    const [timeZone, country] = ZONES[i % ZONES.length] as [string, string];
    const split = i % 10 === 0;
    const day = split ? '08:00-12:00,13:00-17:00' : '09:00-17:00';
    const week = (i * 7) % 48; // two weeks of leave, spread over the year
    const from = new Date(Date.UTC(2027, 0, 4 + week * 7));
    const to = new Date(from.getTime() + 13 * 86_400_000);
    return {
      email: `agent${i}@bench.example`,
      timeZone,
      country,
      hours: parseWeeklyHours({ mon: day, tue: day, wed: day, thu: day, fri: day }),
      timeOff: [{ from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) }],
    };
  });
}

export function benchTimeMaths(results: Results, log: (s: string) => void) {
  log('coverage: 200 agents over a year, 15-minute slots');
  const people = roster(200);
  const from = new Date('2027-01-01T00:00:00Z');
  const to = new Date('2028-01-01T00:00:00Z');
  let t = performance.now();
  const slots = coverageSlots(people, from, to);
  const gaps = coverageGaps(slots, { ...defaultTarget(), minAgents: 20 });
  const coverageMs = performance.now() - t;
  results['coverage, 200 agents × 1 year'] =
    `${Math.round(coverageMs)} ms (${slots.length} slots, ${gaps.length} gaps below 20 agents)`;

  log('SLA due times: 100,000 tickets in support hours (Mon–Fri 08–18 Europe/Berlin, DE holidays)');
  const hours = parseWeeklyHours({
    mon: '08:00-18:00',
    tue: '08:00-18:00',
    wed: '08:00-18:00',
    thu: '08:00-18:00',
    fri: '08:00-18:00',
  });
  const calendar = cachedCalendar((a, b) =>
    workingIntervals({ timeZone: 'Europe/Berlin', hours, country: 'DE' }, a, b),
  );
  const targets: Targets[] = [30, 240, 480, 1440].map((m) => ({
    firstReply: m,
    nextReply: m,
    periodicUpdate: null,
    resolution: m * 10,
    businessHours: true,
    pauseOnHold: false,
  }));
  const TICKETS = 100_000;
  const yearMs = to.getTime() - from.getTime();
  let due = 0;
  t = performance.now();
  for (let i = 0; i < TICKETS; i++) {
    const created = new Date(from.getTime() + ((i * 7_919_993) % yearMs));
    const clocks = new Map<Metric, SlaClock>();
    const target = targets[i % 4] as Targets;
    applySlaEvent(clocks, { kind: 'created', status: 'new', byCustomer: true }, target, calendar, created);
    // every other ticket: answered two hours later and pending, then the customer writes again
    if (i % 2 === 0) {
      const replied = new Date(created.getTime() + 2 * 3_600_000);
      applySlaEvent(clocks, { kind: 'agent-reply', from: 'new', to: 'pending' }, target, calendar, replied);
      const back = new Date(replied.getTime() + 26 * 3_600_000);
      applySlaEvent(clocks, { kind: 'customer-message', from: 'pending', to: 'open' }, target, calendar, back);
    }
    if (nextDue(clocks.values())) due++;
  }
  const slaMs = performance.now() - t;
  results['SLA due times, 100,000 tickets'] =
    `${Math.round(slaMs)} ms (${((slaMs * 1000) / TICKETS).toFixed(1)} µs a ticket, ${due} with a due time)`;
}
