import type { SearchHit } from './forge.js';

// What both adapters' searchIssues share: how a query's terms become one search text, and how the
// answers of up to three queries become one list. Only the terms leave the desk, so the text is
// built here from them alone, and everything read back is bounded before anyone keeps it.

const MAX_QUERIES = 3;
/** hits asked of the forge per query */
const MAX_PER_PAGE = 20;
/** GitHub refuses a search text (qualifiers aside) longer than this; GitLab gets the same bound */
const MAX_TEXT_CHARS = 256;
const MAX_TERM_CHARS = 100;

/**
 * A query's terms as one search text, in their order (strongest first): quotes and control
 * characters out, each term quoted where `quote` says, the weakest dropped past the length limit.
 */
export function searchText(terms: string[], quote: (term: string) => boolean): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  let length = 0;
  for (const raw of terms) {
    const term = String(raw)
      // quotes, backslashes, control and invisible format characters (a right-to-left override) go
      .replace(/["\\\p{Cc}\p{Cf}]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, MAX_TERM_CHARS)
      .trim();
    if (!term || seen.has(term.toLowerCase())) continue;
    const part = quote(term) ? `"${term}"` : term;
    const next = length + (parts.length > 0 ? 1 : 0) + part.length;
    if (next > MAX_TEXT_CHARS) break;
    seen.add(term.toLowerCase());
    parts.push(part);
    length = next;
  }
  return parts.join(' ');
}

/**
 * Runs each query (at most three) that has a text, one request each, and merges the hits in query
 * order without duplicates, up to `limit`. A failure (a rate limit above all) fails the whole search:
 * the caller says so rather than showing a list that silently lacks the strongest query.
 */
export async function mergeSearches(
  queries: string[][],
  limit: number,
  text: (terms: string[]) => string,
  search: (text: string, perPage: number) => Promise<SearchHit[]>,
): Promise<SearchHit[]> {
  const wanted = Math.min(Math.max(0, Math.floor(limit)), MAX_QUERIES * MAX_PER_PAGE);
  const hits = new Map<number, SearchHit>();
  for (const terms of queries.slice(0, MAX_QUERIES)) {
    if (hits.size >= wanted) break;
    const query = text(Array.isArray(terms) ? terms : []);
    if (!query) continue;
    for (const hit of await search(query, Math.min(wanted, MAX_PER_PAGE))) {
      if (hits.size >= wanted) break;
      if (!hits.has(hit.ref.number)) hits.set(hit.ref.number, hit);
    }
  }
  return [...hits.values()];
}

/** A string from a forge's answer, cut to `max` characters; null when it is not a string. */
export function clip(value: unknown, max: number): string | null {
  return typeof value === 'string' ? value.slice(0, max) : null;
}

/** Label names from a forge's answer: strings or { name }, at most 20, each cut to 100 characters. */
export function labelList(labels: unknown): string[] {
  if (!Array.isArray(labels)) return [];
  return labels
    .map((l) => clip(typeof l === 'string' ? l : (l as { name?: unknown } | null)?.name, 100))
    .filter((l): l is string => Boolean(l))
    .slice(0, 20);
}

/** An instant from a forge's answer, as ISO text; null when it is not one. */
export function instantOrNull(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

export const TITLE_CHARS = 500;
export const MILESTONE_CHARS = 200;
