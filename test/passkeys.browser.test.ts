import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, agentWithPassword, launchBrowser, screenshotPath } from './helpers/browser.js';
import { createTestDesk, type TestDesk } from './helpers/build-app.js';
import { freePort } from './helpers/real-component.js';

// Passkeys as an agent meets them, in Debian's Chromium with a virtual authenticator from the
// DevTools protocol standing in for the laptop's fingerprint reader (CTAP2, built in, resident keys,
// the user verified). Ana adds a passkey on her account page, signs out, and signs in with the
// passkey alone; the lead adds one and then meets it as the second factor after his password.
//
// WebAuthn needs a secure context and an RP ID that is a domain: the desk is reached at
// http://localhost (not 127.0.0.1, as the other browser tests do), and PUBLIC_URL says so.

const PASSWORD = 'correct horse battery staple';
let desk: TestDesk;
let base: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  desk = await createTestDesk({ env: { PUBLIC_URL: base } });
  await desk.app.listen({ port, host: 'localhost' });
  browser = await launchBrowser();
  await agentWithPassword(desk, 'ana@desk.example', 'agent', PASSWORD);
  await agentWithPassword(desk, 'lead@desk.example', 'lead', PASSWORD);
  await agentWithPassword(desk, 'admin@desk.example', 'admin', PASSWORD);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

/** A page with its own virtual platform authenticator. */
async function pageWithAuthenticator(): Promise<{ page: Page; cdp: CDPSession; authenticatorId: string }> {
  const context = await browser.newContext({ timezoneId: 'Europe/Lisbon' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { page, cdp, authenticatorId };
}

async function signInWithPassword(page: Page, email: string) {
  await page.goto(`${base}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function addPasskeyOnAccountPage(page: Page, who: string, name: string) {
  await page.getByRole('banner').getByRole('link', { name: who }).click();
  await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
  const section = page.getByRole('region', { name: 'Passkeys' });
  await section.getByText('No passkeys').waitFor();
  await section.getByRole('button', { name: 'Add a passkey' }).click();
  await section.getByLabel('Passkey name').fill(name);
  await section.getByLabel('Your password').fill(PASSWORD);
  await section.getByRole('button', { name: 'Create the passkey' }).click();
  await section.getByRole('list', { name: 'Your passkeys' }).locator('strong', { hasText: name }).waitFor();
  await section.getByText('last used never').waitFor();
  return section;
}

describe('passkeys in the browser', () => {
  it('Ana adds a passkey on her account page, signs out, and signs in with the passkey alone', async () => {
    const { page, cdp, authenticatorId } = await pageWithAuthenticator();
    await signInWithPassword(page, 'ana@desk.example');
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    const section = await addPasskeyOnAccountPage(page, 'Ana', 'Work laptop');
    // the authenticator keeps a discoverable passkey for the desk's RP ID
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).toMatchObject({ rpId: 'localhost', isResidentCredential: true });
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('passkeys-1-added'), fullPage: true });

    // renamed, as she tells her devices apart
    await section.getByRole('button', { name: 'Rename Work laptop' }).click();
    await section.getByLabel('New name').fill('Ana’s laptop');
    await section.getByRole('button', { name: 'Save the name' }).click();
    await section.getByRole('list', { name: 'Your passkeys' }).locator('strong', { hasText: 'Ana’s laptop' }).waitFor();

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in to Pipefitter' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Ana' }).click();
    await page.getByRole('list', { name: 'Your sessions' }).getByText('signed in with a passkey').first().waitFor();
    await page
      .getByRole('region', { name: 'Passkeys' })
      .getByText(/last used (?!never)/)
      .waitFor();
    await page.screenshot({ path: screenshotPath('passkeys-2-signed-in-with-passkey'), fullPage: true });
    // the authenticator counted the signature
    const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(after.credentials[0]?.signCount).toBeGreaterThan(0);
    await page.context().close();
  }, 120_000);

  it('the lead adds a passkey; his password then asks for it as the second factor', async () => {
    const { page } = await pageWithAuthenticator();
    await signInWithPassword(page, 'lead@desk.example');
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    await addPasskeyOnAccountPage(page, 'Lead', 'Desk key');

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    // signing out navigates: a goto before it lands would be aborted by it
    await page.getByRole('heading', { name: 'Sign in to Pipefitter' }).waitFor();
    await signInWithPassword(page, 'lead@desk.example');
    // the password alone is not enough any more: the passkey is his second factor
    await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('passkeys-3-second-factor'), fullPage: true });
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Lead' }).waitFor();

    const audit = await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/audit-events?category=two-factor' });
    const actions = audit.json().items.map((e: { action: string; data: { as?: string } }) => [e.action, e.data.as]);
    expect(actions).toContainEqual(['agent.passkey-used', 'second-factor']);
    expect(actions).toContainEqual(['agent.passkey-used', 'sign-in']);
    await page.context().close();
  }, 120_000);

  it('the lead lost the device with his passkey: an admin removes it on Agents and roster, and his password signs him in', async () => {
    // the passkey the lead added in the journey before
    const context = await browser.newContext({ timezoneId: 'Europe/Lisbon' });
    const page = await context.newPage();
    await signInWithPassword(page, 'admin@desk.example');
    await page.getByRole('link', { name: 'Agents and roster' }).click();
    await page.getByRole('button', { name: 'Edit Lead' }).click();
    const factors = page.getByRole('list', { name: 'Second factors of Lead' });
    await factors.getByText('Authenticator app: not set up').waitFor();
    await factors.getByText(/Passkey “Desk key”, added .*, last used /).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('passkeys-4-admin-sees-factors'), fullPage: true });
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toContain('Remove Lead’s passkey “Desk key”?');
      void dialog.accept();
    });
    await factors.getByRole('button', { name: 'Remove passkey “Desk key”' }).click();
    await factors.getByText('No passkeys').waitFor();
    // on a phone the roster is still where an agent is edited: the Edit button shows and opens the row
    await page.setViewportSize({ width: 390, height: 844 });
    const edit = page.getByRole('button', { name: 'Edit Ana' });
    expect((await edit.boundingBox())?.width ?? 0).toBeGreaterThan(20);
    await edit.click();
    await page.getByRole('list', { name: 'Second factors of Ana' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('passkeys-5-roster-phone'), fullPage: true });
    await context.close();

    // the password alone is his way in again (this desk does not require two-factor sign-in)
    const { page: leads } = await pageWithAuthenticator();
    await signInWithPassword(leads, 'lead@desk.example');
    await leads.getByRole('navigation', { name: 'Views' }).waitFor();
    const audit = await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/audit-events?category=two-factor' });
    expect(audit.json().items).toContainEqual(
      expect.objectContaining({
        action: 'agent.passkey-removed',
        data: expect.objectContaining({ name: 'Desk key', by: 'admin' }),
      }),
    );
    await leads.context().close();
  }, 120_000);
});
