import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { connectForge, GitHubSimulator, GitLabSimulator } from '../../test/helpers/forge-simulator.js';
import { FakeClock } from '../platform/clock.js';
import { ADAPTERS } from './adapters.js';
import { type ForgeConfig, ForgeHttpError } from './forge.js';
import { findForgeRow } from './forge-store.js';
import { forgeConfig } from './forges.js';

// Issue suggestions (issue 17), the forge side: searching a project's issues by a ticket's terms on
// GitLab and GitHub (their simulators serve the documented search contract), and the admin setting
// that names the projects searched.

let desk: TestDesk;
let gitlab: GitLabSimulator;
let github: GitHubSimulator;
let gitlabForge: string;
let githubForge: string;
const clock = new FakeClock('2026-11-27T09:00:00Z');
const PROJECT = 'acme/widgets';

beforeAll(async () => {
  gitlab = await new GitLabSimulator().start();
  github = await new GitHubSimulator().start();
  desk = await createTestDesk({ clock });
  const connect = async (sim: GitLabSimulator | GitHubSimulator) => {
    const forge = await connectForge(desk, sim, { searchProjects: [PROJECT] });
    expect(forge.searchProjects).toEqual([PROJECT]);
    return forge.id;
  };
  gitlabForge = await connect(gitlab);
  githubForge = await connect(github);
});
afterAll(async () => {
  await desk?.close();
  await gitlab?.close();
  await github?.close();
});

/** The forge as the desk keeps it (token decrypted), as suggestions will call it. */
async function config(id: string): Promise<ForgeConfig> {
  const row = await findForgeRow(desk.deps.db, id);
  if (!row) throw new Error(`no forge ${id}`);
  return forgeConfig(desk.deps, row);
}

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the search did not fail');
}

