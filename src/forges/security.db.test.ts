import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { GitHubSimulator, GitLabSimulator, startRecorder } from '../../test/helpers/forge-simulator.js';
import { FakeClock, HOUR_MS, MINUTE_MS } from '../platform/clock.js';
import type { Worker } from '../platform/jobs/worker.js';
import type { AppDeps } from '../runtime.js';

// The attacks of the forge security review (issue 10), each played against the real app: a stranger
// posting to the webhooks, an agent's typo or a crafted project path, and a forge (or whoever answers
// in its name) sending what it should not.

let desk: TestDesk;
let worker: Worker<AppDeps>;
let gitlab: GitLabSimulator;
let github: GitHubSimulator;
let gitlabForge: string;
let githubForge: string;
const clock = new FakeClock('2026-11-27T09:00:00Z');

beforeAll(async () => {
  gitlab = await new GitLabSimulator().start();
  github = await new GitHubSimulator().start();
  desk = await createTestDesk({ clock, env: { SUPPORT_ADDRESS: 'support@desk.example' } });
  worker = desk.runtime.createWorker();
  const forge = async (kind: 'gitlab' | 'github', sim: GitLabSimulator | GitHubSimulator) => {
    const res = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/forges',
      payload: { kind, baseUrl: sim.url, token: sim.token, webhookSecret: sim.secret },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  gitlabForge = await forge('gitlab', gitlab);
  githubForge = await forge('github', github);
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

async function poll() {
  clock.advance(16 * MINUTE_MS);
  await settle();
}

let customers = 0;
async function customerTicket(subject = 'It is broken') {
  customers++;
  const customer = await desk.customer(`Customer ${customers}`, `c${customers}@customer${customers}.example`);
  const opened = await desk.as(customer.token, {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { subject, body: 'Please help.' },
  });
  return { ...customer, number: opened.json().number as number };
}

function link(number: number, url: string) {
  return desk.as(desk.adminToken, { method: 'POST', url: `/api/v1/tickets/${number}/links`, payload: { url } });
}

/** What the customer heard of the issue after the link itself (whose notice each link gives once). */
async function customerNotices(number: number) {
  const items = (await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/tickets/${number}/messages` })).json()
    .items as { author: { kind: string }; internal: boolean; text: string }[];
  return items
    .filter((m) => m.author.kind === 'system' && !m.internal && !m.text.startsWith('We have linked your ticket'))
    .map((m) => m.text);
}

async function customerCards(ticket: { number: number; token: string }) {
  return (await desk.as(ticket.token, { method: 'GET', url: `/api/v1/tickets/${ticket.number}/links` })).json()
    .items as { title: string; milestone: { title: string } | null; url: string; status: string }[];
}

describe('#7 issues in projects that are not public', () => {
  it('refuses to link an issue from a private or internal GitLab project, or a private GitHub repository', async () => {
    const ticket = await customerTicket();
    gitlab.setVisibility('acme/private', 'private');
    gitlab.addIssue('acme/private', 1, 'Codename Falcon: unreleased billing rewrite');
    gitlab.setVisibility('acme/internal', 'internal');
    gitlab.addIssue('acme/internal', 1, 'Internal only');
    github.setVisibility('octo-org/private', 'private');
    github.addIssue('octo-org/private', 1, 'Private repo issue');
    // public, but its issues are for project members only
    gitlab.setAccessLevels('acme/members-only', { issues: 'private' });
    gitlab.addIssue('acme/members-only', 1, 'Only members read this');
    for (const url of [
      gitlab.issueUrl('acme/private', 1),
      gitlab.issueUrl('acme/internal', 1),
      gitlab.issueUrl('acme/members-only', 1),
      github.issueUrl('octo-org/private', 1),
    ]) {
      const res = await link(ticket.number, url);
      expect(res.statusCode, url).toBe(422);
      expect(res.json().error.code).toBe('ISSUE_NOT_PUBLIC');
      expect(res.json().error.message).toMatch(/not public/);
    }
    expect(await customerCards(ticket)).toEqual([]);
  });

  it('tells customers nothing more once a GitLab project turns private (webhook or poll), and again once public', async () => {
    const project = 'acme/turns-private';
    gitlab.addIssue(project, 1, 'Crash on save');
    const ticket = await customerTicket();
    expect((await link(ticket.number, gitlab.issueUrl(project, 1))).statusCode).toBe(201);

    gitlab.setVisibility(project, 'private');
    gitlab.setMilestone(project, 1, 'Falcon 18.0', '2027-01-15');
    (gitlab.issues.get(`${project}#1`) as { title: string }).title = 'Crash on save (Falcon customers only)';
    const hook = await desk.app.inject({
      method: 'POST',
      url: '/hooks/gitlab',
      headers: gitlab.headers('Issue Hook', gitlab.issueHook(project, 1, 'update')),
      payload: JSON.stringify(gitlab.issueHook(project, 1, 'update')),
    });
    expect(hook.statusCode).toBe(202);
    await settle();
    await poll();
    expect(await customerNotices(ticket.number)).toEqual([]);
    // what the customer sees of the link is what was public, not the private project's new title or plan
    expect(await customerCards(ticket)).toEqual([
      expect.objectContaining({ title: 'Crash on save', milestone: null, status: 'open' }),
    ]);

    gitlab.setVisibility(project, 'public');
    await poll();
    const [notice] = await customerNotices(ticket.number);
    expect(notice).toContain('scheduled for Falcon 18.0');
  });

  it('tells customers nothing more once a GitHub repository turns private', async () => {
    const repo = 'octo-org/turns-private';
    github.addIssue(repo, 1, 'Slow search');
    const ticket = await customerTicket();
    expect((await link(ticket.number, github.issueUrl(repo, 1))).statusCode).toBe(201);
    github.setVisibility(repo, 'private');
    github.setMilestone(repo, 1, 'secret-q1', null);
    const body = JSON.stringify(github.issuesHook(repo, 1, 'milestoned'));
    const hook = await desk.app.inject({
      method: 'POST',
      url: '/hooks/github',
      headers: github.headers('issues', body),
      payload: body,
    });
    expect(hook.statusCode).toBe(202);
    await settle();
    await poll();
    expect(await customerNotices(ticket.number)).toEqual([]);
    expect((await customerCards(ticket))[0]?.milestone).toBeNull();
  });

  it('still polls an unchanged issue with one conditional request, the project is not asked again', async () => {
    const project = 'acme/quiet';
    gitlab.addIssue(project, 1, 'Nothing happens');
    const ticket = await customerTicket();
    expect((await link(ticket.number, gitlab.issueUrl(project, 1))).statusCode).toBe(201);
    const before = gitlab.requests.length;
    await poll();
    const asked = gitlab.requests.slice(before).filter((r) => r.path.includes('acme%2Fquiet'));
    expect(asked).toEqual([expect.objectContaining({ path: '/api/v4/projects/acme%2Fquiet/issues/1', status: 304 })]);
  });
});

describe('#10 project paths on issue creation', () => {
  const text = { title: 'Export fails', description: 'Steps: export a 2 GB project.' };
  const create = async (forgeId: string, project: string) => {
    const ticket = await customerTicket();
    return desk.as(desk.adminToken, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/issues`,
      payload: { ...text, forgeId, project },
    });
  };

  it.each([
    '../../admin/users',
    'octo-org/../../admin',
    'octo-org/widgets/../../../user',
    '..',
    'octo-org/..',
    'octo-org/widgets/issues',
    '%2e%2e/admin',
    'octo-org/wid gets',
    '-octo/widgets',
  ])('GitHub refuses the project %j with 400 and asks nothing', async (project) => {
    const before = github.requests.length;
    const res = await create(githubForge, project);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(github.requests.slice(before)).toEqual([]);
  });

  it.each([
    '../../admin',
    'acme/../../../admin/users',
    '..',
    'acme/./widgets',
    'acme//widgets',
    'widgets',
    'acme/%2e%2e',
    'acme/widgets?private=true',
  ])('GitLab refuses the project %j with 400 and asks nothing', async (project) => {
    const before = gitlab.requests.length;
    const res = await create(gitlabForge, project);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(gitlab.requests.slice(before)).toEqual([]);
  });

  it('still opens issues in well-formed projects, dots and subgroups included', async () => {
    const gh = await create(githubForge, 'octo-org/widgets.js');
    expect(gh.statusCode, gh.body).toBe(201);
    expect(gh.json().link.project).toBe('octo-org/widgets.js');
    const gl = await create(gitlabForge, 'acme/platform/widgets.core');
    expect(gl.statusCode, gl.body).toBe(201);
    expect(gl.json().link.project).toBe('acme/platform/widgets.core');
  });

  it('refuses to open an issue in a project customers could not see, before anything is created', async () => {
    github.setVisibility('octo-org/secret', 'private');
    const before = github.requests.length;
    const res = await create(githubForge, 'octo-org/secret');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('ISSUE_NOT_PUBLIC');
    expect(github.requests.slice(before).filter((r) => r.method === 'POST')).toEqual([]);
  });
});

describe('#11 redirects and error text from the forge', () => {
  it('never sends the token to another site a forge redirects to', async () => {
    const elsewhere = await startRecorder();
    try {
      gitlab.addIssue('acme/widgets', 300, 'Redirected');
      gitlab.answerNext({ status: 302, headers: { location: `${elsewhere.url}/collect` } });
      const ticket = await customerTicket();
      const viaGitLab = await link(ticket.number, gitlab.issueUrl('acme/widgets', 300));
      expect(viaGitLab.statusCode).toBe(502);
      expect(viaGitLab.json().error.code).toBe('FORGE_UNREACHABLE');
      expect(viaGitLab.json().error.message).toMatch(/redirect/);

      github.addIssue('octo-org/widgets', 300, 'Redirected');
      github.answerNext({ status: 307, headers: { location: `${elsewhere.url}/collect` } });
      const viaGitHub = await link(ticket.number, github.issueUrl('octo-org/widgets', 300));
      expect(viaGitHub.statusCode).toBe(502);

      const seen = JSON.stringify(elsewhere.requests);
      expect(seen).not.toContain(gitlab.token);
      expect(seen).not.toContain(github.token);
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it('follows a redirect within the forge itself (a renamed project)', async () => {
    gitlab.addIssue('acme/new-name', 5, 'Moved along with its project');
    gitlab.answerNext(
      { status: 301, headers: { location: `${gitlab.url}/api/v4/projects/acme%2Fnew-name/issues/5` } },
      (path) => path.endsWith('acme%2Fold-name/issues/5'),
    );
    const ticket = await customerTicket();
    const res = await link(ticket.number, gitlab.issueUrl('acme/old-name', 5));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().title).toBe('Moved along with its project');
  });

  it('answers with a stable code and a short message, never the text the forge sent', async () => {
    const leak = 'Traceback: PG::Error password=hunter2hunter2 on db-7.gitlab.internal (10.9.8.7)';
    const ticket = await customerTicket();
    gitlab.addIssue('acme/widgets', 301, 'Error page');
    gitlab.answerNext({ status: 500, text: `<html><body>${leak}</body></html>` });
    const linked = await link(ticket.number, gitlab.issueUrl('acme/widgets', 301));
    expect(linked.statusCode).toBe(502);
    expect(linked.json().error).toEqual({ code: 'FORGE_UNREACHABLE', message: expect.stringContaining('500') });

    gitlab.answerNext({ status: 400, body: { message: { title: [leak] } } });
    const created = await desk.as(desk.adminToken, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/issues`,
      payload: { forgeId: gitlabForge, project: 'acme/widgets', title: 'x', description: 'y' },
    });
    expect(created.statusCode).toBe(502);

    github.addIssue('octo-org/widgets', 301, 'GraphQL error');
    github.answerNext({ status: 200, body: { errors: [{ message: leak }] } }, (path) => path === '/api/graphql');
    const graphql = await link(ticket.number, github.issueUrl('octo-org/widgets', 301));
    expect(graphql.statusCode).toBe(502);

    gitlab.addIssue('acme/widgets', 302, 'Not JSON');
    gitlab.answerNext({ status: 200, text: `<html>${leak}` });
    const notJson = await link(ticket.number, gitlab.issueUrl('acme/widgets', 302));
    expect(notJson.statusCode).toBe(502);

    for (const res of [linked, created, graphql, notJson]) {
      expect(res.body).not.toMatch(/hunter2|Traceback|10\.9\.8\.7|gitlab\.internal|<html>/);
    }
  });
});

