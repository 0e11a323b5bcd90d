import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchBrowser, type ServedDesk, serveDesk } from './helpers/browser.js';
import { startOidcProvider, type TestOidcProvider } from './helpers/oidc-provider.js';
import { freePort } from './helpers/real-component.js';
import { expectInInbox, expectRefusedOnSignInPage, openSignInPage } from './helpers/sign-in-page.js';

// An agent signs in with single sign-on: the desk's sign-in page offers only "Sign in with single
// sign-on" (passwords are off), the provider's own login page asks who they are, and they land in
// the inbox, signed in, as the agent the desk made for them with the role their groups give.

/** the agent the desk makes at her first sign-in */
const NADIA = { name: 'Nadia Okafor', email: 'nadia@desk.example', role: 'lead' };
let served: ServedDesk;
let op: TestOidcProvider;
let browser: Browser;

beforeAll(async () => {
  // the desk is told the provider's address first and discovers it at the first sign-in; the
  // provider is told the desk's callback once the desk listens
  const port = await freePort();
  const clientSecret = randomBytes(16).toString('hex');
  served = await serveDesk({
    env: {
      OIDC_ISSUER: `http://127.0.0.1:${port}`,
      OIDC_CLIENT_ID: 'pipefitter',
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_LEAD_GROUPS: 'support-leads',
      PASSWORD_SIGN_IN: 'false',
    },
  });
  op = await startOidcProvider({ redirectUri: `${served.base}/auth/oidc/callback`, port, clientSecret });
  op.accounts.set('nadia', {
    email: 'nadia@desk.example',
    emailVerified: true,
    name: 'Nadia Okafor',
    groups: ['staff', 'support-leads'],
  });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await op?.close();
});

describe('single sign-on in the browser', () => {
  it('an agent clicks "Sign in with single sign-on", logs in at the provider and lands in the inbox', async () => {
    const { page, link } = await openSignInPage(browser, served.base, 'Sign in with single sign-on', 'oidc-1-sign-in');
    await link.click();
    // the provider's own pages: who are you, then may the desk know it
    await page.waitForURL((url) => url.origin === op.issuer);
    await page.locator('input[name="login"]').fill('nadia');
    await page.locator('input[name="password"]').fill('whatever the directory asks');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    // the attempt was used up and its cookie cleared
    await expectInInbox(page, served, { ...NADIA, flowCookie: 'pf_oidc', shot: 'oidc-2-inbox' });
  });

  it('a callback that is not this browser’s ends on the sign-in page with a message, not an error', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${served.base}/auth/oidc/callback?code=stolen&state=made-up`);
    await expectRefusedOnSignInPage(page, 'Sign in with single sign-on', 'oidc-3-refused');
  });
});
