import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminToken,
  api,
  builtCli,
  builtServer,
  createFreshDatabase,
  type DeskProcess,
  type DeskSetup,
  deskSetup,
  type FreshDatabase,
  missingBuild,
  rawMail,
  root,
  runCli,
  sendOverSmtp,
  startProcess,
  until,
} from './helpers/desk-processes.js';
import { freePort, missingComponent } from './helpers/real-component.js';
import { type SmtpSink, startSmtpSink } from './helpers/smtp-sink.js';

// The desk as several processes on one PostgreSQL, as the README's "Running at scale" runs it: two
// web processes (RUN_JOBS=false, each its own HTTP and SMTP port) and two `pipefitter worker`s,
// started at the same moment from the built app on a fresh database. Runs on the postgres project
// only (vitest.config.ts); in CI a missing build or PostgreSQL fails the run.

const serverUrl = process.env.TEST_DATABASE_URL;
const skip =
  missingComponent('PostgreSQL', serverUrl ? undefined : 'TEST_DATABASE_URL is not set') ||
  missingComponent('the built app', missingBuild());

describe('npm start', () => {
  it('never builds: without a build it says to run npm run build, in one line, and exits non-zero', async () => {
    const scripts = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pipefitter-unbuilt-')), 'scripts');
    fs.mkdirSync(scripts);
    fs.copyFileSync(path.join(root, 'scripts/start.mjs'), path.join(scripts, 'start.mjs'));
    const child = spawn(process.execPath, [path.join(scripts, 'start.mjs')]);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.once('close', resolve));
    fs.rmSync(path.dirname(scripts), { recursive: true, force: true });
    expect(code).toBe(1);
    expect(stderr).toBe('Pipefitter is not built (no dist/src/server.js): run npm run build first.\n');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.prestart).toBeUndefined();
    expect(pkg.scripts.prepare).toBe('npm run build'); // npm install and npm ci still build
  });
});