describe('#15 webhooks from strangers, and malformed deliveries', () => {
  const signedGitHub = (body: string, event = 'issues') => github.headers(event, body);

  it('refuses a GitHub delivery without X-GitHub-Delivery rather than taking every later one for a duplicate', async () => {
    const body = JSON.stringify(github.issuesHook('octo-org/widgets', 1, 'milestoned'));
    for (let i = 0; i < 2; i++) {
      const { 'x-github-delivery': _dropped, ...headers } = signedGitHub(body);
      const res = await desk.app.inject({ method: 'POST', url: '/hooks/github', headers, payload: body });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.message).toContain('X-GitHub-Delivery');
    }
    const ok = await desk.app.inject({
      method: 'POST',
      url: '/hooks/github',
      headers: signedGitHub(body),
      payload: body,
    });
    expect(ok.json()).toMatchObject({ duplicate: false });
  });

  it.each(['github', 'gitlab'])(
    'answers an empty, unauthenticated POST to /hooks/%s with 401, not 500',
    async (kind) => {
      const bare = await desk.app.inject({ method: 'POST', url: `/hooks/${kind}` });
      expect(bare.statusCode).toBe(401);
      expect(bare.json().error.code).toBe('WEBHOOK_REFUSED');
      const emptyJson = await desk.app.inject({
        method: 'POST',
        url: `/hooks/${kind}`,
        headers: { 'content-type': 'application/json' },
      });
      expect(emptyJson.statusCode).toBe(401);
    },
  );

  // headers are made when the test runs: the simulator starts in beforeAll
  it.each([
    ['not JSON, unsigned', () => ({ 'content-type': 'application/json' }), '{"oops', 401],
    ['not JSON, signed', () => signedGitHub('{"oops'), '{"oops', 400],
    ['an empty body, signed', () => signedGitHub(''), '', 400],
    ['text/plain', () => ({ ...signedGitHub('{}'), 'content-type': 'text/plain' }), '{}', 415],
    [
      'form-encoded',
      () => ({ ...signedGitHub('a=1'), 'content-type': 'application/x-www-form-urlencoded' }),
      'a=1',
      415,
    ],
    ['6 MB', () => ({ 'content-type': 'application/json' }), `"${'x'.repeat(6 * 1024 * 1024)}"`, 413],
  ] as const)('answers a GitHub delivery that is %s with a 4xx', async (_name, headers, payload, status) => {
    const res = await desk.app.inject({ method: 'POST', url: '/hooks/github', headers: headers(), payload });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toMatch(/^[A-Z_]+$/);
  });

  it.each([
    'null',
    '[]',
    '"text"',
    '42',
    '{"action":"opened","issue":{"number":"7 OR 1=1"},"repository":{"full_name":"octo-org/widgets"}}',
    '{"action":"opened","issue":{"number":7},"repository":{"full_name":{"$ne":1}}}',
    '{"action":"closed","pull_request":{"number":-1,"merged":true},"repository":{"full_name":"../../x/y"}}',
  ])('takes a signed GitHub delivery of an unexpected shape (%s) as nothing to do', async (body) => {
    const res = await desk.app.inject({
      method: 'POST',
      url: '/hooks/github',
      headers: signedGitHub(body, body.includes('pull_request') ? 'pull_request' : 'issues'),
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ queued: 0 });
  });

  it.each([
    'null',
    '[1]',
    '{"object_kind":"issue","project":{"path_with_namespace":["a"]},"object_attributes":{"iid":1}}',
    '{"object_kind":"issue","project":{"path_with_namespace":"acme/widgets"},"object_attributes":{"iid":"1"}}',
    '{"object_kind":"merge_request","project":{"path_with_namespace":"acme/../../admin"},"object_attributes":{"iid":1,"action":"merge"}}',
  ])('takes a signed GitLab delivery of an unexpected shape (%s) as nothing to do', async (body) => {
    const res = await desk.app.inject({
      method: 'POST',
      url: '/hooks/gitlab',
      headers: gitlab.headers('Issue Hook', {}),
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ queued: 0 });
  });
});

