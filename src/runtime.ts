import path from 'node:path';
import type { Logger } from 'pino';
import { authJobs, authSchedules } from './auth/jobs.js';
import { resealOrganizationSsoSecrets } from './auth/organization-sso/reseal-secrets.js';
import { resealTwoFactorSecrets } from './auth/two-factor/reseal-secrets.js';
import { callJobs, callSchedules, resealCalendarPasswords } from './calls/jobs.js';
import type { Config } from './config.js';
import { csatJobs, recordSolve } from './csat/ask-for-rating.js';
import { bundlesFromMessages, diagnosticsJobs, diagnosticsSchedules } from './diagnostics/jobs.js';
import { openBundleStorage } from './diagnostics/storage/open-storage.js';
import { forgeJobs, forgeSchedules } from './forges/jobs.js';
import { resealForgeCredentials } from './forges/reseal-credentials.js';
import { keepSignatures, suggestJobs, suggestSchedules } from './forges/suggest/signatures.js';
import { requireSomethingToWatch } from './forges/watch-rule.js';
import { stopLive } from './live/hub.js';
import { publishTicketChange } from './live/publish.js';
import { resealMailboxPasswords } from './mail/imap/mailbox-store.js';
import { createDnsResolver } from './mail/inbound/dns-resolver.js';
import { createMailPreparer } from './mail/inbound/mail-preparer.js';
import type { DnsResolver } from './mail/inbound/sender-auth.js';
import { type MailDeps, mailJobs, mailSchedules } from './mail/jobs.js';
import { createSmtpTransport } from './mail/transports/smtp.js';
import { notificationJobs } from './notifications/jobs.js';
import { notifyOnChange } from './notifications/notify-on-change.js';
import { oncallJobs, pageOnChange } from './oncall/jobs.js';
import { type Clock, systemClock } from './platform/clock.js';
import { acquireDataDirLock, type DataDirLock, makeDataDirPrivate } from './platform/data-dir-lock.js';
import { type Database, openDatabase } from './platform/db.js';
import { AppError } from './platform/errors.js';
import { createEnqueue } from './platform/jobs/define-job.js';
import { maintenanceJobs, maintenanceSchedules } from './platform/jobs/maintenance.js';
import { Worker } from './platform/jobs/worker.js';
import { runMigrations } from './platform/migrate.js';
import { openDeskSecret } from './platform/secret-key.js';
import { keepReportFacts } from './reports/keep-facts.js';
import { weeklySummaryJobs, weeklySummarySchedules } from './reports/weekly-summary.js';
import { prepareRouting, routeOnChange, routingJobs, routingSchedules } from './routing/jobs.js';
import { slaJobs, slaSchedules } from './sla/sweep.js';
import { prepareSla, trackSla } from './sla/track.js';
import type { TicketHooks } from './tickets/lifecycle.js';
import { ticketJobs, ticketSchedules } from './tickets/sweeps.js';
import { readBlob } from './tickets/ticket-store.js';
import { webhookJobs } from './webhooks/webhooks.js';

/**
 * What keeps something about tickets, in the order it runs, inside the transaction of every change:
 * a new ticket's SLA due time and routing wait are prepared into its insert; after any change (a
 * ticket set to watching with nothing to watch is refused first) the SLA clocks move, the reports'
 * facts are kept (they read the clocks' steps), routing picks an assignee, on-call pages, agents are
 * notified (assigned, @mentioned, a customer replied), a solve is recorded for the customer to rate
 * (and they are asked by mail), log bundles attached by a customer are taken in for analysis, the
 * ticket's error signature is worked out again (issue suggestions and look-alikes), and browsers hear of it.
 */
export function ticketHooks(): TicketHooks {
  return {
    preparers: [prepareSla, prepareRouting],
    listeners: [
      requireSomethingToWatch,
      trackSla,
      keepReportFacts,
      routeOnChange,
      pageOnChange,
      notifyOnChange,
      recordSolve,
      bundlesFromMessages,
      keepSignatures,
      publishTicketChange,
    ],
  };
}

/** Every module that keeps credentials sealed with the desk key, to seal them again after a rotation. */
export const CREDENTIAL_RESEALS = [
  resealForgeCredentials,
  resealMailboxPasswords,
  resealCalendarPasswords,
  resealTwoFactorSecrets,
  resealOrganizationSsoSecrets,
];

/** Everything a process of the desk shares: the web server, the worker and the CLI use the same. */
export type AppDeps = MailDeps;

export const JOB_DEFINITIONS = [
  ...ticketJobs,
  ...mailJobs,
  ...forgeJobs,
  ...suggestJobs,
  ...slaJobs,
  ...routingJobs,
  ...oncallJobs,
  ...callJobs,
  ...csatJobs,
  ...weeklySummaryJobs,
  ...notificationJobs,
  ...webhookJobs,
  ...diagnosticsJobs,
  ...authJobs,
  ...maintenanceJobs,
];
export const SCHEDULES = [
  ...ticketSchedules,
  ...slaSchedules,
  ...routingSchedules,
  ...mailSchedules,
  ...forgeSchedules,
  ...suggestSchedules,
  ...authSchedules,
  ...callSchedules,
  ...weeklySummarySchedules,
  ...diagnosticsSchedules,
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
  /** DNS for the sender checks; tests give a stub */
  dnsResolver?: DnsResolver;
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
        makeDataDirPrivate(config.dataDir);
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
  const mailPreparer = createMailPreparer();
  let secret: Awaited<ReturnType<typeof openDeskSecret>>;
  try {
    secret = await openDeskSecret(database.db, config, log, CREDENTIAL_RESEALS);
  } catch (err) {
    await database.close().catch(() => {});
    lock?.release();
    throw err;
  }
  const deps: AppDeps = {
    db: database.db,
    clock,
    config,
    log,
    enqueue: createEnqueue(clock, JOB_DEFINITIONS),
    ticketHooks: ticketHooks(),
    secret,
    mailTransport,
    mailPreparer,
    dnsResolver: options.dnsResolver ?? createDnsResolver(),
    readBlob,
    bundleStorage: openBundleStorage(config),
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
        leaseMs: config.jobLeaseMs,
      }),
    async close() {
      mailTransport?.close();
      await mailPreparer.close();
      await stopLive(deps);
      await db.close();
      // PGlite writes its files world-readable (the folder, 0700, keeps others out); they rest 0600
      if (lock) makeDataDirPrivate(config.dataDir);
      lock?.release();
    },
  };
}
