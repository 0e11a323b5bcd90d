import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../../test/helpers/build-app.js';
import { connectForge, GitLabSimulator } from '../../../test/helpers/forge-simulator.js';
import { FakeClock } from '../../platform/clock.js';
import { queryRows } from '../../platform/db.js';
import type { Worker } from '../../platform/jobs/worker.js';
import type { AppDeps } from '../../runtime.js';
import { SIGNATURE_READER } from './error-signature.js';

// Issue suggestions against the GitLab simulator's documented issue search: the issue a ticket's failure
// names comes first, tickets already linked bring their issue, a fix newer than the customer's version
// ranks first, and nothing but the signature shown to the agent reaches the forge.

let desk: TestDesk;
let worker: Worker<AppDeps>;
let gitlab: GitLabSimulator;
let agent: string;
const clock = new FakeClock('2026-12-01T09:00:00Z');
const PROJECT = 'gitlab-org/gitlab';

const CANCELED_LOG = `Our pipelines page times out since the upgrade to GitLab 17.3.1 on db01.acme-corp.internal (10.20.30.40).
Token glpat-AbCdEf0123456789xyz was rotated, mail ops@acme-corp.example if needed.

2026-11-30T10:00:01.123Z ERROR -- : PG::QueryCanceled: ERROR:  canceling statement due to statement timeout
app/finders/ci/pipelines_finder.rb:42:in 'execute'
app/controllers/projects/pipelines_controller.rb:17:in 'index'
Completed 500 Internal Server Error in 15000ms
`;

beforeAll(async () => {
  gitlab = await new GitLabSimulator().start();
  desk = await createTestDesk({ clock });
  worker = desk.runtime.createWorker();
  agent = await desk.agentTokenFor('ada@desk.example');
  await connectForge(desk, gitlab, { name: 'GitLab', writeBack: true, searchProjects: [PROJECT] });
  const field = await desk.as(desk.adminToken, {
    method: 'POST',
    url: '/api/v1/fields',
    payload: { key: 'version', label: 'Product version', type: 'text', customerEditable: true },
  });
  expect(field.statusCode, field.body).toBe(201);
  gitlab.addIssue(PROJECT, 501, 'Pipelines page slow on large projects', {
    description: 'Loading /pipelines takes 20 seconds when a project has many pipelines.',
  });
  gitlab.addIssue(PROJECT, 502, 'PG::QueryCanceled on pipelines index for projects with many pipelines', {
    description: 'PG::QueryCanceled: canceling statement due to statement timeout in Ci::PipelinesFinder#execute',
  });
  gitlab.addIssue(PROJECT, 503, 'Deploy keys page shows 404', { description: 'Nothing to do with statements.' });
});
afterAll(async () => {
  await desk?.close();
  await gitlab?.close();
});

async function settle() {
  for (let i = 0; i < 3; i++) {
    clock.advance(1000);
    await worker.drain();
  }
}

