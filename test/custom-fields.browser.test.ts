import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, agentWithPassword, screenshotPath } from './helpers/browser.js';
import { type Journey, PASSWORD, startJourney } from './helpers/journey.js';

// A custom field from its definition to a filtered list: an admin makes "Deployment" required in the
// portal, a customer opens a ticket (with a severity and a colleague copied), an agent finds it by it.

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney();
}, 120_000);
afterAll(async () => {
  await journey?.close();
});

describe('custom fields in the browser', () => {
  it('a required portal field is asked of the customer, and an agent filters the list by it', async () => {
    const { desk } = journey.served;
    const field = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/fields',
      payload: {
        key: 'deployment',
        label: 'Deployment',
        description: 'Where your instance runs',
        type: 'select',
        options: ['self-managed', 'dedicated', 'saas'],
        required: true,
        customerEditable: true,
      },
    });
    expect(field.statusCode, field.body).toBe(201);
    await desk.contactIn(journey.acme.organizationId, 'max@acme.example');
    // another ticket on another deployment, which the filter must leave out
    const other = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: {
        subject: 'SaaS billing question',
        body: 'Invoice.',
        requesterEmail: 'lena@acme.example',
        fields: { deployment: 'saas' },
      },
    });
    expect(other.statusCode, other.body).toBe(201);

    // the customer, on a phone
    const customer = await journey.signInCustomer('lena@acme.example');
    await customer.setViewportSize({ width: 390, height: 844 });
    await customer.getByRole('link', { name: 'Open a ticket' }).first().click();
    await customer.getByRole('heading', { name: 'Open a ticket' }).waitFor();
    await customer.getByLabel('Subject').fill('Gitaly timeouts after the 17.2 upgrade');
    await customer.getByLabel(/What happened/).fill('Clones time out after 60 s since Saturday.');
    await customer.getByRole('button', { name: 'Open the ticket' }).click();
    const alert = customer.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Deployment is required.');
    expect(await alert.textContent()).toContain('Choose a severity.');
    await expect.poll(() => customer.getByLabel(/^Deployment/).getAttribute('aria-invalid')).toBe('true');
    expect(await accessibilityProblems(customer)).toEqual([]);
    await customer.screenshot({ path: screenshotPath('fields-1-portal-form-missing-390'), fullPage: true });

    await customer.getByRole('radio', { name: /Severity 2/ }).check();
    await customer.getByLabel(/^Deployment/).selectOption('self-managed');
    await customer.getByRole('checkbox', { name: /max@acme\.example/ }).check();
    await customer.getByRole('button', { name: 'Open the ticket' }).click();
    await customer.getByRole('heading', { name: /Gitaly timeouts after the 17\.2 upgrade/ }).waitFor();
    const details = customer.getByRole('region', { name: 'Ticket details' });
    await expect.poll(() => details.textContent()).toContain('self-managed');
    expect(await details.textContent()).toContain('Severity 2');
    expect(await details.textContent()).toContain('max');
    expect(await accessibilityProblems(customer)).toEqual([]);
    await customer.screenshot({ path: screenshotPath('fields-2-portal-ticket-390'), fullPage: true });
    const number = Number(/\/portal\/tickets\/(\d+)/.exec(customer.url())?.[1]);
    const opened = (await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/tickets/${number}` })).json();
    expect(opened).toMatchObject({ severity: 2, priority: 'high' });

    // the agent narrows All tickets to self-managed deployments
    await customer.close();
    const agent = await journey.signInAgent('ana@desk.example');
    await agent.goto(`${journey.served.base}/views/all`);
    await agent.getByRole('link', { name: 'SaaS billing question' }).waitFor();
    await agent.locator('summary', { hasText: 'More filters' }).click();
    await agent.getByLabel('Custom field').selectOption('deployment');
    await agent.getByLabel('Deployment is').selectOption('self-managed');
    await agent.getByRole('link', { name: 'SaaS billing question' }).waitFor({ state: 'detached' });
    await agent.getByRole('link', { name: 'Gitaly timeouts after the 17.2 upgrade' }).waitFor();
    expect(agent.url()).toContain('field.deployment=self-managed');
    expect(await accessibilityProblems(agent)).toEqual([]);
    await agent.screenshot({ path: screenshotPath('fields-3-agent-list-filtered'), fullPage: true });

    // and sees the fields and the customer's severity on the ticket
    await agent.getByRole('link', { name: 'Gitaly timeouts after the 17.2 upgrade' }).click();
    const panel = agent.getByRole('region', { name: 'Fields' });
    await expect.poll(() => panel.textContent()).toContain("Customer's severity: Severity 2");
    expect(await agent.getByLabel(/^Deployment/).inputValue()).toBe('self-managed');
    await agent.screenshot({ path: screenshotPath('fields-4-agent-ticket'), fullPage: true });
  });

  it('an admin sees the fields and edits the severity table', async () => {
    await agentWithPassword(journey.served.desk, 'root@desk.example', 'admin', PASSWORD);
    const admin = await journey.signInAgent('root@desk.example');
    await admin.getByRole('link', { name: 'Ticket fields' }).click();
    await admin.getByRole('heading', { name: 'Ticket fields and severities' }).waitFor();
    await admin.getByRole('cell', { name: 'Deployment field.deployment' }).waitFor();
    await admin.getByLabel('Priority of severity 3').selectOption('high');
    await admin.getByRole('button', { name: 'Save severities' }).click();
    await expect
      .poll(async () => {
        const levels = (
          await journey.served.desk.as(journey.served.desk.adminToken, { method: 'GET', url: '/api/v1/severities' })
        ).json().items;
        return levels[2].priority;
      })
      .toBe('high');
    await admin.getByRole('button', { name: 'Add a field' }).click();
    await admin.getByLabel('Label').fill('Instance URL');
    expect(await accessibilityProblems(admin)).toEqual([]);
    await admin.screenshot({ path: screenshotPath('fields-5-admin'), fullPage: true });
  });
});
