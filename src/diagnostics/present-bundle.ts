import type { Actor } from '../auth/actor.js';
import type { Config } from '../config.js';
import type { BundleSummaryRow } from './bundle-store.js';
import type { BundleRow } from './tables.js';

// Bundles as the API shows them. A customer sees a bundle's state and its files; what the analysis drew from it
// (findings, tables, samples of their own lines, redacted or not) is for agents only.

type SummaryFields = Omit<BundleSummaryRow, 'findingCount' | 'criticalCount'>;
type Scanning = Pick<Config, 'bundleScanCommand'>;

/** the prefix of `error` when BUNDLE_SCAN_COMMAND refused the bundle */
export const SCAN_REFUSED = 'refused by the scan:';

/**
 * Whether the bytes may be served: they are there, and with a virus scan configured the scan passed (not
 * yet run, or one that could not run or finish, is no pass).
 */
export function isDownloadable(config: Scanning, row: Pick<BundleRow, 'stored' | 'scannedAt'>): boolean {
  if (!row.stored) return false;
  return !config.bundleScanCommand || row.scannedAt !== null;
}

/** scanner output and paths are for agents; a customer hears what happened */
function errorFor(actor: Actor, error: string | null): string | null {
  if (error === null || actor.kind !== 'contact') return error;
  return error.startsWith(SCAN_REFUSED)
    ? 'The bundle was refused by the virus scan.'
    : 'The bundle could not be analysed.';
}

function summaryOf(config: Scanning, actor: Actor, row: SummaryFields) {
  return {
    id: row.id,
    ticketNumber: row.ticketId,
    filename: row.filename,
    size: row.size,
    contentType: row.contentType,
    source: row.source,
    state: row.state,
    progress: Math.min(1, Math.max(0, row.progress)),
    uploadedBy: { kind: row.uploadedByKind, name: row.uploadedByName },
    createdAt: row.createdAt.toISOString(),
    analysedAt: row.analysedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
    error: errorFor(actor, row.error),
    downloadable: isDownloadable(config, row),
  };
}

export function presentBundleSummary(config: Scanning, actor: Actor, row: BundleSummaryRow) {
  const summary = summaryOf(config, actor, row);
  if (actor.kind === 'contact') return summary;
  return { ...summary, findingCount: row.findingCount, criticalCount: row.criticalCount };
}

export function presentBundle(config: Scanning, actor: Actor, row: BundleRow) {
  const summary = summaryOf(config, actor, row);
  const results = row.results;
  const files = results?.files ?? [];
  if (actor.kind === 'contact') return { ...summary, files };
  if (!results) return { ...summary, files, findings: [], sql: [], sidekiq: [], endpoints: [], gitaly: [], errors: [] };
  return {
    ...summary,
    files,
    findings: results.findings,
    sql: results.sql,
    sidekiq: results.sidekiq,
    endpoints: results.endpoints,
    gitaly: results.gitaly,
    errors: results.errors,
    top: results.top,
    timeline: results.timeline,
    ...(results.bucketS !== undefined ? { bucketS: results.bucketS } : {}),
    ...(results.window ? { window: results.window } : {}),
    system: results.system,
    samples: results.samples,
    stats: results.stats,
    notes: results.notes,
  };
}
