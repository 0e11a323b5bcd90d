import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminToken,
  api,
  builtCli,
  builtServer,
  createFreshDatabase,
  type DeskProcess,
  deskSetup,
  missingBuild,
  rawMail,
  sendOverSmtp,
  sleep,
  startProcess,
  until,
} from './helpers/desk-processes.js';
import { GitLabSimulator } from './helpers/forge-simulator.js';
import { freePort, missingComponent } from './helpers/real-component.js';
import { type SmtpSink, startSmtpSink } from './helpers/smtp-sink.js';

// Faults a desk in production meets, on PostgreSQL with the built app in processes of its own: a web
// process killed (-9) while mail arrives, the outbound SMTP server down for a while, a flood of
// webhook deliveries with replays. Runs on the postgres project only (vitest.config.ts); in CI a
// missing build or PostgreSQL fails the run.

const serverUrl = process.env.TEST_DATABASE_URL;
const skip =
  missingComponent('PostgreSQL', serverUrl ? undefined : 'TEST_DATABASE_URL is not set') ||
  missingComponent('the built app', missingBuild());

/** A fresh database and what every process of one desk shares; cleanup drops the database too. */
async function freshDesk(name: string) {
  const database = await createFreshDatabase(serverUrl as string);
  const setup = deskSetup(name, { DATABASE_URL: database.url });
  return {
    database,
    env: setup.env,
    async cleanup(processes: DeskProcess[]) {
      await setup.cleanup(processes);
      await database.drop();
    },
  };
}

