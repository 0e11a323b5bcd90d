import { createHash, timingSafeEqual } from 'node:crypto';
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
import { forgeJson } from '../http.js';
import {
  clip,
  instantOrNull,
  labelList,
  MILESTONE_CHARS,
  mergeSearches,
  searchText,
  TITLE_CHARS,
} from '../search-hits.js';

// GitLab REST v4. Issue Hooks carry only ids, so every webhook is a signal to fetch the issue again;
// the merge request that closed an issue comes from closed_by, the release from the tags that
// contain the merge commit. An issue does not say whether its project is public, so a full read
// asks the project too (a 304 for the issue asks nothing more: nothing a customer hears can have
// changed).

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
const auth = (forge: ForgeConfig) => ({ 'private-token': forge.token });
const who = (user: GlUser | null | undefined) => user?.name ?? user?.username ?? null;
const labelNames = (labels: GlIssue['labels']) => (labels ?? []).map((l) => (typeof l === 'string' ? l : l.name));

// GitLab's path rules: letters, digits, '_', '-', '.'; not starting with '-'; a namespace, then
// the project (subgroups between, at most 20 deep)
const SEGMENT = /^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,254}$/;

function parseProject(raw: string): string | undefined {
  const segments = raw.split('/');
  if (segments.length < 2 || segments.length > 21) return undefined;
  const valid = segments.every(
    (s) => SEGMENT.test(s) && s !== '.' && s !== '..' && !s.endsWith('.git') && !s.endsWith('.atom'),
  );
  return valid ? raw : undefined;
}

/** The project as one path segment of an API URL (group%2Fproject); never anything but a project path. */
function project(ref: string): string {
  if (!parseProject(ref)) throw new Error(`not a GitLab project path: ${JSON.stringify(ref.slice(0, 100))}`);
  return encodeURIComponent(ref);
}

/** A number or sha from an answer, fit to go into a path. */
function segment(value: unknown): string {
  if (positiveInt(value) || (typeof value === 'string' && /^[0-9a-f]{7,64}$/i.test(value))) return String(value);
  throw new Error('the forge answered an id that is not one');
}

const issueUrl = (forge: Pick<ForgeConfig, 'baseUrl'>, ref: ItemRef) =>
  `${forge.baseUrl}/${ref.projectRef}/-/${ref.itemKind === 'change' ? 'merge_requests' : 'issues'}/${ref.number}`;

function visibilityOf(value: unknown): Visibility {
  // anything GitLab does not call public is treated as closed: better a refused link than a leak
  return value === 'public' ? 'public' : value === 'internal' ? 'internal' : 'private';
}

async function projectVisibility(
  forge: ForgeConfig,
  projectRef: string,
  itemKind: 'issue' | 'change' = 'issue',
): Promise<Visibility | undefined> {
  const found = await forgeJson<{
    visibility?: string;
    issues_access_level?: string;
    merge_requests_access_level?: string;
  }>(`${api(forge)}/projects/${project(projectRef)}`, { headers: auth(forge) });
  if (!found.body) return undefined;
  // a public project may keep its issues (or merge requests) to its members
  const access = itemKind === 'change' ? found.body.merge_requests_access_level : found.body.issues_access_level;
  if (access !== undefined && access !== 'enabled' && access !== 'public') return 'private';
  return visibilityOf(found.body.visibility);
}

/** What is kept of an item nobody outside may see: enough to refuse it, nothing to tell. */
function hidden(
  forge: ForgeConfig,
  ref: ItemRef,
  item: GlIssue | GlMergeRequest,
  notPublic: NotPublic,
  etag: string | null,
): IssueSnapshot & { etag: string | null } {
  return withheldSnapshot(
    ref,
    {
      externalId: `${ref.itemKind === 'change' ? 'MergeRequest' : 'Issue'}/${item.id}`,
      url: issueUrl(forge, ref),
      open: item.state === 'opened',
    },
    notPublic,
    etag,
  );
}

function changeOf(forge: ForgeConfig, projectRef: string, mr: GlMergeRequest): ChangeSnapshot {
  const merged = mr.state === 'merged';
  return {
    number: mr.iid,
    title: mr.title,
    url: onForge(forge, mr.web_url, issueUrl(forge, { itemKind: 'change', projectRef, number: mr.iid })),
    author: who(mr.author),
    mergedBy: merged ? who(mr.merge_user ?? mr.merged_by) : null,
    mergedAt: merged ? (mr.merged_at ?? null) : null,
    mergeSha: merged ? (mr.merge_commit_sha ?? mr.squash_commit_sha ?? mr.sha ?? null) : null,
    merged,
  };
}

