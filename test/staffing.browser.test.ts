import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/platform/clock.js';
import { accessibilityProblems, screenshotPath } from './helpers/browser.js';
import { type Journey, startJourney } from './helpers/journey.js';

// A lead asks where to hire, in Chromium. The seed's team: six in EMEA (Lisbon, London, Berlin) and
// six in New York, 9–5 local on weekdays. In winter Berlin works 08–16 UTC, Lisbon and London
// 09–17, New York 14–22 (in summer all an hour earlier): nobody from 22:00 to 08:00 UTC, while
// tickets arrive around the clock on weekdays (one every 30 minutes, the last eight weeks). The lead
// sees a zone on the other side of the world ranked first with the night hours it closes, its week
// before and after, picks another candidate, tries "Priya starts at 05:00" and "Ana leaves", and
// reads it all on a phone.

// The desk's clock: the next Wednesday noon UTC. Not a literal date: the browser keeps real time, and
// a session cookie minted at a desk time in the past would be expired on arrival.
const wednesday = (() => {
  const now = new Date();
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 12));
  while (day.getUTCDay() !== 3) day.setUTCDate(day.getUTCDate() + 1);
  return day;
})();
const clock = new FakeClock(wednesday.toISOString());
const WEEK_MS = 7 * 86_400_000;
let journey: Journey;
let lead: Page;

const weekdays = { mon: '09:00-17:00', tue: '09:00-17:00', wed: '09:00-17:00', thu: '09:00-17:00', fri: '09:00-17:00' };
const person = (email: string, name: string, timeZone: string, country: string, region: string) => ({
  email,
  name,
  timeZone,
  country,
  region,
  hours: weekdays,
});

beforeAll(async () => {
  journey = await startJourney({ clock });
  const desk = journey.served.desk;
  const roster = await desk.as(desk.adminToken, {
    method: 'POST',
    url: '/api/v1/roster',
    payload: {
      agents: [
        person('ana@desk.example', 'Ana Sousa', 'Europe/Lisbon', 'PT', 'EMEA'),
        person('rui@desk.example', 'Rui Costa', 'Europe/Lisbon', 'PT', 'EMEA'),
        person('priya@desk.example', 'Priya Shah', 'Europe/London', 'GB-ENG', 'EMEA'),
        person('dylan@desk.example', 'Dylan Hughes', 'Europe/London', 'GB-ENG', 'EMEA'),
        person('anke@desk.example', 'Anke Vogel', 'Europe/Berlin', 'DE-BE', 'EMEA'),
        person('bernd@desk.example', 'Bernd Krause', 'Europe/Berlin', 'DE-BE', 'EMEA'),
        ...['Gabe Ortiz', 'Hana Kim', 'Ivan Reyes', 'Jade Moore', 'Kofi Mensah', 'Maya Cohen'].map((name) =>
          person(`${name.split(' ')[0]?.toLowerCase()}@desk.example`, name, 'America/New_York', 'US-NY', 'AMER'),
        ),
        { email: 'lead@desk.example', hours: {} },
      ],
    },
  });
  expect(roster.statusCode, roster.body).toBe(200);
  // the tickets of the last eight weeks, as src/staffing's tests seed them: created in the past
  await desk.deps.db.execute(sql`
    INSERT INTO tickets (subject, status, priority, requester_id, channel, created_at, updated_at, status_changed_at)
    SELECT 'Slow query', 'solved', 'normal', ${journey.acme.contactId}::uuid, 'email', t, t, t
    FROM generate_series(${new Date(wednesday.getTime() - 8 * WEEK_MS).toISOString()}::timestamptz,
      ${new Date(wednesday.getTime() - 60_000).toISOString()}::timestamptz, interval '30 minutes') AS t
    WHERE extract(isodow FROM t AT TIME ZONE 'UTC') < 6`);
}, 180_000);
afterAll(async () => {
  await journey?.close();
});

const percentOf = (text: string | null) => Number(/([\d.]+)%/.exec(text ?? '')?.[1]);
const resultNumbers = async (page: Page) =>
  (await page.locator('.what-if-result dd').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());

