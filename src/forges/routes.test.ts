import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { GitHubSimulator, GitLabSimulator } from '../../test/helpers/forge-simulator.js';
import { listOutboundMail } from '../mail/outbox-store.js';
import { FakeClock, MINUTE_MS } from '../platform/clock.js';
import type { Worker } from '../platform/jobs/worker.js';
import type { AppDeps } from '../runtime.js';

let desk: TestDesk;
let worker: Worker<AppDeps>;
let gitlab: GitLabSimulator;
let github: GitHubSimulator;
let gitlabForge: string;
let githubForge: string;
const clock = new FakeClock('2026-11-27T09:00:00Z');
const PROJECT = 'acme/widgets';

beforeAll(async () => {
  gitlab = await new GitLabSimulator().start();
  github = await new GitHubSimulator().start();
  desk = await createTestDesk({ clock, env: { SUPPORT_ADDRESS: 'support@desk.example' } });
  worker = desk.runtime.createWorker();
  const gl = await desk.as(desk.adminToken, {
    method: 'POST',
    url: '/api/v1/forges',
    payload: {
      kind: 'gitlab',
      baseUrl: gitlab.url,
      token: gitlab.token,
      webhookSecret: gitlab.secret,
      name: 'GitLab',
      writeBack: true,
    },
  });
  expect(gl.statusCode, gl.body).toBe(201);
  expect(gl.body).not.toContain(gitlab.token);
  expect(gl.json().webhookUrl).toBe('http://localhost:8080/hooks/gitlab');
  gitlabForge = gl.json().id;
  const gh = await desk.as(desk.adminToken, {
    method: 'POST',
    url: '/api/v1/forges',
    payload: { kind: 'github', baseUrl: github.url, token: github.token, webhookSecret: github.secret, name: 'GitHub' },
  });
  githubForge = gh.json().id;
});
afterAll(async () => {
  await desk?.close();
  await gitlab?.close();
  await github?.close();
});

async function settle() {
  for (let i = 0; i < 3; i++) {
    clock.advance(1000);
    await worker.drain();
  }
}

async function customerTicket(org: string, email: string, subject: string) {
  const customer = await desk.customer(org, email);
  const opened = await desk.as(customer.token, {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { subject, body: 'It is broken.' },
  });
  return { ...customer, number: opened.json().number as number };
}

async function link(number: number, url: string, token = desk.adminToken) {
  return desk.as(token, { method: 'POST', url: `/api/v1/tickets/${number}/links`, payload: { url } });
}

async function gitlabHook(
  event: string,
  payload: Record<string, unknown>,
  options: { secret?: string; id?: string } = {},
) {
  return desk.app.inject({
    method: 'POST',
    url: '/hooks/gitlab',
    headers: gitlab.headers(event, payload, options),
    payload: JSON.stringify(payload),
  });
}

async function githubHook(event: string, payload: Record<string, unknown>) {
  const body = JSON.stringify(payload);
  return desk.app.inject({ method: 'POST', url: '/hooks/github', headers: github.headers(event, body), payload: body });
}

async function notices(number: number) {
  const messages = (await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/tickets/${number}/messages` })).json()
    .items;
  return messages.filter(
    (m: { author: { kind: string }; internal: boolean }) => m.author.kind === 'system' && !m.internal,
  ) as { text: string }[];
}

async function ticketStatus(number: number) {
  return (await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/tickets/${number}` })).json().status;
}