async function releaseContaining(forge: ForgeConfig, projectRef: string, sha: string): Promise<ReleaseSnapshot | null> {
  const refs = await forgeJson<{ type: string; name: string }[]>(
    `${api(forge)}/projects/${project(projectRef)}/repository/commits/${segment(sha)}/refs?type=tag&per_page=50`,
    { headers: auth(forge) },
  );
  const releases: ReleaseSnapshot[] = [];
  const tags = Array.isArray(refs.body) ? refs.body : [];
  for (const tag of tags.filter((r) => r?.type === 'tag' && typeof r.name === 'string').slice(0, 10)) {
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
        url: onForge(forge, release.body._links?.self, null),
        releasedAt: release.body.released_at ?? null,
      });
    }
  }
  // the first release that shipped the fix
  return releases.sort((a, b) => (a.releasedAt ?? '').localeCompare(b.releasedAt ?? ''))[0] ?? null;
}

/** A hit of the issue list's search; undefined for what may not be suggested (confidential, or no issue). */
function searchHit(forge: ForgeConfig, projectRef: string, issue: GlIssue): SearchHit | undefined {
  const number = positiveInt(issue?.iid);
  // only an issue the answer calls public is kept: a missing flag is not taken for "not confidential"
  if (!number || issue.confidential !== false) return undefined;
  const ref: ItemRef = { itemKind: 'issue', projectRef, number };
  const closed = issue.state === 'closed';
  return {
    ref,
    url: onForge(forge, issue.web_url, issueUrl(forge, ref)),
    title: clip(issue.title, TITLE_CHARS) ?? '',
    state: closed ? 'closed' : 'open',
    // what the list says without asking more: moved or duplicate (a fix shows in the milestone)
    stateReason: !closed
      ? null
      : issue.moved_to_id
        ? 'moved'
        : issue.duplicated_to_id || issue._links?.closed_as_duplicate_of
          ? 'duplicate'
          : null,
    closedAt: closed ? instantOrNull(issue.closed_at) : null,
    milestone: clip(issue.milestone?.title, MILESTONE_CHARS),
    labels: labelList(issue.labels),
  };
}

