import { hostSlots, type Interval, type SlotHost, type SlotRules, unionSlots } from '../src/calls/slots.js';
import { parseWeeklyHours } from '../src/coverage/weekly-hours.js';
import type { Results } from './table.js';

// Call slots on their own (no database), the scenario: a round-robin call type over 50 agents
// for 14 days, each with a calendar of 500 busy events (30–120 min, anywhere in the 14 days) and a
// few booked calls. One run = every host's slots + their union. Target: under 200 ms.

// Nepal is not in date-holidays: no country, no holidays
const ZONES: [string, string | null][] = [
  ['Europe/Lisbon', 'PT'],
  ['Europe/Berlin', 'DE'],
  ['America/New_York', 'US-NY'],
  ['America/Los_Angeles', 'US-CA'],
  ['Asia/Kolkata', 'IN'],
  ['Asia/Kathmandu', null],
  ['Australia/Sydney', 'AU-NSW'],
];

const AGENTS = 50;
const EVENTS = 500;
const HOLDS = 8;
const DAYS = 14;
const WARM_UP = 5;
const RUNS = 50;
const MINUTE = 60_000;
const DAY = 86_400_000;

// seeded, so every run of the bench sees the same calendars
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function hosts(from: number): SlotHost[] {
  const random = mulberry32(12);
  const span = DAYS * DAY;
  return Array.from({ length: AGENTS }, (_, i) => {
    const [timeZone, country] = ZONES[i % ZONES.length] as [string, string | null];
    const day = i % 5 === 0 ? '08:00-12:00,13:00-17:00' : '09:00-17:00';
    const busy: Interval[] = Array.from({ length: EVENTS }, () => {
      const start = from + Math.floor((random() * span) / (5 * MINUTE)) * 5 * MINUTE;
      return [start, start + (30 + Math.floor(random() * 19) * 5) * MINUTE];
    });
    // booked calls: 30 min with 10-minute buffers, on the hour
    const holds: Interval[] = Array.from({ length: HOLDS }, () => {
      const start = from + Math.floor((random() * span) / (60 * MINUTE)) * 60 * MINUTE;
      return [start - 10 * MINUTE, start + 40 * MINUTE];
    });
    return {
      agentId: `agent${i}`,
      rostered: {
        timeZone,
        country,
        hours: parseWeeklyHours({ mon: day, tue: day, wed: day, thu: day, fri: day }),
        timeOff: i % 10 === 3 ? [{ from: '2027-10-27', to: '2027-10-29' }] : [],
      },
      busy,
      holds,
      callsPerDay: new Map([['2027-10-26', i % 4]]),
    };
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;

export function benchCallSlots(results: Results, log: (s: string) => void) {
  log(`call slots: ${AGENTS} agents × ${DAYS} days, ${EVENTS} calendar events each, round robin`);
  // Mon 25 Oct 2027 for two weeks: Europe's clocks change on the 31st, the US's on 7 Nov
  const now = new Date('2027-10-25T00:00:00Z');
  const window = { from: now, to: new Date(now.getTime() + DAYS * DAY) };
  const people = hosts(now.getTime());
  const rules: SlotRules = {
    durationMinutes: 30,
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 10,
    minNoticeMinutes: 240,
    horizonDays: DAYS,
    maxPerAgentPerDay: 3,
  };
  const once = () => {
    const perHost = people.map((host) => ({ agentId: host.agentId, slots: hostSlots(host, rules, window, now) }));
    return { perHost, union: unionSlots(perHost) };
  };

  // the first run also loads the holiday rules of six countries
  let t = performance.now();
  const first = once();
  const coldMs = performance.now() - t;
  // then a few runs for the JIT, as a server that has been answering slot requests for a while
  for (let i = 0; i < WARM_UP; i++) once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    once();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const hostSlotCount = first.perHost.reduce((n, h) => n + h.slots.length, 0);
  results['call slots, 50 agents × 14 days'] =
    `median ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms ` +
    `(${RUNS} runs after ${WARM_UP + 1} unmeasured; first ${Math.round(coldMs)} ms; ${hostSlotCount} host slots, ${first.union.length} distinct starts; target < 200 ms)`;
}
