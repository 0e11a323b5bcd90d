import { DAY_MS } from '../../platform/clock.js';
import { compareVersions, describeKey, isStrongKey, keyWeight } from './signature-keys.js';

// Ranking is pure: what our own history and the forges' search said about each issue goes in, the order
// an agent reads comes out, each suggestion with the reasons for it. The clock is passed in.

export interface Evidence {
  ticketId: number;
  /** the keys this ticket shares with the one asking */
  sharedKeys: string[];
  /** the stems of the asking ticket's distinctive words that it has too */
  sharedWords: string[];
  /** PostgreSQL's full-text rank of its words for the asking ticket's, 0 to 1 */
  textRank: number;
  /** trigram similarity of the subjects, 0 to 1 */
  subjectSimilarity: number;
  createdAt: Date;
}

export interface ForgeHitSeen {
  forgeName: string;
  /** the terms as sent */
  query: string;
  /** 0 for the strongest query */
  queryIndex: number;
  /** 0 for the forge's best match */
  position: number;
}

export interface Candidate {
  url: string;
  forgeId: string;
  forgeName: string;
  forgeKind: 'gitlab' | 'github';
  project: string;
  number: number;
  title: string;
  state: 'open' | 'closed';
  stateReason: string | null;
  /** the release with the fix: from the release it shipped in, or a closed issue's milestone */
  fixVersion: string | null;
  linkedTickets: number;
  evidence: Evidence[];
  forgeHits: ForgeHitSeen[];
}

export interface Suggestion {
  key: string;
  forgeId: string;
  forgeName: string;
  forgeKind: 'gitlab' | 'github';
  project: string;
  number: number;
  url: string;
  title: string;
  state: 'open' | 'closed';
  fixedIn: string | null;
  linkedTickets: number;
  reasons: string[];
  score: number;
}

const HALF_LIFE_DAYS = 180;
const MIN_SCORE = 0.5;
const NO_FIX = new Set(['not_planned', 'duplicate', 'moved']);

/** The suggestions worth showing, best first: a fix newer than the customer's version, then open issues, then closed. */
export function rankSuggestions(
  candidates: Candidate[],
  context: { customerVersion: string | null; now: Date; limit?: number },
): Suggestion[] {
  const spread = keySpread(candidates);
  const ranked = candidates.map((c) => {
    const history = historyScore(c.evidence, spread, context);
    const forge = Math.max(0, ...c.forgeHits.map((h) => (3 - h.queryIndex) / (1 + h.position)));
    const fixedAfter =
      c.state === 'closed' &&
      !NO_FIX.has(c.stateReason ?? '') &&
      c.fixVersion !== null &&
      context.customerVersion !== null &&
      compareVersions(c.fixVersion, context.customerVersion) > 0;
    const tier = fixedAfter ? 0 : c.state === 'open' ? 1 : NO_FIX.has(c.stateReason ?? '') ? 3 : 2;
    return { c, score: history + forge, tier, fixedAfter };
  });
  return ranked
    .filter((r) => r.score >= MIN_SCORE)
    .sort((a, b) => a.tier - b.tier || b.score - a.score || a.c.url.localeCompare(b.c.url))
    .slice(0, context.limit ?? 10)
    .map(({ c, score, fixedAfter }) => ({
      key: `${c.forgeId}:${c.project}#${c.number}`,
      forgeId: c.forgeId,
      forgeName: c.forgeName,
      forgeKind: c.forgeKind,
      project: c.project,
      number: c.number,
      url: c.url,
      title: c.title,
      state: c.state,
      fixedIn: c.state === 'closed' && !NO_FIX.has(c.stateReason ?? '') ? c.fixVersion : null,
      linkedTickets: c.linkedTickets,
      reasons: reasonsFor(c, fixedAfter, context),
      score: Math.round(score * 100) / 100,
    }));
}

function recency(createdAt: Date, now: Date): number {
  const days = Math.max(0, (now.getTime() - createdAt.getTime()) / DAY_MS);
  return Math.max(0.25, 0.5 ** (days / HALF_LIFE_DAYS));
}

const SIMILAR_SUBJECT = 0.3;

function textScore(e: Evidence): number {
  // one shared word is chance; the full-text rank says how much of the text the shared words are
  const words = e.sharedWords.length >= 2 ? 8 * e.textRank : 0;
  const subject = e.subjectSimilarity >= SIMILAR_SUBJECT ? 3 * e.subjectSimilarity : 0;
  return words + subject;
}

// A class, a worker or an SQLSTATE alone is shared by many failures: however many tickets share only
// those with an issue, together they count less than one ticket with the same failure.
const WEAK_ONLY_CAP = 2;

// A weak key that the evidence of many issues shares (GRPC::Unavailable, a busy worker) tells them apart no
// better than chance: its weight is shared out among the issues that have it, beyond the first few.
const DISTINCTIVE_SPREAD = 3;

