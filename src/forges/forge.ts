// A forge adapter turns one provider's URLs, REST/GraphQL answers and webhooks into these shapes.
// Foreign shapes stay in forges/<provider>/; everything else speaks this.

export type ForgeKind = 'gitlab' | 'github';

export interface ForgeConfig {
  id: string;
  kind: ForgeKind;
  baseUrl: string;
  token: string;
  webhookSecret: string;
}

/** What a link names: an issue (or a merge/pull request) in a project. */
export interface ItemRef {
  itemKind: 'issue' | 'change';
  projectRef: string;
  number: number;
}

export interface ChangeSnapshot {
  number: number;
  title: string;
  url: string;
  author: string | null;
  mergedBy: string | null;
  mergedAt: string | null;
  mergeSha: string | null;
  merged: boolean;
}

export interface ReleaseSnapshot {
  tag: string;
  name: string | null;
  url: string | null;
  releasedAt: string | null;
}

/** Everything the desk keeps about a linked issue, as of the last time the forge told us. */
export interface IssueSnapshot {
  externalId: string;
  itemKind: 'issue' | 'change';
  projectRef: string;
  number: number;
  url: string;
  title: string;
  state: 'open' | 'closed';
  /** completed, not_planned, duplicate, moved, … (GitHub's state_reason; GitLab moved/duplicate) */
  stateReason: string | null;
  labels: string[];
  milestone: { title: string; dueDate: string | null } | null;
  assignees: string[];
  closedAt: string | null;
  /** the merge/pull request that delivers it: merged, or open and under review */
  change: ChangeSnapshot | null;
  release: ReleaseSnapshot | null;
  /**
   * why nothing about it may reach customers: the issue is confidential, or its project is private or
   * internal (customers could not open it). null for a public issue in a public project.
   */
  notPublic: NotPublic | null;
}

export type NotPublic = 'confidential' | 'private' | 'internal';

/** What is kept of an item nobody outside may see: enough to refuse it, nothing to tell. */
export function withheldSnapshot(
  ref: ItemRef,
  item: { externalId: string; url: string; open: boolean },
  notPublic: NotPublic,
  etag: string | null,
): IssueSnapshot & { etag: string | null } {
  return {
    externalId: item.externalId,
    itemKind: ref.itemKind,
    projectRef: ref.projectRef,
    number: ref.number,
    url: item.url,
    title: '',
    state: item.open ? 'open' : 'closed',
    stateReason: null,
    labels: [],
    milestone: null,
    assignees: [],
    closedAt: null,
    change: null,
    release: null,
    notPublic,
    etag,
  };
}
export type Visibility = 'public' | 'private' | 'internal';

export interface Demand {
  /** open tickets linked to the issue */
  tickets: number;
  /** organizations (or customers without one) that asked to be counted */
  organizations: number;
}

/** An issue a forge's search found. */
export interface SearchHit {
  ref: ItemRef;
  url: string;
  title: string;
  state: 'open' | 'closed';
  /** completed, not_planned, duplicate, … as in IssueSnapshot */
  stateReason: string | null;
  closedAt: string | null;
  /** the milestone's title: where a closed issue says which release has the fix ("17.4") */
  milestone: string | null;
  labels: string[];
}

/** What a verified webhook asks the desk to look at again. */
export type WebhookSignal =
  | { kind: 'item'; ref: ItemRef }
  | { kind: 'change-merged'; projectRef: string; number: number }
  | { kind: 'release'; projectRef: string; tag: string }
  | { kind: 'ignored'; reason: string };

export interface ForgeResponse {
  notModified?: boolean;
  etag?: string | null;
}

export interface ForgeAdapter {
  kind: ForgeKind;
  /** the item a URL on this forge names, or undefined when it is not an issue or change URL */
  parseUrl(forge: Pick<ForgeConfig, 'baseUrl'>, url: URL): ItemRef | undefined;
  /** a project path as this forge spells them (owner/repo, group/sub/project), or undefined */
  parseProject(raw: string): string | undefined;
  /** who may see a project; undefined when the forge says it does not exist */
  projectVisibility(forge: ForgeConfig, projectRef: string): Promise<Visibility | undefined>;
  /** the item as it is now; undefined when the forge says it does not exist */
  fetchItem(
    forge: ForgeConfig,
    ref: ItemRef,
    etag?: string | null,
  ): Promise<(IssueSnapshot & ForgeResponse) | { notModified: true } | undefined>;
  /** the issues a merged change closes */
  issuesClosedBy(forge: ForgeConfig, projectRef: string, changeNumber: number): Promise<number[]>;
  /** opens an issue; returns its ref */
  createIssue(forge: ForgeConfig, projectRef: string, title: string, description: string): Promise<ItemRef>;
  /**
   * The project's issues that match every term of each query (a query is a few terms, strongest first;
   * at most three queries), best match first, without duplicates and without confidential issues.
   * Only the terms leave the desk.
   */
  searchIssues(forge: ForgeConfig, projectRef: string, queries: string[][], limit: number): Promise<SearchHit[]>;
  /**
   * puts the demand on the issue as labels: the count of waiting tickets, and of the organizations that
   * asked to be counted (never who they are)
   */
  writeDemand?(forge: ForgeConfig, ref: ItemRef, demand: Demand): Promise<void>;
  /** constant-time check of the delivery's secret or signature */
  verifyWebhook(headers: Record<string, string | string[] | undefined>, rawBody: Buffer, secret: string): boolean;
  /** the delivery's id, the same on a resend; undefined when the delivery carries none */
  deliveryId(headers: Record<string, string | string[] | undefined>, rawBody: Buffer): string | undefined;
  eventName(headers: Record<string, string | string[] | undefined>): string;
  readWebhook(event: string, payload: unknown): WebhookSignal[];
}

/** What went wrong with a forge call, for the short message the caller gets. */
export type ForgeFailure = 'status' | 'rate-limited' | 'redirect' | 'too-large' | 'not-json' | 'graphql';

/**
 * A forge call that failed. The message never quotes the forge's answer: that text may hold anything
 * (a stack trace, a host, a token it echoed), so it travels separately as `detail`, with secrets cut
 * out, for the debug log only.
 */
export class ForgeHttpError extends Error {
  readonly retryAfterSeconds: number | undefined;
  readonly detail: string | undefined;
  constructor(
    readonly status: number,
    readonly reason: ForgeFailure,
    message: string,
    extra: { retryAfterSeconds?: number; detail?: string } = {},
  ) {
    super(message);
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.detail = extra.detail;
  }
}

/**
 * A URL from a forge's answer, kept only when it is http(s) on the forge itself: a link customers
 * read (in notices, on the portal) must not lead to another site however the forge answers.
 */
export function onForge<T extends string | null>(
  forge: Pick<ForgeConfig, 'baseUrl'>,
  raw: unknown,
  fallback: T,
): string | T {
  if (typeof raw !== 'string') return fallback;
  try {
    const url = new URL(raw);
    const base = new URL(forge.baseUrl);
    return /^https?:$/.test(url.protocol) && url.host.toLowerCase() === base.host.toLowerCase() ? url.href : fallback;
  } catch {
    return fallback;
  }
}

/** A positive whole number from a forge's answer or a webhook, or undefined. */
export function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

export function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
