import { createHmac, timingSafeEqual } from 'node:crypto';
import { demandLabels } from '../demand-labels.js';
import type {
  ChangeSnapshot,
  ForgeAdapter,
  ForgeConfig,
  IssueSnapshot,
  ItemRef,
  NotPublic,
  ReleaseSnapshot,
  SearchHit,
  Visibility,
  WebhookSignal,
} from '../forge.js';
import { ForgeHttpError, header, onForge, positiveInt, withheldSnapshot } from '../forge.js';
import { forgeJson, scrub } from '../http.js';
import {
  clip,
  instantOrNull,
  labelList,
  MILESTONE_CHARS,
  mergeSearches,
  searchText,
  TITLE_CHARS,
} from '../search-hits.js';

// GitHub REST v3 plus GraphQL where REST cannot tell: which pull request closed an issue, and which
// issues a merged pull request closes. The release that shipped a fix is the first release whose
// tag contains the merge commit (compare API). Whether the repository is public comes along at no
// extra cost: in the GraphQL query for an issue, in base.repo for a pull request.

interface GhIssue {
  node_id: string;
  number: number;
  title: string;
  state: string;
  state_reason?: string | null;
  html_url: string;
  labels?: (string | { name: string })[];
  milestone?: { title: string; due_on?: string | null } | null;
  assignees?: { login: string }[];
  closed_at?: string | null;
  pull_request?: unknown;
}
interface GhRepo {
  private?: boolean;
  visibility?: string;
}
interface GhPull {
  node_id: string;
  number: number;
  title: string;
  state: string;
  html_url: string;
  merged?: boolean;
  merged_at?: string | null;
  merged_by?: { login: string } | null;
  user?: { login: string };
  merge_commit_sha?: string | null;
  labels?: { name: string }[];
  milestone?: { title: string; due_on?: string | null } | null;
  assignees?: { login: string }[];
  closed_at?: string | null;
  base?: { repo?: GhRepo | null };
}
interface GqlPull {
  number: number;
  title: string;
  url: string;
  state: string;
  merged: boolean;
  mergedAt: string | null;
  author: { login: string } | null;
  mergedBy: { login: string } | null;
  mergeCommit: { oid: string } | null;
}

function endpoints(forge: Pick<ForgeConfig, 'baseUrl'>) {
  const base = new URL(forge.baseUrl);
  if (base.host === 'github.com' || base.host === 'www.github.com') {
    return { rest: 'https://api.github.com', graphql: 'https://api.github.com/graphql' };
  }
  // GitHub Enterprise Server, and our simulator: the API lives under the same host
  const root = forge.baseUrl.replace(/\/+$/, '');
  return { rest: `${root}/api/v3`, graphql: `${root}/api/graphql` };
}

const auth = (forge: ForgeConfig) => ({ authorization: `Bearer ${forge.token}`, 'x-github-api-version': '2022-11-28' });

// GitHub's rules: an owner is letters, digits and '-', not starting with '-' (at most 39); a
// repository is letters, digits, '.', '_', '-' (at most 100), and never '.' or '..'
const OWNER = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

function parseProject(raw: string): string | undefined {
  const [owner, repo, ...rest] = raw.split('/');
  if (rest.length > 0 || !owner || !repo || !OWNER.test(owner) || !REPO.test(repo)) return undefined;
  return repo === '.' || repo === '..' ? undefined : raw;
}

/** owner and repository, checked: the only way a project gets into a URL or a query */
function split(ref: string): [string, string] {
  if (!parseProject(ref)) throw new Error(`not a GitHub repository: ${JSON.stringify(ref.slice(0, 100))}`);
  return ref.split('/') as [string, string];
}
const repoPath = (ref: string) => split(ref).map(encodeURIComponent).join('/');

const webUrl = (forge: Pick<ForgeConfig, 'baseUrl'>, ref: ItemRef) =>
  `${forge.baseUrl}/${ref.projectRef}/${ref.itemKind === 'change' ? 'pull' : 'issues'}/${ref.number}`;