describe('GitLab issue search', () => {
  beforeAll(() => {
    gitlab.addIssue(PROJECT, 1, 'Diffs time out on large merge requests', {
      description: 'PG::QueryCanceled: ERROR: canceling statement due to statement timeout',
      upvotes: 12,
    });
    gitlab.addIssue(PROJECT, 2, 'Statement timeout when loading diffs (PG::QueryCanceled)', { upvotes: 3 });
    gitlab.closeAsFixed(PROJECT, 2, '2026-10-01T10:00:00Z', '17.4');
    gitlab.addIssue(PROJECT, 3, 'PG::QueryCanceled on the admin page, with customer data', {
      confidential: true,
      description: 'statement timeout',
      upvotes: 50,
    });
    gitlab.addIssue(PROJECT, 4, 'Diffs time out again', { description: 'PG::QueryCanceled statement timeout' });
    gitlab.closeWithoutFix(PROJECT, 4, '2026-11-01T10:00:00Z', 1);
    gitlab.addIssue(PROJECT, 5, 'Avatars are blurry');
    gitlab.addIssue('acme/other', 6, 'PG::QueryCanceled statement timeout elsewhere');
  });

  it('finds the issues that hold every term, most thumbs-up first, without confidential ones', async () => {
    gitlab.searches.length = 0;
    const hits = await ADAPTERS.gitlab.searchIssues(
      await config(gitlabForge),
      PROJECT,
      [['PG::QueryCanceled', 'statement timeout']],
      10,
    );
    expect(hits.map((h) => h.ref.number)).toEqual([1, 2, 4]);
    expect(hits[0]).toEqual({
      ref: { itemKind: 'issue', projectRef: PROJECT, number: 1 },
      url: gitlab.issueUrl(PROJECT, 1),
      title: 'Diffs time out on large merge requests',
      state: 'open',
      stateReason: null,
      closedAt: null,
      milestone: null,
      labels: ['bug'],
    });
    // closed in a milestone: where the fix shipped; closed as a duplicate says so
    expect(hits[1]).toMatchObject({ state: 'closed', milestone: '17.4', closedAt: '2026-10-01T10:00:00.000Z' });
    expect(hits[2]).toMatchObject({ state: 'closed', stateReason: 'duplicate' });
    // exactly what left the desk: the terms (a phrase quoted) and the documented parameters
    expect(gitlab.searches).toEqual([
      {
        path: `/api/v4/projects/${encodeURIComponent(PROJECT)}/issues`,
        project: PROJECT,
        terms: 'PG::QueryCanceled "statement timeout"',
        params: {
          search: 'PG::QueryCanceled "statement timeout"',
          in: 'title,description',
          scope: 'all',
          state: 'all',
          confidential: 'false',
          order_by: 'popularity',
          sort: 'desc',
          per_page: '10',
        },
      },
    ]);
  });

  it('skips a confidential issue even when the forge lists it', async () => {
    const listed = [
      { id: 1, iid: 7, title: 'Secret', state: 'opened', web_url: gitlab.issueUrl(PROJECT, 7), confidential: true },
      { id: 2, iid: 8, title: 'Flag missing', state: 'opened', web_url: gitlab.issueUrl(PROJECT, 8) },
      { id: 3, iid: 9, title: 'Public', state: 'opened', web_url: gitlab.issueUrl(PROJECT, 9), confidential: false },
    ];
    gitlab.answerNext({ status: 200, body: listed }, (path) => path.includes('/issues?'));
    const hits = await ADAPTERS.gitlab.searchIssues(await config(gitlabForge), PROJECT, [['anything']], 10);
    expect(hits.map((h) => h.ref.number)).toEqual([9]);
  });

  it('merges several queries in order, without duplicates, and stops at the limit', async () => {
    gitlab.searches.length = 0;
    const forge = await config(gitlabForge);
    const queries = [['statement timeout', 'large'], ['PG::QueryCanceled'], ['blurry']];
    const hits = await ADAPTERS.gitlab.searchIssues(forge, PROJECT, queries, 10);
    expect(hits.map((h) => h.ref.number)).toEqual([1, 2, 4, 5]);
    expect(gitlab.searches.map((s) => s.terms)).toEqual(['"statement timeout" large', 'PG::QueryCanceled', 'blurry']);

    gitlab.searches.length = 0;
    const two = await ADAPTERS.gitlab.searchIssues(forge, PROJECT, queries, 2);
    expect(two.map((h) => h.ref.number)).toEqual([1, 2]);
    // the limit was reached with the second query: the third never left the desk
    expect(gitlab.searches.map((s) => s.terms)).toEqual(['"statement timeout" large', 'PG::QueryCanceled']);
    expect(gitlab.searches.map((s) => s.params.per_page)).toEqual(['2', '2']);
  });

  it('answers a rate limit as a rate-limited error that says when to try again', async () => {
    gitlab.rateLimitNextSearch(120);
    const error = await rejection(
      ADAPTERS.gitlab.searchIssues(await config(gitlabForge), PROJECT, [['PG::QueryCanceled']], 10),
    );
    expect(error).toBeInstanceOf(ForgeHttpError);
    expect(error).toMatchObject({ status: 429, reason: 'rate-limited', retryAfterSeconds: 120 });
    // the next search goes through again
    const hits = await ADAPTERS.gitlab.searchIssues(await config(gitlabForge), PROJECT, [['blurry']], 10);
    expect(hits.map((h) => h.ref.number)).toEqual([5]);
  });
});

