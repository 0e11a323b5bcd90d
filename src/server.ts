import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { runProgram } from './cli/program.js';
import { ConfigError, loadConfig } from './config.js';
import { ImapWatcher } from './mail/imap/imap-watcher.js';
import { listMailboxRows } from './mail/imap/mailbox-store.js';
import { senderCheckGaps } from './mail/inbound/sender-auth.js';
import { storeInbound } from './mail/inbound/store-inbound.js';
import { mailAddresses } from './mail/outbox.js';
import { startSmtpListener } from './mail/transports/smtp-listener.js';
import { countAgents } from './people/index.js';
import { controlSocketPath, startControlServer } from './platform/control/control-socket.js';
import { createLogger } from './platform/log.js';
import { openRuntime } from './runtime.js';

/** `npm start`: migrate, serve HTTP, run jobs in-process (unless RUN_JOBS=false), stop gracefully. */
export async function startServer(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const startedAt = Date.now();
  const runtime = await openRuntime(config, { log });
  const app = await buildApp(runtime.deps);
  const worker = config.runJobs ? runtime.createWorker() : undefined;
  const imap = config.runJobs ? new ImapWatcher(runtime.deps) : undefined;

  // on the embedded database the CLI works through this process
  let control: { close(): Promise<void> } | undefined;
  if (runtime.lock) {
    const socket = controlSocketPath(config.dataDir);
    control = await startControlServer(socket, async (argv, stdin) => {
      const stdout: string[] = [];
      const stderr: string[] = [];
      const io = {
        out: (text: string) => stdout.push(text),
        err: (text: string) => stderr.push(text),
        readStdin: async () => stdin,
      };
      const code = await runProgram(argv, io, async () => runtime.deps);
      return { code, stdout: stdout.join(''), stderr: stderr.join('') };
    });
    runtime.lock.setSocket(socket);
  }

  // a start that fails after the database opened lets go of it (and of the data folder) first
  const abandon = async () => {
    await app.close().catch(() => {});
    await control?.close().catch(() => {});
    await runtime.close().catch(() => {});
  };

  // Mail for the support addresses, stored before the 250. One process per host can hold the port
  // (Node 20 has no reusePort), so a second web process is told which setting to change.
  const smtp =
    config.smtpPort > 0
      ? await startSmtpListener({
          port: config.smtpPort,
          host: config.smtpHost,
          maxBytes: config.mailMaxBytes,
          maxClients: config.smtpMaxClients,
          maxClientsPerIp: config.smtpMaxClientsPerIp,
          acceptsRecipient: (address) => mailAddresses(runtime.deps).isOurs(address),
          store: (raw, envelope) =>
            storeInbound(runtime.deps, raw, {
              source: 'smtp',
              envelopeFrom: envelope.from,
              envelopeTo: envelope.to,
              clientIp: envelope.clientIp,
              clientHelo: envelope.clientHelo,
            }),
          log: log.child({ component: 'smtp' }),
        }).catch(async (err: unknown) => {
          await abandon();
          throw portProblem(err, 'SMTP_PORT', config.smtpHost, config.smtpPort, SMTP_PORT_HINT);
        })
      : undefined;

  closeWithGrace({ delay: 15_000, logger: log }, async ({ signal, err }) => {
    if (err) log.error({ err }, 'shutting down after an error');
    else log.info({ signal }, 'shutting down: draining requests and running jobs');
    await smtp?.close(); // no new mail; sessions in flight finish
    await app.close(); // stops accepting, waits for requests in flight
    await imap?.stop();
    await worker?.stop(); // waits for running jobs
    await control?.close();
    await runtime.close();
  });

  for (const gap of senderCheckGaps(config, (await listMailboxRows(runtime.deps.db)).length)) log.warn(gap);
  await app.listen({ port: config.port, host: config.host }).catch(async (err: unknown) => {
    await smtp?.close();
    await abandon();
    throw portProblem(err, 'PORT', config.host, config.port, 'Give each web process on a host a PORT of its own.');
  });
  worker?.start();
  imap?.start();
  const agents = await countAgents(runtime.deps.db);
  log.info(
    {
      url: config.publicUrl,
      database: runtime.database.kind === 'pglite' ? `embedded (${config.dataDir})` : 'postgresql',
      jobs: worker ? 'in-process' : 'off (run pipefitter worker)',
      smtp: smtp ? `${config.smtpHost}:${smtp.port} for ${config.supportAddresses.join(', ')}` : 'off',
      startupMs: Date.now() - startedAt,
    },
    agents === 0
      ? `Pipefitter is ready at ${config.publicUrl}. No agent yet: run "npx pipefitter admin create --email you@example.com" for a sign-in link, or "npx pipefitter token create --name me --role admin" for an API token.`
      : `Pipefitter is ready at ${config.publicUrl}. Agents sign in there; "npx pipefitter admin link --email you@example.com" prints a new sign-in link.`,
  );
}

const SMTP_PORT_HINT =
  'Only one process on a host can listen on it: set SMTP_PORT=0 on all but one web process, or give each a port of its own.';

/** A port that cannot be taken becomes a one-line error naming the setting, not `listen EADDRINUSE`. */
function portProblem(err: unknown, setting: string, host: string, port: number, hint: string): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new ConfigError(`${setting}=${port}: ${host}:${port} is already in use. ${hint}`);
  if (code === 'EACCES') {
    return new ConfigError(
      `${setting}=${port}: not allowed to listen on ${host}:${port}; a port below 1024 needs CAP_NET_BIND_SERVICE, or forward it to a higher one.`,
    );
  }
  return err;
}

/** The web process: `npm start` and `node dist/src/server.js`. A failed start is one line on stderr. */
export function runServerProcess(): void {
  startServer().catch((err: Error) => {
    process.stderr.write(`Pipefitter could not start: ${err.message}\n`);
    // 78 (EX_CONFIG) for a setting to change, as the pipefitter command answers: not worth a restart
    process.exit(err instanceof ConfigError ? 78 : 1);
  });
}

// run directly: node dist/src/server.js
if (import.meta.url === `file://${process.argv[1]}`) runServerProcess();
