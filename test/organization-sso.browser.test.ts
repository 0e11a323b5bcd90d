import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, agentWithPassword, screenshotPath } from './helpers/browser.js';
import { type Journey, PASSWORD, startJourney } from './helpers/journey.js';
import { startOidcProvider, type TestOidcProvider } from './helpers/oidc-provider.js';

// Acme requires its own sign-in for its people. A desk admin sets it up on Acme's page; Lena (Acme)
// types her email on the portal's sign-in page, is offered only "Continue with Acme’s sign-in",
// logs in at Acme's provider and lands on her tickets. The emailed link is refused for her, while
// her mail to the desk still reaches her ticket: mail is not sign-in.

let journey: Journey;
let op: TestOidcProvider;
let number: number;

beforeAll(async () => {
  journey = await startJourney();
  const { desk } = journey.served;
  const acme = journey.acme.organizationId;
  const domains = await desk.as(desk.adminToken, {
    method: 'PATCH',
    url: `/api/v1/organizations/${acme}`,
    payload: { emailDomains: ['acme.example'] },
  });
  expect(domains.statusCode, domains.body).toBe(200);
  await agentWithPassword(desk, 'admin@desk.example', 'admin', PASSWORD);
  number = await journey.mailIn(
    'From: Lena <lena@acme.example>\nTo: support@desk.example\nSubject: The build server is down\nMessage-ID: <build-1@acme.example>\n\nSince this morning.\n',
  );
  op = await startOidcProvider({ redirectUri: `${journey.served.base}/auth/organization-sso/${acme}/callback` });
  op.accounts.set('lena', { email: 'lena@acme.example', emailVerified: true, name: 'Lena Fischer' });
}, 120_000);

afterAll(async () => {
  await journey?.close();
  await op?.close();
});

describe('an organization’s own sign-in', () => {
  it('a desk admin sets it up on the organization’s page', async () => {
    const admin = await (await journey.browser.newContext({ timezoneId: 'Europe/Lisbon' })).newPage();
    await admin.goto(`${journey.served.base}/organizations/${journey.acme.organizationId}`);
    await admin.getByLabel('Email').fill('admin@desk.example');
    await admin.getByLabel('Password').fill(PASSWORD);
    await admin.getByRole('button', { name: 'Sign in', exact: true }).click();
    const section = admin.getByRole('region', { name: 'Single sign-on' });
    await section.getByRole('button', { name: 'Set up single sign-on' }).click();
    await section
      .getByText(`${journey.served.base}/auth/organization-sso/${journey.acme.organizationId}/callback`)
      .waitFor();
    await section.getByLabel('Issuer URL').fill(op.issuer);
    await section.getByLabel('Client ID').fill(op.clientId);
    await section.getByLabel('Client secret').fill(op.clientSecret);
    await section.getByLabel(/Required/).check();
    expect(await accessibilityProblems(admin)).toEqual([]);
    await admin.screenshot({ path: screenshotPath('organization-sso-0-settings'), fullPage: true });
    await section.getByRole('button', { name: 'Save single sign-on' }).click();
    await section.getByText(`Contacts sign in with ${op.issuer} only (required).`).waitFor();
    await admin.context().close();
  });

  it('a customer types their email, signs in at their company’s provider and lands on their tickets', async () => {
    const page = await (await journey.browser.newContext()).newPage();
    await page.goto(`${journey.served.base}/portal`);
    await page.getByLabel('Your email').fill('lena@acme.example');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    const company = page.getByRole('link', { name: 'Continue with Acme’s sign-in' });
    await company.waitFor();
    await page.getByText('Acme signs in with its company sign-in.').waitFor();
    // required: no emailed link on offer
    expect(await page.getByRole('button', { name: 'Email me a sign-in link instead' }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('organization-sso-1-offer'), fullPage: true });

    await company.click();
    await page.waitForURL((url) => url.origin === op.issuer);
    await page.locator('input[name="login"]').fill('lena');
    await page.locator('input[name="password"]').fill('whatever Acme asks');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL((url) => url.origin === journey.served.base && url.pathname === '/portal');
    await page.getByRole('heading', { name: 'Your tickets' }).waitFor();
    await page.getByText('The build server is down').waitFor();
    await page.screenshot({ path: screenshotPath('organization-sso-2-tickets'), fullPage: true });
    const cookies = await page.context().cookies(journey.served.base);
    expect(cookies.find((c) => c.name === 'pf_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookies.find((c) => c.name === 'pf_org_sso')).toBeUndefined();
    await page.context().close();
  });

  it('refuses to email her a sign-in link, while her mail still reaches her ticket', async () => {
    const page = await (await journey.browser.newContext()).newPage();
    await page.goto(`${journey.served.base}/portal`);
    await page.getByLabel('Your email').waitFor();
    const before = journey.sink.received.length;
    const answer = await page.evaluate(async () => {
      const res = await fetch('/api/v1/auth/sign-in-link', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'lena@acme.example' }),
      });
      return { status: res.status, body: await res.json() };
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ code: 'SSO_REQUIRED' });
    expect(answer.body.error.message).toContain('Continue with Acme’s sign-in');
    await journey.worker.drain();
    expect(journey.sink.received.slice(before)).toEqual([]);

    const reply = await journey.mailIn(
      `From: Lena <lena@acme.example>\nTo: support@desk.example\nSubject: Re: The build server is down\nMessage-ID: <build-2@acme.example>\nIn-Reply-To: <build-1@acme.example>\nReferences: <build-1@acme.example>\n\nStill down.\n`,
    );
    expect(reply).toBe(number);
    await page.context().close();
  });

  it('a callback that is not this browser’s ends on the portal with a message', async () => {
    const page = await (await journey.browser.newContext()).newPage();
    await page.goto(
      `${journey.served.base}/auth/organization-sso/${journey.acme.organizationId}/callback?code=stolen&state=made-up`,
    );
    await page.getByRole('alert').getByText('Your company sign-in did not complete. Please try again.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.context().close();
  });
});