async function openTicket(org: string, email: string, subject: string, body: string, version?: string) {
  const customer = await desk.customer(org, email);
  const opened = await desk.as(customer.token, {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { subject, body, ...(version ? { fields: { version } } : {}) },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  return { ...customer, number: opened.json().number as number };
}

/** The suggestions after the agent asked the forges too (what opening the ticket shows is `shown`). */
async function suggestions(number: number, token = agent) {
  const res = await desk.as(token, { method: 'POST', url: `/api/v1/tickets/${number}/issue-suggestions/search` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Answer;
}

async function shown(number: number) {
  const res = await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}/issue-suggestions` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Answer;
}

interface Answer {
  signature: { exceptions: { errorClass: string; message: string }[]; words: string[] };
  planned: { forgeName: string; project: string; query: string }[];
  sent: { forgeName: string; project: string; query: string }[];
  customerVersion: string | null;
  items: { url: string; number: number; title: string; state: string; fixedIn: string | null; reasons: string[] }[];
  dismissed: number;
  notes: string[];
}

describe('suggesting the issue a ticket belongs to', () => {
  it('puts the issue the log’s exception names first, and sends the forge nothing but the signature', async () => {
    const before = gitlab.searches.length;
    const t = await openTicket('Acme Corp', 'ops@acme-corp.example', 'Pipelines page times out', CANCELED_LOG);
    // opening the ticket sends nothing: the agent sees the terms a search would send first
    const first = await shown(t.number);
    expect(gitlab.searches.length).toBe(before);
    expect(first.sent).toEqual([]);
    expect(first.planned.map((p) => p.query)).toEqual([
      'PG::QueryCanceled canceling statement timeout',
      'PG::QueryCanceled',
      'pipelines page',
    ]);
    const got = await suggestions(t.number);
    expect(got.planned).toEqual(first.planned);
    expect(got.signature.exceptions[0]).toMatchObject({ errorClass: 'PG::QueryCanceled' });
    expect(got.items[0]?.url).toBe(gitlab.issueUrl(PROJECT, 502));
    expect(got.items[0]?.reasons.join(' ')).toContain("GitLab's search for");
    expect(got.items.map((i) => i.number)).not.toContain(503);
    expect(got.customerVersion).toBe('17.3.1');

    // what reached the forge is exactly what the agent is shown, and holds nothing of the customer's
    const sent = gitlab.searches.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    const told = got.sent.map((s) => s.query);
    for (const search of sent) {
      expect(told).toContain(search.terms.replace(/"/g, ''));
      expect(search.project).toBe(PROJECT);
      expect(search.terms).not.toMatch(/acme|db01|10\.20|glpat|@|17\.3|ops/i);
    }
  });

  it('answers the same failure again from the kept answers, without asking the forge', async () => {
    const t = await openTicket('Beta Ltd', 'it@beta.example', 'Pipelines page times out', CANCELED_LOG);
    const before = gitlab.searches.length;
    const got = await shown(t.number);
    expect(got.sent.length).toBeGreaterThan(0);
    expect((await suggestions(t.number)).items[0]?.number).toBe(502);
    expect(got.items[0]?.number).toBe(502);
    expect(gitlab.searches.length).toBe(before);
  });

  it('brings the issue that tickets with the same words were linked to', async () => {
    gitlab.addIssue('gitlab-org/gitlab-runner', 77, 'Uploads stall at 99%', { description: 'behind a proxy' });
    const words = 'Runner artifacts upload stalls behind corporate proxy, then the artifacts job fails.';
    const first = await openTicket('Gamma GmbH', 'ops@gamma.example', 'Artifacts upload stalls', words);
    const second = await openTicket('Delta Inc', 'ops@delta.example', 'Runner artifacts upload stalls', words);
    for (const n of [first.number, second.number]) {
      const linked = await desk.as(agent, {
        method: 'POST',
        url: `/api/v1/tickets/${n}/links`,
        payload: { url: gitlab.issueUrl('gitlab-org/gitlab-runner', 77) },
      });
      expect(linked.statusCode, linked.body).toBe(201);
    }
    const third = await openTicket(
      'Epsilon SA',
      'ops@epsilon.example',
      'Artifacts upload stalls with our proxy',
      'The runner artifacts upload stalls behind the proxy again.',
    );
    const got = await suggestions(third.number);
    expect(got.items[0]?.url).toBe(gitlab.issueUrl('gitlab-org/gitlab-runner', 77));
    expect(got.items[0]?.reasons.join(' ')).toMatch(/2 tickets linked to it say .*artifact/);
    // a ticket is not offered the issue it is linked to already
    expect((await suggestions(first.number)).items.map((i) => i.number)).not.toContain(77);
  });

  it('ranks first a closed issue fixed in a release newer than the customer’s version', async () => {
    gitlab.addIssue(PROJECT, 610, 'Sidekiq BackgroundMigrationWorker raises Gitlab::Git::CommandError', {
      description: 'Gitlab::Git::CommandError: failed to get tree in BackgroundMigrationWorker',
    });
    gitlab.addIssue(PROJECT, 611, 'Gitlab::Git::CommandError failed to get tree after upgrade', {
      description: 'Gitlab::Git::CommandError: failed to get tree',
    });
    gitlab.closeAsFixed(PROJECT, 611, '2026-10-01T00:00:00Z', '17.4');
    const log = 'Gitlab::Git::CommandError: failed to get tree 4f2a9c\nfrom lib/gitlab/git/tree.rb:31:in `where`';
    const older = await openTicket('Zeta', 'ops@zeta.example', 'Background migration fails', log, '17.3.1');
    const got = await suggestions(older.number);
    expect(got.items[0]).toMatchObject({ number: 611, state: 'closed', fixedIn: '17.4' });
    expect(got.items[0]?.reasons[0]).toBe('Fixed in 17.4; the customer runs 17.3.1.');
    // already on the release with the fix: the open issue comes first
    const newer = await openTicket('Eta', 'ops@eta.example', 'Background migration fails', log, '17.5.0');
    const onNewer = await suggestions(newer.number);
    expect(onNewer.items[0]?.number).toBe(610);
    expect(onNewer.items.find((i) => i.number === 611)?.reasons[0]).toContain('which the customer already runs');
  });

  it('forgets a dismissed suggestion on that ticket only', async () => {
    const t = await openTicket('Theta', 'ops@theta.example', 'Pipelines page times out', CANCELED_LOG);
    const dismissed = await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${t.number}/issue-suggestions/dismissals`,
      payload: { url: gitlab.issueUrl(PROJECT, 502) },
    });
    expect(dismissed.statusCode, dismissed.body).toBe(204);
    const got = await suggestions(t.number);
    expect(got.items.map((i) => i.number)).not.toContain(502);
    expect(got.dismissed).toBe(1);
    const other = await openTicket('Iota', 'ops@iota.example', 'Pipelines page times out', CANCELED_LOG);
    expect((await suggestions(other.number)).items[0]?.number).toBe(502);
  });

  it('leaves a rate-limited forge alone until it says, and says so', async () => {
    gitlab.rateLimitNextSearch(120);
    const t = await openTicket(
      'Kappa',
      'ops@kappa.example',
      'Merge requests list 500',
      'NoMethodError: undefined method `merge_status`',
    );
    const got = await suggestions(t.number);
    expect(got.notes.join(' ')).toMatch(/GitLab's search is rate-limited until \d\d:\d\d UTC/);
    const before = gitlab.searches.length;
    const again = await suggestions(t.number);
    expect(gitlab.searches.length).toBe(before);
    expect(again.notes.join(' ')).toContain('asked us to wait');
    clock.advance(3 * 60_000);
    await suggestions(t.number);
    expect(gitlab.searches.length).toBeGreaterThan(before);
  });

  it('keeps the customer’s names out of the signature: “(Kyle)” after an error is not the failure', async () => {
    const t = await openTicket(
      'Tau',
      'kyle@tau.example',
      'Geo replication fails with PG::UndefinedTable (Kyle)',
      'Since Monday the secondary logs PG::UndefinedTable (Kyle) again and again. Our check script says:\n\nTraceback (most recent call last):\n  File "C:\\Users\\kyle\\geo_check.py", line 12, in main\n    check()\nValueError: replication slot missing',
    );
    const answer = await shown(t.number);
    expect(answer.signature.exceptions).toEqual([
      expect.objectContaining({ errorClass: 'PG::UndefinedTable', message: '<name>' }),
      expect.objectContaining({ errorClass: 'ValueError', frames: ['<name>/geo_check.py in main'] }),
    ]);
    expect(JSON.stringify(answer.signature)).not.toMatch(/kyle/i);
  });

  it('is for agents: a customer cannot ask what their ticket may belong to', async () => {
    const t = await openTicket('Lambda', 'ops@lambda.example', 'Pipelines page times out', CANCELED_LOG);
    const res = await desk.as(t.token, { method: 'GET', url: `/api/v1/tickets/${t.number}/issue-suggestions` });
    expect(res.statusCode).toBe(403);
  });
});

