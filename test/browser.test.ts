import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from '../src/platform/jobs/worker.js';
import type { AppDeps } from '../src/runtime.js';
import { accessibilityProblems, agentWithPassword, type ServedDesk, screenshotPath } from './helpers/browser.js';
import { GitLabSimulator } from './helpers/forge-simulator.js';
import { type Journey, PASSWORD, startJourney } from './helpers/journey.js';
import type { SmtpSink } from './helpers/smtp-sink.js';

// Journeys in a real browser (Debian's Chromium) against a desk served over HTTP with its built web
// app, real outbound SMTP to a sink, and the GitLab simulator. Each saves a screenshot of its last
// step in screenshots/ (git-ignored). The desk, agents and customers come from test/helpers/journey.ts.

let journey: Journey;
let served: ServedDesk;
let browser: Browser;
let sink: SmtpSink;
let gitlab: GitLabSimulator;
let worker: Worker<AppDeps>;
let acme: { organizationId: string; token: string };
let signInAgent: Journey['signInAgent'];
let signInCustomer: Journey['signInCustomer'];
let mailIn: Journey['mailIn'];

beforeAll(async () => {
  gitlab = await new GitLabSimulator().start();
  journey = await startJourney();
  ({ served, browser, sink, worker, acme, signInAgent, signInCustomer, mailIn } = journey);
}, 120_000);
afterAll(async () => {
  await journey?.close();
  await gitlab?.close();
});

/** Connects the GitLab simulator as the desk's forge, once for all journeys. */
let gitlabConnected = false;
async function connectGitLab() {
  if (gitlabConnected) return;
  const forge = await served.desk.as(served.desk.adminToken, {
    method: 'POST',
    url: '/api/v1/forges',
    payload: { kind: 'gitlab', baseUrl: gitlab.url, token: gitlab.token, webhookSecret: gitlab.secret, name: 'GitLab' },
  });
  expect(forge.statusCode, forge.body).toBe(201);
  gitlabConnected = true;
}

