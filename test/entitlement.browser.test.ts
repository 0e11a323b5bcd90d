import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateContactRow } from '../src/people/people-store.js';
import { findTicket } from '../src/tickets/ticket-store.js';
import { accessibilityProblems, screenshotPath } from './helpers/browser.js';
import { type Journey, startJourney } from './helpers/journey.js';

// Issue 16 in Chromium: Sam, a stranger at acme.example (a domain Acme owns), writes to support. The
// mail he gets (the SMTP sink holds it) has a link; he opens it without signing in, says who he is
// and confirms. Lena, Acme's admin contact, signs in to the portal and approves him: his ticket gets
// a named contact's priority, and the request leaves her list.

let journey: Journey;
let number: number;
let link: string;

beforeAll(async () => {
  journey = await startJourney({ env: { ENTITLEMENT_POLICY: 'low-priority' } });
  const { desk } = journey.served;
  await updateContactRow(desk.deps.db, journey.acme.contactId, { orgAdmin: true });
  const patched = await desk.as(desk.adminToken, {
    method: 'PATCH',
    url: `/api/v1/organizations/${journey.acme.organizationId}`,
    payload: { emailDomains: ['acme.example'] },
  });
  expect(patched.statusCode, patched.body).toBe(200);
}, 180_000);
afterAll(async () => {
  await journey?.close();
});

describe('a stranger at a known domain asks to be entitled', () => {
  it('Sam writes in; his ticket waits at low priority and a link comes by mail', async () => {
    const before = journey.sink.received.length;
    number = await journey.mailIn(
      'From: Sam Stranger <sam@acme.example>\nTo: support@desk.example\nSubject: Runners are stuck\nMessage-ID: <sam-1@acme.example>\n\nAll our CI runners stopped picking up jobs.\n',
    );
    const ticket = await findTicket(journey.served.desk.deps.db, number, { kind: 'all' });
    expect(ticket).toMatchObject({ priority: 'low', tags: ['awaiting-entitlement'] });
    await expect
      .poll(async () => {
        await journey.worker.drain();
        return journey.sink.received.slice(before).find((m) => (m.text ?? '').includes('/entitlement/'));
      })
      .toBeTruthy();
    const mail = journey.sink.received.slice(before).find((m) => (m.text ?? '').includes('/entitlement/'));
    expect(JSON.stringify(mail?.to)).toContain('sam@acme.example');
    link = /(http:\/\/127\.0\.0\.1:\d+\/entitlement\/\S+)/.exec(mail?.text ?? '')?.[1] as string;
    expect(link).toBeDefined();
  });

  it('Sam opens the link, says who he is, and confirms his address', async () => {
    const context = await journey.browser.newContext();
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Support for Acme' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByLabel(/Who are you/).fill('I run CI at Acme.');
    await page.getByRole('button', { name: 'Confirm my address' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('sam@acme.example is confirmed');
    await page.screenshot({ path: screenshotPath('entitlement-confirmed') });
    // the link was used: opening it again only says where the request stands
    await page.reload();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('administrators decide');
    await context.close();
  });

  it('Lena, Acme’s admin, approves Sam in the portal; his ticket gets a named contact’s priority', async () => {
    const lena = await journey.signInCustomer('lena@acme.example');
    await lena.getByRole('link', { name: 'Named contacts' }).click();
    const item = lena.getByRole('listitem', { name: 'Request of sam@acme.example' });
    await item.waitFor();
    expect(await item.textContent()).toContain('I run CI at Acme.');
    expect(await accessibilityProblems(lena)).toEqual([]);
    await item.getByRole('button', { name: 'Approve' }).click();
    await item.waitFor({ state: 'detached' });
    // and he counts among Acme's named contacts now
    await lena.getByRole('cell', { name: 'sam@acme.example' }).waitFor();
    const ticket = await findTicket(journey.served.desk.deps.db, number, { kind: 'all' });
    expect(ticket).toMatchObject({ priority: 'normal', tags: [], organizationId: journey.acme.organizationId });
  });

  it('a lead sees who else asks on Acme’s organization page, with their ticket, and declines', async () => {
    const before = journey.sink.received.length;
    const held = await journey.mailIn(
      'From: tess@acme.example\nTo: support@desk.example\nSubject: Quote please\nMessage-ID: <tess-1@acme.example>\n\nHow much for 50 seats?\n',
    );
    await journey.worker.drain();
    const mail = journey.sink.received.slice(before).find((m) => (m.text ?? '').includes('/entitlement/'));
    const token = /\/entitlement\/(\S+)/.exec(mail?.text ?? '')?.[1] as string;
    const confirmed = await journey.served.desk.app.inject({
      method: 'POST',
      url: `/api/v1/entitlement-links/${token}`,
      payload: { note: 'Purchasing' },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);

    const lead = await journey.signInAgent('lead@desk.example');
    await lead.goto(`${journey.served.base}/organizations/${journey.acme.organizationId}`);
    const item = lead.getByRole('listitem', { name: 'Request of tess@acme.example' });
    await item.waitFor();
    expect(await item.getByRole('link', { name: `#${held}` }).count()).toBe(1);
    expect(await accessibilityProblems(lead)).toEqual([]);
    await item.getByLabel('Note to tess@acme.example (optional)').fill('Sales will write to you.');
    await item.getByRole('button', { name: 'Decline' }).click();
    await item.waitFor({ state: 'detached' });
    const ticket = await findTicket(journey.served.desk.deps.db, held, { kind: 'all' });
    expect(ticket?.tags).toEqual([]);
  });
});