describe('GitLab: scheduled, fixed by whom, released', () => {
  let ticket: Awaited<ReturnType<typeof customerTicket>>;

  it('links a ticket to an issue by its URL, work-item form too', async () => {
    gitlab.addIssue(PROJECT, 42, 'Deadlock in approval rules');
    ticket = await customerTicket('Initech', 'peter@initech.example', 'Approvals fail with a deadlock');
    const res = await link(ticket.number, `${gitlab.issueUrl(PROJECT, 42, 'work_items')}#note_5`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      project: PROJECT,
      number: 42,
      title: 'Deadlock in approval rules',
      state: 'open',
      status: 'open',
      labels: ['bug'],
    });
    const again = await link(ticket.number, gitlab.issueUrl(PROJECT, 42));
    expect(again.statusCode).toBe(201);
    // the customer hears of the link once, with how to follow the issue on GitLab
    const told = await notices(ticket.number);
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain(`We have linked your ticket to ${PROJECT}#42 ("Deadlock in approval rules")`);
    expect(told[0]?.text).toContain(`open ${gitlab.issueUrl(PROJECT, 42)}: select the bell (Notifications)`);
    const links = (await desk.as(ticket.token, { method: 'GET', url: `/api/v1/tickets/${ticket.number}/links` })).json()
      .items;
    expect(links).toHaveLength(1); // the customer sees the public issue their ticket waits on
    const watching = await desk.as(desk.adminToken, {
      method: 'PATCH',
      url: `/api/v1/tickets/${ticket.number}`,
      payload: { status: 'watching' },
    });
    expect(watching.json().status).toBe('watching');
  });

  it('tells the customer when the fix is scheduled', async () => {
    gitlab.setMilestone(PROJECT, 42, '17.3', '2026-12-17');
    const hook = await gitlabHook('Issue Hook', gitlab.issueHook(PROJECT, 42, 'update'));
    expect(hook.statusCode).toBe(202);
    expect(hook.json()).toMatchObject({ duplicate: false, queued: 1 });
    await settle();
    const [, scheduled] = await notices(ticket.number);
    expect(scheduled?.text).toContain(`${PROJECT}#42`);
    expect(scheduled?.text).toContain('scheduled for 17.3 (due 2026-12-17)');
    expect(scheduled?.text).toContain(gitlab.issueUrl(PROJECT, 42));
  });

  it('tells them which merge request fixed it and who merged it, once however often GitLab says so', async () => {
    gitlab.openMergeRequest(PROJECT, 7, 'Fix approval rules deadlock', 'Alice', [42]);
    gitlab.merge(PROJECT, 7, 'Bob', '2026-11-28T10:00:00Z');
    const payload = gitlab.mergeHook(PROJECT, 7);
    const first = await gitlabHook('Merge Request Hook', payload, { id: 'delivery-7' });
    const resent = await gitlabHook('Merge Request Hook', payload, { id: 'delivery-7' });
    expect(resent.json()).toMatchObject({ duplicate: true });
    expect(first.statusCode).toBe(202);
    await gitlabHook('Issue Hook', gitlab.issueHook(PROJECT, 42, 'close')); // the issue closing says the same
    await settle();
    const all = await notices(ticket.number);
    expect(all).toHaveLength(3);
    expect(all[2]?.text).toContain('!7 "Fix approval rules deadlock" by Alice, merged by Bob');
    expect(await ticketStatus(ticket.number)).toBe('watching'); // merged is not shipped yet
  });

  it('tells them the release it shipped in, and gives the ticket back to an agent to confirm', async () => {
    gitlab.release(PROJECT, 'v17.3.1', [gitlab.mergeSha(PROJECT, 7)], '2026-12-01T12:00:00Z');
    await gitlabHook('Release Hook', gitlab.releaseHook(PROJECT, 'v17.3.1'));
    await settle();
    const all = await notices(ticket.number);
    expect(all).toHaveLength(4);
    expect(all[3]?.text).toContain('shipped in Release v17.3.1 (v17.3.1)');
    expect(await ticketStatus(ticket.number)).toBe('open');
    const [card] = (
      await desk.as(ticket.token, { method: 'GET', url: `/api/v1/tickets/${ticket.number}/links` })
    ).json().items;
    expect(card).toMatchObject({
      status: 'released',
      milestone: { title: '17.3' },
      change: { number: 7, author: 'Alice', mergedBy: 'Bob' },
      release: { tag: 'v17.3.1' },
    });
  });

  it('the link notice and the three after it went out by mail in the ticket’s own thread', async () => {
    const mails = (await listOutboundMail(desk.deps.db, undefined, 100)).filter(
      (m) => m.ticketId === ticket.number && m.purpose === 'system-notice',
    );
    expect(mails).toHaveLength(4);
    for (const mail of mails) {
      expect(mail.subject).toBe(`[#${ticket.number}] Approvals fail with a deadlock`);
      expect(mail.toAddresses).toEqual(['peter@initech.example']);
      expect(mail.referencesIds[0]).toMatch(new RegExp(`^<pf\\.t${ticket.number}\\.`));
      expect(mail.replyTo).toMatch(new RegExp(`^support\\+t${ticket.number}-`));
    }
  });

  it('refuses a forged webhook', async () => {
    const forged = await gitlabHook('Issue Hook', gitlab.issueHook(PROJECT, 42, 'update'), {
      secret: 'guessed-secret',
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('WEBHOOK_REFUSED');
  });

  it('wrote the demand back to the issue as a label with the count, and nothing about the customer', async () => {
    const demand = (gitlab as unknown as { demand: { iid: number; add_labels: string }[] }).demand;
    expect(demand.at(-1)).toEqual({ iid: 42, add_labels: 'support-demand,support-tickets::1' });
    expect(JSON.stringify(demand)).not.toContain('initech');
  });
});

describe('GitHub: the same, through issues, pull_request and release events', () => {
  it('scheduled, merged by whom, released', async () => {
    const repo = 'octo-org/widgets';
    github.addIssue(repo, 17, 'Webhook delays');
    const ticket = await customerTicket('Hooli', 'gavin@hooli.example', 'Webhooks arrive hours late');
    expect((await link(ticket.number, github.issueUrl(repo, 17))).statusCode).toBe(201);
    await desk.as(desk.adminToken, {
      method: 'PATCH',
      url: `/api/v1/tickets/${ticket.number}`,
      payload: { status: 'watching' },
    });

    github.setMilestone(repo, 17, 'v2.4', '2026-12-20T00:00:00Z');
    expect((await githubHook('issues', github.issuesHook(repo, 17, 'milestoned'))).statusCode).toBe(202);
    await settle();
    github.openPull(repo, 18, 'Queue webhooks separately', 'octocat', [17]);
    github.merge(repo, 18, 'hubot', '2026-11-29T10:00:00Z');
    await githubHook('pull_request', github.pullMergedHook(repo, 18));
    await settle();
    github.release(repo, 'v2.4.0', [github.mergeSha(repo, 18)], '2026-12-02T00:00:00Z');
    await githubHook('release', github.releaseHook(repo, 'v2.4.0'));
    await settle();
    const texts = (await notices(ticket.number)).map((n) => n.text);
    expect(texts).toHaveLength(4);
    expect(texts[0]).toContain('select Subscribe to hear of every change, add a 👍 reaction');
    expect(texts[1]).toContain('scheduled for v2.4 (due 2026-12-20)');
    expect(texts[2]).toContain('#18 "Queue webhooks separately" by octocat, merged by hubot');
    expect(texts[3]).toContain('shipped in v2.4.0');
    expect(await ticketStatus(ticket.number)).toBe('open');
  });

  it('writes the count of waiting tickets as a label that replaces the earlier count, not beside it', async () => {
    const repo = 'octo-org/widgets';
    const on = await desk.as(desk.adminToken, {
      method: 'PATCH',
      url: `/api/v1/forges/${githubForge}`,
      payload: { writeBack: true },
    });
    expect(on.statusCode, on.body).toBe(200);
    github.addIssue(repo, 21, 'Retries storm the receiver');
    const first = await customerTicket('Raviga', 'monica@raviga.example', 'Retry storm');
    const second = await customerTicket('Bachmanity', 'erlich@bachmanity.example', 'Retry storm too');
    await link(first.number, github.issueUrl(repo, 21));
    await settle();
    expect(github.labelsOf(repo, 21).sort()).toEqual(['bug', 'support-demand', 'support-tickets: 1']);
    const two = await link(second.number, github.issueUrl(repo, 21));
    await settle();
    expect(github.labelsOf(repo, 21).sort()).toEqual(['bug', 'support-demand', 'support-tickets: 2']);
    const unlinked = await desk.as(desk.adminToken, {
      method: 'DELETE',
      url: `/api/v1/tickets/${second.number}/links/${two.json().id}`,
    });
    expect(unlinked.statusCode, unlinked.body).toBe(204);
    await settle();
    expect(github.labelsOf(repo, 21).sort()).toEqual(['bug', 'support-demand', 'support-tickets: 1']);
  });
});

describe('linking', () => {
  it('says clearly what is wrong with a URL', async () => {
    const { number } = await customerTicket('Globex', 'hank@globex.example', 'Something');
    const unknownHost = await link(number, 'https://gitlab.example.org/a/b/-/issues/1');
    expect(unknownHost.statusCode).toBe(422);
    expect(unknownHost.json().error.code).toBe('FORGE_NOT_CONFIGURED');
    const notAnIssue = await link(number, `${gitlab.url}/acme/widgets/-/tree/main`);
    expect(notAnIssue.statusCode).toBe(400);
    const missing = await link(number, gitlab.issueUrl(PROJECT, 999));
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('ISSUE_NOT_FOUND');
    gitlab.addIssue(PROJECT, 50, 'Security hole', { confidential: true });
    const confidential = await link(number, gitlab.issueUrl(PROJECT, 50));
    expect(confidential.statusCode).toBe(422);
    expect(confidential.json().error.code).toBe('ISSUE_NOT_PUBLIC');
    const garbage = await link(number, 'not a url at all');
    expect(garbage.statusCode).toBe(400);
  });

  it('customers cannot link or unlink', async () => {
    const ticket = await customerTicket('Umbrella', 'alice@umbrella.example', 'x');
    const res = await link(ticket.number, gitlab.issueUrl(PROJECT, 42), ticket.token);
    expect(res.statusCode).toBe(403);
  });
});

describe('polling covers what webhooks miss', () => {
  it('picks up a change without a webhook, asks conditionally, and backs off when rate limited', async () => {
    gitlab.addIssue(PROJECT, 60, 'Slow pipeline page');
    const ticket = await customerTicket('Stark', 'pepper@stark.example', 'Pipelines page slow');
    // linked without telling the customer: they hear only of what the poll finds
    const linked = await desk.as(desk.adminToken, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/links`,
      payload: { url: gitlab.issueUrl(PROJECT, 60), notify: false },
    });
    expect(linked.json().invitedAt).toBeNull();
    gitlab.closeWithoutFix(PROJECT, 60, '2026-11-27T10:00:00Z', 42);
    clock.advance(16 * MINUTE_MS);
    await settle();
    const [closed] = await notices(ticket.number);
    expect(closed?.text).toContain('closed without a fix (duplicate)');

    // nothing changed: the forge answers 304 Not Modified to the conditional request
    clock.advance(16 * MINUTE_MS);
    await settle();
    expect(gitlab.requests.some((r) => r.path.endsWith('/issues/60') && r.status === 304)).toBe(true);
    expect(await notices(ticket.number)).toHaveLength(1);

    // rate limited: the desk backs off as the forge asks and tries again later, nothing lost
    gitlab.rateLimitNext = 1;
    clock.advance(16 * MINUTE_MS);
    await settle();
    expect(gitlab.requests.filter((r) => r.status === 429)).toHaveLength(1);
    gitlab.reopen(PROJECT, 60);
    clock.advance(16 * MINUTE_MS);
    await settle();
    expect((await notices(ticket.number)).map((n) => n.text.split('\n')[0])).toEqual([
      expect.stringContaining('closed without a fix'),
      expect.stringContaining('was reopened'),
    ]);
  });
});

describe('demand', () => {
  it('ranks issues by the tickets and organizations waiting on them', async () => {
    gitlab.addIssue(PROJECT, 70, 'Popular bug');
    gitlab.addIssue(PROJECT, 71, 'Niche bug');
    for (const [org, email] of [
      ['Cyberdyne', 'miles@cyberdyne.example'],
      ['Tyrell', 'rachael@tyrell.example'],
      ['Wayne', 'lucius@wayne.example'],
    ]) {
      const t = await customerTicket(org as string, email as string, 'popular');
      await link(t.number, gitlab.issueUrl(PROJECT, 70));
    }
    const niche = await customerTicket('Soylent', 'sol@soylent.example', 'niche');
    await link(niche.number, gitlab.issueUrl(PROJECT, 71));
    const demand = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/issues/demand' })).json().items;
    const popular = demand.findIndex((d: { title: string }) => d.title === 'Popular bug');
    const nicheRank = demand.findIndex((d: { title: string }) => d.title === 'Niche bug');
    expect(popular).toBeLessThan(nicheRank);
    expect(demand[popular]).toMatchObject({ openTickets: 3, organizations: 3 });
  });
});

describe('an issue from the ticket', () => {
  it('shows what would leave the desk, strips it, opens the issue and links it back', async () => {
    const ticket = await customerTicket('Pied Piper', 'richard@piedpiper.example', 'Compression fails');
    const text = {
      forgeId: gitlabForge,
      title: 'Compression fails on db-1.piedpiper.internal',
      description:
        'Reported by richard@piedpiper.example; the host 10.1.2.3 logs token=abcd1234efgh. Steps: upload a 2 GB file.',
    };
    const preview = await desk.as(desk.adminToken, { method: 'POST', url: '/api/v1/issues/preview', payload: text });
    expect(preview.json().title).toBe('Compression fails on [host]');
    expect(preview.json().description).not.toMatch(/richard|10\.1\.2\.3|abcd1234/);
    const created = await desk.as(desk.adminToken, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/issues`,
      payload: { ...text, project: PROJECT },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().link).toMatchObject({ project: PROJECT, title: 'Compression fails on [host]' });
    const sent = (gitlab as unknown as { created: { description: string }[] }).created.at(-1);
    expect(sent?.description).toContain(`support (ticket #${ticket.number})`);
    expect(sent?.description).not.toContain('richard');
    void githubForge;
  });
});
