import type { ErrorSignature } from './error-signature.js';
import { wrapped } from './forge-terms.js';

// A signature as keys that can be compared across tickets with one array index, each with the weight of
// what it says: an exception with its message, a failing request or the frame that raised it names the
// failure ("strong"); a class, a worker or an SQLSTATE alone is shared by many different failures.

export interface SignatureKey {
  key: string;
  weight: number;
  strong: boolean;
}

const MAX_KEY = 300;

export function signatureKeys(signature: ErrorSignature): SignatureKey[] {
  const keys: SignatureKey[] = [];
  const add = (raw: string) => {
    const key = raw.slice(0, MAX_KEY);
    if (!keys.some((k) => k.key === key)) keys.push({ key, weight: keyWeight(key), strong: isStrongKey(key) });
  };
  for (const e of signature.exceptions) {
    add(`exception:${e.errorClass}`);
    if (e.message) add(`failure:${e.errorClass}: ${e.message}`);
    // "ActiveRecord::StatementInvalid: PG::QueryCanceled: …" is the same failure as "PG::QueryCanceled: …"
    const inner = wrapped(e.message);
    if (inner) {
      add(`exception:${inner.errorClass}`);
      if (inner.message) add(`failure:${inner.errorClass}: ${inner.message}`);
    }
    const top = e.frames[0];
    if (top) add(`frame:${e.errorClass} at ${top}`);
  }
  for (const r of signature.requests) add(`request:${r}`);
  for (const j of signature.jobs) add(`job:${j}`);
  for (const c of signature.postgresCodes) add(`sqlstate:${c}`);
  return keys;
}

const WEIGHTS: Record<string, number> = { failure: 3, request: 2.5, frame: 2, job: 1.5, exception: 1, sqlstate: 1 };

export function keyWeight(key: string): number {
  return WEIGHTS[key.slice(0, key.indexOf(':'))] ?? 1;
}

export const isStrongKey = (key: string) => /^(?:failure|request|frame):/.test(key);

/** What a key says, for a reason an agent reads: "PG::QueryCanceled: canceling statement…", "SQLSTATE 57014". */
export function describeKey(key: string): string {
  const at = key.indexOf(':');
  const kind = key.slice(0, at);
  const rest = key.slice(at + 1);
  if (kind === 'sqlstate') return `SQLSTATE ${rest}`;
  if (kind === 'job') return `the ${rest} job`;
  if (kind === 'request') return `requests answered ${rest}`;
  return rest;
}

// words that say nothing about which failure it is: greetings, support talk, and English glue
const STOPWORDS = new Set(
  `about above after again against also always anyone anything around because been before being below between
both cannot could dear does doing done down during each either else every few from further good hello help
here hers herself hi himself into issue itself just know like more most much must need needs none only other
ours ourselves over please problem problems same seems should since some still such team than thank thanks that
their theirs them themselves then there these they this those through under until urgent very want wants were
what when where which while whom with would your yours yourself yourselves today yesterday tomorrow morning
afternoon evening regards best kind ticket support customer customers working works worked work broken error
errors getting happen happens happened again since seeing still hours minutes since following attached
attachment attach screenshot please sorry hope question questions problem thing things keep keeps kept
give gives gave many fail fails failing failed stop stops stopped start starts started reason`.split(/\s+/),
);

/**
 * The words of a text that could tell one failure from another: lower-cased, at least four letters, no
 * numbers or ids, nothing out of an address, URL, path or host name (they are the customer's), no
 * support talk. At most `max`, in the order they come.
 */
export function distinctiveWords(text: string, max = 30): string[] {
  const words: string[] = [];
  const sample = withoutAddresses(text.length > 8192 ? text.slice(0, 8192) : text);
  for (const raw of sample.toLowerCase().split(/[^a-z0-9_]+/)) {
    if (raw.length < 4 || raw.length > 30 || !/^[a-z][a-z_]*$/.test(raw)) continue;
    // no stemming here: full-text search stems them, and a forge is sent the words as written
    if (STOPWORDS.has(raw) || words.includes(raw)) continue;
    words.push(raw);
    if (words.length >= max) break;
  }
  return words;
}

/** addresses, URLs, paths and host names are the customer's own, whatever words they are made of */
function withoutAddresses(text: string): string {
  return text.replace(/\S{0,200}\w[@:/.]\w\S{0,200}/g, ' ');
}

/** "17.4", "v17.4.0", "GitLab 17.4", "%17.4 (release)": the version a milestone or tag names, or undefined. */
export function versionIn(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const m = /(?:^|[^\d.])v?(\d{1,3}\.\d{1,3}(?:\.\d{1,4})?)(?![\d])/.exec(text.slice(0, 200));
  return m?.[1];
}

/** Compares dotted versions by number: 17.10 is newer than 17.9, 17.4 is 17.4.0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
