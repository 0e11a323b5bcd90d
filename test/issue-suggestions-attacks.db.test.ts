import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/platform/clock.js';
import type { Worker } from '../src/platform/jobs/worker.js';
import type { AppDeps } from '../src/runtime.js';
import { createTestDesk, type TestDesk } from './helpers/build-app.js';
import { connectForge, GitHubSimulator, GitLabSimulator } from './helpers/forge-simulator.js';

// Issue suggestions as an attacker tries them (the security review of issue 17): each test began as a
// finding that reproduced the attack, and guards its fix. What a forge's search is sent comes from an
// allow-list (forge-terms.ts) and only when the agent asks; nothing of the customer's reaches it.

let desk: TestDesk;
let worker: Worker<AppDeps>;
let gitlab: GitLabSimulator;
let github: GitHubSimulator;
let agent: string;
const clock = new FakeClock('2026-12-01T09:00:00Z');
const PROJECT = 'gitlab-org/gitlab';
const REPO = 'acme-public/product';

beforeAll(async () => {
  gitlab = await new GitLabSimulator().start();
  github = await new GitHubSimulator().start();
  desk = await createTestDesk({ clock });
  worker = desk.runtime.createWorker();
  agent = await desk.agentTokenFor('rev@desk.example');
  await connectForge(desk, gitlab, { writeBack: true, searchProjects: [PROJECT] });
  await connectForge(desk, github, { writeBack: true, searchProjects: [REPO] });
  gitlab.addIssue(PROJECT, 900, 'Something public');
});
afterAll(async () => {
  await desk?.close();
  await gitlab?.close();
  await github?.close();
});

let orgs = 0;
async function openTicket(subject: string, body: string, org?: string) {
  const n = ++orgs;
  const customer = await desk.customer(org ?? `Org ${n}`, `ops${n}@org${n}.example`);
  const opened = await desk.as(customer.token, { method: 'POST', url: '/api/v1/tickets', payload: { subject, body } });
  expect(opened.statusCode, opened.body).toBe(201);
  return { ...customer, number: opened.json().number as number };
}