describe.skipIf(skip)('two web processes and two workers on one PostgreSQL', () => {
  let database: FreshDatabase;
  let sink: SmtpSink;
  let setup: DeskSetup;
  let env: Record<string, string>;
  const processes: DeskProcess[] = [];
  const web: { port: number; smtpPort: number }[] = [];
  const base = (i: 0 | 1) => `http://127.0.0.1:${web[i]?.port}`;
  let admin = '';

  beforeAll(async () => {
    database = await createFreshDatabase(serverUrl as string);
    sink = await startSmtpSink();
    setup = deskSetup('multi', { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '4', OUTBOUND_SMTP_URL: sink.url });
    env = setup.env;
    for (let i = 0; i < 2; i++) web.push({ port: await freePort(), smtpPort: await freePort() });
    // all four at once: the migrations race for real
    for (const [i, { port, smtpPort }] of web.entries()) {
      const webEnv = { ...env, RUN_JOBS: 'false', PORT: String(port), SMTP_PORT: String(smtpPort) };
      processes.push(startProcess(`web ${i + 1}`, [builtServer], webEnv));
    }
    for (const i of [1, 2]) processes.push(startProcess(`worker ${i}`, [builtCli, 'worker'], env));
    await Promise.all(processes.map((p) => p.waitFor(/Pipefitter is ready|worker running/)));
    admin = await adminToken(env, 'multi');
  }, 90_000);

  afterAll(async () => {
    await setup?.cleanup(processes);
    await sink?.close();
    await database?.drop();
  }, 30_000);

  it('applies the migrations once, whichever process gets there first, and every process runs', async () => {
    const files = fs.readdirSync(path.join(root, 'migrations')).filter((f) => /^\d{4}_.*\.sql$/.test(f));
    const rows = await database.query<{ version: number; times: number }>(
      'SELECT version, count(*)::int AS times FROM schema_migrations GROUP BY version ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual(files.map((f) => Number(f.slice(0, 4))).sort((a, b) => a - b));
    expect(rows.every((r) => r.times === 1)).toBe(true);
    // one process applied them all; the others waited on the lock and found nothing to do
    const migrated = processes.filter((p) => p.logs().some((line) => line.msg === 'database migrated'));
    expect(migrated).toHaveLength(1);
    const applied = migrated[0]?.logs().find((line) => line.msg === 'database migrated')?.applied as string[];
    expect(applied).toHaveLength(files.length);
    for (const p of processes) expect(p.child.exitCode, `${p.name}:\n${p.output()}`).toBeNull();
  });

  it('a third web process on a taken SMTP port stops at once and says which setting to change', async () => {
    const third = startProcess('web 3', [builtServer], {
      ...env,
      RUN_JOBS: 'false',
      PORT: String(await freePort()),
      SMTP_PORT: String(web[0]?.smtpPort),
    });
    processes.push(third);
    expect(await third.exited).toBe(78);
    const stderr = third
      .output()
      .split('\n')
      .filter((line) => line.startsWith('Pipefitter could not start'));
    expect(stderr).toEqual([
      `Pipefitter could not start: SMTP_PORT=${web[0]?.smtpPort}: 127.0.0.1:${web[0]?.smtpPort} is already in use. Only one process on a host can listen on it: set SMTP_PORT=0 on all but one web process, or give each a port of its own.`,
    ]);
  });

  it('a job runs once with two workers after it: one ticket mailed to its requester, once', async () => {
    const created = await api(base(0), admin, 'POST', '/api/v1/tickets', {
      subject: 'Runs once',
      body: 'Two workers, one mail.',
      requesterEmail: 'omar@initech.example',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const mailed = () =>
      sink.received.filter(
        (m) => JSON.stringify(m.to).includes('omar@initech.example') && m.subject?.includes('Runs once'),
      );
    await until('the mail to the requester', () => mailed().length > 0);
    // ten polls of each worker later, still one
    await new Promise((r) => setTimeout(r, 2_000));
    expect(mailed()).toHaveLength(1);
    const outbox = await database.query<{ state: string; attempts: number }>(
      `SELECT o.state, o.attempts FROM outbound_mail o JOIN tickets t ON t.id = o.ticket_id WHERE t.subject = 'Runs once'`,
    );
    expect(outbox).toEqual([{ state: 'sent', attempts: 1 }]);
  });

  it('a session made on one web process works on the other, and ends on both', async () => {
    const [one, two] = [base(0), base(1)];
    const link = await runCli(['admin', 'create', '--email', 'ana@desk.example', '--name', 'Ana'], env);
    expect(link.code, link.stderr).toBe(0);
    const linkToken = /\/auth\/link\?token=(pfl_\S+)/.exec(link.stdout)?.[1];
    expect(linkToken, link.stdout).toBeDefined();
    const cookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('pf_session='));

    // signed in on web 1: by the link, then a password, then with the password
    const redeemed = await api(one, {}, 'POST', '/api/v1/auth/redeem', { token: linkToken });
    expect(redeemed.status, JSON.stringify(redeemed.json)).toBe(200);
    const linkCookie = cookieOf(redeemed.res)?.split(';')[0] as string;
    const password = await api(
      one,
      { cookie: linkCookie, 'x-csrf-token': redeemed.json.csrfToken as string },
      'PUT',
      '/api/v1/me/password',
      { newPassword: 'two processes, one desk' },
    );
    expect(password.status, JSON.stringify(password.json)).toBe(204);
    const signedIn = await api(one, {}, 'POST', '/api/v1/auth/sign-in', {
      email: 'ana@desk.example',
      password: 'two processes, one desk',
    });
    expect(signedIn.status, JSON.stringify(signedIn.json)).toBe(200);
    const session = { cookie: cookieOf(signedIn.res)?.split(';')[0] as string };
    const csrf = signedIn.json.csrfToken as string;

    // web 2 knows the session, and takes a write with its CSRF token
    const me = await api(two, session, 'GET', '/api/v1/auth/session');
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ actor: { name: 'Ana' }, csrfToken: csrf });
    const written = await api(two, { ...session, 'x-csrf-token': csrf }, 'POST', '/api/v1/tickets', {
      subject: 'Written on web 2',
      body: 'With a session from web 1.',
      requesterEmail: 'lena@acme.example',
    });
    expect(written.status, JSON.stringify(written.json)).toBe(201);

    // signed out on web 2: over on web 1 too
    expect((await api(two, { ...session, 'x-csrf-token': csrf }, 'POST', '/api/v1/auth/sign-out', {})).status).toBe(
      204,
    );
    expect((await api(one, session, 'GET', '/api/v1/auth/session')).status).toBe(401);
  });

  it('a change made on web 1 streams to a browser connected to web 2', async () => {
    const [one, two] = [base(0), base(1)];
    const ticket = await api(one, admin, 'POST', '/api/v1/tickets', {
      subject: 'Heard across processes',
      body: 'Live.',
      requesterEmail: 'lena@acme.example',
      notify: false,
    });
    expect(ticket.status).toBe(201);
    const number = ticket.json.number as number;

    const controller = new AbortController();
    const stream = await fetch(`${two}/api/v1/stream`, {
      headers: { authorization: `Bearer ${admin}` },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    let received = '';
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const pump = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          received += decoder.decode(value, { stream: true });
        }
      } catch {
        // aborted
      }
    })();
    try {
      await until('the stream to be live', () => received.includes('event: ready'), 10_000);
      const changed = await api(one, admin, 'PATCH', `/api/v1/tickets/${number}`, { priority: 'urgent' });
      expect(changed.status, JSON.stringify(changed.json)).toBe(200);
      const heard = () =>
        [...received.matchAll(/^event: ticket\ndata: (.*)$/gm)].some(
          (m) => (JSON.parse(m[1] as string) as { ticket: number }).ticket === number,
        );
      await until('the change on web 2', heard, 10_000);
    } finally {
      controller.abort();
      await pump;
    }
  });

  it('mail over SMTP to either web process becomes one ticket per Message-ID, even delivered to both', async () => {
    const mail = (messageId: string, subject: string) =>
      rawMail({ from: 'Lena <lena@acme.example>', subject, messageId }, `${subject}: the runner is stuck.`);
    const send = (smtpPort: number, raw: string) => sendOverSmtp(smtpPort, 'lena@acme.example', raw);
    const [first, second] = web.map((w) => w.smtpPort) as [number, number];
    const runId = randomBytes(4).toString('hex');
    const ids = {
      one: `one-${runId}@acme.example`,
      two: `two-${runId}@acme.example`,
      both: `both-${runId}@acme.example`,
    };
    const both = mail(ids.both, 'Sent to both');
    // every delivery gets its 250 (nodemailer rejects otherwise)
    await Promise.all([
      send(first, mail(ids.one, 'Sent to web 1')),
      send(second, mail(ids.two, 'Sent to web 2')),
      send(first, both),
      send(second, both),
    ]);

    const all = Object.values(ids);
    const stored = () =>
      database.query<{ id: string; state: string }>(
        `SELECT btrim(rfc_message_id, '<>') AS id, state FROM inbound_mail WHERE btrim(rfc_message_id, '<>') = ANY($1)`,
        [all],
      );
    await until('the mail to be processed', async () => {
      const rows = await stored();
      return rows.length >= 3 && rows.every((r) => r.state !== 'received');
    });
    // stored once each (the copy to the other process is the same message), processed once each
    expect((await stored()).map((r) => `${r.id} ${r.state}`).sort()).toEqual(all.map((id) => `${id} processed`).sort());
    const tickets = await database.query<{ id: string; messages: number; tickets: number }>(
      `SELECT btrim(rfc_message_id, '<>') AS id, count(*)::int AS messages, count(DISTINCT ticket_id)::int AS tickets
         FROM message_mail WHERE direction = 'in' AND btrim(rfc_message_id, '<>') = ANY($1) GROUP BY 1 ORDER BY 1`,
      [all],
    );
    expect(tickets).toEqual([...all].sort().map((id) => ({ id, messages: 1, tickets: 1 })));
    const subjects = await database.query<{ subject: string; n: number }>(
      `SELECT subject, count(*)::int AS n FROM tickets WHERE subject LIKE 'Sent to %' GROUP BY subject ORDER BY subject`,
    );
    expect(subjects).toEqual([
      { subject: 'Sent to both', n: 1 },
      { subject: 'Sent to web 1', n: 1 },
      { subject: 'Sent to web 2', n: 1 },
    ]);
  });
});