describe.skipIf(skip)('kill -9 of a web process while mail arrives over SMTP', () => {
  let setup: Awaited<ReturnType<typeof freshDesk>>;
  const processes: DeskProcess[] = [];

  beforeAll(async () => {
    setup = await freshDesk('kill');
  }, 30_000);
  afterAll(async () => setup?.cleanup(processes), 30_000);

  it('every Message-ID is stored once after the restart: none lost, none duplicated', async () => {
    const [port, smtpPort] = [await freePort(), await freePort()];
    // the web process takes mail; jobs wait for a worker started after the storm
    const webEnv = { ...setup.env, RUN_JOBS: 'false', PORT: String(port), SMTP_PORT: String(smtpPort) };
    const startWeb = async (name: string) => {
      const web = startProcess(name, [builtServer], webEnv);
      processes.push(web);
      await web.waitFor(/Pipefitter is ready/);
      return web;
    };
    let web = await startWeb('web');

    const runId = randomBytes(4).toString('hex');
    const total = 200;
    const ids = Array.from({ length: total }, (_, i) => `fault-${runId}-${i}@acme.example`);
    const raw = (i: number) =>
      rawMail(
        {
          from: `Customer ${i} <customer-${i}@acme.example>`,
          subject: `Runner ${i} is stuck`,
          messageId: ids[i] as string,
        },
        `Runner ${i} has been stuck since the upgrade.`,
      );

    // a sending MTA: it keeps a message until it gets a 250 for it, and tries again after a refused
    // connection, a dropped one or a 4xx; a 5xx would bounce it, which this desk must never answer here
    const accepted = new Set<number>();
    const bounced: string[] = [];
    let attempts = 0;
    const queue = Array.from({ length: total }, (_, i) => i);
    const sendOne = async (i: number) => {
      for (;;) {
        attempts++;
        try {
          await sendOverSmtp(smtpPort, `customer-${i}@acme.example`, raw(i), {
            connectionTimeout: 2_000,
            socketTimeout: 5_000,
          });
          accepted.add(i);
          return;
        } catch (err) {
          const code = (err as { responseCode?: number }).responseCode;
          if (code !== undefined && code >= 500) {
            bounced.push(`${ids[i]}: ${(err as Error).message}`);
            return;
          }
          await sleep(100);
        }
      }
    };
    const sender = Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) await sendOne(i);
      }),
    );

    // mid-stream: kill -9, then the same process again on the same ports; the sender goes on
    await until('a third of the mail accepted', () => accepted.size >= total / 3, 30_000);
    web.child.kill('SIGKILL');
    await web.exited;
    const acceptedBeforeKill = accepted.size;
    await sleep(300); // refused connections while it is down
    web = await startWeb('web again');
    await sender;
    expect(bounced).toEqual([]);
    expect(acceptedBeforeKill).toBeLessThan(total);
    expect(accepted.size).toBe(total);
    expect(attempts).toBeGreaterThan(total); // the kill cost the sender some retries

    const worker = startProcess('worker', [builtCli, 'worker'], setup.env);
    processes.push(worker);
    await worker.waitFor(/worker running/);
    const stored = () =>
      setup.database.query<{ id: string; state: string; copies: number }>(
        `SELECT btrim(rfc_message_id, '<>') AS id, min(state) AS state, count(*)::int AS copies
           FROM inbound_mail WHERE btrim(rfc_message_id, '<>') = ANY($1) GROUP BY 1`,
        [ids],
      );
    await until(
      'the worker to process the mail',
      async () => {
        const rows = await stored();
        return rows.length === total && rows.every((r) => r.state !== 'received');
      },
      40_000,
    );
    const inbound = await stored();
    expect(inbound.filter((r) => r.copies !== 1 || r.state !== 'processed')).toEqual([]);
    expect(inbound.map((r) => r.id).sort()).toEqual([...ids].sort());
    // one message on one ticket per Message-ID
    const messages = await setup.database.query<{ id: string; messages: number; tickets: number }>(
      `SELECT btrim(rfc_message_id, '<>') AS id, count(*)::int AS messages, count(DISTINCT ticket_id)::int AS tickets
         FROM message_mail WHERE direction = 'in' AND btrim(rfc_message_id, '<>') = ANY($1) GROUP BY 1`,
      [ids],
    );
    expect(messages.filter((m) => m.messages !== 1 || m.tickets !== 1)).toEqual([]);
    expect(messages).toHaveLength(total);
    const [tickets] = await setup.database.query<{ n: number; subjects: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT subject)::int AS subjects FROM tickets WHERE subject LIKE 'Runner % is stuck'`,
    );
    expect(tickets).toEqual({ n: total, subjects: total });
  }, 90_000);
});

describe.skipIf(skip)('outbound SMTP down for a while', () => {
  let setup: Awaited<ReturnType<typeof freshDesk>>;
  const processes: DeskProcess[] = [];
  let sink: SmtpSink | undefined;

  beforeAll(async () => {
    setup = await freshDesk('smtp-down');
  }, 30_000);
  afterAll(async () => {
    await sink?.close();
    await setup?.cleanup(processes);
  }, 30_000);

  it('replies wait in the outbox with a growing backoff, then go out exactly once when SMTP returns', async () => {
    // nobody listens on the sink's port yet
    const sinkPort = await freePort();
    const port = await freePort();
    const desk = startProcess('desk', [builtServer], {
      ...setup.env,
      PORT: String(port),
      SMTP_PORT: '0',
      OUTBOUND_SMTP_URL: `smtp://127.0.0.1:${sinkPort}`,
    });
    processes.push(desk);
    await desk.waitFor(/Pipefitter is ready/);
    const admin = await adminToken(setup.env, 'faults');
    const base = `http://127.0.0.1:${port}`;

    const replies = 5;
    for (let i = 0; i < replies; i++) {
      const ticket = await api(base, admin, 'POST', '/api/v1/tickets', {
        subject: `Outage ${i}`,
        body: 'The pipeline hangs.',
        requesterEmail: `requester-${i}@initech.example`,
        notify: false,
      });
      expect(ticket.status, JSON.stringify(ticket.json)).toBe(201);
      const reply = await api(base, admin, 'POST', `/api/v1/tickets/${ticket.json.number}/messages`, {
        body: `We are on it (${i}).`,
      });
      expect(reply.status, JSON.stringify(reply.json)).toBe(201);
    }

    interface OutboxItem {
      id: string;
      subject: string;
      state: string;
      attempts: number;
      lastError: string | null;
      nextAttemptAt: string | null;
    }
    const outbox = async () => (await api(base, admin, 'GET', '/api/v1/mail/outbox')).json.items as OutboxItem[];
    // the next try is the send job's run_at, which the outbox shows as nextAttemptAt
    const sendJobs = () =>
      setup.database.query<{ mail: string; attempts: number; created: Date; runAt: Date }>(
        `SELECT payload->>'outboundMailId' AS mail, attempts, created_at AS created, run_at AS "runAt"
           FROM jobs WHERE name = 'mail.send-mail' AND state = 'queued' AND attempts > 0`,
      );
    const firstRetry = new Map<string, number>();
    await until(
      'a first failed try of each reply',
      async () => {
        for (const job of await sendJobs())
          if (job.attempts === 1) firstRetry.set(job.mail, job.runAt.getTime() - job.created.getTime());
        return firstRetry.size === replies;
      },
      15_000,
    );
    await until(
      'a second failed try of each reply',
      async () => (await sendJobs()).filter((job) => job.attempts === 2).length === replies,
      20_000,
    );
    const waiting = await outbox();
    expect(waiting).toHaveLength(replies);
    for (const item of waiting) {
      expect(item.state).toBe('queued');
      expect(item.attempts).toBe(2);
      expect(item.lastError).toMatch(/ECONNREFUSED|connect/i);
    }
    // the wait before the third try is longer than the wait before the second
    const jobs = await sendJobs();
    // an admin sees when each waiting mail is tried next: its send job's run_at
    const nextTry = new Map(jobs.map((job) => [job.mail, job.runAt.toISOString()]));
    for (const item of waiting) expect(item.nextAttemptAt).toBe(nextTry.get(item.id));
    for (const job of jobs) {
      const first = firstRetry.get(job.mail) as number;
      const secondGap = job.runAt.getTime() - (job.created.getTime() + first);
      expect(first).toBeGreaterThanOrEqual(3_000);
      expect(secondGap, `${job.mail}: ${first} ms, then ${secondGap} ms`).toBeGreaterThan(first);
    }

    // SMTP is back where the desk sends: the next retry delivers each reply, once
    sink = await startSmtpSink(sinkPort);
    const expectedIds = waiting.map((w) => w.id);
    await until('every reply sent', async () => (await outbox()).every((item) => item.state === 'sent'), 30_000);
    await sleep(1_500); // room for a duplicate to arrive
    const received = sink.received.map((m) => m.messageId);
    expect(received).toHaveLength(replies);
    expect(new Set(received).size).toBe(replies);
    const rfcIds = await setup.database.query<{ rfc: string }>(
      'SELECT rfc_message_id AS rfc FROM outbound_mail WHERE id = ANY($1::uuid[])',
      [expectedIds],
    );
    expect([...received].sort()).toEqual(rfcIds.map((r) => r.rfc).sort());
    const sent = await outbox();
    expect(sent.map((s) => `${s.state} ${s.attempts}`)).toEqual(Array(replies).fill('sent 3'));
    expect(sink.received.map((m) => m.subject).every((s) => /Outage \d/.test(s ?? ''))).toBe(true);
  }, 90_000);
});