/** Every search text both forges received while the ticket's suggestions were worked out. */
async function termsSentFor(subject: string, body: string, org?: string) {
  const t = await openTicket(subject, body, org);
  const before = { gitlab: gitlab.searches.length, github: github.searches.length };
  // opening the ticket sends nothing; the agent's search sends the planned terms
  const opened = await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${t.number}/issue-suggestions` });
  expect(opened.statusCode, opened.body).toBe(200);
  expect(gitlab.searches.length + github.searches.length).toBe(before.gitlab + before.github);
  const res = await desk.as(agent, { method: 'POST', url: `/api/v1/tickets/${t.number}/issue-suggestions/search` });
  expect(res.statusCode, res.body).toBe(200);
  return [...gitlab.searches.slice(before.gitlab), ...github.searches.slice(before.github)]
    .map((s) => s.terms)
    .join(' | ');
}

describe('FINDINGS: customer data reaching the forges’ search', () => {
  it('a host name in a Java exception’s message', async () => {
    const sent = await termsSentFor(
      'Cannot reach the database',
      'java.net.UnknownHostException: db01.zorbank.internal: Name or service not known',
    );
    expect(sent).not.toMatch(/zorbank/i);
  });

  it('a home folder (user name) in an exception’s message', async () => {
    const sent = await termsSentFor(
      'Config is missing',
      'java.io.FileNotFoundException: /home/kjellberg/deploy/app.yml (No such file or directory)',
    );
    expect(sent).not.toMatch(/kjellberg/i);
  });

  it('a fragment of an access token in an exception’s message', async () => {
    const sent = await termsSentFor(
      'Token refused',
      'Gitlab::Auth::UnauthorizedError: token glpat-QwErTyUiOpAsDfGhJkLz invalid',
    );
    expect(sent).not.toMatch(/QwErTyUiOpAsDfGhJkLz/);
  });

  it('the user name of a URL’s credentials in an exception’s message', async () => {
    const sent = await termsSentFor('Mirror fails', 'Faraday::ConnectionFailed: https://svensson:pw@git.example.org/x');
    expect(sent).not.toMatch(/svensson/i);
  });

  it('the customer’s own exception class (their company and project in its name)', async () => {
    const sent = await termsSentFor('Nightly sync', 'Zorbank::FalconLedgerError: sync failed for batch');
    expect(sent).not.toMatch(/zorbank|falcon/i);
  });

  it('a class named in a JSON log, which no error-like ending is asked of', async () => {
    const sent = await termsSentFor('Log line', '{"exception.class":"KjellbergSalaryExport","exception.message":"x"}');
    expect(sent).not.toMatch(/kjellberg/i);
  });

  it('an unquoted column or table name of theirs', async () => {
    const sent = await termsSentFor('Report fails', 'PG::UndefinedColumn: ERROR: column zorbank_salary does not exist');
    expect(sent).not.toMatch(/zorbank/i);
  });

  it('a group name in a failing request’s route', async () => {
    const sent = await termsSentFor(
      'API errors',
      '{"status":500,"method":"GET","path":"/api/v4/groups/zorbank-merger-project/projects"}',
    );
    expect(sent).not.toMatch(/zorbank/i);
  });

  it('a user name in a failing request’s route', async () => {
    const sent = await termsSentFor('Keys', 'Completed 500 POST /api/v4/users/kjellberg/keys 500');
    expect(sent).not.toMatch(/kjellberg/i);
  });

  it('a whole runner token in a failing request’s route (sent to every forge, GitHub included)', async () => {
    const sent = await termsSentFor('Runner cannot register', 'POST /api/v4/runners/glrt-t3_QwErTyUiOpAsDfGhJkLz 500');
    expect(sent).not.toMatch(/QwErTyUiOpAsDfGhJkLz/);
  });

  it('a private package’s name in a failing request’s route', async () => {
    const sent = await termsSentFor('Packages', 'GET /api/v4/projects/42/packages/pypi/simple/zorbank-ledger-core 500');
    expect(sent).not.toMatch(/zorbank/i);
  });

  it('an internal note’s text (the agent’s, or another customer’s log pasted there)', async () => {
    const t = await openTicket('Slow pages', 'Pages are slow.');
    const note = await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${t.number}/messages`,
      payload: { body: 'Seen at Othercorp too: Othercorp::BillingSyncError: nightly failed', internal: true },
    });
    expect(note.statusCode, note.body).toBe(201);
    const before = gitlab.searches.length;
    await desk.as(agent, { method: 'POST', url: `/api/v1/tickets/${t.number}/issue-suggestions/search` });
    expect(
      gitlab.searches
        .slice(before)
        .map((s) => s.terms)
        .join(' '),
    ).not.toMatch(/othercorp/i);
  });

  it('their own Sidekiq worker (any CamelCase word ending in Worker or Job, failing or not)', async () => {
    const sent = await termsSentFor('Exports', 'Our ZorbankPayrollExportWorker is slow today.');
    expect(sent).not.toMatch(/zorbank/i);
  });

  it('a subject naming another company, a person or their project', async () => {
    const sent = await termsSentFor('Contoso merger: payroll_prod pipelines for kjellberg', 'hello');
    expect(sent).not.toMatch(/contoso|payroll_prod|kjellberg/i);
  });

  it('the organization’s name when the subject writes it as one word', async () => {
    const sent = await termsSentFor('Quuxbank pipelines stuck after upgrade', 'hello', 'Quux Bank');
    expect(sent).not.toMatch(/quuxbank/i);
  });
});

