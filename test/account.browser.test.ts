import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, screenshotPath } from './helpers/browser.js';
import { type Journey, startJourney } from './helpers/journey.js';

// The agent's own account page: Ana renames herself, sees the two browsers she is signed in on (this
// one marked), signs the other one out — it is out at once — and makes a read-only personal API token
// whose secret is shown once and reads but does not write.

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney();
}, 120_000);
afterAll(async () => {
  await journey?.close();
});

describe('the account page', () => {
  it('Ana renames herself, signs her other browser out, and makes a read token she sees once', async () => {
    const other = await journey.signInAgent('ana@desk.example');
    const page = await journey.signInAgent('ana@desk.example');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: journey.served.base });
    await page.getByRole('banner').getByRole('link', { name: 'Ana' }).click();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();

    // Profile: a new name, shown in the header too
    const profile = page.getByRole('region', { name: 'Profile' });
    await profile.getByLabel('Name', { exact: true }).fill('Ana Sousa');
    await profile.getByLabel('Time zone').selectOption('Asia/Tokyo');
    await profile.getByRole('button', { name: 'Save the profile' }).click();
    await profile.getByRole('status').getByText('Your profile is saved.').waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Ana Sousa' }).waitFor();
    expect(await profile.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo');

    // Sessions: two, this one marked
    const sessions = page.getByRole('region', { name: 'Sessions' });
    const rows = sessions.getByRole('list', { name: 'Your sessions' }).getByRole('listitem');
    await expect.poll(() => rows.count()).toBe(2);
    await sessions.getByText('This session').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('account-1-sessions'), fullPage: true });
    // the other one (the only one with a button) is signed out
    await sessions.getByRole('button', { name: /^Sign out .*signed in with password$/ }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await sessions.getByRole('button', { name: 'Sign out everywhere else' }).count()).toBe(0);
    // the other browser is out at once: its next call is refused
    const status = await other.evaluate(async () => (await fetch('/api/v1/tickets')).status);
    expect(status).toBe(401);

    // Personal API tokens: a read token, its secret shown once
    const tokens = page.getByRole('region', { name: 'Personal API tokens' });
    await tokens.getByLabel('Token name').fill('dashboard');
    await tokens.getByLabel('Scope').selectOption('read');
    await tokens.getByRole('button', { name: 'Create token' }).click();
    const secret = ((await tokens.getByRole('status').locator('code.secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^pf_/);
    await tokens.getByRole('button', { name: 'Copy' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    const table = tokens.getByRole('table', { name: 'Your personal API tokens' });
    await table.getByRole('cell', { name: 'dashboard', exact: true }).waitFor();
    await table.getByRole('cell', { name: 'read only', exact: true }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('account-2-token'), fullPage: true });
    await tokens.getByRole('button', { name: 'I have kept it' }).click();
    // once: after that, and after a reload, only its first characters
    await page.reload();
    await page
      .getByRole('region', { name: 'Personal API tokens' })
      .getByRole('cell', { name: 'dashboard', exact: true })
      .waitFor();
    expect(await page.content()).not.toContain(secret);

    // it reads, as Ana; it does not write
    const desk = journey.served.desk;
    const who = await desk.as(secret, { method: 'GET', url: '/api/v1/auth/session' });
    expect(who.json().actor.name).toBe('Ana Sousa');
    const write = await desk.as(secret, { method: 'PATCH', url: '/api/v1/me', payload: { name: 'Not Ana' } });
    expect(`${write.statusCode} ${write.json().error.code}`).toBe('403 TOKEN_SCOPE');
  });

  it('the lead sets her week and what mails her, and the desk keeps both', async () => {
    const page = await journey.signInAgent('lead@desk.example');
    await page.goto(`${journey.served.base}/account`);
    const hours = page.getByRole('region', { name: 'Working hours' });
    await hours.getByLabel('Monday').waitFor();
    // a four-day week, a split Thursday and a Saturday morning
    await hours.getByLabel('Friday').fill('');
    await hours.getByLabel('Thursday').fill('08:00-12:00,13:00-16:00');
    await hours.getByLabel('Saturday').fill('10:00-13:00');
    await hours.getByLabel(/Hand over the tickets/).check();
    await hours.getByRole('button', { name: 'Save the hours' }).click();
    await hours.getByRole('status').getByText('Your working hours are saved.').waitFor();

    // a mistake is told, and the week is not changed by it
    await hours.getByLabel('Sunday').fill('17:00-09:00');
    await hours.getByRole('button', { name: 'Save the hours' }).click();
    await hours
      .getByRole('alert')
      .getByText(/ends before it starts/)
      .waitFor();

    // what mails her: a customer's reply on her ticket, too
    const notify = page.getByRole('region', { name: 'Notify me' });
    await notify.getByLabel('A customer replies on my ticket: by email').check();
    await expect.poll(() => notify.getByLabel('A customer replies on my ticket: by email').isChecked()).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('account-3-hours'), fullPage: true });

    await page.reload();
    const again = page.getByRole('region', { name: 'Working hours' });
    await again.getByLabel('Monday').waitFor();
    expect(await again.getByLabel('Monday').inputValue()).toBe('09:00-17:00');
    expect(await again.getByLabel('Thursday').inputValue()).toBe('08:00-12:00,13:00-16:00');
    expect(await again.getByLabel('Friday').inputValue()).toBe('');
    expect(await again.getByLabel('Saturday').inputValue()).toBe('10:00-13:00');
    expect(await again.getByLabel('Sunday').inputValue()).toBe('');
    expect(await again.getByLabel(/Hand over the tickets/).isChecked()).toBe(true);
    expect(
      await page
        .getByRole('region', { name: 'Notify me' })
        .getByLabel('A customer replies on my ticket: by email')
        .isChecked(),
    ).toBe(true);
    // routing reads the same week
    const schedule = await journey.served.desk.as(journey.served.desk.adminToken, {
      method: 'GET',
      url: '/api/v1/agents/lead@desk.example/schedule',
    });
    expect(schedule.json().hours).toEqual({
      mon: '09:00-17:00',
      tue: '09:00-17:00',
      wed: '09:00-17:00',
      thu: '08:00-12:00,13:00-16:00',
      sat: '10:00-13:00',
    });
  });
});
