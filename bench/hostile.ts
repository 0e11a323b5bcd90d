import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Results } from './table.js';

// What a stranger's load costs everyone else (issue 10, items 5 and 8): while 64 clients from as many
// addresses sign in with random emails, and while 8 MB HTML mails arrive, how long a real agent's
// sign-in and a plain request take. Measured, never asserted in a test.

interface Target {
  base: string;
  smtpPort: number;
  adminToken: string;
}

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const p = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return `p50 ${p(0.5)} / p99 ${p(0.99)} / max ${p(1)} ms`;
}

/** A plain request every 50 ms while `load` runs: how long the desk keeps others waiting. */
async function whileLoaded(base: string, load: Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  let done = false;
  load.finally(() => {
    done = true;
  });
  while (!done) {
    times.push(await timed(() => fetch(`${base}/healthz`).then((r) => r.arrayBuffer())));
    await new Promise((r) => setTimeout(r, 50));
  }
  return times;
}

export async function benchHostile(target: Target, results: Results, log: (m: string) => void) {
  const { base } = target;
  const admin = { authorization: `Bearer ${target.adminToken}`, 'content-type': 'application/json' };
  // a real agent with a password
  const email = `ana-${randomBytes(3).toString('hex')}@desk.example`;
  await fetch(`${base}/api/v1/agents`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ email, name: 'Ana', role: 'agent', timeZone: 'UTC' }),
  });
  const own = (await (
    await fetch(`${base}/api/v1/tokens`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: 'bench ana', role: 'agent', agentEmail: email }),
    })
  ).json()) as { token: string };
  const password = 'a-real-password-for-the-bench';
  await fetch(`${base}/api/v1/me/password`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${own.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ newPassword: password }),
  });
  const signIn = (who: string, secret: string, from: string) =>
    fetch(`${base}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ email: who, password: secret }),
    }).then(async (r) => {
      await r.arrayBuffer();
      return r.status;
    });

  log('hostile: 64 clients sign in with random emails for 15 s; a real agent signs in meanwhile');
  const statuses = new Map<number, number>();
  let flooding = true;
  const flood = Promise.all(
    Array.from({ length: 64 }, async (_, client) => {
      // a botnet: each client its own address, behind the one proxy the desk trusts
      const from = `198.18.${client}.${1 + Math.floor(Math.random() * 250)}`;
      while (flooding) {
        const status = await signIn(`${randomBytes(6).toString('hex')}@example.com`, 'guess-guess-guess', from);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 429 || status === 503) await new Promise((r) => setTimeout(r, 200));
      }
    }),
  );
  const real: number[] = [];
  const plain: number[] = [];
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    real.push(await timed(() => signIn(email, password, '203.0.113.10')));
    plain.push(await timed(() => fetch(`${base}/healthz`).then((r) => r.arrayBuffer())));
    await new Promise((r) => setTimeout(r, 500));
  }
  flooding = false;
  await flood;
  results['sign-in flood: a real sign-in'] = percentiles(real);
  results['sign-in flood: GET /healthz'] = percentiles(plain);
  results['sign-in flood: answers'] = [...statuses].map(([s, n]) => `${s}×${n}`).join(', ');

  log('hostile: five 8 MB HTML mails over SMTP; a plain request every 50 ms meanwhile');
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: target.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  const html = `<html><body>${'<div><p>row <b>of</b> a <a href="https://x.example/">dump</a></p></div>'.repeat(120_000)}</body></html>`;
  const sending = (async () => {
    for (let i = 0; i < 5; i++) {
      await transport.sendMail({
        from: `contact${i + 1}@bench.example`,
        to: 'support@desk.example',
        subject: `Big HTML ${i}`,
        html,
        messageId: `<big-html-${randomBytes(4).toString('hex')}@bench.example>`,
      });
    }
    // and the time the desk takes to process them
    await new Promise((r) => setTimeout(r, 15_000));
  })();
  const during = await whileLoaded(base, sending);
  transport.close();
  results[`big HTML mail (${(html.length / 1048576).toFixed(1)} MB ×5): GET /healthz`] = percentiles(during);
}