describe('signatures kept by an older reading of the text', () => {
  it('are read again by the background pass, newest first, and the others are left as they are', async () => {
    const py = await openTicket(
      'Snake Works',
      'ops@snake.example',
      'Mirror sync script times out',
      'Traceback (most recent call last):\n  File "/srv/mirror/sync.py", line 40, in main\n    project.mirror_pull()\ngitlab.exceptions.GitlabHttpError: 504: Gateway Timeout',
    );
    const other = await openTicket('Reader Two', 'ops@reader-two.example', 'Pipelines page times out', CANCELED_LOG);
    await settle();
    const row = async (ticket: number) =>
      (
        await queryRows<{ keys: string[]; reader: number; computed_at: Date | string }>(
          desk.deps.db,
          sql`SELECT keys, reader, computed_at FROM ticket_signatures WHERE ticket_id = ${ticket}`,
        )
      )[0];
    const frame = 'frame:gitlab.exceptions.GitlabHttpError at mirror/sync.py in main';
    expect((await row(py.number))?.keys).toContain(frame);
    const otherBefore = await row(other.number);

    // as the reading before Python frames left it
    await desk.deps.db.execute(
      sql`UPDATE ticket_signatures SET reader = 1, keys = array_remove(keys, ${frame}) WHERE ticket_id = ${py.number}`,
    );
    clock.advance(60_000);
    await desk.deps.enqueue(desk.deps.db, 'suggest.backfill-signatures', {});
    await settle();
    expect(await row(py.number)).toMatchObject({ reader: SIGNATURE_READER, keys: expect.arrayContaining([frame]) });
    // read by this reading already: not read again
    expect(await row(other.number)).toEqual(otherBefore);
  });
});

