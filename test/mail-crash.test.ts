import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from './helpers/database.js';
import { builtCli, requireBuild, root, runCli } from './helpers/desk-processes.js';
import { freePort } from './helpers/real-component.js';

// kill -9 while mail arrives over SMTP: every message that got a 250 is there exactly once after the
// restart, and gets processed; what did not get a 250 the sender still has and sends again. The desk
// is the built one, as npm installs it.

interface Desk {
  child: ChildProcess;
  base: string;
}

async function startDesk(env: Record<string, string>): Promise<Desk> {
  const child = spawn(process.execPath, [builtCli, 'serve'], { env: { ...process.env, ...env }, cwd: root });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const deadline = Date.now() + 60_000;
  while (!/Pipefitter is ready/.test(log) && Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the desk exited: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const base = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(log)?.[1];
  if (!base) throw new Error(`the desk did not start: ${log}`);
  return { child, base };
}

async function run(args: string[], env: Record<string, string>): Promise<string> {
  const result = await runCli(args, env);
  if (result.code !== 0) throw new Error(`exit ${result.code}`);
  return result.stdout.trim();
}

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipefitter-crash-'));
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(testDatabaseKind() !== 'pglite')('kill -9 during sustained inbound mail', () => {
  beforeAll(requireBuild);

  it('every message that got 250 is there exactly once after a restart', async () => {
    const smtpPort = await freePort();
    const env = {
      DATA_DIR: dataDir,
      PORT: '0',
      SMTP_PORT: String(smtpPort),
      SUPPORT_ADDRESS: 'support@desk.example',
      LOG_LEVEL: 'info',
      // the jobs the killed desk had claimed are taken over once their lease runs out: 5 s, not a minute
      JOB_LEASE_MS: '5000',
    };
    const first = await startDesk(env);

    const accepted: string[] = [];
    let sending = true;
    const senders = [0, 1, 2].map(async (lane) => {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: smtpPort,
        secure: false,
        ignoreTLS: true,
        pool: false,
      });
      for (let i = 0; sending; i++) {
        const messageId = `<crash-${lane}-${i}@acme.example>`;
        try {
          await transport.sendMail({
            from: `sender${lane}@acme.example`,
            to: 'support@desk.example',
            subject: `Crash test ${lane}-${i}`,
            text: `Message ${i} on lane ${lane}.`,
            messageId,
          });
          accepted.push(messageId);
        } catch {
          // not acknowledged: a real sender keeps it and retries later
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    });
    await new Promise((r) => setTimeout(r, 2500));
    // the desk's own process, as a crash or the OOM killer would end it
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    await new Promise((r) => setTimeout(r, 300));
    sending = false;
    await Promise.all(senders);
    expect(accepted.length).toBeGreaterThan(5);

    // the lock of the killed desk is stale; a new desk takes over the data folder
    const second = await startDesk(env);
    try {
      const token = await run(['token', 'create', '--name', 'crash', '--role', 'admin'], env);
      const stored: { rfcMessageId: string; state: string }[] = [];
      const deadline = Date.now() + 60_000;
      for (;;) {
        stored.length = 0;
        let before: number | null = null;
        do {
          const res = await fetch(`${second.base}/api/v1/mail/inbound?limit=200${before ? `&before=${before}` : ''}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          const page = (await res.json()) as {
            items: { rfcMessageId: string; state: string }[];
            nextBefore: number | null;
          };
          stored.push(...page.items);
          before = page.nextBefore;
        } while (before);
        if (stored.every((s) => s.state !== 'received') || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const ids = stored.map((s) => s.rfcMessageId);
      for (const id of accepted)
        expect(
          ids.filter((x) => x === id),
          id,
        ).toHaveLength(1);
      expect(new Set(ids).size).toBe(ids.length); // nothing twice
      // and what was stored before the kill was processed after the restart
      expect(stored.filter((s) => accepted.includes(s.rfcMessageId)).every((s) => s.state === 'processed')).toBe(true);
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    }
  }, 180_000);
});
