import fs from 'node:fs';
import type pg from 'pg';
import { hashPassword } from '../src/auth/passwords.js';
import { CHROMIUM, launchBrowser } from '../test/helpers/browser.js';

// The inbox in a real browser (Debian's Chromium) on the bench desk: a signed-in agent opens the
// desk; the time from navigation until the first ticket row is painted, cold (no cache) and warm.

export async function benchFirstPaint(client: pg.Client, base: string, results: Record<string, string>) {
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
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const page = await context.newPage();
      const started = Date.now();
      await page.goto(`${base}/views/all`);
      await page.locator('table.tickets tbody tr').first().waitFor({ timeout: 30_000 });
      times.push(Date.now() - started);
      await page.close();
    }
    const [cold, ...warm] = times;
    warm.sort((a, b) => a - b);
    results['inbox first paint (all tickets)'] =
      `${cold} ms cold, ${warm[Math.floor(warm.length / 2)]} ms warm (median of ${warm.length})`;
  } finally {
    await browser.close();
  }
}