function visibilityOf(repo: { private?: unknown; visibility?: unknown; isPrivate?: unknown } | null | undefined) {
  // GitHub marks internal repositories private too; anything not plainly public is treated as closed
  const visibility = typeof repo?.visibility === 'string' ? repo.visibility.toLowerCase() : undefined;
  if (visibility === 'internal') return 'internal';
  const isPrivate = repo?.private ?? repo?.isPrivate;
  return isPrivate === false && (visibility === undefined || visibility === 'public') ? 'public' : 'private';
}

/** What is kept of an item nobody outside may see: enough to refuse it, nothing to tell. */
function hidden(
  forge: ForgeConfig,
  ref: ItemRef,
  item: { node_id: string; state: string },
  notPublic: NotPublic,
  etag: string | null,
): IssueSnapshot & { etag: string | null } {
  return withheldSnapshot(
    ref,
    { externalId: item.node_id, url: webUrl(forge, ref), open: item.state === 'open' },
    notPublic,
    etag,
  );
}

async function graphql<T>(forge: ForgeConfig, query: string, variables: Record<string, unknown>): Promise<T> {
  const result = await forgeJson<{ data?: T; errors?: { message: string }[] }>(endpoints(forge).graphql, {
    method: 'POST',
    headers: auth(forge),
    body: { query, variables },
  });
  const errors = result.body?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    throw new ForgeHttpError(200, 'graphql', 'the GraphQL query answered errors', {
      detail: scrub(errors.map((e) => String(e?.message)).join('; '), [forge.token]),
    });
  }
  return result.body?.data as T;
}

const CLOSED_BY = `query ($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    isPrivate
    visibility
    issue(number: $number) {
      closedByPullRequestsReferences(first: 10, includeClosedPrs: true) {
        nodes { number title url state merged mergedAt author { login } mergedBy { login } mergeCommit { oid } }
      }
    }
  }
}`;

const CLOSES = `query ($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) { closingIssuesReferences(first: 50) { nodes { number } } }
  }
}`;

function changeOf(forge: ForgeConfig, projectRef: string, pr: GqlPull): ChangeSnapshot {
  return {
    number: pr.number,
    title: pr.title,
    url: onForge(forge, pr.url, webUrl(forge, { itemKind: 'change', projectRef, number: pr.number })),
    author: pr.author?.login ?? null,
    mergedBy: pr.merged ? (pr.mergedBy?.login ?? null) : null,
    mergedAt: pr.merged ? pr.mergedAt : null,
    mergeSha: pr.merged ? (pr.mergeCommit?.oid ?? null) : null,
    merged: pr.merged,
  };
}

async function releaseContaining(
  forge: ForgeConfig,
  projectRef: string,
  sha: string,
  since: string | null,
): Promise<ReleaseSnapshot | null> {
  const { rest } = endpoints(forge);
  const releases =
    (
      await forgeJson<
        { tag_name: string; name: string | null; html_url: string; published_at: string | null; draft: boolean }[]
      >(`${rest}/repos/${repoPath(projectRef)}/releases?per_page=30`, { headers: auth(forge) })
    ).body ?? [];
  const candidates = (Array.isArray(releases) ? releases : [])
    .filter((r) => typeof r?.tag_name === 'string' && !r.draft && r.published_at && (!since || r.published_at >= since))
    .sort((a, b) => (a.published_at ?? '').localeCompare(b.published_at ?? ''))
    .slice(0, 5); // a few compares at most per refresh: rate limits are shared with the customer's team
  for (const release of candidates) {
    const compare = await forgeJson<{ status: string }>(
      `${rest}/repos/${repoPath(projectRef)}/compare/${encodeURIComponent(sha)}...${encodeURIComponent(release.tag_name)}`,
      { headers: auth(forge) },
    );
    if (compare.body && (compare.body.status === 'ahead' || compare.body.status === 'identical')) {
      return {
        tag: release.tag_name,
        name: release.name,
        url: onForge(forge, release.html_url, null),
        releasedAt: release.published_at,
      };
    }
  }
  return null;
}