describe('GitHub issue search', () => {
  beforeAll(() => {
    github.addIssue(PROJECT, 11, 'Diffs time out', {
      description: 'PG::QueryCanceled: ERROR: canceling statement due to statement timeout',
    });
    github.addIssue(PROJECT, 12, 'PG::QueryCanceled statement timeout in the importer');
    github.closeAsFixed(PROJECT, 12, '2026-10-01T10:00:00Z', 'v2.4');
    github.openPull(PROJECT, 13, 'Fix PG::QueryCanceled statement timeout', 'dev', [11]);
    github.addIssue('acme/other', 14, 'PG::QueryCanceled statement timeout elsewhere');
    github.addIssue(PROJECT, 15, 'Avatars are blurry');
    github.closeWithoutFix(PROJECT, 15, '2026-10-02T10:00:00Z');
  });

  it('finds the repository’s issues that hold every term, quoting what is not a plain word', async () => {
    github.searches.length = 0;
    const hits = await ADAPTERS.github.searchIssues(
      await config(githubForge),
      PROJECT,
      [['PG::QueryCanceled', 'statement timeout']],
      10,
    );
    expect(hits.map((h) => h.ref.number).sort()).toEqual([11, 12]);
    expect(hits.find((h) => h.ref.number === 12)).toEqual({
      ref: { itemKind: 'issue', projectRef: PROJECT, number: 12 },
      url: github.issueUrl(PROJECT, 12),
      title: 'PG::QueryCanceled statement timeout in the importer',
      state: 'closed',
      stateReason: 'completed',
      closedAt: '2026-10-01T10:00:00.000Z',
      milestone: 'v2.4',
      labels: ['bug'],
    });
    expect(github.searches).toEqual([
      {
        path: '/api/v3/search/issues',
        project: PROJECT,
        terms: '"PG::QueryCanceled" "statement timeout"',
        params: { q: `"PG::QueryCanceled" "statement timeout" repo:${PROJECT} is:issue`, per_page: '10' },
      },
    ]);
  });

  it('skips pull requests, and keeps a term from acting as a qualifier or operator', async () => {
    github.searches.length = 0;
    const forge = await config(githubForge);
    const items = [
      { number: 13, title: 'Fix it', state: 'open', html_url: `${github.url}/${PROJECT}/pull/13`, pull_request: {} },
      { number: 11, title: 'Diffs time out', state: 'open', html_url: github.issueUrl(PROJECT, 11) },
    ];
    github.answerNext({ status: 200, body: { total_count: 2, incomplete_results: false, items } });
    const hits = await ADAPTERS.github.searchIssues(forge, PROJECT, [['timeout']], 10);
    expect(hits.map((h) => h.ref.number)).toEqual([11]);

    await ADAPTERS.github.searchIssues(forge, PROJECT, [['repo:acme/private', 'OR', '-timeout', 'blurry']], 10);
    expect(github.searches[1]?.terms).toBe('"repo:acme/private" "OR" "-timeout" blurry');
    expect(github.searches[1]?.params.q).toBe(`"repo:acme/private" "OR" "-timeout" blurry repo:${PROJECT} is:issue`);
  });

  it('keeps the search text within GitHub’s 256 characters by dropping the weakest terms', async () => {
    github.searches.length = 0;
    const terms = ['blurry', ...Array.from({ length: 20 }, (_, i) => `${'x'.repeat(20)}${i}`)];
    const hits = await ADAPTERS.github.searchIssues(await config(githubForge), PROJECT, [terms], 10);
    expect(hits).toEqual([]); // answered, not refused as too long
    const sent = github.searches[0]?.terms ?? '';
    expect(sent.length).toBeLessThanOrEqual(256);
    expect(sent.startsWith(`blurry ${'x'.repeat(20)}0 `)).toBe(true);
  });

  it('merges several queries in order, without duplicates, and tells closed without a fix', async () => {
    const hits = await ADAPTERS.github.searchIssues(
      await config(githubForge),
      PROJECT,
      [['importer'], ['PG::QueryCanceled'], ['blurry']],
      10,
    );
    expect(hits.map((h) => h.ref.number)).toEqual([12, 11, 15]);
    expect(hits[2]).toMatchObject({ state: 'closed', stateReason: 'not_planned', milestone: null });
  });

  it('answers the search rate limit (403 or 429) as a rate-limited error', async () => {
    const forge = await config(githubForge);
    github.rateLimitNextSearch({ status: 403, resetInSeconds: 90 });
    const forbidden = await rejection(ADAPTERS.github.searchIssues(forge, PROJECT, [['timeout']], 10));
    expect(forbidden).toBeInstanceOf(ForgeHttpError);
    expect(forbidden).toMatchObject({ status: 403, reason: 'rate-limited' });
    expect((forbidden as ForgeHttpError).retryAfterSeconds).toBeGreaterThanOrEqual(88);
    expect((forbidden as ForgeHttpError).retryAfterSeconds).toBeLessThanOrEqual(91);

    github.rateLimitNextSearch({ status: 429, resetInSeconds: 30 });
    const tooMany = await rejection(ADAPTERS.github.searchIssues(forge, PROJECT, [['timeout']], 10));
    expect(tooMany).toMatchObject({ status: 429, reason: 'rate-limited' });
  });
});

