import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, screenshotPath } from './helpers/browser.js';
import { type Journey, PASSWORD, startJourney } from './helpers/journey.js';

// An @mention notifies: the lead writes an internal note naming Ana on a customer's ticket; Ana's
// bell, open in another browser, counts it without a reload; she opens her notifications, follows
// the one about the note and lands on the ticket; and the mention reaches her by email.

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney();
}, 120_000);
afterAll(async () => {
  await journey?.close();
});

describe('notifications', () => {
  it('an @mention in an internal note notifies the agent named, in the app and by email', async () => {
    const number = await journey.mailIn(
      'From: Lena <lena@acme.example>\nTo: support@desk.example\nSubject: Checkout is slow since Tuesday\nMessage-ID: <slow-checkout@acme.example>\n\nThe checkout page takes 12 seconds to load.\n',
    );
    const ana = await journey.signInAgent('ana@desk.example');
    const bell = ana.getByRole('banner').getByRole('link', { name: /^Notifications/ });
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');

    const lead = await journey.signInAgent('lead@desk.example');
    await lead.goto(`${journey.served.base}/tickets/${number}`);
    await lead.getByRole('radio', { name: 'Internal note' }).check();
    await lead.getByLabel('Internal note, seen by agents only').fill('@ana can you look at the slow query?');
    await lead.getByRole('button', { name: 'Add note' }).click();
    await lead.getByText('can you look at the slow query?').first().waitFor();

    // the live stream tells Ana's open tab: no reload
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 10_000 }).toBe('Notifications: 1 unread');
    expect(await bell.textContent()).toBe('1');

    await bell.click();
    await ana.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    const item = ana.getByRole('link', {
      name: `Unread: Lead mentioned you · #${number} Checkout is slow since Tuesday`,
    });
    await item.waitFor();
    await ana.getByText('@ana can you look at the slow query?').waitFor();
    expect(await accessibilityProblems(ana)).toEqual([]);
    await ana.screenshot({ path: screenshotPath('notifications-1-unread'), fullPage: true });

    await item.click();
    await ana.waitForURL(`**/tickets/${number}`);
    await ana.getByRole('heading', { name: /Checkout is slow since Tuesday/ }).waitFor();
    await ana.getByText('@ana can you look at the slow query?').waitFor();
    // following it marked it read
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');

    // and by email, through the outbox
    await journey.worker.drain();
    const deadline = Date.now() + 10_000;
    const mailToAna = () =>
      journey.sink.received.find(
        (m) => JSON.stringify(m.to).includes('ana@desk.example') && m.subject?.includes('mentioned you'),
      );
    while (!mailToAna() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const mail = mailToAna();
    expect(mail?.subject).toBe(`[#${number}] Lead mentioned you: Checkout is slow since Tuesday`);
    expect(mail?.text).toContain('@ana can you look at the slow query?');
    expect(mail?.text).toContain(`${journey.served.base}/tickets/${number}`);
    expect(mail?.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('on a phone: the bell fits the top bar, the page lists what was read and the settings', async () => {
    // signed in by hand: on a phone the menu of views folds away, the top bar stays
    const context = await journey.browser.newContext({
      timezoneId: 'Europe/Lisbon',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const ana = await context.newPage();
    await ana.goto(`${journey.served.base}/`);
    await ana.getByLabel('Email').fill('ana@desk.example');
    await ana.getByLabel('Password').fill(PASSWORD);
    await ana.getByRole('button', { name: 'Sign in' }).click();
    const bell = ana.getByRole('banner').getByRole('link', { name: /^Notifications/ });
    await bell.waitFor();
    await bell.click();
    await ana.getByRole('link', { name: /^Lead mentioned you/ }).waitFor();
    // the settings: email for a customer's reply is off until asked for
    const replyByEmail = ana.getByRole('checkbox', { name: 'A customer replies on my ticket: by email' });
    expect(await replyByEmail.isChecked()).toBe(false);
    // the box shows the saved setting: it turns on once the desk has stored it, which check() does not wait for
    await replyByEmail.click();
    await expect.poll(() => replyByEmail.isChecked()).toBe(true);
    await ana.reload();
    await ana.getByRole('checkbox', { name: 'A customer replies on my ticket: by email' }).waitFor();
    expect(await ana.getByRole('checkbox', { name: 'A customer replies on my ticket: by email' }).isChecked()).toBe(
      true,
    );
    const width = await ana.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    expect(await accessibilityProblems(ana)).toEqual([]);
    await ana.screenshot({ path: screenshotPath('notifications-2-phone'), fullPage: true });
  });
});