// A bare word of GitHub's search syntax; anything else is quoted so that it is searched as text: a
// phrase, `PG::QueryCanceled`, `repo:x/y` or `-word` would otherwise split, or act as a qualifier or NOT
const BARE_WORD = /^[\p{L}\p{N}_][\p{L}\p{N}_.]*$/u;
const OPERATORS = new Set(['AND', 'OR', 'NOT']);

/** A hit of the search; undefined for a pull request (search answers both) or a broken item. */
function searchHit(forge: ForgeConfig, projectRef: string, item: GhIssue): SearchHit | undefined {
  const number = positiveInt(item?.number);
  if (!number || (item.pull_request !== undefined && item.pull_request !== null)) return undefined;
  const ref: ItemRef = { itemKind: 'issue', projectRef, number };
  const closed = item.state === 'closed';
  const reason = closed ? clip(item.state_reason, 40) : null;
  return {
    ref,
    url: onForge(forge, item.html_url, webUrl(forge, ref)),
    title: clip(item.title, TITLE_CHARS) ?? '',
    state: closed ? 'closed' : 'open',
    stateReason: reason && /^[a-z_]+$/.test(reason) ? reason : null,
    closedAt: closed ? instantOrNull(item.closed_at) : null,
    milestone: clip(item.milestone?.title, MILESTONE_CHARS),
    labels: labelList(item.labels),
  };
}

