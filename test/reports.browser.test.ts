import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/auth/actor.js';
import { createToken } from '../src/auth/tokens.js';
import { FakeClock } from '../src/platform/clock.js';
import { accessibilityProblems, screenshotPath } from './helpers/browser.js';
import { type Journey, startJourney } from './helpers/journey.js';

// A lead reads the reports in Chromium, on Monday 16 Mar 2026. For six weeks from Mon 2 Feb, every
// Monday three tickets came in (Acme, on the enterprise plan, at 09:00 and 10:00 UTC; Globex, standard,
// at 11:00) and Ana answered them 30 min, 1 h and 3 h later (the report counts calendar time); the first of each Monday was solved on Tuesday. The lead opens Reports,
// then First reply: by week the median is 1 h; grouped by plan, Acme's tickets wait less; over the
// last two weeks there are two rows; the back button undoes the range; the CSV has the same numbers.
// Then the backlog (it grows by two a week) and SLA attainment; and the same on a 390 px phone.

const clock = new FakeClock('2026-02-02T08:00:00Z');
const NOW = new Date('2026-03-16T08:00:00Z');
const MONDAYS = ['2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09'];
let journey: Journey;
let lead: Page;

const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

async function call(token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  const res = await journey.served.desk.as(token, { method, url, ...(payload ? { payload } : {}) });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

/** the rows of the report's table as the lead reads them: row header, then the cells */
async function tableRows(page: Page): Promise<string[][]> {
  return page
    .locator('.report-table tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) =>
        Array.from(r.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()),
      ),
    );
}

/**
 * Signed in on today's date, so the browser keeps the session cookie (it expires by the real clock);
 * then the desk and the page are back on Monday 16 Mar 2026.
 */
async function signInLead(options: { phone?: boolean } = {}): Promise<Page> {
  clock.set(new Date());
  const page = await journey.signInAgent('lead@desk.example', options);
  clock.set(NOW);
  await page.clock.setFixedTime(NOW);
  return page;
}

async function columnHeaders(page: Page): Promise<string[]> {
  return page.locator('.report-table thead th').allTextContents();
}

beforeAll(async () => {
  journey = await startJourney({ clock });
  const { desk } = journey.served;
  const admin = desk.adminToken;
  await call(admin, 'PATCH', `/api/v1/organizations/${journey.acme.organizationId}`, { plan: 'enterprise' });
  await call(admin, 'PATCH', `/api/v1/organizations/${journey.globex.organizationId}`, { plan: 'standard' });
  const ana = (await createToken(desk.deps, SYSTEM, { name: 'ana', role: 'agent', agentEmail: 'ana@desk.example' }))
    .token;
  const waits = [
    { customer: journey.acme.token, at: '09:00', answerAfterMinutes: 30, solve: true },
    { customer: journey.acme.token, at: '10:00', answerAfterMinutes: 60, solve: false },
    { customer: journey.globex.token, at: '11:00', answerAfterMinutes: 180, solve: false },
  ];
  for (const monday of MONDAYS) {
    for (const [i, w] of waits.entries()) {
      const opened = new Date(`${monday}T${w.at}:00Z`);
      clock.set(opened);
      const ticket = await call(w.customer, 'POST', '/api/v1/tickets', {
        subject: `Runner stuck ${monday} #${i + 1}`,
        body: 'Jobs wait forever in the queue.',
      });
      clock.set(new Date(opened.getTime() + w.answerAfterMinutes * 60_000));
      await call(ana, 'POST', `/api/v1/tickets/${ticket.number}/messages`, { body: 'Looking at it now.' });
      if (w.solve) {
        clock.set(new Date(opened.getTime() + 86_400_000));
        await call(ana, 'PATCH', `/api/v1/tickets/${ticket.number}`, { status: 'solved' });
      }
    }
  }
  clock.set(NOW);
  await journey.worker.drain();
}, 300_000);
afterAll(async () => {
  await journey?.close();
});

