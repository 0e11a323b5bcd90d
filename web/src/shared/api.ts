// The web app talks only to the public REST API, with the session cookie. Writes carry the
// session's CSRF token, which the app learns from GET /api/v1/auth/session.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'OFFLINE', 'The desk cannot be reached. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(
      response.status,
      'BAD_RESPONSE',
      `The desk answered ${response.status} with something unexpected.`,
    );
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'HTTP_ERROR',
      error?.message ?? `The desk answered ${response.status}.`,
    );
  }
  return json as T;
}

export const get = <T>(url: string) => api<T>('GET', url);

export interface Person {
  id: string;
  email: string;
  name: string | null;
}

export interface Ticket {
  number: number;
  subject: string;
  status: string;
  priority: string;
  requester: Person | null;
  organization: { id: string; name: string } | null;
  assignee: { id?: string; email?: string; name: string } | null;
  tags?: string[];
  channel: string;
  createdAt: string;
  updatedAt: string;
  slaDueAt?: string | null;
  waitingForShiftUntil?: string | null;
  handovers?: number;
}

export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  url: string;
}

export interface Message {
  id: number;
  internal: boolean;
  author: { kind: 'contact' | 'agent' | 'system'; name: string };
  channel: string;
  text: string;
  html: string;
  attachments: Attachment[];
  delivery?: { to: string[]; state: string; error: string | null }[];
  /** agents only: how far the From of a mail that came in could be verified */
  sender?: { verdict: 'pass' | 'fail' | 'none' | null; detail: string | null } | null;
  createdAt: string;
}

export interface IssueLink {
  id: string;
  forge: { kind: string; name: string };
  kind: string;
  project: string;
  number: number;
  url: string;
  title: string;
  state: string;
  status: string;
  milestone: { title: string; dueDate: string | null } | null;
  change: {
    number: number;
    url: string | null;
    author: string | null;
    mergedBy: string | null;
    mergedAt: string | null;
  } | null;
  release: { tag: string; name: string | null; url: string | null; releasedAt: string | null } | null;
  lastHeardAt: string;
}

export interface Session {
  actor: { kind: 'agent' | 'contact'; name: string; role?: string; agentId?: string | null; email?: string };
  csrfToken: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

/** Every message of a ticket, page after page (a long conversation runs past one page). */
export async function allMessages(number: number): Promise<Page<Message>> {
  const items: Message[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await get<Page<Message>>(
      `/api/v1/tickets/${number}/messages?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return { items };
}
