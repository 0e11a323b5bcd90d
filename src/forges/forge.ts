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
  /** the issue is confidential or private: nothing about it goes to customers */
  confidential: boolean;
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
  /** puts a label and the count of waiting tickets on the issue (never customer data) */
  writeDemand?(forge: ForgeConfig, ref: ItemRef, count: number): Promise<void>;
  /** constant-time check of the delivery's secret or signature */
  verifyWebhook(headers: Record<string, string | string[] | undefined>, rawBody: Buffer, secret: string): boolean;
  deliveryId(headers: Record<string, string | string[] | undefined>, rawBody: Buffer): string;
  eventName(headers: Record<string, string | string[] | undefined>): string;
  readWebhook(event: string, payload: unknown): WebhookSignal[];
}

export class ForgeHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
