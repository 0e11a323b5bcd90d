import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/platform/clock.js';
import { handOverEndedShifts } from '../src/routing/handover.js';
import { accessibilityProblems, agentWithPassword, screenshotPath } from './helpers/browser.js';
import { type Journey, PASSWORD, startJourney } from './helpers/journey.js';

// Defaults that don't surprise, and the phone. Ana (Lisbon, 09:00–17:00) takes a ticket by hand
// before her day starts; routing gives her another. When her day ends the one she took stays hers,
// and the ticket page says it is pinned; the routed one goes to the lead, who works New York hours.
// On a 390 px phone the list is cards and the menu folds. An unknown URL shows a page. No outgoing
// mail is configured on this desk, and every agent page says so.

const clock = new FakeClock('2026-12-07T08:30:00Z'); // Monday, before anyone's day starts
let journey: Journey;

beforeAll(async () => {
  journey = await startJourney({ clock, env: { ROUTING: 'least-open', OUTBOUND_SMTP_URL: '' } });
  const lead = await journey.served.desk.as(journey.served.desk.adminToken, {
    method: 'PUT',
    url: '/api/v1/agents/lead@desk.example/schedule',
    payload: { timeZone: 'America/New_York' },
  });
  expect(lead.statusCode, lead.body).toBe(200);
}, 120_000);
afterAll(async () => {
  await journey?.close();
});