describe('a lead reads the reports', () => {
  it('opens Reports and First reply: a chart and the same numbers in a table, by week', async () => {
    lead = await signInLead();
    await lead.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Reports' }).click();
    await lead.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    const list = lead.locator('.report-list li');
    await list.first().waitFor();
    // every report with its one line
    const entries = (await list.allTextContents()).map(plain);
    expect(entries.length).toBeGreaterThanOrEqual(8);
    expect(entries.find((e) => e.startsWith('First reply time —'))?.length).toBeGreaterThan(40);
    // the lead asks for the week's numbers by mail; the desk keeps it
    const weekly = lead.getByLabel(/Mail me last week’s numbers every Monday/);
    expect(await weekly.isChecked()).toBe(false);
    await Promise.all([
      lead.waitForResponse((r) => r.url().endsWith('/api/v1/reports/weekly-summary') && r.request().method() === 'PUT'),
      weekly.check(),
    ]);
    await lead.reload();
    await lead.locator('.report-list li').first().waitFor();
    expect(await lead.getByLabel(/Mail me last week’s numbers every Monday/).isChecked()).toBe(true);
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.screenshot({ path: screenshotPath('reports-1-list'), fullPage: true });

    await lead.getByRole('link', { name: 'First reply time', exact: true }).click();
    await lead.getByRole('heading', { level: 1, name: 'First reply time' }).waitFor();
    // the default: the last 12 weeks, by week, days in the lead's zone
    expect(await lead.getByLabel('From', { exact: true }).inputValue()).toBe('2025-12-29');
    expect(await lead.getByLabel('To', { exact: true }).inputValue()).toBe('2026-03-16');
    expect(await lead.getByRole('button', { name: 'Last 12 weeks' }).getAttribute('aria-pressed')).toBe('true');
    expect(await lead.getByLabel('Group by').inputValue()).toBe('week');
    const table = lead.getByRole('table', {
      name: /^First reply time by week, 29 Dec 2025 – 16 Mar 2026 \(Europe\/Lisbon\)/,
    });
    await table.waitFor();
    const headers = await columnHeaders(lead);
    expect(headers[0]).toBe('Week');
    const median = headers.findIndex((h) => /median/i.test(h));
    expect(median, headers.join(' | ')).toBeGreaterThan(0);
    // each of the six weeks: 30 min, 1 h, 3 h, so a median of 1 h
    const weeks = (await tableRows(lead)).filter((r) => r[median] !== '—' && r[median] !== '');
    expect(weeks.map((r) => r[median])).toEqual(Array(6).fill('1 h'));
    // the chart beside it says what it shows; it is drawn (the SVG is there)
    const chart = lead.getByRole('img', {
      name: /^Chart: median and 90th percentile in hours\. First reply time by week/,
    });
    await chart.locator('svg').waitFor();
    expect(await chart.locator('svg path').count()).toBeGreaterThan(6);
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.screenshot({ path: screenshotPath('reports-2-first-reply'), fullPage: true });
  });

  it('groups by plan, narrows the range, and the back button undoes it', async () => {
    await lead.getByLabel('Group by').selectOption('plan');
    await lead.getByRole('table', { name: /^First reply time by plan,/ }).waitFor();
    expect(new URL(lead.url()).searchParams.get('groupBy')).toBe('plan');
    const headers = await columnHeaders(lead);
    const median = headers.findIndex((h) => /median/i.test(h));
    const byPlan = Object.fromEntries((await tableRows(lead)).map((r) => [r[0], r[median]]));
    // Acme (enterprise) waited 30 min and 1 h: the median falls between; Globex (standard) 3 h
    expect(byPlan.standard).toBe('3 h');
    expect(Object.keys(byPlan)).toContain('enterprise');

    await lead.getByLabel('Group by').selectOption('week');
    await lead.getByLabel('From', { exact: true }).fill('2026-03-02');
    await lead.getByLabel('To', { exact: true }).fill('2026-03-15');
    const twoWeeks = lead.getByRole('table', { name: /^First reply time by week, 2 Mar – 15 Mar 2026/ });
    await twoWeeks.waitFor();
    expect(await lead.getByRole('button', { name: 'Last 12 weeks' }).getAttribute('aria-pressed')).toBe('false');
    // the caption follows the range at once; the rows when the new answer comes (the old ones stay meanwhile)
    await expect.poll(async () => (await tableRows(lead)).length).toBe(2);
    const shared = new URL(lead.url());
    expect(shared.pathname).toBe('/reports/first-reply');
    expect(shared.searchParams.get('from')).toBe('2026-03-02');
    expect(shared.searchParams.get('to')).toBe('2026-03-15');
    await lead.screenshot({ path: screenshotPath('reports-3-two-weeks'), fullPage: true });

    // back: the range as it was before "To" changed
    await lead.goBack();
    await lead.getByRole('table', { name: /^First reply time by week, 2 Mar – 16 Mar 2026/ }).waitFor();
    await lead.goForward();
    await twoWeeks.waitFor();

    // a range with nothing in it says so in words
    await lead.getByLabel('From', { exact: true }).fill('2025-06-01');
    await lead.getByLabel('To', { exact: true }).fill('2025-06-30');
    await lead.getByText('No tickets in this range.').waitFor();
    await lead.getByRole('button', { name: 'Last 4 weeks' }).click();
    // the range moves with the address: wait for the table it draws, then read the field
    await lead.getByRole('table', { name: /^First reply time by week, 23 Feb – 16 Mar 2026/ }).waitFor();
    expect(await lead.getByLabel('From', { exact: true }).inputValue()).toBe('2026-02-23');
    expect(await lead.getByRole('button', { name: 'Last 4 weeks' }).getAttribute('aria-pressed')).toBe('true');
    expect(await accessibilityProblems(lead)).toEqual([]);
  });

  it('downloads the same report as CSV', async () => {
    const link = lead.getByRole('link', { name: 'Download CSV' });
    expect(await link.getAttribute('href')).toMatch(
      /^\/api\/v1\/reports\/first-reply\?.*from=2026-02-23.*&format=csv$/,
    );
    const [download] = await Promise.all([lead.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('first-reply-by-week.csv');
    const lines = fs
      .readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('Week,Replies,Median,90th percentile');
    // the weeks of 23 Feb, 2 and 9 Mar had three replies each, the median one an hour (in minutes);
    // this week has none yet
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3))).toEqual([
      ['Week of 23 Feb 2026', '3', '60'],
      ['Week of 2 Mar 2026', '3', '60'],
      ['Week of 9 Mar 2026', '3', '60'],
      ['Week of 16 Mar 2026', '0', ''],
    ]);
  });

  it('opens the backlog: a line over time with created and solved as bars', async () => {
    await lead.getByRole('link', { name: 'All reports' }).click();
    await lead.getByRole('link', { name: 'Backlog', exact: true }).click();
    await lead.getByRole('heading', { level: 1, name: 'Backlog' }).waitFor();
    await lead.getByRole('table', { name: /^Backlog by day, 29 Dec 2025 – 16 Mar 2026/ }).waitFor();
    const chart = lead.getByRole('img', { name: /^Chart: .* as a line, .* as bars/ });
    await chart.locator('svg').waitFor();
    const headers = await columnHeaders(lead);
    expect(headers.join(' | ')).toMatch(/created/i);
    expect(headers.join(' | ')).toMatch(/solved/i);
    // six Mondays of three new tickets, one solved each Tuesday: twelve unsolved at the end
    const last = (await tableRows(lead)).at(-1);
    expect(last?.[0]).toBe('Mon 16 Mar 2026');
    expect(last?.at(-1)).toBe('12');
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.screenshot({ path: screenshotPath('reports-4-backlog'), fullPage: true });
  });

  it('opens SLA attainment: percentages from 0 to 100', async () => {
    await lead.getByRole('link', { name: 'All reports' }).click();
    await lead.getByRole('link', { name: 'SLA attainment', exact: true }).click();
    await lead.getByRole('heading', { level: 1, name: 'SLA attainment' }).waitFor();
    await lead.getByRole('table', { name: /^SLA attainment by / }).waitFor();
    const cells = (await tableRows(lead)).flat();
    expect(
      cells.some((c) => /^\d{1,3}\.\d %$/.test(c)),
      cells.join(' | '),
    ).toBe(true);
    const chart = lead.getByRole('img', { name: /in percent/ });
    await chart.locator('svg').waitFor();
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.screenshot({ path: screenshotPath('reports-5-sla-attainment'), fullPage: true });
  });

  it('on a 390 px phone the chart fits and the table scrolls inside its box', async () => {
    const phone = await signInLead({ phone: true });
    await phone.goto(`${journey.served.base}/reports/first-reply`);
    await phone.getByRole('table', { name: /^First reply time by week/ }).waitFor();
    await phone
      .getByRole('img', { name: /^Chart: / })
      .locator('svg')
      .waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const chartWidth = await phone.locator('.report-chart svg').evaluate((svg) => svg.getBoundingClientRect().width);
    expect(chartWidth).toBeLessThanOrEqual(390);
    expect(await accessibilityProblems(phone)).toEqual([]);
    await phone.screenshot({ path: screenshotPath('reports-6-phone'), fullPage: true });
    await phone.context().close();
  });
});
