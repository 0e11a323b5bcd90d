import { createHash } from 'node:crypto';
import { fingerprintSync, loadModule, normalizeSync } from '@libpg-query/parser';

// Groups SQL by shape with PostgreSQL's own parser (libpg_query, WASM): the fingerprint ignores constants, $n,
// aliases and comments, and treats `IN ($1)` and `IN ($1,$2,$3)` alike, so it is the group key; normalize() keeps
// the text with constants as $1, $2 and is the label. Text that does not parse (a line cut short, pg_stat_activity
// truncated at track_activity_query_size) gets a pgbadger-style regex key, prefixed `approx:` so exact and
// approximate groups never merge. A slow-query log repeats a few hundred shapes; an LRU keyed by a cheap regex
// normalisation keeps all but the new shapes away from WASM (~35 µs a fingerprint).

// the parser's sync calls need the WASM loaded; ESM top-level await does it once, before any analyser runs
await loadModule();

export interface SqlShape {
  /** 16 hex (libpg_query fingerprint v3) or `approx:<16 hex>` */
  fingerprint: string;
  /** the statement with constants replaced ($1, $2 or ?), Marginalia stripped, at most MAX_QUERY_CHARS */
  query: string;
}

const MAX_QUERY_CHARS = 4_000;
const CACHE_SIZE = 20_000;
// longer keys are hashed so the cache stays a few MB whatever the statements
const MAX_KEY_CHARS = 512;
const HEX16 = /^[0-9a-f]{16}$/;

const cache = new Map<string, SqlShape>();

export function fingerprintSql(text: string): SqlShape {
  const sql = stripMarginalia(text).trim();
  let key = cacheKey(sql);
  if (key.length > MAX_KEY_CHARS) key = `#${sha1(key)}`;
  const hit = cache.get(key);
  if (hit) {
    // refresh: Map iteration order is insertion order, so the first key is the least recently used
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const shape = parse(sql);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, shape);
  return shape;
}

/** for tests and long-lived workers */
export function clearSqlCache(): void {
  cache.clear();
}

export function sqlCacheSize(): number {
  return cache.size;
}

function parse(sql: string): SqlShape {
  if (sql === '') return approx(sql);
  try {
    const fingerprint = fingerprintSync(sql);
    // the binding returns some parser errors as the result string instead of throwing
    if (!HEX16.test(fingerprint)) return approx(sql);
    return { fingerprint, query: cut(normalizeSync(sql)) };
  } catch {
    return approx(sql);
  }
}

function approx(sql: string): SqlShape {
  const query = approxNormalize(sql);
  return { fingerprint: `approx:${sha1(query).slice(0, 16)}`, query: cut(query) };
}

/**
 * Marginalia / Rails query-log tags: `/*application:web,correlation_id:…,endpoint_id:…*\/` before or after the
 * statement. The fingerprint ignores comments anyway; stripping them keeps the label and the cache key clean.
 */
export function stripMarginalia(sql: string): string {
  let s = sql;
  // probes first: most statements have no comment, and the trailing pattern would scan the whole text
  if (/^\s*\/\*/.test(s)) s = s.replace(LEADING_COMMENTS, '');
  const tail = s.lastIndexOf('*/');
  if (tail >= 0 && /^\s*;?\s*$/.test(s.slice(tail + 2))) s = s.replace(TRAILING_COMMENTS, '');
  return s;
}

const LEADING_COMMENTS = /^\s*(?:\/\*[\s\S]*?\*\/\s*)+/;
const TRAILING_COMMENTS = /(?:\s*\/\*[^*]*(?:\*(?!\/)[^*]*)*\*\/)+\s*;?\s*$/;

/**
 * The cache key: constants and parameters → ?, IN-lists and repeated identical VALUES rows collapsed, whitespace
 * squeezed. Case is kept: two texts with one key must have one fingerprint, and quoted identifiers are
 * case-sensitive.
 */
function cacheKey(sql: string): string {
  // one pass for comments, literals, parameters, numbers and whitespace: this runs for every statement
  let key = sql.replace(CACHE_TOKENS, (m) => {
    const c = m.charCodeAt(0);
    if (c === 32 || c === 9 || c === 10 || c === 13) return ' ';
    if (c === 47 || (c === 45 && m.charCodeAt(1) === 45)) return ' ';
    return '?';
  });
  if (key.includes('?')) {
    if (/\bin\s*\(/i.test(key)) key = key.replace(/\b(IN|in|In)\s*\(\s*\?(?:\s*,\s*\?)*\s*\)/g, '$1 (?)');
    if (/values/i.test(key)) key = key.replace(/(VALUES\s*(\([^()]*\)))(?:\s*,\s*\2)+/gi, '$1');
  }
  return key;
}

const CACHE_TOKENS =
  /--[^\n]*|\/\*[\s\S]*?\*\/|[EeBbXxNn]?'(?:[^']|'')*'|\$\d+|(?<![\w$."])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|\s+/g;

/**
 * pgbadger's normalize_query, for text the parser refuses: lowercase outside quoted identifiers, comments
 * dropped, strings and numbers → ?, `= null` → `= ?`, IN-lists → `in (...)` (also a list cut at the end),
 * cursor names → "...", whitespace collapsed.
 */
export function approxNormalize(sql: string): string {
  let s = stripMarginalia(sql)
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, ' ')
    .replace(/\\'/g, '')
    .replace(/'[^']*(?:'|$)/g, '?')
    .replace(/\?(?:\?)+/g, '?');
  // lowercase everything but "quoted identifiers"
  s = s.replace(/"[^"]*"|[^"]+/g, (part) => (part.startsWith('"') ? part : part.toLowerCase()));
  return s
    .replace(/\s+/g, ' ')
    .replace(/^\s*begin\s*;\s*(?=\S)/, '')
    .replace(/=\s*null\b/g, '= ?')
    .replace(/\$\d+/g, '?')
    .replace(/(^|[^a-z_$-])0x[0-9a-f]{1,10}\b/g, '$1?')
    .replace(/(^|[^a-z0-9_$\-."])-?\d+(?:\.\d+)?/g, '$1?')
    .replace(/\bin\s*\([?\s,.]*(?:\)|$)/g, 'in (...)')
    .replace(/\b(declare|in|deallocate|close)\s+"[^"]+"/g, '$1 "..."')
    .trim();
}

function cut(query: string): string {
  return query.length > MAX_QUERY_CHARS ? `${query.slice(0, MAX_QUERY_CHARS)}…` : query;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