describe('answers a forge should never send', () => {
  it('stops reading an answer past its size limit instead of holding it all in memory', async () => {
    gitlab.addIssue('acme/widgets', 303, 'Endless');
    gitlab.answerNext({ status: 200, streamBytes: 64 * 1024 * 1024 });
    const ticket = await customerTicket();
    const res = await link(ticket.number, gitlab.issueUrl('acme/widgets', 303));
    expect(res.statusCode).toBe(502);
    expect(res.json().error.message).toMatch(/too large/);
    const sent = gitlab.requests.find((r) => r.path.endsWith('/issues/303'))?.bytesSent ?? 0;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(32 * 1024 * 1024);
  });

  it('keeps links on the forge: an issue address elsewhere is replaced by its address on the forge', async () => {
    gitlab.addIssue('acme/widgets', 304, 'Phishy');
    gitlab.answerNext(
      {
        status: 200,
        body: {
          id: 304304,
          iid: 304,
          project_id: 1,
          title: 'Phishy',
          state: 'opened',
          web_url: 'https://gitlab-login.example/acme/widgets/-/issues/304',
        },
      },
      (path) => path.endsWith('/issues/304'),
    );
    const ticket = await customerTicket();
    const res = await link(ticket.number, gitlab.issueUrl('acme/widgets', 304));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().url).toBe(gitlab.issueUrl('acme/widgets', 304));
  });

  it('does not stop polling an issue for good when the forge asks to wait for years', async () => {
    gitlab.addIssue('acme/widgets', 305, 'Waits');
    const ticket = await customerTicket();
    expect((await link(ticket.number, gitlab.issueUrl('acme/widgets', 305))).statusCode).toBe(201);
    // GitLab's RateLimit-Reset is an epoch second: this one is ten years away
    const reset = String(Math.floor(Date.now() / 1000) + 10 * 365 * 24 * 3600);
    gitlab.answerNext({ status: 429, headers: { 'ratelimit-reset': reset } }, (p) => p.endsWith('/issues/305'));
    await poll();
    gitlab.setMilestone('acme/widgets', 305, '17.9', null);
    clock.advance(25 * HOUR_MS);
    await settle();
    expect((await customerNotices(ticket.number))[0]).toContain('scheduled for 17.9');
  });
});
