import { ForgeHttpError } from './forge.js';
import { redactSecrets } from './redact.js';

export interface JsonResult<T> {
  status: number;
  body: T | undefined;
  etag: string | null;
}

/** The largest answer read from a forge; a bigger one is an error, not a reason to run out of memory. */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
/** Of an error answer, only this much is read, for the debug log. */
const ERROR_DETAIL_BYTES = 2048;
const MAX_REDIRECTS = 5;
/** A rate-limit wait is honoured up to an hour: a forge asking for years must not end polling. */
export const MAX_RETRY_AFTER_SECONDS = 3600;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A forge API call. 404 is an answer (undefined), 304 too (with If-None-Match); 429 and 403 with
 * rate-limit headers become an error carrying when to try again; anything else not 2xx is an error.
 * Redirects are followed on the forge's own origin only: fetch would carry PRIVATE-TOKEN (and any
 * header but Authorization) to whatever site a Location names.
 */
export async function forgeJson<T>(
  url: string,
  init: { method?: string; headers: Record<string, string>; body?: unknown; etag?: string | null | undefined },
): Promise<JsonResult<T>> {
  const headers = {
    accept: 'application/json',
    'user-agent': 'Pipefitter',
    ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(init.etag ? { 'if-none-match': init.etag } : {}),
    ...init.headers,
  };
  const secrets = credentialsIn(init.headers);
  const signal = AbortSignal.timeout(20_000);
  const origin = new URL(url).origin;
  let target = new URL(url);
  let method = init.method ?? 'GET';
  let body = init.body !== undefined ? JSON.stringify(init.body) : undefined;
  let response: Response;
  for (let hops = 0; ; hops++) {
    response = await fetch(target, { method, headers, body, redirect: 'manual', signal });
    if (!REDIRECTS.has(response.status)) break;
    await response.body?.cancel();
    const location = response.headers.get('location');
    const next = location ? new URL(location, target) : undefined;
    if (!next || next.origin !== origin || hops >= MAX_REDIRECTS) {
      throw new ForgeHttpError(
        response.status,
        'redirect',
        `${method} ${target.pathname} was redirected ${next && next.origin !== origin ? 'to another site' : 'too often'}`,
        { detail: next ? scrub(next.href, secrets) : undefined },
      );
    }
    target = next;
    // 303 means "see the answer over there": a GET; the others repeat the request as it was
    if (response.status === 303) {
      method = 'GET';
      body = undefined;
    }
  }
  const etag = response.headers.get('etag');
  if (response.status === 304 || response.status === 404) {
    await response.body?.cancel();
    return response.status === 304
      ? { status: 304, body: undefined, etag }
      : { status: 404, body: undefined, etag: null };
  }
  const limited =
    response.status === 429 || (response.status === 403 && response.headers.get('x-ratelimit-remaining') === '0');
  if (limited) {
    await response.body?.cancel();
    const retryAfter = Number(response.headers.get('retry-after'));
    const reset = Number(response.headers.get('x-ratelimit-reset') ?? response.headers.get('ratelimit-reset'));
    const asked = retryAfter > 0 ? retryAfter : reset > 0 ? Math.max(1, reset - Math.floor(Date.now() / 1000)) : 60;
    const seconds = Math.min(Math.ceil(asked), MAX_RETRY_AFTER_SECONDS);
    throw new ForgeHttpError(response.status, 'rate-limited', `rate limited; try again in ${seconds} s`, {
      retryAfterSeconds: seconds,
    });
  }
  if (!response.ok) {
    const text = await readText(response, ERROR_DETAIL_BYTES, { truncate: true }).catch(() => '');
    throw new ForgeHttpError(response.status, 'status', `${method} ${target.pathname} answered ${response.status}`, {
      detail: scrub(text, secrets),
    });
  }
  const text = await readText(response, MAX_RESPONSE_BYTES);
  if (!text) return { status: response.status, body: undefined, etag };
  try {
    return { status: response.status, body: JSON.parse(text) as T, etag };
  } catch {
    // JSON.parse's own message quotes the text: keep it out of the message
    throw new ForgeHttpError(response.status, 'not-json', `${method} ${target.pathname} did not answer JSON`, {
      detail: scrub(text.slice(0, ERROR_DETAIL_BYTES), secrets),
    });
  }
}

/** Reads an answer up to `limit` bytes; past it, stops reading and throws (or, to truncate, returns what it has). */
async function readText(response: Response, limit: number, options: { truncate?: boolean } = {}): Promise<string> {
  const tooLarge = () =>
    new ForgeHttpError(response.status, 'too-large', `the answer is larger than ${limit / 1024 / 1024} MB`);
  if (!options.truncate && Number(response.headers.get('content-length')) > limit) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      if (!options.truncate) throw tooLarge();
      return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

function credentialsIn(headers: Record<string, string>): string[] {
  return Object.entries(headers)
    .filter(([name]) => /^(authorization|private-token)$/i.test(name))
    .map(([, value]) => value.replace(/^Bearer /i, ''))
    .filter((value) => value.length >= 4);
}

/** Text a forge sent, fit for the debug log: the desk's own token and anything secret-shaped cut out. */
export function scrub(text: string, secrets: string[] = []): string {
  let clean = text.slice(0, ERROR_DETAIL_BYTES);
  for (const secret of secrets) clean = clean.split(secret).join('[secret]');
  return redactSecrets(clean);
}
