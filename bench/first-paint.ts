import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import type { BrowserContext } from 'playwright-core';
import { hashPassword } from '../src/auth/passwords.js';
import { CHROMIUM, launchBrowser } from '../test/helpers/browser.js';
import { measured, type Results } from './table.js';

// The inbox in a real browser (Debian's Chromium) on the bench desk: a signed-in agent opens the
// desk; the time from navigation until the first ticket row is painted, cold (no cache) and warm.

export async function benchFirstPaint(client: pg.Client, base: string, results: Results) {
  if (!fs.existsSync(CHROMIUM)) {
    results['inbox first paint'] = `skipped: no browser at ${CHROMIUM}`;
    return;
  }
  const password = 'bench-first-paint';
  const agent = (
    await client.query(
      `UPDATE agents SET password_hash = $1 WHERE id = (SELECT id FROM agents ORDER BY email LIMIT 1)
       RETURNING email`,
      [await hashPassword(password)],
    )
  ).rows[0] as { email: string };
  const browser = await launchBrowser();

  try {
    const context = await browser.newContext();
    const signIn = await context.request.post(`${base}/api/v1/auth/sign-in`, {
      data: { email: agent.email, password },
    });
    if (!signIn.ok()) throw new Error(`bench sign-in failed: ${signIn.status()}`);
    results['inbox first paint, 1M-ticket desk'] = describePaint(await paintTimes(context, `${base}/views/all`, 6));
  } finally {
    await browser.close();
  }
}

/**
 * The target: the inbox of a newcomer's desk — `pipefitter demo` on the embedded database
 * (PGlite in a fresh data folder), served by `dist/src/server.js` as `npm start` would.
 */
export async function benchFirstPaintDemo(results: Results, log: (message: string) => void) {
  if (!fs.existsSync(CHROMIUM)) {
    results['inbox first paint, demo desk'] = `skipped: no browser at ${CHROMIUM}`;
    return;
  }
  const root = path.resolve(import.meta.dirname, '..');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipefitter-bench-demo-'));
  const port = 18_191;
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    SMTP_PORT: '0',
    PUBLIC_URL: base,
    LOG_LEVEL: 'error',
  };
  delete env.DATABASE_URL;
  log('seeding a demo desk on PGlite');
  execFileSync(process.execPath, [path.join(root, 'dist/src/cli.js'), 'demo'], { env, stdio: 'ignore' });
  const server = spawn(process.execPath, [path.join(root, 'dist/src/server.js')], { env, stdio: 'ignore' });
  const browser = await launchBrowser();
  try {
    await waitUntilReady(server, base);
    const context = await browser.newContext();
    const signIn = await context.request.post(`${base}/api/v1/auth/sign-in`, {
      data: { email: 'ana@desk.example', password: 'pipefitter-demo' },
    });
    if (!signIn.ok()) throw new Error(`demo sign-in failed: ${signIn.status()}`);
    const times = await paintTimes(context, `${base}/views/all`, 8);
    // judged by the first visit, with nothing cached
    results['inbox first paint, demo desk (PGlite)'] = measured(describePaint(times), '< 1 s', (times[0] ?? 0) < 1_000);
  } finally {
    await browser.close();
    const exited = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Waits for a desk started as a child process to answer /healthz; fails if it exits first. */
export async function waitUntilReady(child: ChildProcess, base: string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the desk at ${base} exited while starting`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Opens the inbox `n` times in one browser; the first visit has an empty cache. */
async function paintTimes(context: BrowserContext, url: string, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(url);
    await page.locator('table.tickets tbody tr').first().waitFor({ timeout: 30_000 });
    times.push(Date.now() - started);
    await page.close();
  }
  return times;
}

function describePaint([cold, ...warm]: number[]): string {
  warm.sort((a, b) => a - b);
  return `${cold} ms cold, ${warm[Math.floor(warm.length / 2)]} ms warm (median of ${warm.length}, worst ${warm.at(-1)} ms)`;
}