/** For each key, how many of the candidate issues have evidence sharing it. */
function keySpread(candidates: Candidate[]): Map<string, number> {
  const spread = new Map<string, number>();
  for (const c of candidates) {
    for (const key of new Set(c.evidence.flatMap((e) => e.sharedKeys))) spread.set(key, (spread.get(key) ?? 0) + 1);
  }
  return spread;
}

function sharedKeyWeight(key: string, spread: Map<string, number>): number {
  if (isStrongKey(key)) return keyWeight(key);
  return keyWeight(key) * Math.min(1, DISTINCTIVE_SPREAD / (spread.get(key) ?? 1));
}

function historyScore(evidence: Evidence[], spread: Map<string, number>, context: { now: Date }): number {
  let weakOnly = 0;
  const scores: number[] = [];
  for (const e of evidence) {
    const keys = Math.min(
      6,
      e.sharedKeys.reduce((sum, k) => sum + sharedKeyWeight(k, spread), 0),
    );
    const score = (keys + textScore(e)) * recency(e.createdAt, context.now);
    if (!e.sharedKeys.some(isStrongKey) && textScore(e) === 0) weakOnly += score;
    else scores.push(score);
  }
  scores.sort((a, b) => b - a);
  // the tenth look-alike ticket adds less than the second: many tickets on one issue should not bury the rest
  const strong = scores.slice(0, 10).reduce((sum, s, i) => sum + s / (1 + i * 0.5), 0);
  return strong + Math.min(WEAK_ONLY_CAP, weakOnly);
}

function reasonsFor(c: Candidate, fixedAfter: boolean, context: { customerVersion: string | null; now: Date }) {
  const reasons: string[] = [];
  if (fixedAfter) reasons.push(`Fixed in ${c.fixVersion}; the customer runs ${context.customerVersion}.`);
  else if (c.state === 'closed' && c.fixVersion && context.customerVersion && !NO_FIX.has(c.stateReason ?? '')) {
    reasons.push(`Fixed in ${c.fixVersion}, which the customer already runs (${context.customerVersion}).`);
  } else if (c.state === 'closed' && NO_FIX.has(c.stateReason ?? '')) {
    reasons.push(`Closed without a fix (${(c.stateReason ?? '').replace('_', ' ')}).`);
  }
  const byKey = new Map<string, Evidence[]>();
  const byWords: Evidence[] = [];
  for (const e of c.evidence) {
    const best = [...e.sharedKeys].sort((a, b) => keyWeight(b) - keyWeight(a))[0];
    if (best) byKey.set(best, [...(byKey.get(best) ?? []), e]);
    else if (textScore(e) > 0) byWords.push(e);
  }
  for (const [key, list] of [...byKey].sort((a, b) => keyWeight(b[0]) - keyWeight(a[0])).slice(0, 2)) {
    reasons.push(
      `${tickets(list.length)} with ${quote(describeKey(key))} ${list.length === 1 ? 'is' : 'are'} linked to it (${latest(list, context.now)}).`,
    );
  }
  if (byWords.length > 0) {
    const words = [...new Set(byWords.flatMap((e) => e.sharedWords))].slice(0, 4);
    const alike = byWords.some((e) => e.subjectSimilarity >= SIMILAR_SUBJECT);
    const what =
      words.length >= 2
        ? `${byWords.length === 1 ? 'says' : 'say'} ${words.map(quote).join(', ')} too`
        : `${byWords.length === 1 ? 'has' : 'have'} a subject like this one`;
    const subjectToo = alike && words.length >= 2 ? ', with a subject like this one' : '';
    reasons.push(`${tickets(byWords.length)} linked to it ${what}${subjectToo} (${latest(byWords, context.now)}).`);
  }
  const hit = [...c.forgeHits].sort((a, b) => a.queryIndex - b.queryIndex || a.position - b.position)[0];
  if (hit) reasons.push(`${hit.forgeName}'s search for ${quote(hit.query)} found it (${ordinal(hit.position + 1)}).`);
  return reasons;
}

const tickets = (n: number) => (n === 1 ? '1 ticket' : `${n} tickets`);
const quote = (text: string) => `“${text.length > 90 ? `${text.slice(0, 89)}…` : text}”`;

function latest(list: Evidence[], now: Date): string {
  const newest = Math.max(...list.map((e) => e.createdAt.getTime()));
  const days = Math.floor((now.getTime() - newest) / DAY_MS);
  const when =
    days <= 0
      ? 'today'
      : days === 1
        ? 'yesterday'
        : days < 60
          ? `${days} days ago`
          : `${Math.round(days / 30)} months ago`;
  return list.length === 1 ? when : `latest ${when}`;
}

function ordinal(n: number): string {
  return n === 1 ? 'best match' : `${n}${n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'} match`;
}
