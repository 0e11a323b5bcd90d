import { loadConfig } from './config.js';
import { ImapWatcher } from './mail/imap/imap-watcher.js';
import { createLogger } from './platform/log.js';
import { openRuntime } from './runtime.js';

/** `pipefitter worker`: runs jobs and sweeps only; start several beside web processes on PostgreSQL. */
export async function startWorkerProcess(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const runtime = await openRuntime(config, { log });
  const worker = runtime.createWorker();
  const imap = new ImapWatcher(runtime.deps);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'worker stopping: finishing running jobs');
    await imap.stop();
    await worker.stop();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  worker.start();
  imap.start();
  log.info({ worker: worker.id, concurrency: config.jobConcurrency }, 'worker running');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startWorkerProcess().catch((err: Error) => {
    process.stderr.write(`Pipefitter worker could not start: ${err.message}\n`);
    process.exit(1);
  });
}