describe('where to hire and what if', () => {
  it('a lead sees the candidates ranked, the week before and after, and tries what ifs', async () => {
    lead = await journey.signInAgent('lead@desk.example');
    await lead.goto(`${journey.served.base}/where-to-hire`);
    const table = lead.getByRole('table', { name: 'Candidates, best first' });
    await table.waitFor({ timeout: 30_000 });
    await lead.getByText(/^How the ranking is made: the tickets of the last 8 weeks/).waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(10);

    // best first: a zone on the other side of the world, marked, closing night hours
    const first = rows.first();
    const firstZone = (await first.locator('th').textContent()) as string;
    expect(firstZone).toMatch(/^(Asia\/|Australia\/|America\/Los_Angeles)/);
    expect(await first.locator('.badge').textContent()).toBe('Best');
    const closed = Number((await first.locator('td').nth(3).textContent())?.replace(' h', ''));
    expect(closed).toBeGreaterThan(0);
    const [before, after] = ((await first.locator('td').nth(2).textContent()) as string).split('→').map(percentOf);
    expect(after).toBeGreaterThan(before as number);
    // the ranking is by first replies in time: never better further down
    const afters = (await rows.locator('td:nth-child(4)').allTextContents()).map((t) =>
      percentOf(t.split('→')[1] ?? ''),
    );
    expect(afters).toEqual([...afters].sort((a, b) => b - a));

    // the first candidate is shown: what they close in words, and the two weeks as pictures
    await lead.getByRole('heading', { name: `Before and after: one engineer in ${firstZone}` }).waitFor();
    const closes = await lead
      .getByRole('list', { name: `Gaps ${firstZone} closes` })
      .locator('li')
      .allTextContents();
    expect(closes.length).toBeGreaterThan(0);
    for (const line of closes) expect(line).toMatch(/\d\d:\d\d–\d\d:\d\d$/);
    const today = lead.getByRole('img', { name: /^First replies in time by the hour tickets arrive, today/ });
    const withThem = lead.getByRole('img', { name: new RegExp(`with one in ${firstZone.toLowerCase()}`) });
    await today.locator('svg').waitFor();
    await withThem.locator('svg').waitFor();
    // the same in words: the night hours get someone at work
    const changes = lead.locator('.candidate-week .changes li');
    await changes.first().waitFor();
    const lines = await changes.allTextContents();
    expect(lines.some((l) => /: 1 more at work, where nobody is now/.test(l))).toBe(true);
    expect(lines.some((l) => /first replies in time [\d.]+% → 100% \(/.test(l))).toBe(true);
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.screenshot({ path: screenshotPath('staffing-1-ranking'), fullPage: true });

    // another candidate: a European zone closes no night gap
    await table.getByRole('button', { name: 'Europe/London' }).click();
    await lead.getByRole('heading', { name: 'Before and after: one engineer in Europe/London' }).waitFor();
    expect(await table.getByRole('button', { name: 'Europe/London' }).getAttribute('aria-pressed')).toBe('true');
    const londonRow = table.locator('tr', { has: lead.getByRole('button', { name: 'Europe/London' }) });
    expect(await londonRow.locator('td').nth(3).textContent()).toBe('0 h');
    await lead.getByText(/they close 0 h of/).waitFor();
    // the heads map for the same week
    await lead.locator('.candidate-week').getByLabel('Engineers at work').check();
    await lead
      .getByRole('img', { name: /^Engineers at work per hour, today/ })
      .locator('svg')
      .waitFor();

    // what if: "we lose one EMEA engineer": Ana leaves
    const whatIf = lead.getByRole('region', { name: 'What if' });
    const todayReplies = percentOf(await lead.getByText(/^Today: .* of first replies in time/).textContent());
    await whatIf.getByLabel('Who leaves').selectOption('ana@desk.example');
    await whatIf.getByRole('button', { name: 'Take them off' }).click();
    await whatIf.getByText('Ana Sousa leaves').waitFor();
    await expect.poll(() => resultNumbers(lead), { timeout: 20_000 }).toHaveLength(2);
    const leaving = (await resultNumbers(lead)).join(' | ');
    const [leaveReplies, leaveGaps] = await resultNumbers(lead);
    // before is today: the same as the ranking says
    expect(percentOf((leaveReplies ?? '').split('→')[0] ?? '')).toBe(todayReplies);
    await whatIf
      .getByRole('img', { name: /with your changes/ })
      .first()
      .locator('svg')
      .waitFor();

    // and Priya starts at 05:00 London, three hours earlier, into the night gap: the numbers move
    await whatIf.getByLabel('Whose hours').selectOption('priya@desk.example');
    await whatIf.getByText('Now: Mon–Fri 09:00–17:00, Europe/London time.').waitFor();
    await whatIf.getByLabel('Their new day starts').fill('05:00');
    await whatIf.getByLabel('Their new day ends').fill('13:00');
    await whatIf.getByRole('button', { name: 'Move their hours' }).click();
    await whatIf.getByText('Priya Shah works 05:00–13:00 on their days').waitFor();
    await expect.poll(async () => (await resultNumbers(lead)).join(' | '), { timeout: 20_000 }).not.toBe(leaving);
    const [bothReplies, bothGaps] = await resultNumbers(lead);
    const gapHours = (text: string | undefined) => (text ?? '').split('→').map((t) => Number.parseFloat(t));
    // up to three hours a weekday of the coming week fewer in the gap
    expect(gapHours(bothGaps)[1]).toBeLessThan(gapHours(leaveGaps)[1] as number);
    expect(percentOf((bothReplies ?? '').split('→')[1] ?? '')).toBeGreaterThan(
      percentOf((leaveReplies ?? '').split('→')[1] ?? ''),
    );
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.screenshot({ path: screenshotPath('staffing-2-what-if'), fullPage: true });

    // a zone that does not exist: the desk's own words, and it can be taken out again
    await whatIf.getByLabel('Time zone').fill('Mars/Olympus');
    await whatIf.getByRole('button', { name: 'Add them' }).click();
    await whatIf.getByRole('alert').filter({ hasText: '"Mars/Olympus" is not an IANA time zone' }).waitFor();
    await whatIf.getByRole('button', { name: /^Take out: One more engineer in Mars\/Olympus/ }).click();
    await expect.poll(() => whatIf.getByRole('alert').count()).toBe(0);

    // the assumptions: more time away from the queue, fewer replies in time today
    const todayLine = lead.getByText(/^Today: .* of first replies in time/);
    const todayBefore = percentOf(await todayLine.textContent());
    await lead.getByLabel('Shrinkage (%)').fill('80');
    await lead.getByRole('button', { name: 'Save assumptions' }).click();
    await lead.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await expect
      .poll(async () => percentOf(await todayLine.textContent()), { timeout: 20_000 })
      .toBeLessThan(todayBefore);
    expect(await lead.getByLabel('Shrinkage (%)').inputValue()).toBe('80');
    // and back, for the phone
    await lead.getByLabel('Shrinkage (%)').fill('30');
    await lead.getByRole('button', { name: 'Save assumptions' }).click();
    await expect.poll(async () => percentOf(await todayLine.textContent()), { timeout: 20_000 }).toBe(todayBefore);
  });

  it('on a 390 px phone the tables and maps stay inside the page', async () => {
    const phone = await journey.signInAgent('lead@desk.example', { phone: true });
    await phone.goto(`${journey.served.base}/where-to-hire`);
    await phone.getByRole('table', { name: 'Candidates, best first' }).waitFor({ timeout: 30_000 });
    await phone
      .getByRole('img', { name: /, today, times in Europe\/Lisbon$/ })
      .locator('svg')
      .waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // the chart fits the phone: no wider than the screen
    const box = await phone.getByRole('img', { name: /, today, times in Europe\/Lisbon$/ }).boundingBox();
    expect(box?.width).toBeLessThanOrEqual(390);
    expect(await accessibilityProblems(phone)).toEqual([]);
    await phone.screenshot({ path: screenshotPath('staffing-3-phone'), fullPage: true });
    await phone.context().close();
  });
});
