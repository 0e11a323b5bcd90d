import { createHmac, timingSafeEqual } from 'node:crypto';
import type {
  ChangeSnapshot,
  ForgeAdapter,
  ForgeConfig,
  IssueSnapshot,
  ReleaseSnapshot,
  WebhookSignal,
} from '../forge.js';
import { header } from '../forge.js';
import { forgeJson } from '../http.js';

// GitHub REST v3 plus GraphQL where REST cannot tell: which pull request closed an issue, and which
// issues a merged pull request closes. The release that shipped a fix is the first release whose
// tag contains the merge commit (compare API).

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
const split = (ref: string) => ref.split('/') as [string, string];

async function graphql<T>(forge: ForgeConfig, query: string, variables: Record<string, unknown>): Promise<T> {
  const result = await forgeJson<{ data?: T; errors?: { message: string }[] }>(endpoints(forge).graphql, {
    method: 'POST',
    headers: auth(forge),
    body: { query, variables },
  });
  if (result.body?.errors?.length)
    throw new Error(`GitHub GraphQL: ${result.body.errors.map((e) => e.message).join('; ')}`);
  return result.body?.data as T;
}

const CLOSED_BY = `query ($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
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

function changeOf(pr: GqlPull): ChangeSnapshot {
  return {
    number: pr.number,
    title: pr.title,
    url: pr.url,
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
      >(`${rest}/repos/${projectRef}/releases?per_page=30`, { headers: auth(forge) })
    ).body ?? [];
  const candidates = releases
    .filter((r) => !r.draft && r.published_at && (!since || r.published_at >= since))
    .sort((a, b) => (a.published_at ?? '').localeCompare(b.published_at ?? ''))
    .slice(0, 5); // a few compares at most per refresh: rate limits are shared with the customer's team
  for (const release of candidates) {
    const compare = await forgeJson<{ status: string }>(
      `${rest}/repos/${projectRef}/compare/${sha}...${encodeURIComponent(release.tag_name)}`,
      { headers: auth(forge) },
    );
    if (compare.body && (compare.body.status === 'ahead' || compare.body.status === 'identical')) {
      return { tag: release.tag_name, name: release.name, url: release.html_url, releasedAt: release.published_at };
    }
  }
  return null;
}

export const githubAdapter: ForgeAdapter = {
  kind: 'github',

  parseUrl(forge, url) {
    if (url.host.toLowerCase() !== new URL(forge.baseUrl).host.toLowerCase()) return undefined;
    const match = /^\/([\w.-]+)\/([\w.-]+)\/(issues|pull)\/(\d+)\/?$/.exec(url.pathname);
    if (!match) return undefined;
    return {
      itemKind: match[3] === 'pull' ? 'change' : 'issue',
      projectRef: `${match[1]}/${match[2]}`,
      number: Number(match[4]),
    };
  },

  async fetchItem(forge, ref, etag) {
    const { rest } = endpoints(forge);
    const [owner, repo] = split(ref.projectRef);
    if (ref.itemKind === 'change') {
      const pr = (
        await forgeJson<GhPull>(`${rest}/repos/${ref.projectRef}/pulls/${ref.number}`, { headers: auth(forge) })
      ).body;
      if (!pr) return undefined;
      const change = changeOf({
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
        url: pr.html_url,
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
        confidential: false,
      };
    }
    const result = await forgeJson<GhIssue>(`${rest}/repos/${ref.projectRef}/issues/${ref.number}`, {
      headers: auth(forge),
      etag,
    });
    if (result.status === 304) return { notModified: true };
    const issue = result.body;
    if (!issue) return undefined;
    if (issue.pull_request) return githubAdapter.fetchItem(forge, { ...ref, itemKind: 'change' });
    const data = await graphql<{
      repository: { issue: { closedByPullRequestsReferences: { nodes: GqlPull[] } } | null } | null;
    }>(forge, CLOSED_BY, { owner, repo, number: ref.number });
    const prs = data?.repository?.issue?.closedByPullRequestsReferences.nodes ?? [];
    const chosen = prs.find((p) => p.merged) ?? prs.find((p) => p.state === 'OPEN');
    const change = chosen ? changeOf(chosen) : null;
    const snapshot: IssueSnapshot & { etag: string | null } = {
      externalId: issue.node_id,
      itemKind: 'issue',
      projectRef: ref.projectRef,
      number: issue.number,
      url: issue.html_url,
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
      confidential: false,
      etag: result.etag,
    };
    return snapshot;
  },

  async issuesClosedBy(forge, projectRef, changeNumber) {
    const [owner, repo] = split(projectRef);
    const data = await graphql<{
      repository: { pullRequest: { closingIssuesReferences: { nodes: { number: number }[] } } | null } | null;
    }>(forge, CLOSES, { owner, repo, number: changeNumber });
    return (data?.repository?.pullRequest?.closingIssuesReferences.nodes ?? []).map((n) => n.number);
  },

  async createIssue(forge, projectRef, title, description) {
    const created = await forgeJson<GhIssue>(`${endpoints(forge).rest}/repos/${projectRef}/issues`, {
      method: 'POST',
      headers: auth(forge),
      body: { title, body: description },
    });
    if (!created.body) throw new Error(`repository ${projectRef} not found`);
    return { itemKind: 'issue', projectRef, number: created.body.number };
  },

  async writeDemand(forge, ref, count) {
    await forgeJson(`${endpoints(forge).rest}/repos/${ref.projectRef}/issues/${ref.number}/labels`, {
      method: 'POST',
      headers: auth(forge),
      body: { labels: ['support-demand', `support-tickets: ${count}`] },
    });
  },

  verifyWebhook(headers, rawBody, secret) {
    const sent = Buffer.from(header(headers, 'x-hub-signature-256') ?? '');
    const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`);
    return sent.length === expected.length && timingSafeEqual(sent, expected);
  },

  deliveryId: (headers) => header(headers, 'x-github-delivery') ?? 'missing',

  eventName: (headers) => header(headers, 'x-github-event') ?? 'unknown',

  readWebhook(event, payload): WebhookSignal[] {
    const body = payload as {
      action?: string;
      repository?: { full_name?: string };
      issue?: { number: number; pull_request?: unknown };
      pull_request?: { number: number; merged?: boolean };
      release?: { tag_name?: string };
    };
    const projectRef = body.repository?.full_name;
    if (!projectRef) return [{ kind: 'ignored', reason: 'no repository in the payload' }];
    if (event === 'issues' && body.issue) {
      return [
        {
          kind: 'item',
          ref: { itemKind: body.issue.pull_request ? 'change' : 'issue', projectRef, number: body.issue.number },
        },
      ];
    }
    if (event === 'pull_request' && body.pull_request) {
      const number = body.pull_request.number;
      const signals: WebhookSignal[] = [{ kind: 'item', ref: { itemKind: 'change', projectRef, number } }];
      if (body.action === 'closed' && body.pull_request.merged)
        signals.push({ kind: 'change-merged', projectRef, number });
      return signals;
    }
    if (event === 'release' && body.release?.tag_name && (body.action === 'published' || body.action === 'released')) {
      return [{ kind: 'release', projectRef, tag: body.release.tag_name }];
    }
    return [{ kind: 'ignored', reason: `${event}${body.action ? `/${body.action}` : ''} says nothing about a fix` }];
  },
};
