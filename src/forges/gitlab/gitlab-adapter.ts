import { createHash, timingSafeEqual } from 'node:crypto';
import type {
  ChangeSnapshot,
  ForgeAdapter,
  ForgeConfig,
  IssueSnapshot,
  ItemRef,
  ReleaseSnapshot,
  WebhookSignal,
} from '../forge.js';
import { header } from '../forge.js';
import { forgeJson } from '../http.js';

// GitLab REST v4. Issue Hooks carry only ids, so every webhook is a signal to fetch the issue again;
// the merge request that closed an issue comes from closed_by, the release from the tags that
// contain the merge commit.

interface GlUser {
  username?: string;
  name?: string;
}
interface GlIssue {
  id: number;
  iid: number;
  project_id: number;
  title: string;
  state: string;
  web_url: string;
  labels?: (string | { name: string })[];
  milestone?: { title: string; due_date?: string | null } | null;
  assignees?: GlUser[];
  closed_at?: string | null;
  moved_to_id?: number | null;
  duplicated_to_id?: number | null;
  confidential?: boolean;
  _links?: { closed_as_duplicate_of?: string | null };
}
interface GlMergeRequest {
  id: number;
  iid: number;
  project_id: number;
  title: string;
  state: string;
  web_url: string;
  author?: GlUser;
  merge_user?: GlUser | null;
  merged_by?: GlUser | null;
  merged_at?: string | null;
  merge_commit_sha?: string | null;
  squash_commit_sha?: string | null;
  sha?: string | null;
  labels?: (string | { name: string })[];
  milestone?: { title: string; due_date?: string | null } | null;
  assignees?: GlUser[];
  closed_at?: string | null;
}

const api = (forge: Pick<ForgeConfig, 'baseUrl'>) => `${forge.baseUrl.replace(/\/+$/, '')}/api/v4`;
const project = (ref: string) => encodeURIComponent(ref);
const auth = (forge: ForgeConfig) => ({ 'private-token': forge.token });
const who = (user: GlUser | null | undefined) => user?.name ?? user?.username ?? null;
const labelNames = (labels: GlIssue['labels']) => (labels ?? []).map((l) => (typeof l === 'string' ? l : l.name));

function changeOf(mr: GlMergeRequest): ChangeSnapshot {
  const merged = mr.state === 'merged';
  return {
    number: mr.iid,
    title: mr.title,
    url: mr.web_url,
    author: who(mr.author),
    mergedBy: merged ? who(mr.merge_user ?? mr.merged_by) : null,
    mergedAt: merged ? (mr.merged_at ?? null) : null,
    mergeSha: merged ? (mr.merge_commit_sha ?? mr.squash_commit_sha ?? mr.sha ?? null) : null,
    merged,
  };
}

async function releaseContaining(forge: ForgeConfig, projectRef: string, sha: string): Promise<ReleaseSnapshot | null> {
  const refs = await forgeJson<{ type: string; name: string }[]>(
    `${api(forge)}/projects/${project(projectRef)}/repository/commits/${sha}/refs?type=tag&per_page=50`,
    { headers: auth(forge) },
  );
  const releases: ReleaseSnapshot[] = [];
  for (const tag of (refs.body ?? []).filter((r) => r.type === 'tag').slice(0, 10)) {
    const release = await forgeJson<{
      tag_name: string;
      name?: string;
      released_at?: string;
      _links?: { self?: string };
    }>(`${api(forge)}/projects/${project(projectRef)}/releases/${encodeURIComponent(tag.name)}`, {
      headers: auth(forge),
    });
    if (release.body) {
      releases.push({
        tag: release.body.tag_name,
        name: release.body.name ?? null,
        url: release.body._links?.self ?? null,
        releasedAt: release.body.released_at ?? null,
      });
    }
  }
  // the first release that shipped the fix
  return releases.sort((a, b) => (a.releasedAt ?? '').localeCompare(b.releasedAt ?? ''))[0] ?? null;
}

async function fetchMergeRequest(forge: ForgeConfig, projectRef: string, iid: number) {
  return (
    await forgeJson<GlMergeRequest>(`${api(forge)}/projects/${project(projectRef)}/merge_requests/${iid}`, {
      headers: auth(forge),
    })
  ).body;
}

