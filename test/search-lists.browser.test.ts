import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, screenshotPath } from './helpers/browser.js';
import { type Journey, startJourney } from './helpers/journey.js';

// Search finds what a person means (#N, an email, an organization's name), and a list page is
// selected whole and changed at once (tag + assign), without re-sorting under the agent while live
// changes come in.

let journey: Journey;
const numbers: Record<string, number> = {};

async function open(token: string, subject: string, body: string) {
  const res = await journey.served.desk.as(token, {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { subject, body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().number as number;
}
const api = (method: 'GET' | 'PATCH', url: string, payload?: unknown) =>
  journey.served.desk.as(journey.served.desk.adminToken, { method, url, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  journey = await startJourney();
  numbers.lena = await open(journey.acme.token, 'Replication lag on the reporting replica', 'Lag is 40 minutes.');
  numbers.lena2 = await open(journey.acme.token, 'Nightly export missing', 'No file since Monday.');
  numbers.hank = await open(journey.globex.token, 'SSO login loops', 'Okta sends us back to the login page.');
  for (let i = 1; i <= 4; i++) await open(journey.globex.token, `Invoice PDF ${i} blank`, 'The PDF is empty.');
}, 180_000);
afterAll(async () => {
  await journey?.close();
});

describe('search finds what a person means', () => {
  it('#N opens that ticket first; an email finds the person’s tickets; an organization’s name finds its tickets', async () => {
    const page = await journey.signInAgent('ana@desk.example');
    const box = page.getByRole('searchbox', { name: 'Search tickets' });

    await box.fill(`#${numbers.hank}`);
    await box.press('Enter');
    const results = page.getByRole('list', { name: 'Results' });
    const first = results.getByRole('listitem').first();
    await expect.poll(() => first.textContent()).toContain(`#${numbers.hank} SSO login loops`);
    expect(await first.textContent()).toContain(`ticket #${numbers.hank}`);

    await box.fill('lena@acme.example');
    await box.press('Enter');
    await page.getByRole('heading', { name: 'Search: lena@acme.example' }).waitFor();
    await expect.poll(() => results.getByRole('listitem').count()).toBe(2);
    const lenas = await results.getByRole('listitem').allTextContents();
    expect(lenas.join('\n')).toContain('Replication lag on the reporting replica');
    expect(lenas.join('\n')).toContain('Nightly export missing');
    expect(lenas.every((text) => text.includes('requested by lena@acme.example'))).toBe(true);

    await box.fill('globex');
    await box.press('Enter');
    await page.getByRole('heading', { name: 'Search: globex' }).waitFor();
    await expect.poll(() => results.getByRole('listitem').count()).toBe(5);
    expect(
      (await results.getByRole('listitem').allTextContents()).every((t) => t.includes('organization Globex')),
    ).toBe(true);
    // a filter narrows it: only the urgent ones (none)
    await page.getByText('Filters').click();
    await page.getByLabel('Priority').selectOption('urgent');
    await page.getByRole('heading', { name: 'No ticket matches' }).waitFor();
    await page.getByLabel('Priority').selectOption('');
    await expect.poll(() => results.getByRole('listitem').count()).toBe(5);
    await page.screenshot({ path: screenshotPath('search-organization'), fullPage: true });

    await results.getByRole('link', { name: /SSO login loops/ }).click();
    await page.getByRole('heading', { name: /SSO login loops/ }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.goto(`${journey.served.base}/search?q=lena%40acme.example`);
    await results.waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.context().close();
  });
});

describe('a list page, selected whole and changed at once', () => {
  it('select all, then tag and assign every ticket; live changes wait to be shown', async () => {
    const page = await journey.signInAgent('ana@desk.example');
    await page.goto(`${journey.served.base}/views/unassigned`);
    const table = page.getByRole('table');
    await table.waitFor();
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(7);
    expect(await page.getByRole('columnheader', { name: 'Next SLA' }).count()).toBe(1);
    await page.locator('html[data-live="ready"]').waitFor({ state: 'attached' });

    // a change made elsewhere is announced; the list stays as it is until asked
    const order = () => table.locator('tbody td.col-number').allTextContents();
    const before = await order();
    await api('PATCH', `/api/v1/tickets/${numbers.lena}`, { priority: 'urgent' });
    const announced = page.getByText(/1 ticket changed/);
    await announced.waitFor({ timeout: 10_000 });
    expect(await order()).toEqual(before);
    expect((await rows.allTextContents()).join('\n')).not.toContain('urgent');
    await page.getByRole('button', { name: 'show' }).click();
    await announced.waitFor({ state: 'detached' });
    await expect.poll(async () => (await rows.allTextContents()).join('\n')).toContain('urgent');

    await page.getByRole('checkbox', { name: 'Select all tickets shown' }).check();
    const bulk = page.getByRole('form', { name: 'Change the selected tickets' });
    await bulk.getByText('7 selected').waitFor();
    await bulk.getByLabel('Assign to').selectOption({ label: 'Lead' });
    await bulk.getByLabel('Add tags').fill('billing-q3');
    await page.screenshot({ path: screenshotPath('list-bulk-selected'), fullPage: true });
    await bulk.getByRole('button', { name: 'Apply to 7 tickets' }).click();
    await page.getByRole('status').filter({ hasText: 'Changed 7 of 7 tickets.' }).waitFor();

    for (const number of Object.values(numbers)) {
      const ticket = (await api('GET', `/api/v1/tickets/${number}`)).json();
      expect(ticket.assignee?.email, `#${number}`).toBe('lead@desk.example');
      expect(ticket.tags).toContain('billing-q3');
    }
    // assigned now, they left the unassigned view; the agent's own change is not announced as news
    await expect.poll(() => rows.count()).toBe(0);
    expect(await page.getByText(/tickets? changed/).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('list-bulk-done'), fullPage: true });
    await page.context().close();
  });

  it('on a phone the list and its bulk bar stay usable', async () => {
    const page = await journey.signInAgent('ana@desk.example', { phone: true });
    await page.goto(`${journey.served.base}/views/all`);
    const rows = page.getByRole('table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(7);
    await page.getByRole('checkbox', { name: `Select ticket ${numbers.hank}` }).check();
    await page.getByRole('checkbox', { name: `Select ticket ${numbers.lena}` }).check();
    const bulk = page.getByRole('form', { name: 'Change the selected tickets' });
    await bulk.getByLabel('Priority').selectOption('high');
    await page.screenshot({ path: screenshotPath('list-bulk-phone'), fullPage: true });
    await bulk.getByRole('button', { name: 'Apply to 2 tickets' }).click();
    await page.getByRole('status').filter({ hasText: 'Changed 2 of 2 tickets.' }).waitFor();
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await width(), 'no sideways scrolling of the whole page').toBeLessThanOrEqual(390);

    await page.goto(`${journey.served.base}/search?q=globex`);
    await expect.poll(() => page.getByRole('list', { name: 'Results' }).getByRole('listitem').count()).toBe(5);
    expect(await width(), 'nor of the search results').toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath('search-phone'), fullPage: true });
    await page.context().close();
  });
});
