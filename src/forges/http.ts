import { ForgeHttpError } from './forge.js';

export interface JsonResult<T> {
  status: number;
  body: T | undefined;
  etag: string | null;
}

/**
 * A forge API call. 404 is an answer (undefined), 304 too (with If-None-Match); 429 and 403 with
 * rate-limit headers become an error carrying when to try again; anything else not 2xx is an error.
 */
export async function forgeJson<T>(
  url: string,
  init: { method?: string; headers: Record<string, string>; body?: unknown; etag?: string | null | undefined },
): Promise<JsonResult<T>> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/json',
      'user-agent': 'Pipefitter',
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.etag ? { 'if-none-match': init.etag } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    signal: AbortSignal.timeout(20_000),
  });
  const etag = response.headers.get('etag');
  if (response.status === 304) return { status: 304, body: undefined, etag };
  if (response.status === 404) return { status: 404, body: undefined, etag: null };
  const limited =
    response.status === 429 || (response.status === 403 && response.headers.get('x-ratelimit-remaining') === '0');
  if (limited) {
    const retryAfter = Number(response.headers.get('retry-after'));
    const reset = Number(response.headers.get('x-ratelimit-reset') ?? response.headers.get('ratelimit-reset'));
    const seconds = retryAfter > 0 ? retryAfter : reset > 0 ? Math.max(1, reset - Math.floor(Date.now() / 1000)) : 60;
    throw new ForgeHttpError(
      response.status,
      `rate limited by ${new URL(url).host}; try again in ${seconds} s`,
      seconds,
    );
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw new ForgeHttpError(
      response.status,
      `${init.method ?? 'GET'} ${new URL(url).pathname} answered ${response.status}: ${text.slice(0, 200)}`,
    );
  }
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as T) : undefined, etag };
}