export const githubAdapter: ForgeAdapter = {
  kind: 'github',

  parseUrl(forge, url) {
    if (url.host.toLowerCase() !== new URL(forge.baseUrl).host.toLowerCase()) return undefined;
    const match = /^\/([\w.-]+)\/([\w.-]+)\/(issues|pull)\/(\d+)\/?$/.exec(url.pathname);
    if (!match) return undefined;
    const projectRef = parseProject(`${match[1]}/${match[2]}`);
    const number = positiveInt(Number(match[4]));
    if (!projectRef || !number) return undefined;
    return { itemKind: match[3] === 'pull' ? 'change' : 'issue', projectRef, number };
  },

  parseProject,

  async projectVisibility(forge, projectRef): Promise<Visibility | undefined> {
    const found = await forgeJson<GhRepo>(`${endpoints(forge).rest}/repos/${repoPath(projectRef)}`, {
      headers: auth(forge),
    });
    return found.body ? visibilityOf(found.body) : undefined;
  },

  async fetchItem(forge, ref, etag) {
    const { rest } = endpoints(forge);
    const [owner, repo] = split(ref.projectRef);
    const number = positiveInt(ref.number);
    if (!number) throw new Error('not an issue number');
    if (ref.itemKind === 'change') {
      const pr = (
        await forgeJson<GhPull>(`${rest}/repos/${repoPath(ref.projectRef)}/pulls/${number}`, { headers: auth(forge) })
      ).body;
      if (!pr) return undefined;
      const visibility = visibilityOf(pr.base?.repo);
      if (visibility !== 'public') return hidden(forge, ref, pr, visibility, null);
      const change = changeOf(forge, ref.projectRef, {
        number: pr.number,
        title: pr.title,
        url: pr.html_url,
        state: pr.state,
        merged: Boolean(pr.merged),
        mergedAt: pr.merged_at ?? null,
        author: pr.user ?? null,
        mergedBy: pr.merged_by ?? null,
        mergeCommit: pr.merge_commit_sha ? { oid: pr.merge_commit_sha } : null,
      });
      return {
        externalId: pr.node_id,
        itemKind: 'change',
        projectRef: ref.projectRef,
        number: pr.number,
        url: onForge(forge, pr.html_url, webUrl(forge, ref)),
        title: pr.title,
        state: pr.state === 'open' ? 'open' : 'closed',
        stateReason: pr.merged ? 'completed' : pr.state === 'closed' ? 'not_planned' : null,
        labels: (pr.labels ?? []).map((l) => l.name),
        milestone: pr.milestone
          ? { title: pr.milestone.title, dueDate: pr.milestone.due_on?.slice(0, 10) ?? null }
          : null,
        assignees: (pr.assignees ?? []).map((a) => a.login),
        closedAt: pr.closed_at ?? null,
        change,
        release: change.mergeSha
          ? await releaseContaining(forge, ref.projectRef, change.mergeSha, change.mergedAt)
          : null,
        notPublic: null,
      };
    }
    const result = await forgeJson<GhIssue>(`${rest}/repos/${repoPath(ref.projectRef)}/issues/${number}`, {
      headers: auth(forge),
      etag,
    });
    if (result.status === 304) return { notModified: true };
    const issue = result.body;
    if (!issue) return undefined;
    if (issue.pull_request) return githubAdapter.fetchItem(forge, { ...ref, itemKind: 'change' });
    const data = await graphql<{
      repository:
        | ({ issue: { closedByPullRequestsReferences: { nodes: GqlPull[] } } | null } & {
            isPrivate?: boolean;
            visibility?: string;
          })
        | null;
    }>(forge, CLOSED_BY, { owner, repo, number });
    // nothing more is asked about an issue customers may not see: it is refused or kept as it was
    const visibility = visibilityOf(data?.repository);
    if (visibility !== 'public') return hidden(forge, ref, issue, visibility, result.etag);
    const nodes = data?.repository?.issue?.closedByPullRequestsReferences?.nodes;
    const prs = Array.isArray(nodes) ? nodes.filter((p) => positiveInt(p?.number)) : [];
    const chosen = prs.find((p) => p.merged) ?? prs.find((p) => p.state === 'OPEN');
    const change = chosen ? changeOf(forge, ref.projectRef, chosen) : null;
    const snapshot: IssueSnapshot & { etag: string | null } = {
      externalId: issue.node_id,
      itemKind: 'issue',
      projectRef: ref.projectRef,
      number: issue.number,
      url: onForge(forge, issue.html_url, webUrl(forge, ref)),
      title: issue.title,
      state: issue.state === 'closed' ? 'closed' : 'open',
      stateReason: issue.state === 'closed' ? (issue.state_reason ?? null) : null,
      labels: (issue.labels ?? []).map((l) => (typeof l === 'string' ? l : l.name)),
      milestone: issue.milestone
        ? { title: issue.milestone.title, dueDate: issue.milestone.due_on?.slice(0, 10) ?? null }
        : null,
      assignees: (issue.assignees ?? []).map((a) => a.login),
      closedAt: issue.closed_at ?? null,
      change,
      release: change?.mergeSha
        ? await releaseContaining(forge, ref.projectRef, change.mergeSha, change.mergedAt)
        : null,
      notPublic: null,
      etag: result.etag,
    };
    return snapshot;
  },

  async issuesClosedBy(forge, projectRef, changeNumber) {
    const [owner, repo] = split(projectRef);
    const data = await graphql<{
      repository: { pullRequest: { closingIssuesReferences: { nodes: { number: number }[] } } | null } | null;
    }>(forge, CLOSES, { owner, repo, number: changeNumber });
    const nodes = data?.repository?.pullRequest?.closingIssuesReferences?.nodes;
    return (Array.isArray(nodes) ? nodes : []).flatMap((n) => positiveInt(n?.number) ?? []);
  },

  async createIssue(forge, projectRef, title, description) {
    const created = await forgeJson<GhIssue>(`${endpoints(forge).rest}/repos/${repoPath(projectRef)}/issues`, {
      method: 'POST',
      headers: auth(forge),
      body: { title, body: description },
    });
    const number = positiveInt(created.body?.number);
    if (!number) throw new Error(`repository ${projectRef} not found`);
    return { itemKind: 'issue', projectRef, number };
  },

  async searchIssues(forge, projectRef, queries, limit) {
    const [owner, repo] = split(projectRef);
    const url = `${endpoints(forge).rest}/search/issues`;
    // every term must match (title, body or comments), best match first; search has its own rate
    // limit (30 requests a minute), which forgeJson turns into a rate-limited error like any other
    const text = (terms: string[]) => searchText(terms, (term) => !BARE_WORD.test(term) || OPERATORS.has(term));
    return mergeSearches(queries, limit, text, async (search, perPage) => {
      // the qualifiers after the text: they do not count toward its 256 characters
      const q = `${search} repo:${owner}/${repo} is:issue`;
      const found = await forgeJson<{ items?: GhIssue[] }>(`${url}?q=${encodeURIComponent(q)}&per_page=${perPage}`, {
        headers: auth(forge),
      });
      const items = found.body?.items;
      return (Array.isArray(items) ? items : [])
        .slice(0, perPage)
        .flatMap((item) => searchHit(forge, projectRef, item) ?? []);
    });
  },

  async writeDemand(forge, ref, demand) {
    const number = positiveInt(ref.number);
    if (!number) return;
    const url = `${endpoints(forge).rest}/repos/${repoPath(ref.projectRef)}/issues/${number}/labels`;
    const listed = await forgeJson<unknown>(`${url}?per_page=100`, { headers: auth(forge) });
    const current = (Array.isArray(listed.body) ? listed.body : [])
      .map((l: { name?: unknown }) => l?.name)
      .filter((name): name is string => typeof name === 'string');
    const { add, remove } = demandLabels(demand, current, ': ');
    for (const label of remove) {
      try {
        await forgeJson(`${url}/${encodeURIComponent(label)}`, { method: 'DELETE', headers: auth(forge) });
      } catch (err) {
        // someone took it off already
        if (!(err instanceof ForgeHttpError && err.status === 404)) throw err;
      }
    }
    if (add.length > 0) await forgeJson(url, { method: 'POST', headers: auth(forge), body: { labels: add } });
  },

  verifyWebhook(headers, rawBody, secret) {
    const sent = Buffer.from(header(headers, 'x-hub-signature-256') ?? '');
    const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`);
    return sent.length === expected.length && timingSafeEqual(sent, expected);
  },

  // GitHub always sends one; without it every later delivery would look like a resend of this one
  deliveryId: (headers) => header(headers, 'x-github-delivery') || undefined,

  eventName: (headers) => header(headers, 'x-github-event') ?? 'unknown',

  readWebhook(event, payload): WebhookSignal[] {
    // a verified delivery is still read field by field: only the shapes below become work
    const body = (payload !== null && typeof payload === 'object' ? payload : {}) as {
      action?: unknown;
      repository?: { full_name?: unknown } | null;
      issue?: { number?: unknown; pull_request?: unknown } | null;
      pull_request?: { number?: unknown; merged?: unknown } | null;
      release?: { tag_name?: unknown } | null;
    };
    const name = body.repository?.full_name;
    const projectRef = typeof name === 'string' ? parseProject(name) : undefined;
    if (!projectRef) return [{ kind: 'ignored', reason: 'no repository in the payload' }];
    const action = typeof body.action === 'string' ? body.action : undefined;
    const issueNumber = positiveInt(body.issue?.number);
    if (event === 'issues' && issueNumber) {
      const itemKind = body.issue?.pull_request ? 'change' : 'issue';
      return [{ kind: 'item', ref: { itemKind, projectRef, number: issueNumber } }];
    }
    const pullNumber = positiveInt(body.pull_request?.number);
    if (event === 'pull_request' && pullNumber) {
      const signals: WebhookSignal[] = [{ kind: 'item', ref: { itemKind: 'change', projectRef, number: pullNumber } }];
      if (action === 'closed' && body.pull_request?.merged === true)
        signals.push({ kind: 'change-merged', projectRef, number: pullNumber });
      return signals;
    }
    const tag = body.release?.tag_name;
    if (event === 'release' && typeof tag === 'string' && tag && (action === 'published' || action === 'released')) {
      return [{ kind: 'release', projectRef, tag: tag.slice(0, 255) }];
    }
    return [
      { kind: 'ignored', reason: `${event}${action ? `/${action}` : ''} says nothing about a fix`.slice(0, 200) },
    ];
  },
};