export const gitlabAdapter: ForgeAdapter = {
  kind: 'gitlab',

  parseUrl(forge, url) {
    if (url.host.toLowerCase() !== new URL(forge.baseUrl).host.toLowerCase()) return undefined;
    // /group/sub/project/-/issues/12, /-/work_items/12 (GitLab 18.10+), /-/merge_requests/34
    const match = /^\/(.+?)\/-\/(issues|work_items|merge_requests)\/(\d+)\/?$/.exec(url.pathname);
    if (!match) return undefined;
    return {
      itemKind: match[2] === 'merge_requests' ? 'change' : 'issue',
      projectRef: decodeURIComponent(match[1] as string),
      number: Number(match[3]),
    };
  },

  async fetchItem(forge, ref, etag) {
    if (ref.itemKind === 'change') {
      const mr = await fetchMergeRequest(forge, ref.projectRef, ref.number);
      if (!mr) return undefined;
      const change = changeOf(mr);
      return {
        externalId: `MergeRequest/${mr.id}`,
        itemKind: 'change',
        projectRef: ref.projectRef,
        number: mr.iid,
        url: mr.web_url,
        title: mr.title,
        state: mr.state === 'opened' ? 'open' : 'closed',
        stateReason: mr.state === 'merged' ? 'completed' : mr.state === 'closed' ? 'not_planned' : null,
        labels: labelNames(mr.labels),
        milestone: mr.milestone ? { title: mr.milestone.title, dueDate: mr.milestone.due_date ?? null } : null,
        assignees: (mr.assignees ?? []).flatMap((a) => who(a) ?? []),
        closedAt: mr.merged_at ?? mr.closed_at ?? null,
        change,
        release: change.mergeSha ? await releaseContaining(forge, ref.projectRef, change.mergeSha) : null,
        confidential: false,
      };
    }
    const result = await forgeJson<GlIssue>(`${api(forge)}/projects/${project(ref.projectRef)}/issues/${ref.number}`, {
      headers: auth(forge),
      etag,
    });
    if (result.status === 304) return { notModified: true };
    const issue = result.body;
    if (!issue) return undefined;
    // the merge requests that close it: a merged one delivered the fix, an open one is under review
    const closers =
      (
        await forgeJson<GlMergeRequest[]>(
          `${api(forge)}/projects/${project(ref.projectRef)}/issues/${ref.number}/closed_by`,
          { headers: auth(forge) },
        )
      ).body ?? [];
    const chosen = closers.find((m) => m.state === 'merged') ?? closers.find((m) => m.state === 'opened');
    const full = chosen ? ((await fetchMergeRequest(forge, ref.projectRef, chosen.iid)) ?? chosen) : undefined;
    const change = full ? changeOf(full) : null;
    const stateReason =
      issue.state !== 'closed'
        ? null
        : issue.moved_to_id
          ? 'moved'
          : issue.duplicated_to_id || issue._links?.closed_as_duplicate_of
            ? 'duplicate'
            : change?.merged
              ? 'completed'
              : null;
    const snapshot: IssueSnapshot & { etag: string | null } = {
      externalId: `Issue/${issue.id}`,
      itemKind: 'issue',
      projectRef: ref.projectRef,
      number: issue.iid,
      url: issue.web_url,
      title: issue.title,
      state: issue.state === 'closed' ? 'closed' : 'open',
      stateReason,
      labels: labelNames(issue.labels),
      milestone: issue.milestone ? { title: issue.milestone.title, dueDate: issue.milestone.due_date ?? null } : null,
      assignees: (issue.assignees ?? []).flatMap((a) => who(a) ?? []),
      closedAt: issue.closed_at ?? null,
      change,
      release: change?.mergeSha ? await releaseContaining(forge, ref.projectRef, change.mergeSha) : null,
      confidential: Boolean(issue.confidential),
      etag: result.etag,
    };
    return snapshot;
  },

  async issuesClosedBy(forge, projectRef, changeNumber) {
    const issues =
      (
        await forgeJson<GlIssue[]>(
          `${api(forge)}/projects/${project(projectRef)}/merge_requests/${changeNumber}/closes_issues`,
          { headers: auth(forge) },
        )
      ).body ?? [];
    return issues.map((i) => i.iid);
  },

  async createIssue(forge, projectRef, title, description) {
    const created = await forgeJson<GlIssue>(`${api(forge)}/projects/${project(projectRef)}/issues`, {
      method: 'POST',
      headers: auth(forge),
      body: { title, description },
    });
    if (!created.body) throw new Error(`project ${projectRef} not found`);
    return { itemKind: 'issue', projectRef, number: created.body.iid };
  },

  async writeDemand(forge, ref: ItemRef, count) {
    await forgeJson(`${api(forge)}/projects/${project(ref.projectRef)}/issues/${ref.number}`, {
      method: 'PUT',
      headers: auth(forge),
      body: { add_labels: `support-demand,support-tickets::${count}` },
    });
  },

  verifyWebhook(headers, _rawBody, secret) {
    const sent = Buffer.from(header(headers, 'x-gitlab-token') ?? '');
    const expected = Buffer.from(secret);
    return sent.length === expected.length && timingSafeEqual(sent, expected);
  },

  deliveryId(headers, rawBody) {
    return (
      header(headers, 'idempotency-key') ??
      header(headers, 'x-gitlab-event-uuid') ??
      `sha256:${createHash('sha256').update(rawBody).digest('hex')}`
    );
  },

  eventName: (headers) => header(headers, 'x-gitlab-event') ?? 'unknown',

  readWebhook(event, payload): WebhookSignal[] {
    const body = payload as {
      object_kind?: string;
      project?: { path_with_namespace?: string };
      object_attributes?: { iid?: number; action?: string; state?: string };
      tag?: string;
    };
    const projectRef = body.project?.path_with_namespace;
    if (!projectRef) return [{ kind: 'ignored', reason: 'no project in the payload' }];
    const kind = body.object_kind;
    if ((kind === 'issue' || kind === 'work_item') && body.object_attributes?.iid) {
      return [{ kind: 'item', ref: { itemKind: 'issue', projectRef, number: body.object_attributes.iid } }];
    }
    if (kind === 'merge_request' && body.object_attributes?.iid) {
      const number = body.object_attributes.iid;
      const signals: WebhookSignal[] = [{ kind: 'item', ref: { itemKind: 'change', projectRef, number } }];
      if (body.object_attributes.action === 'merge' || body.object_attributes.state === 'merged') {
        signals.push({ kind: 'change-merged', projectRef, number });
      }
      return signals;
    }
    if (kind === 'release' && body.tag) return [{ kind: 'release', projectRef, tag: body.tag }];
    return [{ kind: 'ignored', reason: `${event} (${kind ?? 'no kind'}) says nothing about a fix` }];
  },
};
