import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, screenshotPath } from './helpers/browser.js';
import { type Journey, startJourney } from './helpers/journey.js';

// An agent-opened ticket: after a call, the lead opens a ticket for a new customer at Acme from the
// New ticket page (the requester created there), lands on it, and the customer gets the first
// message by mail. From the ticket, the requester's name leads to their person page, and from there
// to Acme's page with its open and waiting counts. A plain agent reads the same pages on a phone.

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney();
}, 120_000);
afterAll(async () => {
  await journey?.close();
});

describe('people pages and tickets opened by agents', () => {
  let organizationPath = '';

  it('the lead opens a ticket for a new customer, who gets the mail; the name leads to their page and their organization’s', async () => {
    // Acme already waits on Lena's answer in another ticket
    const waiting = await journey.served.desk.as(journey.served.desk.adminToken, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: {
        subject: 'Disk usage report',
        body: 'Please send the output of df -h.',
        requesterEmail: 'lena@acme.example',
        status: 'pending',
        notify: false,
      },
    });
    expect(waiting.statusCode, waiting.body).toBe(201);

    const lead = await journey.signInAgent('lead@desk.example');
    await lead.getByRole('link', { name: 'New ticket' }).click();
    await lead.getByRole('heading', { name: 'New ticket', level: 1 }).waitFor();
    await lead.getByRole('radio', { name: 'A new customer' }).check();
    await lead.getByLabel('Name', { exact: true }).fill('Nora Newcomer');
    await lead.getByLabel('Email', { exact: true }).fill('nora@acme.example');
    await lead.getByLabel('Organization (optional)').fill('Acme');
    await lead.getByRole('button', { name: 'Acme' }).click();
    await lead.getByText('Organization: Acme').waitFor();
    await lead.getByLabel(/^CC/).fill('ops@acme.example');
    await lead.getByLabel('Subject').fill('Follow-up to our call: nightly backups fail');
    await lead.getByLabel('Priority').selectOption('high');
    expect(await lead.getByLabel('Channel').inputValue()).toBe('phone');
    await lead
      .getByLabel('Message to the customer (Markdown)')
      .fill('As discussed on the phone, please send the output of `gitlab-backup create`.');
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.screenshot({ path: screenshotPath('people-1-new-ticket'), fullPage: true });

    const before = journey.sink.received.length;
    await lead.getByRole('button', { name: 'Open the ticket and mail the customer' }).click();
    await lead.waitForURL(/\/tickets\/\d+$/);
    await lead.getByRole('heading', { name: /Follow-up to our call: nightly backups fail/ }).waitFor();
    const number = Number(new URL(lead.url()).pathname.split('/').pop());

    // the customer got the first message, with the CC copied
    await journey.worker.drain();
    const mails = await journey.sink.waitFor(before + 1);
    const mail = mails.slice(before).find((m) => m.subject?.includes(`[#${number}]`));
    expect(mail?.subject).toBe(`[#${number}] Follow-up to our call: nightly backups fail`);
    expect(JSON.stringify(mail?.to)).toContain('nora@acme.example');
    expect(JSON.stringify(mail?.cc)).toContain('ops@acme.example');
    expect(mail?.text).toContain('gitlab-backup create');

    // the requester's name leads to their page
    await lead.getByRole('main').getByRole('link', { name: 'Nora Newcomer' }).first().click();
    await lead.getByRole('heading', { name: 'Nora Newcomer', level: 1 }).waitFor();
    const theirTickets = lead.getByRole('region', { name: 'Their tickets' });
    await theirTickets.getByRole('link', { name: /Follow-up to our call/ }).waitFor();
    const theirCounts = lead.getByRole('region', { name: 'Their active tickets' });
    expect(await theirCounts.textContent()).toMatch(/Open\s*1/);
    // a lead keeps notes about them
    await lead.getByRole('button', { name: 'Edit notes' }).click();
    await lead.getByLabel('Notes for the team').fill('Prefers a call after 14:00 CET.');
    await lead.getByRole('button', { name: 'Save notes' }).click();
    await lead.getByText('Prefers a call after 14:00 CET.').waitFor();
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.screenshot({ path: screenshotPath('people-2-person-page'), fullPage: true });

    // and their organization's, with its counts
    await lead
      .getByRole('region', { name: 'Contact details' })
      .getByRole('link', { name: 'Acme', exact: true })
      .click();
    await lead.getByRole('heading', { name: 'Acme', level: 1 }).waitFor();
    organizationPath = new URL(lead.url()).pathname;
    const counts = lead.getByRole('region', { name: 'Active tickets' });
    await expect.poll(() => counts.textContent()).toMatch(/Open\s*1/);
    expect(await counts.textContent()).toMatch(/Waiting\s*1/);
    expect(await counts.textContent()).toContain('1 pending');
    const supportContacts = lead.getByRole('region', { name: 'Named support contacts' });
    await supportContacts.getByRole('link', { name: 'Nora Newcomer' }).waitFor();
    await supportContacts.getByRole('link', { name: 'lena', exact: true }).waitFor();
    const open = lead.getByRole('region', { name: 'Open and waiting tickets' });
    await open.getByRole('link', { name: /Disk usage report/ }).waitFor();
    await open.getByRole('link', { name: /nightly backups fail/ }).waitFor();
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.screenshot({ path: screenshotPath('people-3-organization-page'), fullPage: true });
    await lead.context().close();
  });

  it('a plain agent reads the pages on a phone, and cannot edit them', async () => {
    const ana = await journey.signInAgent('ana@desk.example', { phone: true });
    await ana.goto(`${journey.served.base}${organizationPath}`);
    await ana.getByRole('heading', { name: 'Acme', level: 1 }).waitFor();
    await ana
      .getByRole('region', { name: 'Named support contacts' })
      .getByRole('link', { name: 'Nora Newcomer' })
      .waitFor();
    expect(await ana.getByRole('button', { name: 'Change plan, sharing or domains' }).count()).toBe(0);
    expect(await ana.getByRole('button', { name: 'Edit notes' }).count()).toBe(0);
    // nothing wider than the phone
    expect(await ana.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await ana.screenshot({ path: screenshotPath('people-4-organization-phone'), fullPage: true });

    await ana.getByRole('link', { name: 'Nora Newcomer' }).first().click();
    await ana.getByRole('heading', { name: 'Nora Newcomer', level: 1 }).waitFor();
    await ana.getByText('Prefers a call after 14:00 CET.').waitFor();
    expect(await ana.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await ana.screenshot({ path: screenshotPath('people-5-person-phone'), fullPage: true });

    await ana.getByRole('link', { name: 'New ticket for them' }).click();
    await ana.getByRole('heading', { name: 'New ticket', level: 1 }).waitFor();
    await ana.getByText('nora@acme.example').waitFor();
    expect(await ana.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await accessibilityProblems(ana)).toEqual([]);
    await ana.screenshot({ path: screenshotPath('people-6-new-ticket-phone'), fullPage: true });
    await ana.context().close();
  });
});
