import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { SYSTEM } from '../../src/auth/actor.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { createAgent } from '../../src/people/index.js';
import type { Clock } from '../../src/platform/clock.js';
import { findWebRoot } from '../../src/web/serve-web.js';
import { createTestDesk, type TestDesk } from './build-app.js';
import { freePort } from './real-component.js';

// A desk served over real HTTP with its built web app, and Debian's Chromium driven by
// playwright-core, as a user's browser would see it.

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../screenshots');

export interface ServedDesk {
  desk: TestDesk;
  base: string;
  close(): Promise<void>;
}

export async function serveDesk(options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<ServedDesk> {
  if (!findWebRoot()) throw new Error('The web app is not built: run `npm run build` (npm install does it).');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const desk = await createTestDesk({ ...options, env: { PUBLIC_URL: base, ...options.env } });
  await desk.app.listen({ port, host: '127.0.0.1' });
  return { desk, base, close: () => desk.close() };
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function agentWithPassword(
  desk: TestDesk,
  email: string,
  role: 'agent' | 'lead' | 'admin',
  password: string,
) {
  await createAgent(desk.deps, SYSTEM, {
    email,
    name: email.split('@')[0]?.replace(/^./, (c) => c.toUpperCase()) ?? email,
    role,
    timeZone: 'Europe/Lisbon',
    passwordHash: await hashPassword(password),
  });
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}

const AUDIT_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * What axe-core (the engine behind Lighthouse's and many screen-reader audits) finds wrong on the
 * page as it is now, against WCAG 2.2 A/AA and axe's best practices: one line per element. Injected
 * through the DevTools protocol, so the desk's Content-Security-Policy stays as strict as in use.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate((tags) => {
    const axe = (globalThis as unknown as { axe: { run(options: unknown): Promise<unknown> } }).axe;
    return axe.run({ runOnly: { type: 'tag', values: tags } });
  }, AUDIT_TAGS)) as { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] };
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${v.help} — ${n.target.join(' ')}`));
}