async function fetchMergeRequest(forge: ForgeConfig, projectRef: string, iid: number) {
  return (
    await forgeJson<GlMergeRequest>(`${api(forge)}/projects/${project(projectRef)}/merge_requests/${segment(iid)}`, {
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
    let projectRef: string | undefined;
    try {
      projectRef = parseProject(decodeURIComponent(match[1] as string));
    } catch {
      return undefined; // a broken %-escape
    }
    const number = positiveInt(Number(match[3]));
    if (!projectRef || !number) return undefined;
    return { itemKind: match[2] === 'merge_requests' ? 'change' : 'issue', projectRef, number };
  },

  parseProject,
  projectVisibility,

  async fetchItem(forge, ref, etag) {
    if (ref.itemKind === 'change') {
      const mr = await fetchMergeRequest(forge, ref.projectRef, ref.number);
      if (!mr) return undefined;
      const visibility = await projectVisibility(forge, ref.projectRef, 'change');
      if (visibility !== 'public') return hidden(forge, ref, mr, visibility ?? 'private', null);
      const change = changeOf(forge, ref.projectRef, mr);
      return {
        externalId: `MergeRequest/${mr.id}`,
        itemKind: 'change',
        projectRef: ref.projectRef,
        number: mr.iid,
        url: onForge(forge, mr.web_url, issueUrl(forge, ref)),
        title: mr.title,
        state: mr.state === 'opened' ? 'open' : 'closed',
        stateReason: mr.state === 'merged' ? 'completed' : mr.state === 'closed' ? 'not_planned' : null,
        labels: labelNames(mr.labels),
        milestone: mr.milestone ? { title: mr.milestone.title, dueDate: mr.milestone.due_date ?? null } : null,
        assignees: (mr.assignees ?? []).flatMap((a) => who(a) ?? []),
        closedAt: mr.merged_at ?? mr.closed_at ?? null,
        change,
        release: change.mergeSha ? await releaseContaining(forge, ref.projectRef, change.mergeSha) : null,
        notPublic: null,
      };
    }
    const result = await forgeJson<GlIssue>(
      `${api(forge)}/projects/${project(ref.projectRef)}/issues/${segment(ref.number)}`,
      { headers: auth(forge), etag },
    );
    if (result.status === 304) return { notModified: true };
    const issue = result.body;
    if (!issue) return undefined;
    // nothing more is asked about an issue customers may not see: it is refused or kept as it was
    if (issue.confidential) return hidden(forge, ref, issue, 'confidential', result.etag);
    const visibility = await projectVisibility(forge, ref.projectRef);
    if (visibility !== 'public') return hidden(forge, ref, issue, visibility ?? 'private', result.etag);
    // the merge requests that close it: a merged one delivered the fix, an open one is under review
    const closers =
      (
        await forgeJson<GlMergeRequest[]>(
          `${api(forge)}/projects/${project(ref.projectRef)}/issues/${segment(ref.number)}/closed_by`,
          { headers: auth(forge) },
        )
      ).body ?? [];
    const list = Array.isArray(closers) ? closers : [];
    const chosen = list.find((m) => m?.state === 'merged') ?? list.find((m) => m?.state === 'opened');
    const full = chosen ? ((await fetchMergeRequest(forge, ref.projectRef, chosen.iid)) ?? chosen) : undefined;
    const change = full ? changeOf(forge, ref.projectRef, full) : null;
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
      url: onForge(forge, issue.web_url, issueUrl(forge, ref)),
      title: issue.title,
      state: issue.state === 'closed' ? 'closed' : 'open',
      stateReason,
      labels: labelNames(issue.labels),
      milestone: issue.milestone ? { title: issue.milestone.title, dueDate: issue.milestone.due_date ?? null } : null,
      assignees: (issue.assignees ?? []).flatMap((a) => who(a) ?? []),
      closedAt: issue.closed_at ?? null,
      change,
      release: change?.mergeSha ? await releaseContaining(forge, ref.projectRef, change.mergeSha) : null,
      notPublic: null,
      etag: result.etag,
    };
    return snapshot;
  },

  async issuesClosedBy(forge, projectRef, changeNumber) {
    const issues =
      (
        await forgeJson<GlIssue[]>(
          `${api(forge)}/projects/${project(projectRef)}/merge_requests/${segment(changeNumber)}/closes_issues`,
          { headers: auth(forge) },
        )
      ).body ?? [];
    return (Array.isArray(issues) ? issues : []).flatMap((i) => positiveInt(i?.iid) ?? []);
  },

  async createIssue(forge, projectRef, title, description) {
    const created = await forgeJson<GlIssue>(`${api(forge)}/projects/${project(projectRef)}/issues`, {
      method: 'POST',
      headers: auth(forge),
      body: { title, description },
    });
    const number = positiveInt(created.body?.iid);
    if (!number) throw new Error(`project ${projectRef} not found`);
    return { itemKind: 'issue', projectRef, number };
  },

  async searchIssues(forge, projectRef, queries, limit) {
    const path = `${api(forge)}/projects/${project(projectRef)}/issues`;
    // GitLab matches every word (a "quoted phrase" as one) in the title or description; the list has
    // no relevance order, so the issues most people gave a thumbs-up come first
    const text = (terms: string[]) => searchText(terms, (term) => /\s/.test(term));
    return mergeSearches(queries, limit, text, async (search, perPage) => {
      const params = new URLSearchParams({
        search,
        in: 'title,description',
        scope: 'all',
        state: 'all',
        confidential: 'false',
        order_by: 'popularity',
        sort: 'desc',
        per_page: String(perPage),
      });
      const found = await forgeJson<GlIssue[]>(`${path}?${params}`, { headers: auth(forge) });
      if (found.status === 404) throw new ForgeHttpError(404, 'status', `project ${projectRef} was not found`);
      return (Array.isArray(found.body) ? found.body : [])
        .slice(0, perPage)
        .flatMap((issue) => searchHit(forge, projectRef, issue) ?? []);
    });
  },

  async writeDemand(forge, ref: ItemRef, demand) {
    const url = `${api(forge)}/projects/${project(ref.projectRef)}/issues/${segment(ref.number)}`;
    const issue = await forgeJson<{ labels?: unknown }>(url, { headers: auth(forge) });
    const current = Array.isArray(issue.body?.labels) ? issue.body.labels.filter((l) => typeof l === 'string') : [];
    const { add, remove } = demandLabels(demand, current, '::');
    if (add.length === 0 && remove.length === 0) return;
    // one request: the new count and the old one's removal land together
    await forgeJson(url, {
      method: 'PUT',
      headers: auth(forge),
      body: { add_labels: add.join(','), ...(remove.length > 0 ? { remove_labels: remove.join(',') } : {}) },
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
    // a verified delivery is still read field by field: only the shapes below become work
    const body = (payload !== null && typeof payload === 'object' ? payload : {}) as {
      object_kind?: unknown;
      project?: { path_with_namespace?: unknown } | null;
      object_attributes?: { iid?: unknown; action?: unknown; state?: unknown } | null;
      tag?: unknown;
    };
    const path = body.project?.path_with_namespace;
    const projectRef = typeof path === 'string' ? parseProject(path) : undefined;
    if (!projectRef) return [{ kind: 'ignored', reason: 'no project in the payload' }];
    const kind = typeof body.object_kind === 'string' ? body.object_kind : undefined;
    const number = positiveInt(body.object_attributes?.iid);
    if ((kind === 'issue' || kind === 'work_item') && number) {
      return [{ kind: 'item', ref: { itemKind: 'issue', projectRef, number } }];
    }
    if (kind === 'merge_request' && number) {
      const signals: WebhookSignal[] = [{ kind: 'item', ref: { itemKind: 'change', projectRef, number } }];
      if (body.object_attributes?.action === 'merge' || body.object_attributes?.state === 'merged') {
        signals.push({ kind: 'change-merged', projectRef, number });
      }
      return signals;
    }
    if (kind === 'release' && typeof body.tag === 'string' && body.tag) {
      return [{ kind: 'release', projectRef, tag: body.tag.slice(0, 255) }];
    }
    return [{ kind: 'ignored', reason: `${event} (${kind ?? 'no kind'}) says nothing about a fix`.slice(0, 200) }];
  },
};
