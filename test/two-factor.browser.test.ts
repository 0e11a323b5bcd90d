import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt, TOTP_PERIOD_SECONDS } from '../src/auth/two-factor/totp.js';
import { accessibilityProblems, agentWithPassword, screenshotPath } from './helpers/browser.js';
import { type Journey, PASSWORD, startJourney } from './helpers/journey.js';

// Two-factor sign-in and password reset, as an agent meets them: Ana sets up an authenticator app on
// her account page (the test is her phone: it computes codes from the key the page shows), signs out
// and back in with her password and a code. The lead has forgotten his password: "Forgot password?"
// on the sign-in page, the link from the mail (over real SMTP), a new password, and he is in. Last, an
// admin requires a second factor of every agent and, having none, is shown its setup before the inbox.

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney();
}, 120_000);
afterAll(async () => {
  await journey?.close();
});

/** A code is good once: the next one comes with the next 30-second step. */
async function nextStep(): Promise<void> {
  const periodMs = TOTP_PERIOD_SECONDS * 1000;
  await new Promise((resolve) => setTimeout(resolve, periodMs - (Date.now() % periodMs) + 200));
}

describe('two-factor sign-in and password reset in the browser', () => {
  it('Ana sets up an authenticator on her page, signs out, and signs in with her password and a code', async () => {
    const page = await journey.signInAgent('ana@desk.example');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: journey.served.base });
    await page.getByRole('banner').getByRole('link', { name: 'Ana' }).click();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    const section = page.getByRole('region', { name: 'Two-factor sign-in' });
    await section.getByText('Off.').waitFor();
    await section.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    // a session alone does not add a way in: the password first
    await section.getByLabel('Your password').fill(PASSWORD);
    await section.getByRole('button', { name: 'Continue' }).click();

    const qr = section.getByRole('img', { name: 'QR code to scan with your authenticator app' });
    await qr.waitFor();
    // the QR code is an image of the otpauth:// address, drawn from an SVG data URL (no markup in the page)
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const secret = ((await section.locator('code.totp-key').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('two-factor-1-enrol'), fullPage: true });

    await section.getByLabel('The six-digit code the app shows').fill(codeAt(secret, new Date()));
    await section.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    const codes = section.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await codes.first().waitFor();
    const recoveryCodes = await codes.allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    await section.getByRole('button', { name: 'Copy the codes' }).click();
    await section.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(recoveryCodes.join('\n'));
    await page.screenshot({ path: screenshotPath('two-factor-2-recovery-codes'), fullPage: true });
    await section.getByRole('button', { name: 'I have saved them' }).click();
    await section.getByText(/On since .*10 of 10 recovery codes left/).waitFor();

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in to Pipefitter' }).waitFor();
    await page.getByLabel('Email').fill('ana@desk.example');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // the password alone is not enough any more
    await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    const codeField = page.getByLabel('Code from your authenticator app');
    const wrong = codeAt(secret, new Date(Date.now() + 10 * 60_000));
    await codeField.fill(wrong);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('alert').getByText('That code is not right.', { exact: false }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('two-factor-3-second-step'), fullPage: true });

    // the code from enrolment was used; the app shows the next one after its step
    await nextStep();
    await codeField.fill(codeAt(secret, new Date()));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Ana' }).waitFor();
    await page.screenshot({ path: screenshotPath('two-factor-4-signed-in'), fullPage: true });

    // without her phone: a recovery code, once
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in to Pipefitter' }).waitFor();
    await page.getByLabel('Email').fill('ana@desk.example');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0] as string);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Ana' }).click();
    await page
      .getByRole('region', { name: 'Two-factor sign-in' })
      .getByText(/9 of 10 recovery codes left/)
      .waitFor();
    await page.context().close();
  }, 120_000);

  it('the lead forgot his password: "Forgot password?", the mailed link, a new password, signed in', async () => {
    const context = await journey.browser.newContext({ timezoneId: 'Europe/Lisbon' });
    const page = await context.newPage();
    await page.goto(`${journey.served.base}/`);
    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('Email').fill('lead@desk.example');
    const before = journey.sink.received.length;
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByRole('status').getByText('a link to set a new password is on its way').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('two-factor-5-forgot-password'), fullPage: true });

    await journey.worker.drain();
    const linkOf = (text: string | undefined) =>
      /(http:\/\/127\.0\.0\.1:\d+\/auth\/reset\?token=\S+)/.exec(text ?? '')?.[1];
    let link: string | undefined;
    const deadline = Date.now() + 10_000;
    while (!link && Date.now() < deadline) {
      const mail = journey.sink.received
        .slice(before)
        .find((m) => JSON.stringify(m.to).includes('lead@desk.example') && linkOf(m.text));
      link = linkOf(mail?.text);
      if (!link) await new Promise((r) => setTimeout(r, 50));
    }
    expect(link, 'a reset link by mail').toBeDefined();

    await page.goto(link as string);
    await page.getByRole('heading', { name: 'Set a new password' }).waitFor();
    // the token leaves the address bar (and the history) at once
    expect(new URL(page.url()).search).toBe('');
    const newPassword = 'a new passphrase for the lead';
    await page.getByLabel('New password (at least 12 characters)').fill(newPassword);
    await page.getByLabel('New password again').fill(newPassword);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('two-factor-6-new-password'), fullPage: true });
    await page.getByRole('button', { name: 'Set the password' }).click();
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Lead' }).waitFor();
    await page.screenshot({ path: screenshotPath('two-factor-7-signed-in'), fullPage: true });

    // the old password is gone, the new one works, and the link was good once
    const signIn = (password: string) =>
      journey.served.desk.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        remoteAddress: '10.66.0.1',
        payload: { email: 'lead@desk.example', password },
      });
    expect((await signIn(PASSWORD)).statusCode).toBe(401);
    expect((await signIn(newPassword)).statusCode).toBe(200);
    const token = new URL(link as string).searchParams.get('token');
    const again = await journey.served.desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      remoteAddress: '10.66.0.2',
      payload: { token, password: 'yet another long passphrase' },
    });
    expect(again.statusCode).toBe(401);
    await context.close();
  }, 120_000);

  it('an admin requires two-factor sign-in; without it, the desk shows its setup instead of the inbox', async () => {
    const desk = journey.served.desk;
    await agentWithPassword(desk, 'root@desk.example', 'admin', PASSWORD);
    const page = await journey.signInAgent('root@desk.example');
    await page.getByRole('link', { name: 'Security and audit log' }).click();
    const security = page.getByRole('region', { name: 'Sign-in security' });
    const required = security.getByRole('checkbox', { name: 'Require two-factor sign-in for every agent' });
    expect(await required.isChecked()).toBe(false);
    await page.screenshot({ path: screenshotPath('two-factor-8-admin-setting'), fullPage: true });
    try {
      await required.click();
      // the admin has no second factor either: the desk holds them to its setup
      await page.getByRole('heading', { name: 'Set up two-factor sign-in', level: 1 }).waitFor();
      expect(await page.getByRole('navigation', { name: 'Views' }).count()).toBe(0);
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath('two-factor-9-setup-required'), fullPage: true });
      // and so does the API, for anything but the agent's own settings
      const tickets = await page.evaluate(async () => (await fetch('/api/v1/tickets')).status);
      expect(tickets).toBe(403);

      const section = page.getByRole('region', { name: 'Two-factor sign-in' });
      await section.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
      await section.getByLabel('Your password').fill(PASSWORD);
      await section.getByRole('button', { name: 'Continue' }).click();
      const secret = ((await section.locator('code.totp-key').textContent()) ?? '').replace(/\s+/g, '');
      await section.getByLabel('The six-digit code the app shows').fill(codeAt(secret, new Date()));
      await section.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
      await section.getByRole('list', { name: 'Recovery codes' }).waitFor();
      await section.getByRole('button', { name: 'I have saved them' }).click();
      await page.getByRole('navigation', { name: 'Views' }).waitFor();
      expect(await page.evaluate(async () => (await fetch('/api/v1/tickets')).status)).toBe(200);

      // the audit log says who changed the rule and who then set up a second factor
      await page.getByRole('link', { name: 'Security and audit log' }).click();
      const log = page.getByRole('region', { name: 'Audit log' });
      await log.getByRole('cell', { name: 'settings.security-changed' }).first().waitFor();
      await log.getByLabel('Show').selectOption('two-factor');
      await log.getByRole('cell', { name: 'agent.two-factor-enrolled' }).first().waitFor();
      expect(await log.getByRole('cell', { name: 'settings.security-changed' }).count()).toBe(0);
      expect(await log.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toContain('category=two-factor');
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath('two-factor-10-audit-log'), fullPage: true });
    } finally {
      await desk.as(desk.adminToken, {
        method: 'PUT',
        url: '/api/v1/settings/security',
        payload: { twoFactorRequired: false },
      });
    }
    await page.context().close();
  }, 120_000);
});
