import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, screenshotPath } from './helpers/browser.js';
import { type Journey, PASSWORD, startJourney } from './helpers/journey.js';

// An organization admin adds a named contact: Lena, Acme's admin, signs in to the portal by a mailed
// link, opens Named contacts, adds her colleague Omar and sees "2 of 5". Omar gets the welcome mail
// (through real SMTP) and signs in with its link; he is no admin, so the page is not in his menu. The
// lead sees the same count on Acme's page.

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney();
  const made = await journey.served.desk.as(journey.served.desk.adminToken, {
    method: 'PATCH',
    url: `/api/v1/contacts/${journey.acme.contactId}`,
    payload: { orgAdmin: true },
  });
  expect(made.statusCode, made.body).toBe(200);
  // Acme owns its mail domain: its admins name people there
  const domain = await journey.served.desk.as(journey.served.desk.adminToken, {
    method: 'PATCH',
    url: `/api/v1/organizations/${journey.acme.organizationId}`,
    payload: { emailDomains: ['acme.example'] },
  });
  expect(domain.statusCode, domain.body).toBe(200);
}, 120_000);
afterAll(async () => {
  await journey?.close();
});

describe('named contacts', () => {
  it('an organization admin adds a named contact, who gets the welcome mail and signs in with its link', async () => {
    const lena = await journey.signInCustomer('lena@acme.example');
    await lena.getByRole('link', { name: 'Named contacts' }).click();
    await lena.getByRole('heading', { name: 'Named contacts', level: 1 }).waitFor();
    await lena.getByText('1 of 5 named contacts').waitFor();

    const before = journey.sink.received.length;
    await lena.getByLabel('Email', { exact: true }).fill('omar@acme.example');
    await lena.getByLabel('Name', { exact: true }).fill('Omar Haddad');
    await lena.getByRole('button', { name: 'Add named contact' }).click();
    await lena.getByRole('status').getByText('omar@acme.example is a named contact now').waitFor();
    await lena.getByText('2 of 5 named contacts').waitFor();
    await lena.getByRole('cell', { name: 'omar@acme.example' }).waitFor();
    // a sync token for the CI job: shown once, and it says when it stops
    await lena.getByLabel('Token name').fill('GitLab CI');
    await lena.getByLabel('Expires after').selectOption('90');
    await lena.getByRole('button', { name: 'Make a sync token' }).click();
    await lena
      .getByRole('status')
      .getByText(/^pfsync_/)
      .waitFor();
    const in90 = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'Europe/Lisbon' }).format(
      new Date(Date.now() + 90 * 86_400_000),
    );
    await lena
      .getByRole('listitem')
      .filter({ hasText: 'GitLab CI' })
      .getByText(`never used · expires ${in90}`)
      .waitFor();
    expect(await accessibilityProblems(lena)).toEqual([]);
    await lena.screenshot({ path: screenshotPath('named-contacts-1-portal'), fullPage: true });

    // the welcome mail, through the real SMTP sink
    await journey.worker.drain();
    const linkOf = (text: string | undefined) =>
      /(http:\/\/127\.0\.0\.1:\d+\/auth\/link\?token=\S+)/.exec(text ?? '')?.[1];
    let welcome = journey.sink.received.slice(before).find((m) => JSON.stringify(m.to).includes('omar@acme.example'));
    const deadline = Date.now() + 10_000;
    while (!welcome && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      welcome = journey.sink.received.slice(before).find((m) => JSON.stringify(m.to).includes('omar@acme.example'));
    }
    expect(welcome?.subject).toBe('You are a named support contact of Acme');
    expect(welcome?.text).toContain('lena made you a named support contact of Acme');
    const link = linkOf(welcome?.text);
    expect(link, 'a sign-in link in the welcome mail').toBeDefined();

    // Omar signs in with it: his tickets, and no Named contacts (he is no admin)
    const omar = await (await journey.browser.newContext()).newPage();
    await omar.goto(link as string);
    await omar.getByRole('button', { name: 'Sign in' }).click();
    await omar.getByRole('heading', { name: 'Your tickets' }).waitFor();
    await omar.getByText('omar@acme.example').waitFor();
    expect(await omar.getByRole('link', { name: 'Named contacts' }).count()).toBe(0);
    await omar.screenshot({ path: screenshotPath('named-contacts-2-colleague-signed-in'), fullPage: true });
    await omar.context().close();
    await lena.context().close();
  });

  it('the lead sees the count on the organization page', async () => {
    const lead = await (await journey.browser.newContext({ timezoneId: 'Europe/Lisbon' })).newPage();
    await lead.goto(`${journey.served.base}/`);
    await lead.getByLabel('Email').fill('lead@desk.example');
    await lead.getByLabel('Password').fill(PASSWORD);
    await lead.getByRole('button', { name: 'Sign in', exact: true }).click();
    await lead.getByRole('navigation', { name: 'Views' }).waitFor();
    await lead.goto(`${journey.served.base}/organizations/${journey.acme.organizationId}`);
    await lead.getByRole('heading', { name: 'Acme', level: 1 }).waitFor();
    const named = lead.getByRole('region', { name: 'Named support contacts' });
    await named.getByText('2 of 5 named contacts').waitFor();
    await named.getByText('lena@acme.example').first().waitFor();
    // the lead makes Omar an admin too: he may manage the list from now on
    await named.getByLabel('Make an organization admin').selectOption({ label: 'Omar Haddad (omar@acme.example)' });
    await named.getByRole('button', { name: 'Make admin' }).click();
    await named.getByRole('button', { name: 'not admin: Omar Haddad' }).waitFor();
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.screenshot({ path: screenshotPath('named-contacts-3-organization-page'), fullPage: true });
    const omar = (
      await journey.served.desk.as(journey.served.desk.adminToken, {
        method: 'GET',
        url: `/api/v1/organizations/${journey.acme.organizationId}/named-contacts`,
      })
    )
      .json()
      .items.find((c: { email: string }) => c.email === 'omar@acme.example');
    expect(omar.orgAdmin).toBe(true);
    await lead.context().close();
  });
});
