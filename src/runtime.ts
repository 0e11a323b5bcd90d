import path from 'node:path';
import type { Logger } from 'pino';
import { authJobs, authSchedules } from './auth/jobs.js';
import type { Config } from './config.js';
import { forgeJobs, forgeSchedules } from './forges/jobs.js';
import { stopLive } from './live/hub.js';
import { publishTicketChange } from './live/publish.js';
import { type MailDeps, mailJobs, mailSchedules } from './mail/jobs.js';
import { createSmtpTransport } from './mail/transports/smtp.js';
import { oncallJobs, pageOnChange } from './oncall/oncall.js';
import { type Clock, systemClock } from './platform/clock.js';
import { acquireDataDirLock, type DataDirLock } from './platform/data-dir-lock.js';
import { type Database, openDatabase } from './platform/db.js';
import { loadDeskSecret } from './platform/desk-secret.js';
import { AppError } from './platform/errors.js';
import { createEnqueue } from './platform/jobs/define-job.js';
import { maintenanceJobs, maintenanceSchedules } from './platform/jobs/maintenance.js';
import { Worker } from './platform/jobs/worker.js';
import { runMigrations } from './platform/migrate.js';
import { prepareRouting, routeOnChange, routingJobs, routingSchedules } from './routing/jobs.js';
import { slaJobs, slaSchedules } from './sla/sweep.js';
import { prepareSla, trackSla } from './sla/track.js';
import { onTicketChange, onTicketCreating } from './tickets/lifecycle.js';
import { ticketJobs, ticketSchedules } from './tickets/sweeps.js';
import { webhookJobs } from './webhooks/webhooks.js';

// what keeps something about tickets hears of every change in the same transaction
onTicketCreating(prepareSla);
onTicketCreating(prepareRouting);
onTicketChange(trackSla);
onTicketChange(routeOnChange);
onTicketChange(pageOnChange);
onTicketChange(publishTicketChange);

/** Everything a process of the desk shares: the web server, the worker and the CLI use the same. */
export type AppDeps = MailDeps;

export const JOB_DEFINITIONS = [
  ...ticketJobs,
  ...mailJobs,
  ...forgeJobs,
  ...slaJobs,
  ...routingJobs,
  ...oncallJobs,
  ...webhookJobs,
  ...authJobs,
  ...maintenanceJobs,
];
export const SCHEDULES = [
  ...ticketSchedules,
  ...slaSchedules,
  ...routingSchedules,
  ...mailSchedules,
  ...forgeSchedules,
  ...authSchedules,
  ...maintenanceSchedules,
];

export interface Runtime {
  deps: AppDeps;
  database: Database;
  /** the data folder lock on the embedded database, so the control socket can be announced */
  lock: DataDirLock | undefined;
  createWorker(): Worker<AppDeps>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  log: Logger;
  clock?: Clock;
  /** a database opened by the caller (tests); otherwise DATABASE_URL or the embedded one */
  database?: Database;
}

export async function openRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const { log } = options;
  const clock = options.clock ?? systemClock;
  let lock: DataDirLock | undefined;
  let database = options.database;
  if (!database) {
    if (config.databaseUrl) {
      database = await openDatabase({
        kind: 'postgres',
        url: config.databaseUrl,
        poolSize: config.databasePoolSize,
        onError: (err) => log.warn({ err }, 'idle database connection lost'),
      });
    } else {
      const taken = acquireDataDirLock(config.dataDir);
      if ('heldBy' in taken) {
        throw new AppError(
          'DATA_DIR_IN_USE',
          `The data folder ${config.dataDir} is in use by another Pipefitter process (pid ${taken.heldBy.pid}). Stop it first, or set DATABASE_URL to share a PostgreSQL server between processes.`,
        );
      }
      lock = taken;
      try {
        database = await openDatabase({ kind: 'pglite', dataDir: path.join(config.dataDir, 'pgdata') });
      } catch (err) {
        lock.release();
        throw err;
      }
    }
  }
  try {
    const result = await runMigrations(database);
    if (result.applied.length > 0) log.info({ applied: result.applied }, 'database migrated');
  } catch (err) {
    await database.close().catch(() => {});
    lock?.release();
    throw err;
  }

  const mailTransport = config.outboundSmtpUrl ? createSmtpTransport(config.outboundSmtpUrl) : undefined;
  const secret = await loadDeskSecret(database.db);
  const deps: AppDeps = {
    db: database.db,
    clock,
    config,
    log,
    enqueue: createEnqueue(clock),
    secret,
    mailTransport,
    listen: database.listen,
  };
  const db = database;
  return {
    deps,
    database,
    lock,
    createWorker: () =>
      new Worker<AppDeps>({
        db: deps.db,
        clock,
        log: log.child({ component: 'worker' }),
        deps,
        definitions: JOB_DEFINITIONS as never,
        schedules: SCHEDULES,
        enqueue: deps.enqueue,
        concurrency: config.jobConcurrency,
        pollMs: config.jobPollMs,
      }),
    async close() {
      mailTransport?.close();
      await stopLive(deps);
      await db.close();
      lock?.release();
    },
  };
}