describe('search syntax coming from a ticket', () => {
  it('cannot add a GitHub qualifier (repo:, org:, involves:, is:) to the search', async () => {
    const before = github.searches.length;
    // the route's parts are not the API's resources, so they are not sent at all; the adapter quotes
    // whatever is (src/forges/forge-search.db.test.ts)
    await termsSentFor('Qualifiers in the route', 'GET /api/v4/org:secret-org/involves:someone/is:private 500');
    for (const search of github.searches.slice(before)) {
      const q = search.params.q ?? '';
      // the desk's own qualifiers, and nothing else outside quotes
      expect(q.replace(/"[^"]*"/g, '')).not.toMatch(/\b(?:org|involves|user|in):/);
      expect(q.replace(/"[^"]*"/g, '').match(/\brepo:/g)).toHaveLength(1);
      expect(q.replace(/"[^"]*"/g, '').match(/\bis:/g)).toHaveLength(1);
      expect(search.project).toBe(REPO);
    }
  });
});

describe('who may ask', () => {
  it('keeps suggestions, look-alikes, dismissals and bulk links for agents', async () => {
    const t = await openTicket('Mine', 'NoMethodError: undefined method `x` for nil');
    const asCustomer = (method: 'GET' | 'POST', url: string, payload?: object) =>
      desk.as(t.token, { method, url: `/api/v1/tickets/${t.number}${url}`, ...(payload ? { payload } : {}) });
    expect((await asCustomer('GET', '/issue-suggestions')).statusCode).toBe(403);
    expect((await asCustomer('GET', '/look-alikes')).statusCode).toBe(403);
    const url = gitlab.issueUrl(PROJECT, 900);
    expect((await asCustomer('POST', '/issue-suggestions/dismissals', { url })).statusCode).toBe(403);
    expect((await asCustomer('POST', '/look-alikes/link', { url, tickets: [t.number] })).statusCode).toBe(403);
  });

  it('lets a customer ask to be counted only on a link of a ticket they may see', async () => {
    const mine = await openTicket('Mine', 'text');
    const theirs = await openTicket('Theirs', 'text');
    const link = async (number: number) =>
      (
        await desk.as(agent, {
          method: 'POST',
          url: `/api/v1/tickets/${number}/links`,
          payload: { url: gitlab.issueUrl(PROJECT, 900), notify: false },
        })
      ).json().id as string;
    const theirLink = await link(theirs.number);
    await link(mine.number);
    // their ticket: absent, whatever the link
    const onTheirs = await desk.as(mine.token, {
      method: 'POST',
      url: `/api/v1/tickets/${theirs.number}/links/${theirLink}/demand`,
    });
    expect(onTheirs.statusCode).toBe(404);
    // a link id of another ticket, asked on their own: only their own ticket's links count
    const unrelated = await openTicket('Unlinked', 'text');
    const wrongTicket = await desk.as(unrelated.token, {
      method: 'POST',
      url: `/api/v1/tickets/${unrelated.number}/links/${theirLink}/demand`,
    });
    expect(wrongTicket.statusCode).toBe(404);
  });

  it('does not let a contact copied from another organization count the ticket’s organization', async () => {
    const t = await openTicket('Webhooks loop', 'text', 'Victim Org');
    const outsider = await desk.customer('Outsider Org', 'someone@outsider.example');
    const cc = await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${t.number}/ccs`,
      payload: { email: 'someone@outsider.example' },
    });
    expect(cc.statusCode, cc.body).toBe(201);
    const link = await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${t.number}/links`,
      payload: { url: gitlab.issueUrl(PROJECT, 900), notify: false },
    });
    const ask = await desk.as(outsider.token, {
      method: 'POST',
      url: `/api/v1/tickets/${t.number}/links/${link.json().id}/demand`,
    });
    expect(ask.statusCode).not.toBe(204);
  });

  it('links (and tells) in one action only tickets that look like the first', async () => {
    const first = await openTicket('Traces', 'Gitaly::StorageUnavailable: storage default unavailable');
    const unrelated = await openTicket('Invoice question', 'Where is my invoice?');
    await worker.drain();
    const res = await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${first.number}/look-alikes/link`,
      payload: { url: gitlab.issueUrl(PROJECT, 900), tickets: [unrelated.number] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().linked).not.toContain(unrelated.number);
  });
});