describe('in the browser', () => {
  it('a customer mails in; an agent finds it in Unassigned and replies; the customer gets the mail and sees the reply in the portal', async () => {
    const number = await mailIn(
      'From: Lena <lena@acme.example>\nTo: support@desk.example\nSubject: Sidekiq queue stuck since 09:00\nMessage-ID: <stuck-1@acme.example>\n\nThe default queue has 40,000 jobs and latency keeps growing.\n',
    );
    const agent = await signInAgent('ana@desk.example');
    // the side bar counts arrive once the list is in
    await agent.getByRole('link', { name: /^Unassigned \d+$/ }).waitFor();
    await agent.getByRole('link', { name: /^Unassigned/ }).click();
    await agent.getByRole('link', { name: 'Sidekiq queue stuck since 09:00' }).click();
    await agent.getByText('The default queue has 40,000 jobs').waitFor();
    await agent.getByLabel(/Public reply, mailed/).fill('Please send the output of Sidekiq::Queue.all.map(&:latency).');
    // counted before sending: the worker may send the mail before the page shows the reply
    const before = sink.received.length;
    await agent.getByRole('button', { name: 'Send reply' }).click();
    // stored: the conversation shows it as Ana's message (not only the text typed in the box)
    await agent
      .getByRole('listitem', { name: /^Message from Ana/ })
      .filter({ hasText: 'Please send the output of Sidekiq::Queue.all' })
      .waitFor();

    // other mail (notices to agents) may arrive first: the reply is the one on this ticket
    const replyMail = () => sink.received.slice(before).find((m) => m.subject?.includes(`[#${number}]`));
    await expect
      .poll(async () => {
        await worker.drain();
        return replyMail();
      })
      .toBeTruthy();
    const reply = replyMail();
    expect(reply?.text).toContain('Please send the output of Sidekiq::Queue.all.map(&:latency).');
    expect(JSON.stringify(reply?.to)).toContain('lena@acme.example');

    const customer = await signInCustomer('lena@acme.example');
    await customer.getByRole('link', { name: 'Sidekiq queue stuck since 09:00' }).click();
    await customer.getByText('Please send the output of Sidekiq::Queue.all').waitFor();
    expect(await customer.getByText('Internal note').count()).toBe(0);
    await customer.screenshot({ path: screenshotPath('1-portal-shows-the-reply'), fullPage: true });
    await agent.context().close();
    await customer.context().close();
  });

  it('an agent links a GitLab issue; when the fix is merged the portal card says fixed and by whom', async () => {
    await connectGitLab();
    gitlab.addIssue('acme/widgets', 42, 'Deadlock in approval rules');
    const opened = await served.desk.as(acme.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Approvals fail with a deadlock', body: 'Every approval since 17.2 errors out.' },
    });
    const number = opened.json().number as number;

    const agent = await signInAgent('ana@desk.example');
    await agent.goto(`${served.base}/tickets/${number}`);
    await agent.getByLabel('Issue URL').fill(gitlab.issueUrl('acme/widgets', 42));
    await agent.getByRole('button', { name: 'Link', exact: true }).click();
    // in the links panel (the customer's link notice in the thread names it too)
    await agent.locator('.links').getByText('Deadlock in approval rules').waitFor();
    await agent.getByRole('button', { name: 'Set to watching' }).click();
    await agent.locator('.badge.status-watching').waitFor();

    gitlab.setMilestone('acme/widgets', 42, '17.3', '2026-12-17');
    gitlab.openMergeRequest('acme/widgets', 7, 'Fix approval rules deadlock', 'Alice', [42]);
    gitlab.merge('acme/widgets', 7, 'Bob', '2026-11-28T10:00:00Z');
    const hook = await fetch(`${served.base}/hooks/gitlab`, {
      method: 'POST',
      headers: gitlab.headers('Merge Request Hook', gitlab.mergeHook('acme/widgets', 7), {}),
      body: JSON.stringify(gitlab.mergeHook('acme/widgets', 7)),
    });
    expect(hook.status).toBe(202);
    await worker.drain();
    await worker.drain();

    const customer = await signInCustomer('lena@acme.example');
    await customer.getByRole('link', { name: 'Approvals fail with a deadlock' }).click();
    const card = customer.locator('.fix-story');
    await card.waitFor();
    expect(await card.textContent()).toBe('Scheduled for 17.3 · Fixed by !7 by Alice');
    await customer.screenshot({ path: screenshotPath('2-portal-card-says-fixed'), fullPage: true });
    await agent.context().close();
    await customer.context().close();
  });

  it('two agents on one ticket: each sees the other writing, and the reply appears without a reload', async () => {
    const number = await mailIn(
      'From: Lena <lena@acme.example>\nTo: support@desk.example\nSubject: Replica lag alerts\nMessage-ID: <lag-1@acme.example>\n\nThe replica is 20 minutes behind.\n',
    );
    const ana = await signInAgent('ana@desk.example');
    const lead = await signInAgent('lead@desk.example');
    await ana.goto(`${served.base}/tickets/${number}`);
    await lead.goto(`${served.base}/tickets/${number}`);
    await ana.getByText('The replica is 20 minutes behind.').waitFor();
    await lead.getByText('The replica is 20 minutes behind.').waitFor();
    await lead.getByLabel(/Public reply, mailed/).fill('Checking pg_stat_replication now.');
    await ana.getByText('Lead is writing a reply to this ticket right now.').waitFor({ timeout: 10_000 });
    await lead.getByRole('button', { name: 'Send reply' }).click();
    // no reload on Ana's side: the stream tells her page
    await ana.getByText('Checking pg_stat_replication now.').waitFor({ timeout: 10_000 });
    await ana.screenshot({ path: screenshotPath('7-live-reply-and-presence'), fullPage: true });
    await ana.context().close();
    await lead.context().close();
  });

  it('a lead opens the coverage heatmap and sees the gap', async () => {
    const roster = await served.desk.as(served.desk.adminToken, {
      method: 'POST',
      url: '/api/v1/roster',
      payload: {
        agents: [
          { email: 'ana@desk.example', name: 'Ana', timeZone: 'Europe/Lisbon', region: 'EMEA', country: 'PT' },
          { email: 'lead@desk.example', name: 'Lead', timeZone: 'America/New_York', region: 'AMER', country: 'US-NY' },
        ],
      },
    });
    expect(roster.statusCode, roster.body).toBe(200);
    const lead = await signInAgent('lead@desk.example');
    await lead.getByRole('link', { name: 'Coverage' }).click();
    await lead.getByLabel('Week of').fill('2026-12-07');
    await lead.getByLabel('Times in').fill('UTC');
    // Lisbon 09–17 and New York 14–22 UTC leave 22:00–09:00 UTC uncovered on weekdays
    const gaps = lead.locator('.gaps li');
    await gaps.first().waitFor();
    // (Tue 8 Dec is a holiday in Portugal: Ana is off)
    await lead.getByRole('table', { name: 'People at work per hour, UTC' }).waitFor();
    expect(await gaps.first().textContent()).toBe('Mon, Wed–Fri 00:00–09:00 UTC: nobody');
    expect(await lead.locator('td.cell.gap').count()).toBeGreaterThan(40);
    await lead.screenshot({ path: screenshotPath('3-coverage-heatmap-gap'), fullPage: true });
    await lead.context().close();
  });

  it('an admin creates an API token in the browser, sees its secret once, and it works', async () => {
    await agentWithPassword(served.desk, 'root@desk.example', 'admin', PASSWORD);
    const admin = await signInAgent('root@desk.example');
    await admin.getByRole('link', { name: 'API tokens' }).click();
    await admin.getByLabel('Name').fill('monitoring');
    await admin.getByLabel(/Acts as a role/).fill('agent');
    await admin.getByRole('button', { name: 'Create token' }).click();
    const secret = await admin.locator('code.secret').textContent();
    expect(secret).toMatch(/^pf_/);
    const res = await fetch(`${served.base}/api/v1/tickets?limit=1`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(res.status).toBe(200);
    await admin.reload();
    await admin.getByRole('button', { name: 'Revoke monitoring' }).waitFor();
    expect(await admin.locator('code.secret').count()).toBe(0); // shown only once
    await admin.getByRole('button', { name: 'Revoke monitoring' }).click();
    await admin.getByRole('button', { name: 'Revoke monitoring' }).waitFor({ state: 'detached' });
    const revoked = await fetch(`${served.base}/api/v1/tickets?limit=1`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(revoked.status).toBe(401);
    await admin.screenshot({ path: screenshotPath('6-admin-token-created-and-revoked'), fullPage: true });
    await admin.context().close();
  });

  it('on a phone, the inbox and a ticket fit the screen', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await context.newPage();
    await phone.goto(`${served.base}/`);
    await phone.getByLabel('Email').fill('ana@desk.example');
    await phone.getByLabel('Password').fill(PASSWORD);
    await phone.getByRole('button', { name: 'Sign in' }).click();
    // the menu is folded away on a phone (and folds again on every move: open it once the inbox is there)
    await phone.waitForURL(/\/views\/mine$/);
    await phone.getByRole('heading', { level: 1 }).waitFor();
    await phone.getByRole('button', { name: /Menu/ }).click();
    await phone.getByRole('link', { name: /^All tickets/ }).click();
    await phone.locator('table.tickets tbody tr').first().waitFor();
    // how far the page scrolls sideways (0: it fits)
    const overflow = () =>
      phone.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;
    expect(await overflow()).toBeLessThanOrEqual(0);
    await phone.locator('table.tickets tbody tr a').first().click();
    await phone.getByRole('button', { name: 'Send reply' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: screenshotPath('8-phone-ticket'), fullPage: true });
    await context.close();
  });

  it('an admin adds an agent, changes an SLA target and sees where mail comes in', async () => {
    const admin = await signInAgent('root@desk.example');
    await admin.getByRole('link', { name: 'Agents and roster' }).click();
    const form = admin.getByRole('form', { name: 'Add an agent' });
    await form.getByLabel('Email').fill('kai@desk.example');
    await form.getByLabel('Name').fill('Kai');
    await form.getByLabel('Time zone').fill('Asia/Tokyo');
    await form.getByRole('button', { name: 'Add agent' }).click();
    await admin.getByRole('button', { name: 'Edit Kai' }).waitFor();

    await admin.getByRole('link', { name: 'SLA policies' }).click();
    const urgent = admin.getByLabel('First reply of Urgent, minutes');
    await urgent.fill('15');
    await admin.getByRole('button', { name: 'Save policies' }).click();
    const urgentTarget = async () =>
      (
        (await served.desk.as(served.desk.adminToken, { method: 'GET', url: '/api/v1/sla/policies' })).json().items as {
          priority: string | null;
          firstReplyMinutes: number | null;
        }[]
      ).find((p) => p.priority === 'urgent')?.firstReplyMinutes;
    await expect.poll(urgentTarget).toBe(15);
    await admin.reload();
    expect(await admin.getByLabel('First reply of Urgent, minutes').inputValue()).toBe('15');

    await admin.getByRole('link', { name: 'Mail and mailboxes' }).click();
    await admin.getByText('Replies go out from').waitFor();
    expect(await admin.getByText('support@desk.example').first().count()).toBe(1);
    await admin.screenshot({ path: screenshotPath('9-admin-mail-page'), fullPage: true });
    await admin.context().close();
  });

  it('a customer cannot open another organization’s ticket by its URL', async () => {
    const other = await served.desk.as(served.desk.adminToken, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Globex secret outage', body: 'Private.', requesterEmail: 'hank@globex.example' },
    });
    const number = other.json().number as number;
    const customer = await signInCustomer('lena@acme.example');
    await customer.goto(`${served.base}/portal/tickets/${number}`);
    await customer.getByRole('alert').waitFor();
    expect(await customer.getByRole('alert').textContent()).toBe(`No ticket #${number}.`);
    expect(await customer.getByText('Globex secret outage').count()).toBe(0);
    await customer.screenshot({ path: screenshotPath('4-other-organization-refused'), fullPage: true });
    await customer.context().close();
  });

  it('an agent works a ticket with the keyboard alone: j/k/Enter in the list, / to search, Tab through the reply', async () => {
    for (const subject of ['Keyboard one', 'Keyboard two', 'Keyboard three']) {
      await served.desk.as(acme.token, {
        method: 'POST',
        url: '/api/v1/tickets',
        payload: { subject, body: `${subject}: the runner is stuck.` },
      });
    }
    const agent = await signInAgent('ana@desk.example');
    await agent.goto(`${served.base}/views/all`);
    const rows = agent.locator('table.tickets tbody tr');
    await rows.first().waitFor();
    const focused = () => agent.evaluate("document.activeElement?.textContent ?? ''") as Promise<string>;
    const thirdSubject = (await rows.nth(2).locator('.col-subject a').textContent()) as string;
    for (const key of ['j', 'j', 'k', 'j']) await agent.keyboard.press(key);
    // the focus follows the cursor, so a screen reader reads the ticket, and the outline shows it
    expect(await focused()).toBe(thirdSubject);
    expect(await rows.nth(2).getAttribute('aria-current')).toBe('true');
    expect(await agent.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
    await agent.keyboard.press('Enter');
    await agent.getByRole('heading', { level: 1, name: new RegExp(thirdSubject) }).waitFor();

    await agent.getByLabel(/Public reply, mailed/).focus();
    await agent.keyboard.type('Restart the runner with gitlab-runner restart, please.');
    // past the composer's tools (macros, files) and the status it takes, to the button that sends
    const stops: string[] = [];
    for (let i = 0; i < 4; i++) {
      await agent.keyboard.press('Tab');
      stops.push(
        (await agent.evaluate(
          "document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName ?? ''",
        )) as string,
      );
    }
    expect(await focused(), stops.join(' → ')).toBe('Send reply');
    await agent.keyboard.press('Enter');
    await agent
      .getByRole('listitem', { name: /^Message from/ })
      .filter({ hasText: 'gitlab-runner restart' })
      .waitFor();

    await agent.keyboard.press('Escape');
    await agent.locator('body').press('/');
    expect(await agent.evaluate('document.activeElement?.id')).toBe('search-box');
    await agent.keyboard.type('runner');
    await agent.keyboard.press('Enter');
    await agent.locator('mark').first().waitFor();
    await agent.screenshot({ path: screenshotPath('11-keyboard-search'), fullPage: true });
    await agent.context().close();
  });

  it('an agent narrows a list to urgent tickets with a tag, saves it as a view, opens it from the side bar and deletes it', async () => {
    const open = async (subject: string, priority: string, tags: string[]) => {
      const created = await served.desk.as(served.desk.adminToken, {
        method: 'POST',
        url: '/api/v1/tickets',
        payload: { subject, body: 'Details inside.', requesterEmail: 'lena@acme.example', priority },
      });
      const number = created.json().number as number;
      await served.desk.as(served.desk.adminToken, {
        method: 'PATCH',
        url: `/api/v1/tickets/${number}`,
        payload: { tags },
      });
    };
    await open('Geo replication broken', 'urgent', ['geo']);
    await open('Geo docs typo', 'low', ['geo']);
    await open('Urgent but elsewhere', 'urgent', ['ci']);

    const agent = await signInAgent('ana@desk.example');
    await agent.getByRole('link', { name: /^All tickets/ }).click();
    await agent.getByRole('link', { name: 'Urgent but elsewhere' }).waitFor();
    await agent.getByLabel('Priority', { exact: true }).selectOption('urgent');
    await agent.getByLabel('Tag', { exact: true }).fill('geo');
    await agent.getByLabel('Tag', { exact: true }).press('Enter');
    await agent.getByRole('link', { name: 'Geo replication broken' }).waitFor();
    const subjects = () => agent.locator('table.tickets tbody tr td:nth-child(3) a').allTextContents();
    await expect.poll(subjects).toEqual(['Geo replication broken']);
    // the refinement is in the address: a reload or a shared link keeps it
    expect(new URL(agent.url()).searchParams.get('tag')).toBe('geo');

    await agent.getByRole('button', { name: 'Save as a view' }).click();
    await agent.getByLabel('Name of the view').fill('Urgent geo');
    await agent.getByRole('button', { name: 'Save view' }).click();
    await agent.getByRole('heading', { level: 1, name: 'Urgent geo' }).waitFor();
    await expect.poll(subjects).toEqual(['Geo replication broken']);
    const sideBar = agent.getByRole('navigation', { name: 'Views' });
    await sideBar.getByRole('link', { name: 'Urgent geo' }).waitFor();

    // a new urgent geo ticket appears in the saved view
    await open('Geo secondary lagging', 'urgent', ['geo', 'replication']);
    await agent.reload();
    await expect.poll(subjects).toEqual(['Geo secondary lagging', 'Geo replication broken']);
    await agent.screenshot({ path: screenshotPath('12-saved-view'), fullPage: true });

    await agent.getByRole('button', { name: 'Delete this view' }).click();
    await agent.getByRole('button', { name: 'Really delete this view?' }).click();
    await agent.getByRole('heading', { level: 1, name: 'My open tickets' }).waitFor();
    expect(await sideBar.getByRole('link', { name: 'Urgent geo' }).count()).toBe(0);
    await agent.context().close();
  });

  it('a screen-reader audit (axe-core) finds no problem on the pages agents, leads, admins and customers use', async () => {
    // a ticket with mail, a reply and a note; another linked to an issue whose fix has shipped
    const mailed = await mailIn(
      'From: Lena <lena@acme.example>\nTo: support@desk.example\nSubject: Slow merge request page\nMessage-ID: <audit-1@acme.example>\n\nThe diff tab takes 30 s to load.\n',
    );
    const as = (url: string, payload: object) =>
      served.desk.as(served.desk.adminToken, { method: 'POST', url, payload });
    await as(`/api/v1/tickets/${mailed}/messages`, { body: 'Could you send the output of EXPLAIN ANALYZE?' });
    await as(`/api/v1/tickets/${mailed}/messages`, { body: 'Looks like a missing index.', internal: true });
    await connectGitLab();
    gitlab.addIssue('acme/widgets', 51, 'Audit: slow diff query');
    const linked = (
      await served.desk.as(acme.token, {
        method: 'POST',
        url: '/api/v1/tickets',
        payload: { subject: 'Diffs time out', body: 'Since the upgrade.' },
      })
    ).json().number as number;
    const link = await as(`/api/v1/tickets/${linked}/links`, { url: gitlab.issueUrl('acme/widgets', 51) });
    expect(link.statusCode, link.body).toBe(201);
    const problems: string[] = [];
    const audit = async (page: Page, where: string, ready: () => Promise<unknown>) => {
      await page.goto(`${served.base}${where}`);
      await ready();
      problems.push(...(await accessibilityProblems(page)).map((p) => `${where}: ${p}`));
    };

    const anonymous = await (await browser.newContext()).newPage();
    await audit(anonymous, '/', () => anonymous.getByLabel('Password').waitFor());
    await audit(anonymous, '/portal', () => anonymous.getByLabel('Your email').waitFor());
    await audit(anonymous, '/auth/link?token=pfl_spent', async () => {
      await anonymous.getByRole('button', { name: 'Sign in' }).click();
      await anonymous.getByRole('alert').waitFor();
    });
    await anonymous.context().close();

    await agentWithPassword(served.desk, 'audit@desk.example', 'admin', PASSWORD);
    const agent = await signInAgent('audit@desk.example');
    const rows = () => agent.locator('table.tickets tbody tr').first().waitFor();
    await audit(agent, '/views/all?priority=normal&sort=-created', async () => {
      await rows();
      await agent.getByRole('button', { name: 'Save as a view' }).click();
    });
    await audit(agent, '/views/breaching', () => agent.getByRole('heading', { level: 1 }).waitFor());
    await audit(agent, `/tickets/${mailed}`, () => agent.getByText('Looks like a missing index.').waitFor());
    await audit(agent, `/tickets/${linked}`, async () => {
      await agent.getByRole('button', { name: /^Show why/ }).click();
      await agent.locator('ol.timeline').waitFor();
    });
    await audit(agent, '/search?q=diff', () => agent.locator('mark').first().waitFor());
    await audit(agent, '/coverage', () => agent.locator('.heatmap table').waitFor());
    // the admin pages: audited once their heading is up and nothing says "Loading…" any more
    for (const where of [
      '/admin/roster',
      '/admin/sla',
      '/admin/forges',
      '/admin/tokens',
      '/admin/quarantine',
      '/admin/mail',
    ]) {
      await audit(agent, where, async () => {
        await agent.getByRole('heading', { level: 1 }).waitFor();
        await agent
          .getByText(/^Loading /)
          .first()
          .waitFor({ state: 'detached' });
      });
    }
    await agent.context().close();

    const customer = await signInCustomer('lena@acme.example');
    await audit(customer, '/portal', () => customer.getByRole('link', { name: 'Diffs time out' }).waitFor());
    await audit(customer, `/portal/tickets/${linked}`, () =>
      customer.locator('.fix-card').getByText('Audit: slow diff query').waitFor(),
    );
    await audit(customer, '/portal/new', () => customer.getByLabel('Subject').waitFor());
    await customer.screenshot({ path: screenshotPath('10-portal-new-ticket-audited'), fullPage: true });
    await customer.context().close();
    expect(problems).toEqual([]);
  }, 150_000); // some twenty pages, each audited: it outlasts the default minute on a busy machine

  it('a mail body with script does not run it', async () => {
    const number = await mailIn(
      [
        'From: Lena <lena@acme.example>',
        'To: support@desk.example',
        'Subject: Odd HTML mail',
        'Message-ID: <xss-1@acme.example>',
        'MIME-Version: 1.0',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>Here is the log.</p><script>window.__pwned = "script"</script>',
        '<img src="x" onerror="window.__pwned = \'onerror\'"><a href="javascript:window.__pwned=\'link\'">click</a>',
        '',
      ].join('\n'),
    );
    const agent = await signInAgent('ana@desk.example');
    await agent.goto(`${served.base}/tickets/${number}`);
    await agent.getByText('Here is the log.').waitFor();
    await agent.getByText('click', { exact: true }).click();
    expect(await agent.evaluate(() => (globalThis as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await agent.locator('.message-body script').count()).toBe(0);
    await agent.screenshot({ path: screenshotPath('5-script-in-mail-is-inert'), fullPage: true });
    await agent.context().close();
  });
});