describe('the projects a forge searches (PATCH /api/v1/forges/:id)', () => {
  const patch = (token: string, id: string, payload: unknown) =>
    desk.as(token, { method: 'PATCH', url: `/api/v1/forges/${id}`, payload: payload as object });

  it('is an admin setting: an agent is refused', async () => {
    const agent = await desk.agentToken('agent');
    const res = await patch(agent, gitlabForge, { searchProjects: ['gitlab-org/gitlab'] });
    expect(res.statusCode).toBe(403);
    const lead = await desk.agentToken('lead');
    expect((await patch(lead, gitlabForge, { searchProjects: ['gitlab-org/gitlab'] })).statusCode).toBe(403);
  });

  it('refuses what is not a project of that forge, and more than 20', async () => {
    const bad = await patch(desk.adminToken, gitlabForge, { searchProjects: ['gitlab-org/gitlab', 'not a project'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(bad.json().error.message).toContain('not a project');
    // GitHub has no subgroups
    const nested = await patch(desk.adminToken, githubForge, { searchProjects: ['acme/widgets/extra'] });
    expect(nested.statusCode).toBe(400);
    const many = Array.from({ length: 21 }, (_, i) => `acme/p${i}`);
    expect((await patch(desk.adminToken, gitlabForge, { searchProjects: many })).statusCode).toBe(400);
    // a private project's issues would be put before agents, and could never be linked
    gitlab.setVisibility('acme/internal-tools', 'private');
    const hidden = await patch(desk.adminToken, gitlabForge, { searchProjects: ['acme/internal-tools'] });
    expect(hidden.statusCode).toBe(422);
    expect(hidden.json().error).toMatchObject({
      code: 'PROJECT_NOT_PUBLIC',
      message: expect.stringContaining('private'),
    });
    // nothing was changed
    const forges = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/forges' })).json().items;
    expect(forges.find((f: { id: string }) => f.id === gitlabForge).searchProjects).toEqual([PROJECT]);
  });

  it('sets the projects (each once), shows them to agents, and is audited', async () => {
    const res = await patch(desk.adminToken, gitlabForge, {
      searchProjects: ['gitlab-org/gitlab', ' gitlab-org/gitaly ', 'gitlab-org/gitlab', ''],
      name: 'GitLab.com',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'GitLab.com',
      searchProjects: ['gitlab-org/gitlab', 'gitlab-org/gitaly'],
    });

    const agent = await desk.agentToken('agent');
    const forges = (await desk.as(agent, { method: 'GET', url: '/api/v1/forges' })).json().items;
    expect(forges.find((f: { id: string }) => f.id === gitlabForge)).toMatchObject({
      name: 'GitLab.com',
      searchProjects: ['gitlab-org/gitlab', 'gitlab-org/gitaly'],
      writeBack: false,
    });

    const events = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/audit-events' })).json().items;
    expect(events.find((e: { action: string }) => e.action === 'forge.changed')).toMatchObject({
      entityId: gitlabForge,
      data: { changed: ['name', 'searchProjects'], searchProjects: ['gitlab-org/gitlab', 'gitlab-org/gitaly'] },
    });

    // an empty list searches nothing
    const cleared = await patch(desk.adminToken, gitlabForge, { searchProjects: [] });
    expect(cleared.json().searchProjects).toEqual([]);
  });

  it('answers 404 for a forge that does not exist', async () => {
    const res = await patch(desk.adminToken, '00000000-0000-4000-8000-000000000000', { writeBack: true });
    expect(res.statusCode).toBe(404);
  });
});