async function open(subject: string) {
  const res = await journey.served.desk.as(journey.acme.token, {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { subject, body: 'Sidekiq latency is 40 minutes and rising.', severity: 2 },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().number as number;
}
const assigneeOf = async (number: number) =>
  (
    await journey.served.desk.as(journey.served.desk.adminToken, { method: 'GET', url: `/api/v1/tickets/${number}` })
  ).json().assignee?.email as string | undefined;

describe('defaults that do not surprise', () => {
  it('a ticket Ana assigns to herself by hand stays hers at handover, and its page says it is pinned', async () => {
    const { served, worker } = journey;
    const taken = await open('Sidekiq queue stuck since 09:00');
    const routed = await open('Dashboard slow for every user');
    await worker.drain();
    // nobody is at work yet: both wait, unassigned, for Ana's shift
    expect(await assigneeOf(taken)).toBeUndefined();

    const ana = await journey.signInAgent('ana@desk.example');
    await ana.getByText('Outgoing mail is not configured.').waitFor();
    await ana.goto(`${served.base}/tickets/${taken}`);
    await ana.getByLabel('Assignee').selectOption({ label: 'Ana' });
    await ana.getByText('Pinned: stays with you when your day ends.').waitFor();
    expect(await ana.getByLabel('Hand over when my day ends').isChecked()).toBe(false);

    // 09:00 Lisbon: routing gives Ana the other one
    clock.set('2026-12-07T09:00:00Z');
    await worker.drain();
    expect(await assigneeOf(routed)).toBe('ana@desk.example');

    // 17:30: Ana's day is over; the lead works until 22:00 UTC (17:00 in New York)
    clock.set('2026-12-07T17:30:00Z');
    expect(await handOverEndedShifts(served.desk.deps)).toBe(1);
    expect(await assigneeOf(routed)).toBe('lead@desk.example');
    expect(await assigneeOf(taken)).toBe('ana@desk.example');

    await ana.reload();
    await ana.getByText('Pinned: stays with you when your day ends.').waitFor();
    // the picker fills in once the agents are loaded, which may come after the ticket
    await expect.poll(() => ana.getByLabel('Assignee').locator('option:checked').textContent()).toBe('Ana');
    await ana.screenshot({ path: screenshotPath('defaults-1-pinned-after-handover'), fullPage: true });

    // watching needs a linked issue or a date to look again: with no issue, a date
    await ana.goto(`${served.base}/tickets/${routed}`);
    // the Ticket panel's first field is its status
    const status = ana.getByRole('region', { name: 'Ticket', exact: true }).getByRole('combobox').first();
    await status.selectOption('watching');
    await ana.getByText(/has no linked issue to watch/).waitFor();
    await ana.getByText('Watch until a date (no linked issue)').click();
    await ana.getByLabel('Look again on (it reopens that morning)').fill('2026-12-21');
    await ana.getByRole('button', { name: 'Watch until then' }).click();
    await ana.getByText(/Watching: reopens on/).waitFor();
    expect(await status.inputValue()).toBe('watching');
    await ana.screenshot({ path: screenshotPath('defaults-1b-watching-until-a-date'), fullPage: true });

    // an unknown URL: a page of the desk, not JSON
    await ana.goto(`${served.base}/no/such/page`);
    await ana.getByText('There is no such page in the desk.').waitFor();
    await ana.getByRole('navigation', { name: 'Views' }).waitFor();
    await ana.screenshot({ path: screenshotPath('defaults-2-unknown-url') });
    await ana.context().close();
  });

  it('an admin follows “See the outbox” to the mail waiting to go out', async () => {
    const number = await open('Outbox check: queue stuck');
    const reply = await journey.served.desk.as(journey.served.desk.adminToken, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/messages`,
      payload: { body: 'Could you send the Sidekiq logs?' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    await journey.worker.drain();
    await agentWithPassword(journey.served.desk, 'root@desk.example', 'admin', PASSWORD);
    const root = await journey.signInAgent('root@desk.example');
    await root.getByRole('link', { name: 'See the outbox' }).click();
    const outbox = root.getByRole('region', { name: 'Outbox' });
    // the reply to the customer waits: no transport is set
    // the newest first: the reply
    const row = outbox.getByRole('row').filter({ hasText: 'Outbox check: queue stuck' }).first();
    await row.getByText('lena@acme.example').waitFor();
    await row.getByText('queued', { exact: true }).waitFor();
    expect(await accessibilityProblems(root)).toEqual([]);
    await root.screenshot({ path: screenshotPath('outbox-1-queued'), fullPage: true });
    await outbox.getByLabel('Show').selectOption('sent');
    await outbox.getByText('Nothing here.').waitFor();
    await root.context().close();
  });

  it('on a 390 px phone the ticket list is cards and the menu folds away', async () => {
    const { served } = journey;
    const ana = await journey.signInAgent('ana@desk.example', { phone: true });
    await ana.goto(`${served.base}/views/mine`);
    const card = ana.locator('table.tickets tbody tr').first();
    await card.waitFor();
    expect(await card.evaluate((row) => getComputedStyle(row).display)).toBe('flex');
    const box = await card.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(390);
    // nothing wider than the screen: no sideways scrolling
    expect(await ana.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expect(card.getByText('Sidekiq queue stuck since 09:00').isVisible()).resolves.toBe(true);

    const menu = ana.getByRole('button', { name: 'Menu' });
    const nav = ana.getByRole('navigation', { name: 'Views' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    await ana.screenshot({ path: screenshotPath('defaults-3-phone-cards'), fullPage: true });

    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'On call' }).waitFor();
    await ana.screenshot({ path: screenshotPath('defaults-4-phone-menu-open') });
    await ana.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);

    // following a link folds it too
    await menu.click();
    await nav.getByRole('link', { name: 'On call' }).click();
    await ana.getByRole('heading', { name: 'On call' }).waitFor();
    expect(await nav.isVisible()).toBe(false);
    await ana.getByText('Nobody is on call').waitFor();
    await ana.context().close();
  });

  it('the lead sets the on-call rotation; everyone sees who is on call now', async () => {
    const { served } = journey;
    const lead = await journey.signInAgent('lead@desk.example');
    await lead.goto(`${served.base}/oncall`);
    await lead.getByRole('button', { name: 'Edit the rotation' }).click();
    const editor = lead.getByRole('form', { name: 'The on-call rotation' });
    for (const name of ['Ana', 'Lead']) {
      await editor.getByLabel('Add an agent').selectOption({ label: name });
      await editor.getByRole('button', { name: 'Add', exact: true }).click();
    }
    await editor.getByRole('button', { name: 'Move Lead up' }).click();
    await editor.getByRole('button', { name: 'Save the rotation' }).click();
    await lead.getByRole('table').waitFor();
    await lead.screenshot({ path: screenshotPath('defaults-5-oncall-lead'), fullPage: true });
    await lead.context().close();

    const ana = await journey.signInAgent('ana@desk.example');
    await ana.goto(`${served.base}/oncall`);
    const now = ana.locator('.oncall-now');
    await now.getByText('On call now').waitFor();
    expect(await ana.getByRole('button', { name: 'Edit the rotation' }).count()).toBe(0);
    const rows = await ana.getByRole('table').locator('tbody th').allTextContents();
    expect(rows).toHaveLength(2);
    await ana.context().close();
  });
});