describe.skipIf(skip)('a flood of webhook deliveries with replays', () => {
  let setup: Awaited<ReturnType<typeof freshDesk>>;
  const processes: DeskProcess[] = [];
  let gitlab: GitLabSimulator;

  beforeAll(async () => {
    setup = await freshDesk('webhooks');
    gitlab = await new GitLabSimulator().start();
  }, 30_000);
  afterAll(async () => {
    await gitlab?.close();
    await setup?.cleanup(processes);
  }, 30_000);

  it('1,000 deliveries, each sent two or three times in shuffled order, are each applied once', async () => {
    const port = await freePort();
    const desk = startProcess('desk', [builtServer], { ...setup.env, PORT: String(port), SMTP_PORT: '0' });
    processes.push(desk);
    await desk.waitFor(/Pipefitter is ready/);
    const admin = await adminToken(setup.env, 'faults');
    const base = `http://127.0.0.1:${port}`;
    const project = 'acme/widgets';

    const forge = await api(base, admin, 'POST', '/api/v1/forges', {
      kind: 'gitlab',
      baseUrl: gitlab.url,
      token: gitlab.token,
      webhookSecret: gitlab.secret,
      name: 'GitLab',
    });
    expect(forge.status, JSON.stringify(forge.json)).toBe(201);
    // ten tickets waiting on issues 1–10; issues 11–20 are known to the forge but linked to nothing
    const linked = 10;
    const tickets: number[] = [];
    for (let iid = 1; iid <= 20; iid++) gitlab.addIssue(project, iid, `Issue ${iid}`);
    for (let iid = 1; iid <= linked; iid++) {
      const ticket = await api(base, admin, 'POST', '/api/v1/tickets', {
        subject: `Waiting on issue ${iid}`,
        body: 'It is broken.',
        requesterEmail: `waiting-${iid}@initech.example`,
        notify: false,
      });
      expect(ticket.status, JSON.stringify(ticket.json)).toBe(201);
      tickets.push(ticket.json.number as number);
      // linked quietly: what is counted below is the notices the deliveries cause
      const link = await api(base, admin, 'POST', `/api/v1/tickets/${ticket.json.number}/links`, {
        url: gitlab.issueUrl(project, iid),
        notify: false,
      });
      expect(link.status, JSON.stringify(link.json)).toBe(201);
      const watching = await api(base, admin, 'PATCH', `/api/v1/tickets/${ticket.json.number}`, { status: 'watching' });
      expect(watching.status, JSON.stringify(watching.json)).toBe(200);
    }
    // merge requests that close nothing linked: their events are checked, and change no ticket
    for (let mr = 900; mr < 907; mr++) gitlab.openMergeRequest(project, mr, `Change ${mr}`, 'dev', []);
    // what the flood announces: issues 1–5 scheduled for a milestone; the others unchanged
    for (let iid = 1; iid <= 5; iid++) gitlab.setMilestone(project, iid, '17.3', '2026-12-17');

    // 1,000 deliveries: issue events (various actions) for linked and unlinked issues and merge events
    const runId = randomBytes(4).toString('hex');
    const actions = ['update', 'update', 'open', 'reopen'];
    const deliveries = Array.from({ length: 1_000 }, (_, i) => {
      const id = `flood-${runId}-${i}`;
      const iid = (i % 20) + 1;
      const payload =
        i % 10 === 9
          ? gitlab.mergeHook(project, 900 + (i % 7))
          : gitlab.issueHook(project, iid, actions[i % 4] ?? 'update');
      const event = i % 10 === 9 ? 'Merge Request Hook' : 'Issue Hook';
      const body = JSON.stringify(payload);
      const headers = { ...gitlab.headers(event, payload, { id }), 'x-gitlab-event-uuid': id };
      return { id, body, headers, linkedIssue: event === 'Issue Hook' && iid <= linked, merge: event !== 'Issue Hook' };
    });
    const sends = deliveries.flatMap((d, i) => Array(2 + (i % 2)).fill(d) as (typeof d)[]);
    for (let i = sends.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [sends[i], sends[j]] = [sends[j] as (typeof sends)[number], sends[i] as (typeof sends)[number]];
    }

    // twenty at a time, as a busy forge's webhook workers do
    const answers: { id: string; status: number; duplicate: boolean }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let s = sends[next++]; s; s = sends[next++]) {
          const res = await fetch(`${base}/hooks/gitlab`, { method: 'POST', headers: s.headers, body: s.body });
          const json = (await res.json()) as { duplicate?: boolean };
          answers.push({ id: s.id, status: res.status, duplicate: json.duplicate === true });
        }
      }),
    );
    expect(answers.filter((a) => a.status !== 202)).toEqual([]);
    expect(answers).toHaveLength(sends.length);
    // exactly one copy of each delivery was new; every replay was recognised
    const fresh = answers.filter((a) => !a.duplicate).map((a) => a.id);
    expect(fresh).toHaveLength(deliveries.length);
    expect(new Set(fresh).size).toBe(deliveries.length);

    const recorded = await setup.database.query<{ delivery: string; times: number }>(
      `SELECT delivery_id AS delivery, count(*)::int AS times FROM forge_deliveries
        WHERE delivery_id LIKE $1 GROUP BY 1`,
      [`flood-${runId}-%`],
    );
    expect(recorded).toHaveLength(deliveries.length);
    expect(recorded.every((r) => r.times === 1)).toBe(true);
    // applied once: one refresh per delivery about a linked issue, one merge check per merge event
    const [queued] = await setup.database.query<{ refresh: number; merged: number }>(
      `SELECT count(*) FILTER (WHERE name = 'forges.refresh-issue' AND (payload->>'force')::boolean)::int AS refresh,
              count(*) FILTER (WHERE name = 'forges.change-merged')::int AS merged FROM jobs`,
    );
    expect(queued).toEqual({
      refresh: deliveries.filter((d) => d.linkedIssue).length,
      merged: deliveries.filter((d) => d.merge).length,
    });

    // the customers of tickets 1–5 are told once that the fix is scheduled; the others not at all
    await until(
      'the refreshes to run',
      async () => {
        const [left] = await setup.database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM jobs WHERE name = 'forges.refresh-issue' AND state IN ('queued', 'running')`,
        );
        return left?.n === 0;
      },
      45_000,
    );
    const notices = await setup.database.query<{ ticket: number; n: number }>(
      `SELECT t.id::int AS ticket, count(m.id)::int AS n FROM tickets t
         LEFT JOIN messages m ON m.ticket_id = t.id AND m.author_kind = 'system' AND NOT m.internal
        WHERE t.id = ANY($1) GROUP BY 1 ORDER BY 1`,
      [tickets],
    );
    expect(notices).toEqual(tickets.map((ticket, i) => ({ ticket, n: i < 5 ? 1 : 0 })));
    const mailed = await setup.database.query<{ ticket: number; n: number }>(
      `SELECT t.id::int AS ticket, count(o.id)::int AS n FROM tickets t
         JOIN outbound_mail o ON o.ticket_id = t.id WHERE t.id = ANY($1) GROUP BY 1 ORDER BY 1`,
      [tickets],
    );
    expect(mailed).toEqual(tickets.slice(0, 5).map((ticket) => ({ ticket, n: 1 })));
  }, 90_000);
});
