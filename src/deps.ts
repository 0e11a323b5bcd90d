import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { BundleStorage } from './diagnostics/storage/storage.js';
import type { Clock } from './platform/clock.js';
import type { Database, Db } from './platform/db.js';
import type { DeskSecret } from './platform/desk-secret.js';
import type { Enqueue } from './platform/jobs/define-job.js';
import type { TicketHooks } from './tickets/lifecycle.js';

/** What every action, job handler and route needs; passed in, never imported as a global. */
export interface Deps {
  db: Db;
  clock: Clock;
  config: Config;
  log: Logger;
  enqueue: Enqueue;
  /** signs reply tokens and Message-IDs, encrypts stored credentials */
  secret: DeskSecret;
  /** what SLA, routing, paging and live updates do when a ticket changes (wired in runtime.ts) */
  ticketHooks: TicketHooks;
  /** where log bundles' bytes live: DATA_DIR/bundles or an S3-compatible store (STORAGE_URL) */
  bundleStorage: BundleStorage;
  /** hears what other processes NOTIFY (live updates); absent where nothing listens */
  listen?: Database['listen'];
}

/**
 * Runs fn in one transaction; deps.db inside is the transaction, so everything fn calls joins it.
 * Inside a transaction already, fn simply joins it (a savepoint would cost two round trips for
 * nothing: an error rolls the whole transaction back anyway).
 */
export function inTransaction<T>(deps: Deps, fn: (deps: Deps) => Promise<T>): Promise<T> {
  if (deps.db instanceof PgTransaction) return fn(deps);
  return deps.db.transaction((tx) => fn({ ...deps, db: tx as unknown as Db }));
}
