import type { Deps } from '../../deps.js';
import { HOUR_MS } from '../../platform/clock.js';
import { ADAPTERS } from '../adapters.js';
import { ForgeHttpError, type SearchHit } from '../forge.js';
import { listForgeRows } from '../forge-store.js';
import { forgeConfig } from '../forges.js';
import { findCachedSearch, findSearchPause, pauseSearch, saveSearch } from './suggest-store.js';

// Asking the forges: each configured project's issue search, once per query, only when the agent asks
// (after seeing the terms). Answers are kept for six hours (the same failure reported by twenty
// customers is one call), and a forge that said "too many requests" is left alone until it said to come
// back, its kept answers still used. What has not come in 6 seconds is left out, and a note says so.

const FRESH_MS = 6 * HOUR_MS;
const STALE_MS = 24 * HOUR_MS;
const WAIT_MS = 6_000;
const PER_QUERY = 10;
const MAX_PROJECTS = 5;

export interface FoundHit {
  forgeId: string;
  forgeName: string;
  forgeKind: 'gitlab' | 'github';
  project: string;
  hit: SearchHit;
  query: string;
  queryIndex: number;
  position: number;
}

export interface SearchOutcome {
  hits: FoundHit[];
  /** what left the desk for these answers (now, or earlier for the answers kept) */
  sent: { forgeName: string; project: string; query: string }[];
  /** what a search would send: shown to the agent before they ask for it */
  planned: { forgeName: string; project: string; query: string }[];
  notes: string[];
}

/**
 * The forges' answers for these queries. With `send` false nothing leaves the desk: only answers kept
 * from an earlier search the agent asked for are used. With `send` true the queries not answered
 * already are sent, all at once, each waited for at most 6 seconds.
 */
export async function searchForges(
  deps: Deps,
  queries: string[][],
  options: { send: boolean },
): Promise<SearchOutcome> {
  const outcome: SearchOutcome = { hits: [], sent: [], planned: [], notes: [] };
  const forges = await listForgeRows(deps.db);
  const rows = forges.filter((r) => r.searchProjects.length > 0);
  // say why the forges add nothing, and where that is changed
  if (forges.length === 0) {
    outcome.notes.push(
      'No forge is connected: an admin connects GitLab or GitHub on the Forges and demand page. Until then, suggestions come from the tickets already linked here.',
    );
  } else if (rows.length === 0) {
    outcome.notes.push(
      'No forge has projects to search: an admin lists the public projects on the Forges and demand page.',
    );
  }
  if (queries.length === 0) return outcome;
  const now = deps.clock.now();
  await Promise.all(
    rows.map(async (row) => {
      const forge = forgeConfig(deps, row);
      const pausedUntil = await findSearchPause(deps.db, row.id);
      let paused = pausedUntil !== undefined && pausedUntil > now;
      if (paused && pausedUntil && options.send) {
        outcome.notes.push(
          `${row.name}'s search asked us to wait until ${pausedUntil.toISOString().slice(11, 16)} UTC (rate limit): its answers from earlier are used.`,
        );
      }
      const asks = row.searchProjects
        .slice(0, MAX_PROJECTS)
        .flatMap((project) =>
          queries.map((terms, queryIndex) => ({ project, terms, queryIndex, query: terms.join(' ') })),
        );
      for (const ask of asks) outcome.planned.push({ forgeName: row.name, project: ask.project, query: ask.query });
      const answers = await Promise.all(
        asks.map(async (ask) => {
          const kept = await findCachedSearch(
            deps.db,
            row.id,
            ask.project,
            ask.query,
            new Date(now.getTime() - (paused || !options.send ? STALE_MS : FRESH_MS)),
          );
          if (kept || !options.send || paused) return { ask, hits: kept };
          try {
            const hits = await withinTime(ADAPTERS[row.kind].searchIssues(forge, ask.project, [ask.terms], PER_QUERY));
            await saveSearch(deps.db, row.id, ask.project, ask.query, hits, now);
            return { ask, hits };
          } catch (err) {
            if (err instanceof ForgeHttpError && err.reason === 'rate-limited') {
              const until = new Date(now.getTime() + Math.max(60, err.retryAfterSeconds ?? 60) * 1000);
              if (!paused) {
                paused = true;
                await pauseSearch(deps.db, row.id, until);
                outcome.notes.push(
                  `${row.name}'s search is rate-limited until ${until.toISOString().slice(11, 16)} UTC: showing what we knew already.`,
                );
              }
            } else if (err instanceof SearchTimeout) {
              outcome.notes.push(`${row.name} did not answer the search for “${ask.query}” in time.`);
            } else {
              const status = err instanceof ForgeHttpError ? ` (${err.status})` : '';
              outcome.notes.push(`${row.name}'s search for “${ask.query}” in ${ask.project} failed${status}.`);
              deps.log.warn(
                { forge: row.id, project: ask.project, reason: (err as Error).message },
                'forge search failed',
              );
            }
            return { ask, hits: undefined };
          }
        }),
      );
      for (const { ask, hits } of answers) {
        if (!hits) continue;
        outcome.sent.push({ forgeName: row.name, project: ask.project, query: ask.query });
        for (const [position, hit] of hits.entries()) {
          outcome.hits.push({
            forgeId: row.id,
            forgeName: row.name,
            forgeKind: row.kind,
            project: ask.project,
            hit,
            query: ask.query,
            queryIndex: ask.queryIndex,
            position,
          });
        }
      }
    }),
  );
  return outcome;
}

class SearchTimeout extends Error {}

function withinTime<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SearchTimeout()), WAIT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