describe('tickets that look alike, and customers who engage', () => {
  it('finds the same failure from several organizations and links them all in one action', async () => {
    const failure =
      'Sidekiq job Ci::ArchiveTraceWorker failed: Gitaly::StorageUnavailable (Errno::ECONNREFUSED) \nPOST /api/v4/jobs/request 503';
    const tickets = [];
    for (const org of ['Mu', 'Nu', 'Xi', 'Omicron']) {
      tickets.push(await openTicket(org, `ops@${org.toLowerCase()}.example`, 'Job traces not archived', failure));
    }
    // a second ticket of one organization is one more ticket, not one more organization
    const nuAgain = await desk.as(
      (await desk.contactIn(tickets[1]?.organizationId as string, 'dev@nu.example')).token,
      {
        method: 'POST',
        url: '/api/v1/tickets',
        payload: { subject: 'Traces again', body: failure },
      },
    );
    expect(nuAgain.statusCode).toBe(201);
    await settle();
    const first = tickets[0]?.number as number;
    const res = await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${first}/look-alikes` });
    expect(res.statusCode, res.body).toBe(200);
    const alike = res.json();
    expect(alike.tickets).toHaveLength(4);
    expect(alike.organizations).toBe(4);
    expect(alike.because).toBe('Gitaly::StorageUnavailable: Errno::ECONNREFUSED');

    gitlab.addIssue(PROJECT, 720, 'Trace archiving fails when Gitaly is unavailable');
    const before = gitlab.requests.length;
    const linked = await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${first}/look-alikes/link`,
      payload: { url: gitlab.issueUrl(PROJECT, 720), tickets: alike.tickets.map((t: { number: number }) => t.number) },
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().linked).toHaveLength(5);
    expect(linked.json().failed).toEqual([]);
    // the issue was fetched once for the five, not once per ticket
    const fetches = gitlab.requests.slice(before).filter((r) => r.method === 'GET' && r.path.endsWith('/issues/720'));
    expect(fetches).toHaveLength(1);

    // each customer is told, with how to follow the issue on GitLab, and the ticket records it
    const thread = await desk.as(tickets[2]?.token, {
      method: 'GET',
      url: `/api/v1/tickets/${tickets[2]?.number}/messages`,
    });
    const notice = (thread.json().items as { text: string }[]).at(-1)?.text ?? '';
    expect(notice).toContain(`We have linked your ticket to ${PROJECT}#720`);
    expect(notice).toContain(gitlab.issueUrl(PROJECT, 720));
    expect(notice).toContain('select the bell');
    expect(notice).toContain('comment there with your use case');
    const links = await desk.as(tickets[2]?.token, {
      method: 'GET',
      url: `/api/v1/tickets/${tickets[2]?.number}/links`,
    });
    expect(links.json().items[0]).toMatchObject({ forgeKind: 'gitlab', demandAsked: false, canAskDemand: true });
    expect(links.json().items[0].invitedAt).not.toBeNull();
  });

  it('counts a customer’s organization on the issue when they ask, once, and never names it', async () => {
    gitlab.addIssue(PROJECT, 730, 'Webhooks retried forever');
    const t = await openTicket('Pi Bank', 'ops@pibank.example', 'Webhooks loop', 'Our webhook receiver sees retries.');
    const link = await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${t.number}/links`,
      payload: { url: gitlab.issueUrl(PROJECT, 730) },
    });
    const id = link.json().id as string;
    await settle();
    const ask = () => desk.as(t.token, { method: 'POST', url: `/api/v1/tickets/${t.number}/links/${id}/demand` });
    expect((await ask()).statusCode).toBe(204);
    expect((await ask()).statusCode).toBe(204);
    await settle();
    const writes = gitlab.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/issues/730'));
    expect(gitlab.labelsOf(PROJECT, 730)).toEqual(
      expect.arrayContaining(['support-demand', 'support-tickets::1', 'support-organizations::1']),
    );
    expect(writes.map((w) => w.body ?? '').join(' ')).not.toMatch(/pi ?bank/i);
    const links = await desk.as(t.token, { method: 'GET', url: `/api/v1/tickets/${t.number}/links` });
    expect(links.json().items[0].demandAsked).toBe(true);
    // a customer of another organization cannot ask on a ticket they cannot see
    const stranger = await desk.customer('Rho', 'ops@rho.example');
    const refused = await desk.as(stranger.token, {
      method: 'POST',
      url: `/api/v1/tickets/${t.number}/links/${id}/demand`,
    });
    expect(refused.statusCode).toBe(404);

    // the agent finds it was the wrong issue: once unlinked, the organization no longer counts there
    const unlinked = await desk.as(agent, { method: 'DELETE', url: `/api/v1/tickets/${t.number}/links/${id}` });
    expect(unlinked.statusCode, unlinked.body).toBe(204);
    await settle();
    // …and the issue shows the new counts only, the team's own labels left as they were
    expect(gitlab.labelsOf(PROJECT, 730).sort()).toEqual(['bug', 'support-demand', 'support-tickets::0']);
  });
});
