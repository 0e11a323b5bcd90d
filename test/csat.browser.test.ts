import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, screenshotPath } from './helpers/browser.js';
import { type Journey, startJourney } from './helpers/journey.js';

// A solved ticket rated from the mail, in Chromium. Ana solves Lena's ticket; the mail that tells
// Lena carries a Good and a Bad link (the SMTP sink holds it); Lena follows Good without signing
// in: one click has rated it, and she adds a comment. Ana sees the rating beside the ticket. Later,
// in the portal, Lena changes her mind to Bad: the lead is told, follows the notification to the
// ticket and reopens it.

let journey: Journey;
let number: number;
let goodLink: string;
let ana: Page;

const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const mailTo = (email: string, from: number, has: (text: string) => boolean) =>
  journey.sink.received.slice(from).find((m) => JSON.stringify(m.to).includes(email) && has(m.text ?? ''));

async function mailArrives(email: string, from: number, has: (text: string) => boolean) {
  await expect
    .poll(async () => {
      await journey.worker.drain();
      return mailTo(email, from, has);
    })
    .toBeTruthy();
  return mailTo(email, from, has) as NonNullable<ReturnType<typeof mailTo>>;
}

beforeAll(async () => {
  journey = await startJourney();
  number = await journey.mailIn(
    'From: Lena <lena@acme.example>\nTo: support@desk.example\nSubject: Merge requests time out\nMessage-ID: <mr-timeout-1@acme.example>\n\nOpening any merge request takes a minute, then fails with a 502.\n',
  );
  const assigned = await journey.served.desk.as(journey.served.desk.adminToken, {
    method: 'PATCH',
    url: `/api/v1/tickets/${number}`,
    payload: { assignee: 'ana@desk.example' },
  });
  expect(assigned.statusCode, assigned.body).toBe(200);
}, 180_000);
afterAll(async () => {
  await journey?.close();
});

describe('a customer rates a solved ticket', () => {
  it('Ana solves the ticket; the mail to Lena carries a Good and a Bad link', async () => {
    ana = await journey.signInAgent('ana@desk.example');
    await ana.goto(`${journey.served.base}/tickets/${number}`);
    const before = journey.sink.received.length;
    const fields = ana.getByRole('region', { name: 'Ticket', exact: true });
    await fields.getByLabel('Status').selectOption('solved');
    await fields.locator('.badge.status-solved').waitFor();

    const mail = await mailArrives('lena@acme.example', before, (text) => text.includes('/csat/'));
    expect(mail.subject).toBe(`[#${number}] Merge requests time out`);
    const links = [...(mail.text ?? '').matchAll(/(Good|Bad): (http:\/\/127\.0\.0\.1:\d+\/csat\/\S+)/g)];
    expect(links.map((l) => l[1])).toEqual(['Good', 'Bad']);
    goodLink = links[0]?.[2] as string;
    expect(goodLink).toMatch(/\?rating=good$/);
    expect(links[1]?.[2]).toBe(goodLink.replace('rating=good', 'rating=bad'));
    // the HTML part has them as buttons
    expect(mail.html).toContain(`href="${goodLink}"`);
  });

  it('Lena follows Good, signed in nowhere: one click has rated it; she adds a comment', async () => {
    const context = await journey.browser.newContext();
    const lena = await context.newPage();
    await lena.goto(goodLink);
    await lena.getByRole('heading', { name: 'How did we do?' }).waitFor();
    await lena.getByText('Thank you! You rated this good.').waitFor();
    expect(plain(await lena.locator('#main').textContent())).toContain(`#${number} Merge requests time out is solved.`);
    const choices = lena.getByRole('group', { name: 'Your rating' });
    expect(await choices.getByRole('button', { name: 'Good' }).getAttribute('aria-pressed')).toBe('true');
    expect(await choices.getByRole('button', { name: 'Bad' }).getAttribute('aria-pressed')).toBe('false');
    await lena.getByLabel('Anything to add? (optional)').fill('Fast and clear, thank you.');
    await lena.getByRole('button', { name: 'Send comment' }).click();
    await lena.getByText('Your comment:').waitFor();
    expect(await accessibilityProblems(lena)).toEqual([]);
    await lena.screenshot({ path: screenshotPath('csat-1-rated-from-mail'), fullPage: true });

    // opening the link again rates nothing twice: the rating and the comment stand
    await lena.reload();
    await lena.getByText('Your comment:').waitFor();
    const { desk } = journey.served;
    const stored = (await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/tickets/${number}/csat` })).json();
    expect(stored.items).toEqual([
      expect.objectContaining({ rating: 'good', comment: 'Fast and clear, thank you.', agent: expect.anything() }),
    ]);
    await context.close();
  });

  it('Ana sees the rating beside the ticket', async () => {
    await ana.reload();
    const rating = ana.getByRole('region', { name: 'Customer rating' });
    await rating.getByText('Good').waitFor();
    const text = plain(await rating.textContent());
    expect(text).toContain('by Ana');
    expect(text).toContain('Fast and clear, thank you.');
    expect(await accessibilityProblems(ana)).toEqual([]);
    await ana.screenshot({ path: screenshotPath('csat-2-agent-ticket'), fullPage: true });
  });

  it('in the portal Lena changes her mind to Bad; the lead is told and reopens the ticket', async () => {
    const portal = await journey.signInCustomer('lena@acme.example');
    await portal.goto(`${journey.served.base}/portal/tickets/${number}`);
    const asked = portal.getByRole('region', { name: 'How did we do?' });
    const good = asked.getByRole('button', { name: 'Good' });
    await good.waitFor();
    expect(await good.getAttribute('aria-pressed')).toBe('true');
    await asked.getByRole('button', { name: 'Bad' }).click();
    await asked.getByText('Thank you! You rated this bad: our team lead will look into it.').waitFor();
    expect(await asked.getByRole('button', { name: 'Bad' }).getAttribute('aria-pressed')).toBe('true');
    expect(await accessibilityProblems(portal)).toEqual([]);
    await portal.screenshot({ path: screenshotPath('csat-3-portal'), fullPage: true });

    const lead = await journey.signInAgent('lead@desk.example');
    await lead.goto(`${journey.served.base}/notifications`);
    const told = lead.getByRole('link', { name: /rated the solved ticket bad/i });
    await told.waitFor();
    await told.click();
    await lead.getByRole('heading', { name: 'Merge requests time out' }).waitFor();
    const rating = lead.getByRole('region', { name: 'Customer rating' });
    await rating.getByText('Bad').waitFor();
    const fields = lead.getByRole('region', { name: 'Ticket', exact: true });
    await fields.getByLabel('Status').selectOption('open');
    await fields.locator('.badge.status-open').waitFor();
  });
});
