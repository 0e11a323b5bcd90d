import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { SHARED_FIXTURES, sharedFixturesPresent } from './shared-fixtures.js';

// GitLab and GitHub cannot run here, so these simulators serve the documented REST (and GitHub
// GraphQL) contract the desk uses, from state a test drives, and build webhook deliveries. Response
// and payload shapes start from the real published examples in ../shared/fixtures/forges (the
// fields the desk reads are then set); without ../shared, minimal stand-ins with the same fields.

type Json = Record<string, unknown>;

function fixture(file: string, fallback: Json): Json {
  const full = path.join(SHARED_FIXTURES, 'forges', file);
  if (!sharedFixturesPresent || !fs.existsSync(full)) return structuredClone(fallback);
  return JSON.parse(fs.readFileSync(full, 'utf8')) as Json;
}

/** What a simulated forge answers: JSON, or raw text, or an endless stream of a JSON string. */
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** sent as is instead of body */
  text?: string;
  /** sends a JSON string this many bytes long, as fast as the client reads it */
  streamBytes?: number;
}

interface Recorded {
  method: string;
  path: string;
  status: number;
  headers: http.IncomingHttpHeaders;
  /** the request's body as text ('' when it had none) */
  body: string;
  /** bytes of the answer that left before the client stopped reading (streamBytes answers) */
  bytesSent: number;
}

