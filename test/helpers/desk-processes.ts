import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import pg from 'pg';
import type * as TypeScript from 'typescript';
import { expect } from 'vitest';

// The desk as an operator runs it: the built app (dist/, what `npm run build` and `npm ci` make) in
// processes of its own, on a database of its own.

export const root = path.resolve(import.meta.dirname, '../..');
export const builtServer = path.join(root, 'dist/src/server.js');
export const builtCli = path.join(root, 'dist/src/cli.js');

/** Why the built app cannot be run, or undefined: it is missing, or older than a source of it. */
export function missingBuild(): string | undefined {
  const missing = [builtServer, builtCli].find((file) => !fs.existsSync(file));
  if (missing) return `${missing} is missing: run npm run build`;
  // migrations/ and dist/web are read where they are, from the sources and the build alike: only
  // src/ is compiled into dist/
  const stale = staleSource(path.join(root, 'src'));
  return stale ? `dist/ is older than ${path.relative(root, stale)}: run npm run build` : undefined;
}

/**
 * Fails the tests that run the built app when it is missing or stale, in CI and on a developer's
 * machine alike: the `pipefitter` command has no other form to fall back on, and an old build would
 * test yesterday's code.
 */
export function requireBuild(): void {
  const reason = missingBuild();
  if (reason) throw new Error(reason);
}

// tsc builds incrementally and re-emits only the files whose content changed, so each source is held
// against its own output, not against cli.js; one touched but unchanged (a git checkout there and
// back), which tsc does not re-emit, is held against what it compiles to
function staleSource(dir: string): string | undefined {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const source = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const stale = staleSource(source);
      if (stale) return stale;
      continue;
    }
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts') || entry.name.endsWith('.d.ts')) continue;
    const output = path.join(root, 'dist', path.relative(root, source)).replace(/\.ts$/, '.js');
    if (!fs.existsSync(output)) return source;
    if (fs.statSync(output).mtimeMs >= fs.statSync(source).mtimeMs) continue;
    if (compiled(source) !== fs.readFileSync(output, 'utf8')) return source;
  }
  return undefined;
}

/** What tsc emits for `source` (tsconfig.json's settings give the same text, file for file). */
function compiled(source: string): string {
  // loaded only here: most runs find every output newer than its source and never pay for it
  const ts = createRequire(import.meta.url)('typescript') as typeof TypeScript;
  return ts.transpileModule(fs.readFileSync(source, 'utf8'), {
    fileName: source,
    compilerOptions: {
      target: ts.ScriptTarget.ES2023,
      module: ts.ModuleKind.ESNext,
      sourceMap: true,
      verbatimModuleSyntax: true,
      esModuleInterop: true,
    },
  }).outputText;
}

export interface DeskProcess {
  name: string;
  child: ChildProcess;
  /** stdout and stderr so far */
  output(): string;
  /** the JSON log lines so far */
  logs(): Record<string, unknown>[];
  /** resolves when the output matches, rejects when the process exits first or time runs out */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** resolves with the exit code */
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();
// a test runner that dies leaves no desk behind holding ports and database connections
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts `node <args>` from the project folder with the environment given on top of this one's. */
export function startProcess(name: string, args: string[], env: Record<string, string>): DeskProcess {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env } });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return {
    name,
    child,
    output: () => output,
    logs: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
    async waitFor(pattern, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (child.exitCode !== null)
          throw new Error(`${name} exited (${child.exitCode}) before ${pattern}:\n${output}`);
        if (Date.now() > deadline) throw new Error(`${name} did not print ${pattern} in ${timeoutMs} ms:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    exited,
  };
}

/** Runs a `pipefitter` command of the built app to its end, with `input` on its standard input. */
export async function runCli(
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [builtCli, ...args], { cwd: root, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  if (input !== undefined) child.stdin.end(input);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { code, stdout, stderr };
}

/** SIGTERM (a graceful stop), then SIGKILL for whatever has not exited after `graceMs`. */
export async function stopProcesses(processes: DeskProcess[], graceMs = 5_000): Promise<void> {
  await Promise.all(
    processes.map(async (p) => {
      if (p.child.exitCode !== null || p.child.signalCode !== null) return;
      p.child.kill('SIGTERM');
      const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
      await p.exited;
      clearTimeout(timer);
    }),
  );
}

export interface FreshDatabase {
  /** the new database's connection string */
  url: string;
  query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/**
 * A new, empty database on the server of `serverUrl`: a database rather than a schema, because
 * processes started by a test take DATABASE_URL as they are, and LISTEN/NOTIFY channels are per
 * database (the live updates of other test files would be heard).
 */
export async function createFreshDatabase(serverUrl: string): Promise<FreshDatabase> {
  const name = `pipefitter_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    url: url.toString(),
    query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows,
    async drop() {
      await pool.end();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      // FORCE: a process killed a moment ago may still hold a connection the server has not noticed end
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Polls `check` every 100 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DeskSetup {
  /** what every process of this desk is started with */
  env: Record<string, string>;
  dataDir: string;
  /** stops the processes given and removes the data folder (the database is the caller's) */
  cleanup(processes: DeskProcess[]): Promise<void>;
}

/**
 * A data folder and the environment every process of one desk shares: one SECRET_KEY (live events and
 * signed addresses carry it), quick job polls, JSON logs at info (the tests read them). `env` adds to
 * or replaces these; DATABASE_URL is always the caller's.
 */
export function deskSetup(name: string, env: Record<string, string> & { DATABASE_URL: string }): DeskSetup {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `pipefitter-${name}-`));
  return {
    env: {
      DATABASE_POOL_SIZE: '6',
      SECRET_KEY: `${name}-test-${randomBytes(16).toString('hex')}`,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      SUPPORT_ADDRESS: 'support@desk.example',
      JOB_POLL_MS: '200',
      LOG_LEVEL: 'info',
      ...env,
    },
    dataDir,
    async cleanup(processes) {
      await stopProcesses(processes);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An admin API token, made by `pipefitter token create` as an operator makes one. */
export async function adminToken(env: Record<string, string>, name = 'admin'): Promise<string> {
  const token = await runCli(['token', 'create', '--name', name, '--role', 'admin'], env);
  expect(token.code, token.stderr).toBe(0);
  return token.stdout.trim();
}

/** A JSON request to a desk process: `auth` is a bearer token, or the headers to send instead (a cookie, none). */
export async function api(
  base: string,
  auth: string | Record<string, string>,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown>; res: Response }> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(typeof auth === 'string' ? { authorization: `Bearer ${auth}` } : auth),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown>, res };
}

/** A plain-text mail to support@desk.example, as a customer's mail program writes it. */
export function rawMail(header: { from: string; subject: string; messageId: string }, ...body: string[]): string {
  return [
    `From: ${header.from}`,
    'To: support@desk.example',
    `Subject: ${header.subject}`,
    `Message-ID: <${header.messageId}>`,
    'Date: Fri, 04 Dec 2026 10:00:00 +0000',
    '',
    ...body,
    '',
  ].join('\r\n');
}

/** Delivers `raw` to support@desk.example over SMTP on a local port; rejects unless the answer is a 250. */
export async function sendOverSmtp(
  port: number,
  from: string,
  raw: string,
  timeouts: { connectionTimeout?: number; socketTimeout?: number } = {},
): Promise<void> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    ...timeouts,
  });
  try {
    await transport.sendMail({ envelope: { from, to: ['support@desk.example'] }, raw });
  } finally {
    transport.close();
  }
}
