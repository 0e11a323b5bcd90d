import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchBrowser, type ServedDesk, serveDesk } from './helpers/browser.js';
import { startSamlIdp, type TestSamlIdp } from './helpers/saml-idp.js';
import { expectInInbox, expectRefusedOnSignInPage, openSignInPage } from './helpers/sign-in-page.js';

// An agent signs in with SAML: the desk's sign-in page offers "Sign in with SAML" (passwords are
// off), the identity provider's own login page asks who they are, its page posts the signed
// Response back to the desk by itself, and they land in the inbox, signed in, as the agent the
// desk made for them with the role their groups give.

/** the agent the desk makes at her first sign-in */
const NADIA = { name: 'Nadia Okafor', email: 'nadia@desk.example', role: 'lead' };
let served: ServedDesk;
let idp: TestSamlIdp;
let browser: Browser;

beforeAll(async () => {
  // the desk is told the identity provider's address and certificate at start; the IdP learns the
  // desk's ACS once the desk listens
  idp = await startSamlIdp();
  served = await serveDesk({
    env: {
      SAML_IDP_SSO_URL: idp.ssoUrl,
      SAML_IDP_ENTITY_ID: idp.entityId,
      SAML_IDP_CERT: idp.cert,
      SAML_LEAD_GROUPS: 'support-leads',
      PASSWORD_SIGN_IN: 'false',
    },
  });
  idp.registerAcs(`${served.base}/auth/saml/acs`);
  browser = await launchBrowser();
}, 120_000);

afterAll(() => Promise.all([browser?.close(), served?.close(), idp?.close()]));

describe('SAML single sign-on in the browser', () => {
  it('an agent clicks "Sign in with SAML", logs in at the identity provider and lands in the inbox', async () => {
    idp.accounts.set('nadia', {
      nameId: 'e4711',
      email: 'nadia@desk.example',
      name: 'Nadia Okafor',
      groups: ['support-leads'],
    });
    const { page, link } = await openSignInPage(browser, served.base, 'Sign in with SAML', 'saml-1-sign-in');
    await link.click();
    // the identity provider's own page
    await page.waitForURL((url) => idp.ssoUrl.startsWith(url.origin));
    await page.getByLabel('Username').fill('nadia');
    await page.getByLabel('Password').fill('whatever the directory asks');
    await page.getByRole('button', { name: 'Sign in' }).click();

    // its page posts the Response to the desk's ACS by itself, and the desk lets the browser in
    await expectInInbox(page, served, { ...NADIA, flowCookie: 'pf_saml', shot: 'saml-2-inbox' });
  });

  it('a Response this browser did not ask for ends on the sign-in page with a message, not an error', async () => {
    const page = await (await browser.newContext()).newPage();
    // a page elsewhere posts a made-up Response to the desk's ACS
    const made = Buffer.from('<samlp:Response/>').toString('base64');
    await page.setContent(
      `<form method="post" action="${served.base}/auth/saml/acs"><input name="SAMLResponse" value="${made}"><button>Post</button></form>`,
    );
    await page.getByRole('button', { name: 'Post' }).click();
    await expectRefusedOnSignInPage(page, 'Sign in with SAML', 'saml-3-refused');
  });
});