interface Served {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

async function serve(handler: (req: http.IncomingMessage, body: string) => Answer): Promise<Served> {
  const requests: Served['requests'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const out = handler(req, body);
      const recorded: Recorded = {
        method: req.method ?? 'GET',
        path: req.url ?? '',
        status: out.status,
        headers: req.headers,
        body,
        bytesSent: 0,
      };
      requests.push(recorded);
      res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
      if (out.streamBytes) return streamJsonString(res, out.streamBytes, recorded);
      res.end(out.text ?? (out.body === undefined ? '' : JSON.stringify(out.body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// "aaaa…" written with backpressure: what leaves is what the client actually read (plus socket buffers)
function streamJsonString(res: http.ServerResponse, total: number, recorded: Recorded) {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  res.on('error', () => {});
  const pump = () => {
    while (!closed && recorded.bytesSent < total) {
      recorded.bytesSent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!closed) res.end('"');
  };
  res.write('"');
  pump();
}

/** Another site: records every request it gets, headers included, and answers 200 {}. */
export async function startRecorder() {
  return serve(() => ({ status: 200, body: {} }));
}

/** Answers queued by a test for the next requests whose path matches, ahead of the simulated API. */
class Queue {
  private items: { answer: Answer; when: (path: string) => boolean }[] = [];
  push(answer: Answer, when: (path: string) => boolean = () => true) {
    this.items.push({ answer, when });
  }
  take(path: string): Answer | undefined {
    const index = this.items.findIndex((i) => i.when(path));
    return index < 0 ? undefined : this.items.splice(index, 1)[0]?.answer;
  }
}

export type Visibility = 'public' | 'internal' | 'private';

function withEtag(req: http.IncomingMessage, body: unknown): Answer {
  const etag = `W/"${createHash('sha1').update(JSON.stringify(body)).digest('hex')}"`;
  if (req.headers['if-none-match'] === etag) return { status: 304, headers: { etag } };
  return { status: 200, body, headers: { etag } };
}

/** A search as it reached the forge: the words (as sent, quotes and all) and every parameter. */
export interface RecordedSearch {
  path: string;
  project: string;
  /** GitLab: the search parameter; GitHub: q without its qualifiers */
  terms: string;
  params: Record<string, string>;
}

/** Every term (a "quoted phrase" as one) is in the text, whatever the case. */
function containsAll(text: string, terms: string[]) {
  const haystack = text.toLowerCase();
  return terms.every((term) => haystack.includes(term.toLowerCase()));
}

// GitLab ------------------------------------------------------------------------------------------

interface GlIssueState {
  id: number;
  iid: number;
  title: string;
  description: string;
  upvotes: number;
  /** opened through the API with the simulator's token (scope=created_by_me) */
  createdByDesk: boolean;
  state: 'opened' | 'closed';
  milestone: { id: number; title: string; due_date: string | null } | null;
  closedAt: string | null;
  confidential: boolean;
  duplicateOf: number | null;
  labels: string[];
}
interface GlMrState {
  id: number;
  iid: number;
  title: string;
  state: 'opened' | 'merged' | 'closed';
  author: string;
  mergedBy: string | null;
  mergedAt: string | null;
  sha: string | null;
  closes: number[];
}

type AccessLevel = 'enabled' | 'private' | 'disabled';

export class GitLabSimulator {
  readonly token = 'glpat-simulated-token-0123456789';
  constructor(readonly secret = 'gitlab-webhook-secret') {}
  private served!: Served;
  readonly issues = new Map<string, GlIssueState>();
  readonly mrs = new Map<string, GlMrState>();
  readonly tags = new Map<string, { tag: string; sha: string; releasedAt: string }[]>();
  /** projects are public unless a test says otherwise */
  readonly visibility = new Map<string, Visibility>();
  readonly accessLevels = new Map<string, { issues?: AccessLevel; mergeRequests?: AccessLevel }>();
  private readonly queue = new Queue();
  rateLimitNext = 0;
  private rateLimitSearches: number[] = [];
  /** every issue search that reached the simulator, rate-limited ones included */
  readonly searches: RecordedSearch[] = [];
  private nextId = 9000;

  get url() {
    return this.served.url;
  }
  get requests() {
    return this.served.requests;
  }

  async start() {
    this.served = await serve((req, body) => this.handle(req, body));
    return this;
  }
  close() {
    return this.served.close();
  }

  addIssue(
    project: string,
    iid: number,
    title: string,
    options: { confidential?: boolean; description?: string; upvotes?: number } = {},
  ) {
    this.issues.set(`${project}#${iid}`, {
      id: this.nextId++,
      iid,
      title,
      description: options.description ?? '',
      upvotes: options.upvotes ?? 0,
      createdByDesk: false,
      state: 'opened',
      milestone: null,
      closedAt: null,
      confidential: options.confidential ?? false,
      labels: ['bug'],
      duplicateOf: null,
    });
  }
  setMilestone(project: string, iid: number, title: string, dueDate: string | null) {
    const issue = this.issue(project, iid);
    issue.milestone = { id: this.nextId++, title, due_date: dueDate };
  }
  openMergeRequest(project: string, iid: number, title: string, author: string, closes: number[]) {
    this.mrs.set(`${project}!${iid}`, {
      id: this.nextId++,
      iid,
      title,
      state: 'opened',
      author,
      mergedBy: null,
      mergedAt: null,
      sha: null,
      closes,
    });
  }
  merge(project: string, iid: number, mergedBy: string, at: string) {
    const mr = this.mrs.get(`${project}!${iid}`) as GlMrState;
    Object.assign(mr, {
      state: 'merged',
      mergedBy,
      mergedAt: at,
      sha: createHash('sha1').update(`${project}!${iid}`).digest('hex'),
    });
    for (const issueIid of mr.closes) Object.assign(this.issue(project, issueIid), { state: 'closed', closedAt: at });
  }
  closeWithoutFix(project: string, iid: number, at: string, duplicateOf?: number) {
    Object.assign(this.issue(project, iid), { state: 'closed', closedAt: at, duplicateOf: duplicateOf ?? null });
  }
  /** closed as done, in a milestone (the release that has the fix), without a merge request here */
  closeAsFixed(project: string, iid: number, at: string, milestoneTitle: string) {
    this.setMilestone(project, iid, milestoneTitle, null);
    Object.assign(this.issue(project, iid), { state: 'closed', closedAt: at, duplicateOf: null });
  }
  reopen(project: string, iid: number) {
    Object.assign(this.issue(project, iid), { state: 'opened', closedAt: null });
  }
  /**
   * The next issue search (only a search) is answered as GitLab's rate limiter does: 429 with
   * Retry-After and the RateLimit-* headers.
   */
  rateLimitNextSearch(retryAfterSeconds = 60) {
    this.rateLimitSearches.push(retryAfterSeconds);
  }
  setVisibility(project: string, visibility: Visibility) {
    this.visibility.set(project, visibility);
  }
  /** a public project may still keep its issues or merge requests to its members */
  setAccessLevels(project: string, levels: { issues?: AccessLevel; mergeRequests?: AccessLevel }) {
    this.accessLevels.set(project, levels);
  }
  /** the next request whose path matches gets this answer instead of the API's */
  answerNext(answer: Answer, when?: (path: string) => boolean) {
    this.queue.push(answer, when);
  }
  release(project: string, tag: string, shas: string[], releasedAt: string) {
    const list = this.tags.get(project) ?? [];
    for (const sha of shas) list.push({ tag, sha, releasedAt });
    this.tags.set(project, list);
  }
  mergeSha(project: string, iid: number) {
    return (this.mrs.get(`${project}!${iid}`) as GlMrState).sha as string;
  }
  issueUrl(project: string, iid: number, form: 'issues' | 'work_items' = 'issues') {
    return `${this.url}/${project}/-/${form}/${iid}`;
  }

  labelsOf(project: string, iid: number) {
    return [...this.issue(project, iid).labels];
  }

  private issue(project: string, iid: number) {
    const issue = this.issues.get(`${project}#${iid}`);
    if (!issue) throw new Error(`no simulated issue ${project}#${iid}`);
    return issue;
  }

  private issueJson(project: string, issue: GlIssueState): Json {
    const base = fixture('gitlab/rest.issue.get.json', {});
    return {
      ...base,
      id: issue.id,
      iid: issue.iid,
      project_id: 1,
      title: issue.title,
      description: issue.description,
      upvotes: issue.upvotes,
      state: issue.state,
      web_url: this.issueUrl(project, issue.iid),
      labels: issue.labels,
      milestone: issue.milestone ? { ...(base.milestone as Json), ...issue.milestone } : null,
      assignees: [{ name: 'Dev One', username: 'dev1' }],
      closed_at: issue.closedAt,
      confidential: issue.confidential,
      moved_to_id: null,
      duplicated_to_id: issue.duplicateOf,
      _links: {
        ...((base._links as Json) ?? {}),
        closed_as_duplicate_of: issue.duplicateOf ? `${this.url}/api/v4/projects/1/issues/${issue.duplicateOf}` : null,
      },
    };
  }

  private mrJson(project: string, mr: GlMrState): Json {
    const base = fixture('gitlab/rest.merge-request.merged.json', {});
    return {
      ...base,
      id: mr.id,
      iid: mr.iid,
      project_id: 1,
      title: mr.title,
      state: mr.state,
      web_url: `${this.url}/${project}/-/merge_requests/${mr.iid}`,
      author: { name: mr.author, username: mr.author.toLowerCase() },
      merge_user: mr.mergedBy ? { name: mr.mergedBy, username: mr.mergedBy.toLowerCase() } : null,
      merged_by: mr.mergedBy ? { name: mr.mergedBy, username: mr.mergedBy.toLowerCase() } : null,
      merged_at: mr.mergedAt,
      merge_commit_sha: mr.sha,
      squash_commit_sha: null,
      sha: mr.sha,
      milestone: null,
      labels: [],
      assignees: [],
    };
  }

  /** GET /projects/:id/issues with a search: what a search would send is recorded before anything else */
  private recordSearch(req: http.IncomingMessage) {
    const url = new URL(req.url ?? '/', this.url);
    const list = /^\/api\/v4\/projects\/([^/]+)\/issues$/.exec(url.pathname);
    if (req.method !== 'GET' || !list || !url.searchParams.has('search')) return false;
    this.searches.push({
      path: url.pathname,
      project: decodeURIComponent(list[1] as string),
      terms: url.searchParams.get('search') ?? '',
      params: Object.fromEntries(url.searchParams),
    });
    return true;
  }

  // GET /projects/:id/issues as documented: filters, then `search` (every word, or "quoted phrase",
  // in the fields `in` names), ordered and paginated; confidential issues are listed to members
  private listIssues(project: string, params: URLSearchParams): Answer {
    const invalid = (name: string) => ({ status: 400, body: { error: `${name} does not have a valid value` } });
    const state = params.get('state') ?? 'all';
    const scope = params.get('scope') ?? 'all';
    const fields = (params.get('in') ?? 'title,description').split(',');
    const orderBy = params.get('order_by') ?? 'created_at';
    const sort = params.get('sort') ?? 'desc';
    const confidential = params.get('confidential');
    if (!['opened', 'closed', 'all'].includes(state)) return invalid('state');
    if (!['created_by_me', 'assigned_to_me', 'all'].includes(scope)) return invalid('scope');
    if (!fields.every((f) => f === 'title' || f === 'description')) return invalid('in');
    const orders = ['created_at', 'updated_at', 'priority', 'due_date', 'relative_position', 'label_priority'];
    if (![...orders, 'milestone_due', 'popularity', 'weight', 'title'].includes(orderBy)) return invalid('order_by');
    if (!['asc', 'desc'].includes(sort)) return invalid('sort');
    if (confidential !== null && !['true', 'false'].includes(confidential)) return invalid('confidential');
    const perPage = Math.min(Math.max(Number(params.get('per_page') ?? 20) || 20, 1), 100);
    const page = Math.max(Number(params.get('page') ?? 1) || 1, 1);
    // GitLab's split: "quoted phrases" whole, then the other words
    const quoted: string[] = [];
    const rest = (params.get('search') ?? '').replace(/(?<=^| )"[^"]+"(?= |$)/g, (q) => {
      quoted.push(q.slice(1, -1));
      return '';
    });
    const terms = [...rest.split(/\s+/).filter(Boolean), ...quoted];
    const found = [...this.issues.entries()]
      .filter(([key]) => key.startsWith(`${project}#`))
      .map(([, issue]) => issue)
      .filter((i) => state === 'all' || i.state === state)
      .filter((i) => scope === 'all' || (scope === 'created_by_me' && i.createdByDesk))
      .filter((i) => confidential === null || i.confidential === (confidential === 'true'))
      .filter((i) => containsAll(fields.map((f) => (f === 'title' ? i.title : i.description)).join('\n'), terms))
      .sort((a, b) => {
        const by =
          orderBy === 'popularity'
            ? a.upvotes - b.upvotes || a.id - b.id
            : orderBy === 'title'
              ? a.title.localeCompare(b.title)
              : a.id - b.id;
        return sort === 'asc' ? by : -by;
      });
    return {
      status: 200,
      body: found.slice((page - 1) * perPage, page * perPage).map((i) => this.issueJson(project, i)),
      headers: { 'x-total': String(found.length), 'x-page': String(page), 'x-per-page': String(perPage) },
    };
  }

  private handle(req: http.IncomingMessage, body: string): Answer {
    const search = this.recordSearch(req);
    if (req.headers['private-token'] !== this.token) return { status: 401, body: { message: '401 Unauthorized' } };
    const queued = this.queue.take(req.url ?? '/');
    if (queued) return queued;
    const searchLimited = search ? this.rateLimitSearches.shift() : undefined;
    if (searchLimited !== undefined) {
      const reset = Math.floor(Date.now() / 1000) + searchLimited;
      return {
        status: 429,
        text: 'Retry later\n',
        headers: {
          'content-type': 'text/plain',
          'retry-after': String(searchLimited),
          'ratelimit-name': 'search_rate_limit',
          'ratelimit-limit': '30',
          'ratelimit-observed': '31',
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(reset),
          'ratelimit-resettime': new Date(reset * 1000).toUTCString(),
        },
      };
    }
    if (this.rateLimitNext > 0) {
      this.rateLimitNext--;
      return { status: 429, body: { message: 'Retry later' }, headers: { 'retry-after': '30' } };
    }
    const url = new URL(req.url ?? '/', this.url);
    // GET /projects/:id (the project's visibility lives here, not on its issues)
    const projectOnly = /^\/api\/v4\/projects\/([^/]+)$/.exec(url.pathname);
    if (projectOnly) {
      const path = decodeURIComponent(projectOnly[1] as string);
      return withEtag(req, {
        id: 1,
        path_with_namespace: path,
        web_url: `${this.url}/${path}`,
        visibility: this.visibility.get(path) ?? 'public',
        issues_access_level: this.accessLevels.get(path)?.issues ?? 'enabled',
        merge_requests_access_level: this.accessLevels.get(path)?.mergeRequests ?? 'enabled',
      });
    }
    const match = /^\/api\/v4\/projects\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (!match) return { status: 404, body: { message: '404 Not Found' } };
    const project = decodeURIComponent(match[1] as string);
    const rest = match[2] as string;
    let m = [] as unknown as RegExpExecArray;
    const is = (re: RegExp) => {
      const found = re.exec(rest);
      if (found) m = found;
      return found !== null;
    };
    if (req.method === 'POST' && rest === 'issues') {
      const input = JSON.parse(body) as { title: string; description: string };
      const iid = 1 + Math.max(0, ...[...this.issues.values()].map((i) => i.iid));
      this.addIssue(project, iid, input.title, { description: input.description });
      this.issue(project, iid).createdByDesk = true;
      (this as unknown as { created: Json[] }).created ??= [];
      (this as unknown as { created: Json[] }).created.push({ project, iid, ...input });
      return { status: 201, body: this.issueJson(project, this.issue(project, iid)) };
    }
    if (req.method === 'GET' && rest === 'issues') return this.listIssues(project, url.searchParams);
    if (req.method === 'PUT' && is(/^issues\/(\d+)$/)) {
      const input = JSON.parse(body) as { add_labels?: string; remove_labels?: string };
      (this as unknown as { demand: Json[] }).demand ??= [];
      (this as unknown as { demand: Json[] }).demand.push({ iid: Number(m[1]), ...input });
      // GitLab's comma-separated add_labels and remove_labels, applied together
      const issue = this.issue(project, Number(m[1]));
      const split = (list?: string) => (list ? list.split(',').filter(Boolean) : []);
      const removed = new Set(split(input.remove_labels));
      issue.labels = [...new Set([...issue.labels.filter((l) => !removed.has(l)), ...split(input.add_labels)])];
      return { status: 200, body: this.issueJson(project, this.issue(project, Number(m[1]))) };
    }
    if (is(/^issues\/(\d+)$/)) {
      const issue = this.issues.get(`${project}#${m[1]}`);
      return issue
        ? withEtag(req, this.issueJson(project, issue))
        : { status: 404, body: { message: '404 Issue Not Found' } };
    }
    if (is(/^issues\/(\d+)\/closed_by$/)) {
      const iid = Number(m[1]);
      return {
        status: 200,
        body: [...this.mrs.values()].filter((mr) => mr.closes.includes(iid)).map((mr) => this.mrJson(project, mr)),
      };
    }
    if (is(/^merge_requests\/(\d+)$/)) {
      const mr = this.mrs.get(`${project}!${m[1]}`);
      return mr ? { status: 200, body: this.mrJson(project, mr) } : { status: 404, body: { message: '404 Not found' } };
    }
    if (is(/^merge_requests\/(\d+)\/closes_issues$/)) {
      const mr = this.mrs.get(`${project}!${m[1]}`);
      return { status: 200, body: (mr?.closes ?? []).map((iid) => this.issueJson(project, this.issue(project, iid))) };
    }
    if (is(/^repository\/commits\/([0-9a-f]+)\/refs$/)) {
      const sha = m[1];
      return {
        status: 200,
        body: (this.tags.get(project) ?? []).filter((t) => t.sha === sha).map((t) => ({ type: 'tag', name: t.tag })),
      };
    }
    if (is(/^releases\/(.+)$/)) {
      const tag = decodeURIComponent(m[1] as string);
      const found = (this.tags.get(project) ?? []).find((t) => t.tag === tag);
      const base = fixture('gitlab/rest.release.get.json', {});
      return found
        ? {
            status: 200,
            body: {
              ...base,
              tag_name: tag,
              name: `Release ${tag}`,
              released_at: found.releasedAt,
              _links: { self: `${this.url}/${project}/-/releases/${tag}` },
            },
          }
        : { status: 404, body: { message: '404 Not Found' } };
    }
    return { status: 404, body: { message: '404 Not Found' } };
  }

  // webhooks: real published payloads with the ids our simulated project uses
  issueHook(project: string, iid: number, action: string): Json {
    const payload = fixture('gitlab/issue-hook.update-milestone.json', {
      object_kind: 'issue',
      project: {},
      object_attributes: {},
    });
    const issue = this.issue(project, iid);
    payload.object_kind = 'issue';
    payload.project = { ...(payload.project as Json), path_with_namespace: project };
    payload.object_attributes = {
      ...(payload.object_attributes as Json),
      iid,
      id: issue.id,
      action,
      milestone_id: issue.milestone?.id ?? null,
    };
    return payload;
  }
  mergeHook(project: string, iid: number): Json {
    const payload = fixture('gitlab/merge-request-hook.merge.json', {
      object_kind: 'merge_request',
      project: {},
      object_attributes: {},
    });
    payload.object_kind = 'merge_request';
    payload.project = { ...(payload.project as Json), path_with_namespace: project };
    payload.object_attributes = { ...(payload.object_attributes as Json), iid, action: 'merge', state: 'merged' };
    return payload;
  }
  releaseHook(project: string, tag: string): Json {
    const payload = fixture('gitlab/release-hook.create.json', { object_kind: 'release', project: {} });
    payload.object_kind = 'release';
    payload.project = { ...(payload.project as Json), path_with_namespace: project };
    payload.tag = tag;
    return payload;
  }
  headers(event: string, payload: Json, options: { secret?: string; id?: string } = {}) {
    return {
      'content-type': 'application/json',
      'x-gitlab-event': event,
      'x-gitlab-token': options.secret ?? this.secret,
      'idempotency-key':
        options.id ??
        createHash('sha1')
          .update(JSON.stringify(payload) + Math.random())
          .digest('hex'),
      'x-gitlab-instance': this.url,
    };
  }
}

// GitHub ------------------------------------------------------------------------------------------

interface GhIssueState {
  nodeId: string;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason: string | null;
  milestone: { title: string; due_on: string | null } | null;
  closedAt: string | null;
  labels: string[];
}
interface GhPullState {
  number: number;
  title: string;
  author: string;
  merged: boolean;
  mergedBy: string | null;
  mergedAt: string | null;
  sha: string | null;
  closes: number[];
  state: 'open' | 'closed';
}

export class GitHubSimulator {
  readonly token = 'ghp_simulatedTokenSimulatedToken0123456';
  readonly secret = 'github-webhook-secret';
  private served!: Served;
  readonly issues = new Map<string, GhIssueState>();
  readonly pulls = new Map<string, GhPullState>();
  readonly releases = new Map<string, { tag: string; publishedAt: string; shas: string[] }[]>();
  /** repositories are public unless a test says otherwise */
  readonly visibility = new Map<string, Visibility>();
  private readonly queue = new Queue();
  private rateLimitSearches: { status: 403 | 429; resetInSeconds: number }[] = [];
  /** every issue search that reached the simulator, rate-limited ones included */
  readonly searches: RecordedSearch[] = [];

  get url() {
    return this.served.url;
  }
  get requests() {
    return this.served.requests;
  }
  async start() {
    this.served = await serve((req, body) => this.handle(req, body));
    return this;
  }
  close() {
    return this.served.close();
  }

  addIssue(repo: string, number: number, title: string, options: { description?: string } = {}) {
    this.issues.set(`${repo}#${number}`, {
      nodeId: `I_${repo}_${number}`,
      number,
      title,
      body: options.description ?? '',
      state: 'open',
      stateReason: null,
      milestone: null,
      closedAt: null,
      labels: ['bug'],
    });
  }
  labelsOf(repo: string, number: number) {
    return [...((this.issues.get(`${repo}#${number}`) as GhIssueState).labels ?? [])];
  }
  setMilestone(repo: string, number: number, title: string, dueOn: string | null) {
    (this.issues.get(`${repo}#${number}`) as GhIssueState).milestone = { title, due_on: dueOn };
  }
  openPull(repo: string, number: number, title: string, author: string, closes: number[]) {
    this.pulls.set(`${repo}#${number}`, {
      number,
      title,
      author,
      merged: false,
      mergedBy: null,
      mergedAt: null,
      sha: null,
      closes,
      state: 'open',
    });
  }
  merge(repo: string, number: number, mergedBy: string, at: string) {
    const pr = this.pulls.get(`${repo}#${number}`) as GhPullState;
    Object.assign(pr, {
      merged: true,
      mergedBy,
      mergedAt: at,
      state: 'closed',
      sha: createHash('sha1').update(`${repo}#${number}`).digest('hex'),
    });
    for (const n of pr.closes)
      Object.assign(this.issues.get(`${repo}#${n}`) as GhIssueState, {
        state: 'closed',
        stateReason: 'completed',
        closedAt: at,
      });
  }
  /** closed as completed, in a milestone (the release that has the fix), without a pull request here */
  closeAsFixed(repo: string, number: number, at: string, milestoneTitle: string) {
    this.setMilestone(repo, number, milestoneTitle, null);
    Object.assign(this.issues.get(`${repo}#${number}`) as GhIssueState, {
      state: 'closed',
      stateReason: 'completed',
      closedAt: at,
    });
  }
  closeWithoutFix(repo: string, number: number, at: string, reason: 'not_planned' | 'duplicate' = 'not_planned') {
    Object.assign(this.issues.get(`${repo}#${number}`) as GhIssueState, {
      state: 'closed',
      stateReason: reason,
      closedAt: at,
    });
  }
  /**
   * The next issue search (only a search) is answered as GitHub does when the search rate limit
   * (30 a minute) is used up: 403 (or 429) with x-ratelimit-remaining: 0 and the reset time.
   */
  rateLimitNextSearch(options: { status?: 403 | 429; resetInSeconds?: number } = {}) {
    this.rateLimitSearches.push({ status: options.status ?? 403, resetInSeconds: options.resetInSeconds ?? 60 });
  }
  release(repo: string, tag: string, shas: string[], publishedAt: string) {
    const list = this.releases.get(repo) ?? [];
    list.push({ tag, publishedAt, shas });
    this.releases.set(repo, list);
  }
  mergeSha(repo: string, number: number) {
    return (this.pulls.get(`${repo}#${number}`) as GhPullState).sha as string;
  }
  setVisibility(repo: string, visibility: Visibility) {
    this.visibility.set(repo, visibility);
  }
  /** the next request whose path matches gets this answer instead of the API's */
  answerNext(answer: Answer, when?: (path: string) => boolean) {
    this.queue.push(answer, when);
  }
  private repoJson(repo: string): Json {
    const visibility = this.visibility.get(repo) ?? 'public';
    // GitHub reports internal repositories as private: true too
    return { full_name: repo, private: visibility !== 'public', visibility };
  }
  issueUrl(repo: string, number: number) {
    return `${this.url}/${repo}/issues/${number}`;
  }

  private issueJson(repo: string, issue: GhIssueState): Json {
    const base = fixture('github/rest.issue.get.json', {});
    return {
      ...base,
      node_id: issue.nodeId,
      number: issue.number,
      title: issue.title,
      state: issue.state,
      state_reason: issue.stateReason,
      html_url: this.issueUrl(repo, issue.number),
      labels: issue.labels.map((name) => ({ name })),
      milestone: issue.milestone ? { ...((base.milestone as Json) ?? {}), ...issue.milestone } : null,
      assignees: [{ login: 'octocat' }],
      closed_at: issue.closedAt,
      pull_request: undefined,
    };
  }

  private pullNode(repo: string, pr: GhPullState) {
    return {
      number: pr.number,
      title: pr.title,
      url: `${this.url}/${repo}/pull/${pr.number}`,
      state: pr.merged ? 'MERGED' : pr.state === 'open' ? 'OPEN' : 'CLOSED',
      merged: pr.merged,
      mergedAt: pr.mergedAt,
      author: { login: pr.author },
      mergedBy: pr.mergedBy ? { login: pr.mergedBy } : null,
      mergeCommit: pr.sha ? { oid: pr.sha } : null,
    };
  }

  /** GET /search/issues: what a search would send is recorded before anything else */
  private recordSearch(req: http.IncomingMessage) {
    const url = new URL(req.url ?? '/', this.url);
    if (req.method !== 'GET' || url.pathname !== '/api/v3/search/issues') return false;
    const { text, qualifiers } = parseSearch(url.searchParams.get('q') ?? '');
    this.searches.push({
      path: url.pathname,
      project: qualifiers.find((q) => q.key === 'repo')?.value ?? '',
      terms: text.join(' '),
      params: Object.fromEntries(url.searchParams),
    });
    return true;
  }

  // GET /search/issues as documented: q is words, "quoted phrases" and qualifiers; every word must
  // match (title, body; comments are not simulated); at most 256 characters of text; best match first
  private searchIssues(params: URLSearchParams): Answer {
    const { text, qualifiers, operators } = parseSearch(params.get('q') ?? '');
    const invalid = (message: string) => ({
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [{ message, resource: 'Search', field: 'q', code: 'invalid' }],
        documentation_url: 'https://docs.github.com/v3/search/',
      },
    });
    if (text.join(' ').length > 256) return invalid('The search is longer than 256 characters.');
    if (operators > 5) return invalid('The search contains more than 5 AND / OR / NOT operators.');
    const terms = text.map((t) => (t.startsWith('"') ? t.slice(1, -1) : t));
    const has = (key: string, value: string) =>
      qualifiers.some((q) => q.key === key && q.value.toLowerCase() === value && !q.negated);
    const repos = qualifiers.filter((q) => q.key === 'repo').map((q) => q.value.toLowerCase());
    const wantsIssues = has('is', 'issue') || has('type', 'issue');
    const wantsPulls = has('is', 'pr') || has('is', 'pull-request') || has('type', 'pr');
    const state =
      has('is', 'open') || has('state', 'open')
        ? 'open'
        : has('is', 'closed') || has('state', 'closed')
          ? 'closed'
          : null;
    const scopes = qualifiers
      .find((q) => q.key === 'in')
      ?.value.toLowerCase()
      .split(',') ?? ['title', 'body', 'comments'];
    const inRepo = (key: string) =>
      repos.length === 0 || repos.includes(key.slice(0, key.lastIndexOf('#')).toLowerCase());
    const matches = (title: string, body: string, itemState: string) =>
      (state === null || itemState === state) &&
      containsAll([scopes.includes('title') ? title : '', scopes.includes('body') ? body : ''].join('\n'), terms);
    const inTitle = (title: string) => terms.filter((t) => title.toLowerCase().includes(t.toLowerCase())).length;
    const found: { score: number; number: number; json: Json }[] = [];
    if (!wantsPulls || wantsIssues) {
      for (const [key, issue] of this.issues) {
        if (!inRepo(key) || !matches(issue.title, issue.body, issue.state)) continue;
        const repo = key.slice(0, key.lastIndexOf('#'));
        found.push({ score: inTitle(issue.title), number: issue.number, json: this.searchItem(repo, issue) });
      }
    }
    if (!wantsIssues || wantsPulls) {
      for (const [key, pr] of this.pulls) {
        if (!inRepo(key) || !matches(pr.title, '', pr.state)) continue;
        const repo = key.slice(0, key.lastIndexOf('#'));
        found.push({ score: inTitle(pr.title), number: pr.number, json: this.pullSearchItem(repo, pr) });
      }
    }
    // "best match": more words in the title first, then the newer
    found.sort((a, b) => b.score - a.score || b.number - a.number);
    const perPage = Math.min(Math.max(Number(params.get('per_page') ?? 30) || 30, 1), 100);
    const page = Math.max(Number(params.get('page') ?? 1) || 1, 1);
    return {
      status: 200,
      body: {
        total_count: found.length,
        incomplete_results: false,
        items: found.slice((page - 1) * perPage, page * perPage).map((f) => ({ ...f.json, score: 1 + f.score })),
      },
    };
  }

  private searchItem(repo: string, issue: GhIssueState): Json {
    return {
      ...this.issueJson(repo, issue),
      body: issue.body,
      repository_url: `${this.url}/api/v3/repos/${repo}`,
    };
  }

  private pullSearchItem(repo: string, pr: GhPullState): Json {
    const base = fixture('github/rest.issue.get.json', {});
    return {
      ...base,
      node_id: `PR_${pr.number}`,
      number: pr.number,
      title: pr.title,
      body: '',
      state: pr.state,
      state_reason: null,
      html_url: `${this.url}/${repo}/pull/${pr.number}`,
      repository_url: `${this.url}/api/v3/repos/${repo}`,
      labels: [],
      milestone: null,
      assignees: [],
      closed_at: pr.mergedAt,
      pull_request: {
        url: `${this.url}/api/v3/repos/${repo}/pulls/${pr.number}`,
        html_url: `${this.url}/${repo}/pull/${pr.number}`,
        merged_at: pr.mergedAt,
      },
    };
  }

  private handle(req: http.IncomingMessage, body: string): Answer {
    const search = this.recordSearch(req);
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return { status: 401, body: { message: 'Bad credentials' } };
    const queued = this.queue.take(req.url ?? '/');
    if (queued) return queued;
    const limited = search ? this.rateLimitSearches.shift() : undefined;
    if (limited) {
      const reset = Math.floor(Date.now() / 1000) + limited.resetInSeconds;
      return {
        status: limited.status,
        body: {
          message: 'API rate limit exceeded for user ID 1.',
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        },
        headers: {
          'x-ratelimit-limit': '30',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': '30',
          'x-ratelimit-reset': String(reset),
          'x-ratelimit-resource': 'search',
        },
      };
    }
    const url = new URL(req.url ?? '/', this.url);
    if (url.pathname === '/api/v3/search/issues') return this.searchIssues(url.searchParams);
    if (url.pathname === '/api/graphql') {
      const { query, variables } = JSON.parse(body) as {
        query: string;
        variables: { owner: string; repo: string; number: number };
      };
      const repo = `${variables.owner}/${variables.repo}`;
      if (query.includes('closedByPullRequestsReferences')) {
        const nodes = [...this.pulls.entries()]
          .filter(([k, pr]) => k.startsWith(`${repo}#`) && pr.closes.includes(variables.number))
          .map(([, pr]) => this.pullNode(repo, pr));
        const shape = fixture('github/graphql.issue-closed-by-pr.response.json', {});
        const visibility = this.visibility.get(repo) ?? 'public';
        return {
          status: 200,
          body: {
            ...shape,
            data: {
              repository: {
                isPrivate: visibility !== 'public',
                visibility: visibility.toUpperCase(),
                issue: { closedByPullRequestsReferences: { totalCount: nodes.length, nodes } },
              },
            },
          },
        };
      }
      if (query.includes('closingIssuesReferences')) {
        const pr = this.pulls.get(`${repo}#${variables.number}`);
        return {
          status: 200,
          body: {
            data: {
              repository: {
                pullRequest: pr
                  ? { closingIssuesReferences: { nodes: pr.closes.map((number) => ({ number })) } }
                  : null,
              },
            },
          },
        };
      }
      return { status: 200, body: { errors: [{ message: 'unknown query' }] } };
    }
    const repoOnly = /^\/api\/v3\/repos\/([^/]+\/[^/]+)$/.exec(url.pathname);
    if (repoOnly) return withEtag(req, this.repoJson(repoOnly[1] as string));
    const match = /^\/api\/v3\/repos\/([^/]+\/[^/]+)\/(.+)$/.exec(url.pathname);
    if (!match) return { status: 404, body: { message: 'Not Found' } };
    const repo = match[1] as string;
    const rest = match[2] as string;
    let m = [] as unknown as RegExpExecArray;
    const is = (re: RegExp) => {
      const found = re.exec(rest);
      if (found) m = found;
      return found !== null;
    };
    if (req.method === 'POST' && rest === 'issues') {
      const input = JSON.parse(body) as { title: string };
      const number =
        1 +
        Math.max(
          0,
          ...[...this.issues.values()].map((i) => i.number),
          ...[...this.pulls.values()].map((p) => p.number),
        );
      this.addIssue(repo, number, input.title);
      return { status: 201, body: this.issueJson(repo, this.issues.get(`${repo}#${number}`) as GhIssueState) };
    }
    if (is(/^issues\/(\d+)\/labels(?:\/([^/]+))?$/)) {
      // GET lists, POST adds ({ labels: [...] }), DELETE …/labels/{name} removes one (404 if it is not there)
      const issue = this.issues.get(`${repo}#${m[1]}`);
      if (!issue) return { status: 404, body: { message: 'Not Found' } };
      const name = m[2] ? decodeURIComponent(m[2]) : undefined;
      if (req.method === 'POST' && !name) {
        issue.labels = [...new Set([...issue.labels, ...(JSON.parse(body) as { labels: string[] }).labels])];
      } else if (req.method === 'DELETE' && name) {
        if (!issue.labels.includes(name)) return { status: 404, body: { message: 'Label does not exist' } };
        issue.labels = issue.labels.filter((l) => l !== name);
      } else if (req.method !== 'GET' || name) {
        return { status: 404, body: { message: 'Not Found' } };
      }
      return { status: 200, body: issue.labels.map((l) => ({ name: l })) };
    }
    if (is(/^issues\/(\d+)$/)) {
      const issue = this.issues.get(`${repo}#${m[1]}`);
      return issue ? withEtag(req, this.issueJson(repo, issue)) : { status: 404, body: { message: 'Not Found' } };
    }
    if (is(/^pulls\/(\d+)$/)) {
      const pr = this.pulls.get(`${repo}#${m[1]}`);
      if (!pr) return { status: 404, body: { message: 'Not Found' } };
      const base = fixture('github/rest.pull.get.merged.json', {});
      return {
        status: 200,
        body: {
          ...base,
          node_id: `PR_${pr.number}`,
          number: pr.number,
          title: pr.title,
          state: pr.state,
          html_url: `${this.url}/${repo}/pull/${pr.number}`,
          merged: pr.merged,
          merged_at: pr.mergedAt,
          merged_by: pr.mergedBy ? { login: pr.mergedBy } : null,
          user: { login: pr.author },
          merge_commit_sha: pr.sha,
          labels: [],
          milestone: null,
          assignees: [],
          base: { ...(base.base as Json), repo: { ...((base.base as Json)?.repo as Json), ...this.repoJson(repo) } },
        },
      };
    }
    if (rest === 'releases') {
      return {
        status: 200,
        body: (this.releases.get(repo) ?? []).map((r) => ({
          tag_name: r.tag,
          name: r.tag,
          html_url: `${this.url}/${repo}/releases/tag/${r.tag}`,
          published_at: r.publishedAt,
          draft: false,
        })),
      };
    }
    if (is(/^compare\/([0-9a-f]+)\.\.\.(.+)$/)) {
      const release = (this.releases.get(repo) ?? []).find((r) => r.tag === decodeURIComponent(m?.[2] as string));
      return { status: 200, body: { status: release?.shas.includes(m[1] as string) ? 'ahead' : 'behind' } };
    }
    return { status: 404, body: { message: 'Not Found' } };
  }

  issuesHook(repo: string, number: number, action: string): Json {
    const payload = fixture(action === 'closed' ? 'github/issues.closed.json' : 'github/issues.milestoned.json', {
      issue: {},
      repository: {},
    });
    payload.action = action;
    payload.issue = { ...(payload.issue as Json), number, pull_request: undefined };
    payload.repository = { ...(payload.repository as Json), full_name: repo };
    return payload;
  }
  pullMergedHook(repo: string, number: number): Json {
    const payload = fixture('github/pull_request.closed.merged.json', { pull_request: {}, repository: {} });
    payload.action = 'closed';
    payload.pull_request = { ...(payload.pull_request as Json), number, merged: true };
    payload.repository = { ...(payload.repository as Json), full_name: repo };
    return payload;
  }
  releaseHook(repo: string, tag: string): Json {
    const payload = fixture('github/release.published.json', { release: {}, repository: {} });
    payload.action = 'published';
    payload.release = { ...(payload.release as Json), tag_name: tag };
    payload.repository = { ...(payload.repository as Json), full_name: repo };
    return payload;
  }
  headers(event: string, body: string, options: { secret?: string; id?: string } = {}) {
    return {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery':
        options.id ??
        createHash('sha1')
          .update(body + Math.random())
          .digest('hex'),
      'x-hub-signature-256': `sha256=${createHmac('sha256', options.secret ?? this.secret)
        .update(body)
        .digest('hex')}`,
    };
  }
}

/**
 * GitHub's search syntax, as far as the simulator needs it: "quoted phrases" and words are text;
 * key:value (known keys, not quoted, maybe negated with -) are qualifiers; bare AND, OR, NOT are
 * operators (counted, not applied).
 */
function parseSearch(q: string) {
  const text: string[] = [];
  const qualifiers: { key: string; value: string; negated: boolean }[] = [];
  let operators = 0;
  for (const token of q.match(/"[^"]*"|\S+/g) ?? []) {
    const qualifier = /^(-?)(repo|is|in|state|type|label|milestone|author|user|org):(.+)$/i.exec(token);
    if (qualifier) {
      qualifiers.push({
        key: (qualifier[2] as string).toLowerCase(),
        value: (qualifier[3] as string).replace(/^"|"$/g, ''),
        negated: qualifier[1] === '-',
      });
    } else if (token === 'AND' || token === 'OR' || token === 'NOT') {
      operators++;
    } else {
      text.push(token);
    }
  }
  return { text, qualifiers, operators };
}

/** What connecting a forge needs of a test desk: its admin token and a request with it. */
interface DeskForAdmin {
  adminToken: string;
  as(
    token: string,
    options: { method: 'POST'; url: string; payload: object },
  ): Promise<{ statusCode: number; body: string; json(): unknown }>;
}

/**
 * Connects a simulator as an admin does (POST /api/v1/forges), and returns the forge as the desk
 * answered; anything but 201 fails the test with the desk's answer.
 */
export async function connectForge(
  desk: DeskForAdmin,
  simulator: GitLabSimulator | GitHubSimulator,
  options: { name?: string; writeBack?: boolean; searchProjects?: string[] } = {},
): Promise<{ id: string; name: string; searchProjects: string[] }> {
  const res = await desk.as(desk.adminToken, {
    method: 'POST',
    url: '/api/v1/forges',
    payload: {
      kind: simulator instanceof GitLabSimulator ? 'gitlab' : 'github',
      baseUrl: simulator.url,
      token: simulator.token,
      webhookSecret: simulator.secret,
      ...options,
    },
  });
  if (res.statusCode !== 201) throw new Error(`connecting the forge answered ${res.statusCode}: ${res.body}`);
  return res.json() as { id: string; name: string; searchProjects: string[] };
}
