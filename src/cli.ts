#!/usr/bin/env node
import fs from 'node:fs/promises';
import pino from 'pino';
import { DATABASE_COMMANDS, runProgram } from './cli/program.js';
import { ConfigError, loadConfig } from './config.js';
import { controlSocketPath, sendControlCommand } from './platform/control/control-socket.js';
import { readLockHolder } from './platform/data-dir-lock.js';
import { isAppError } from './platform/errors.js';
import { createLogger } from './platform/log.js';
import { openRuntime, type Runtime } from './runtime.js';

// The `pipefitter` command. `serve` and `worker` run processes; the rest are operator commands,
// which go through the running desk when it holds the embedded database.

async function main(argv: string[]): Promise<number> {
  const command = argv[0];
  if (command === 'serve' || command === 'start') {
    const { startServer } = await import('./server.js');
    await startServer();
    return -1; // keeps running
  }
  if (command === 'worker') {
    const { startWorkerProcess } = await import('./worker.js');
    await startWorkerProcess();
    return -1;
  }

  let stdin: Promise<Buffer> | undefined;
  const readStdin = () => {
    stdin ??= (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    })();
    return stdin;
  };
  const io = {
    out: (text: string) => process.stdout.write(text),
    err: (text: string) => process.stderr.write(text),
    readStdin,
  };
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`${err.message}\n`);
      return 78; // EX_CONFIG
    }
    throw err;
  }

  if (command && DATABASE_COMMANDS.has(command) && !config.databaseUrl) {
    const holder = readLockHolder(config.dataDir);
    if (holder) {
      if (!holder.socket) {
        io.err(
          `The desk (pid ${holder.pid}) is starting and holds ${config.dataDir}; try again in a moment, or stop it first.\n`,
        );
        return 75; // EX_TEMPFAIL
      }
      // a raw message or a password on standard input travels with the command, and so does a
      // roster file: the desk may not see this process's files
      let input: Buffer | undefined;
      if (command === 'roster' && argv[1] === 'import' && argv[2] && argv[2] !== '-' && !argv[2].startsWith('-')) {
        const file = argv[2];
        try {
          input = await fs.readFile(file);
        } catch (err) {
          io.err(`cannot read ${file}: ${(err as Error).message}\n`);
          return 66; // EX_NOINPUT
        }
        argv = [
          'roster',
          'import',
          '-',
          ...(argv.includes('--format') ? [] : ['--format', file.toLowerCase().endsWith('.csv') ? 'csv' : 'yaml']),
          ...argv.slice(3),
        ];
      } else {
        const needsStdin =
          (command === 'mail' && argv[1] === 'deliver') ||
          argv.includes('--password-stdin') ||
          (command === 'roster' && argv[2] === '-');
        input = needsStdin ? await readStdin() : undefined;
      }
      const result = await sendControlCommand(holder.socket ?? controlSocketPath(config.dataDir), argv, input).catch(
        (err: Error) => {
          io.err(
            `The desk (pid ${holder.pid}) holds ${config.dataDir} but did not answer (${err.message}); stop it first.\n`,
          );
          return undefined;
        },
      );
      if (!result) return 75;
      io.out(result.stdout);
      io.err(result.stderr);
      return result.code;
    }
  }

  let runtime: Runtime | undefined;
  const log = createLogger(config.logLevel === 'silent' ? 'silent' : 'warn', pino.destination(2));
  try {
    return await runProgram(argv, io, async () => {
      runtime ??= await openRuntime(config, { log });
      return runtime.deps;
    });
  } finally {
    await runtime?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: Error) => {
    // a setting to change (a port taken, a bad value) is one line and 78, as `npm start` answers
    if (err instanceof ConfigError) {
      process.stderr.write(`Pipefitter could not start: ${err.message}\n`);
      process.exit(78);
    }
    // our own errors explain themselves; anything else is a bug worth its stack
    process.stderr.write(`${isAppError(err) ? err.message : (err.stack ?? err.message)}\n`);
    process.exit(1);
  },
);
