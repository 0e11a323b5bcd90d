import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { GitLabSimulator } from '../../test/helpers/forge-simulator.js';
import { FakeClock, HOUR_MS, MINUTE_MS } from '../platform/clock.js';
import { queryRows, sql } from '../platform/db.js';
import type { Worker } from '../platform/jobs/worker.js';
import type { AppDeps } from '../runtime.js';
import { backfillReportFacts } from './facts-store.js';

// The reports on the real database, through the HTTP API. A desk is seeded through its own actions
// with a clock moved by hand: 30 tickets over six weeks from two organizations on two plans, opened
// by customers (and some by agents on their behalf), assigned to two agents in two teams, answered
// fast and slow (so SLA clocks are met and breached, some by the sweep), with internal notes,
// customer follow-ups, pending tickets the sweeps remind and solve, solves, reopens, auto-closes and
// links to a GitLab issue whose fix is merged. Every report's numbers are then compared with a
// computation of their own, straight from tickets, messages, the audit trail and the SLA events;
// and the backfill (migration 0021) rebuilds the same facts the listener kept.

const T0 = Date.parse('2027-01-04T06:00:00Z'); // a Monday
const FROM = '2027-01-04';
const TO = '2027-02-14'; // a Sunday: six whole weeks
const clock = new FakeClock(new Date(T0 - HOUR_MS));
const PROJECT = 'acme/widgets';

let desk: TestDesk;
let worker: Worker<AppDeps>;
let gitlab: GitLabSimulator;
let lead: string;
let ana: string;
let bob: string;
const people: Record<string, { id: string; token: string }> = {};
const teams: Record<string, string> = {};
let acme: { organizationId: string; contactId: string; token: string };
let globex: { organizationId: string; contactId: string; token: string };
/** ticket i of the seed → its number */
const numbers: number[] = [];
/** the ticket moved from one agent and team to the other while open */
const MOVED = 4;

const call = async (token: string | undefined, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
  const res = await desk.as(token, { method, url, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300 && method !== 'GET') throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res;
};
const rows = <R>(text: string) => queryRows<R>(desk.deps.db, sql.raw(text));

interface Step {
  at: number;
  order: number;
  run: () => Promise<unknown>;
}

/** Each ticket's life, as steps at minutes after its opening; steps of all tickets run in time order. */
function seedSteps(): Step[] {
  const steps: Step[] = [];
  let order = 0;
  const at = (start: number, minutes: number, run: () => Promise<unknown>) =>
    steps.push({ at: start + minutes * MINUTE_MS, order: order++, run });
  for (let i = 0; i < 30; i++) {
    const start = T0 + i * 31 * HOUR_MS + 17 * MINUTE_MS;
    const customer = i % 2 === 0 ? acme : globex;
    const agent = i % 3 === 2 ? 'bob' : 'ana';
    const other = agent === 'ana' ? 'bob' : 'ana';
    const token = agent === 'ana' ? ana : bob;
    const n = () => numbers[i] as number;
    const byAgent = i % 7 === 3;
    at(start, 0, async () => {
      const res = byAgent
        ? await call(token, 'POST', '/api/v1/tickets', {
            subject: `Seed ${i}`,
            body: 'Opened for the customer after their call.',
            requesterEmail: i % 2 === 0 ? 'lena@acme.example' : 'hank@globex.example',
            notify: false,
          })
        : await call(customer.token, 'POST', '/api/v1/tickets', { subject: `Seed ${i}`, body: 'Queries are slow.' });
      numbers[i] = res.json().number;
    });
    at(start, 5, () =>
      call(lead, 'PATCH', `/api/v1/tickets/${n()}`, {
        assignee: `${agent}@desk.example`,
        team: teams[agent],
        priority: ['normal', 'high', 'urgent', 'low', 'normal'][i % 5],
      }),
    );
    if (i === MOVED) {
      at(start, 10, () =>
        call(lead, 'PATCH', `/api/v1/tickets/${n()}`, { assignee: `${other}@desk.example`, team: teams[other] }),
      );
    }
    if (i % 11 === 10) continue; // never answered
    const replier = i === MOVED ? (other === 'ana' ? ana : bob) : token;
    const first = [20, 45, 90, 300, 700, 1500][i % 6] as number;
    at(start, first, () =>
      call(replier, 'POST', `/api/v1/tickets/${n()}/messages`, {
        body: 'Can you send the slow query log?',
        ...(i % 6 === 5 ? { status: 'pending' } : {}),
      }),
    );
    if (i % 2 === 0) {
      at(start, first + 1, () =>
        call(replier, 'POST', `/api/v1/tickets/${n()}/messages`, { body: 'Looks like autovacuum.', internal: true }),
      );
    }
    let last = first;
    if (i % 2 === 0) {
      at(start, first + 60, () =>
        call(customer.token, 'POST', `/api/v1/tickets/${n()}/messages`, { body: 'Here is the log.' }),
      );
      if (i % 4 === 0) {
        at(start, first + 90, () =>
          call(customer.token, 'POST', `/api/v1/tickets/${n()}/messages`, { body: 'And the plan.' }),
        );
      }
      last = first + 60 + ([15, 200, 40][i % 3] as number) + (i % 4 === 0 ? 30 : 0);
      at(start, last, () =>
        call(replier, 'POST', `/api/v1/tickets/${n()}/messages`, { body: 'Raise work_mem, then vacuum.' }),
      );
    }
    if (i % 3 === 1) continue; // left open (or pending)
    at(start, last + 30, () =>
      call(replier, 'POST', `/api/v1/tickets/${n()}/messages`, { body: 'Fixed; closing.', status: 'solved' }),
    );
    if (i % 5 === 0) {
      at(start, last + 150, () =>
        call(customer.token, 'POST', `/api/v1/tickets/${n()}/messages`, { body: 'It is back.' }),
      );
      at(start, last + 330, () => call(replier, 'PATCH', `/api/v1/tickets/${n()}`, { status: 'solved' }));
    }
  }
  return steps.sort((a, b) => a.at - b.at || a.order - b.order);
}

beforeAll(async () => {
  gitlab = await new GitLabSimulator().start();
  desk = await createTestDesk({ clock, env: { SUPPORT_ADDRESS: 'support@desk.example' } });
  worker = desk.runtime.createWorker();
  lead = await desk.agentTokenFor('lead@desk.example', 'lead');
  ana = await desk.agentTokenFor('ana@desk.example');
  bob = await desk.agentTokenFor('bob@desk.example');
  for (const name of ['lead', 'ana', 'bob']) {
    const [agent] = await rows<{ id: string }>(`SELECT id FROM agents WHERE email = '${name}@desk.example'`);
    people[name] = { id: agent?.id as string, token: name === 'lead' ? lead : name === 'ana' ? ana : bob };
  }
  for (const [agent, name] of [
    ['ana', 'Platform'],
    ['bob', 'Databases'],
  ] as const) {
    const team = await call(lead, 'POST', '/api/v1/teams', { name, memberIds: [people[agent]?.id] });
    teams[agent] = team.json().id;
  }
  acme = await desk.customer('Acme', 'lena@acme.example');
  globex = await desk.customer('=Globex, Ltd', 'hank@globex.example');
  await call(desk.adminToken, 'PATCH', `/api/v1/organizations/${acme.organizationId}`, { plan: 'premium' });

  for (const step of seedSteps()) {
    clock.set(new Date(step.at));
    await step.run();
    await worker.drain();
  }

  // the pipe fitter: open tickets linked to two issues; the first one's fix is merged a day later
  const forge = await call(desk.adminToken, 'POST', '/api/v1/forges', {
    kind: 'gitlab',
    baseUrl: gitlab.url,
    token: gitlab.token,
    webhookSecret: gitlab.secret,
    name: 'GitLab',
  });
  expect(forge.statusCode).toBe(201);
  gitlab.addIssue(PROJECT, 42, 'Autovacuum stalls on big tables');
  gitlab.addIssue(PROJECT, 43, 'work_mem ignored by replicas');
  clock.set('2027-02-12T10:00:00Z');
  for (const [i, issue] of [
    [1, 42],
    [7, 42],
    [13, 42],
    [16, 42],
    [22, 43],
    [25, 43],
  ] as const) {
    clock.advance(MINUTE_MS * 7);
    await call(lead, 'POST', `/api/v1/tickets/${numbers[i]}/links`, { url: gitlab.issueUrl(PROJECT, issue) });
    await worker.drain();
  }
  clock.set('2027-02-13T10:00:00Z');
  gitlab.openMergeRequest(PROJECT, 7, 'Vacuum in smaller batches', 'Alice', [42]);
  gitlab.merge(PROJECT, 7, 'Bob', '2027-02-13T10:00:00Z');
  const payload = gitlab.mergeHook(PROJECT, 7);
  const hook = await desk.app.inject({
    method: 'POST',
    url: '/hooks/gitlab',
    headers: gitlab.headers('Merge Request Hook', payload),
    payload: JSON.stringify(payload),
  });
  expect(hook.statusCode).toBe(202);
  for (let i = 0; i < 3; i++) {
    clock.advance(1000);
    await worker.drain();
  }
  // a week on: solved tickets close, pending ones are solved (after the range: the backlog counts back)
  for (let day = 1; day <= 8; day++) {
    clock.set(new Date(Date.parse('2027-02-14T12:00:00Z') + day * 24 * HOUR_MS));
    await worker.drain();
  }
}, 240_000);

afterAll(async () => {
  await desk?.close();
  await gitlab?.close();
});

type Row = { group: string; label: string } & Record<string, number | string | null>;
interface Answer {
  report: string;
  title: string;
  from: string;
  to: string;
  zone: string;
  groupBy: string;
  columns: { key: string; label: string; kind: string }[];
  rows: Row[];
}

async function report(name: string, query: string): Promise<Answer> {
  const res = await desk.as(lead, { method: 'GET', url: `/api/v1/reports/${name}?from=${FROM}&to=${TO}&${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const byGroup = (answer: Answer) => new Map(answer.rows.map((r) => [r.group, r]));

// group expressions of the direct computations: the ticket's own columns (they do not change after
// the first reply in this seed), the reply's author, the week or day in a zone
const GROUPS: Record<string, (at: string, agent: string) => string> = {
  priority: () => 't.priority::text',
  plan: () => 'o.plan',
  region: (): string => 't.region',
  agent: (_at, agent) => `${agent}::text`,
  organization: () => 't.organization_id::text',
  team: () => 't.team_id::text',
};
const timeGroup = (unit: 'week' | 'day', at: string, zone: string) =>
  `to_char(date_trunc('${unit}', ${at} AT TIME ZONE '${zone}'), 'YYYY-MM-DD')`;
const inRange = (at: string, zone = 'UTC') =>
  `(${at} AT TIME ZONE '${zone}')::date BETWEEN '${FROM}'::date AND '${TO}'::date`;

// the intervals, computed here from messages: the opening message is never a reply; system messages
// and internal notes are not replies
const PUBLIC_REPLIES = `
  SELECT m.*, t.created_at AS ticket_created_at,
         m.id = (SELECT f.id FROM messages f WHERE f.ticket_id = m.ticket_id AND f.author_kind = 'agent' AND NOT f.internal
                    AND f.id <> (SELECT o.id FROM messages o WHERE o.ticket_id = m.ticket_id ORDER BY o.created_at, o.id LIMIT 1)
                  ORDER BY f.created_at, f.id LIMIT 1) AS is_first
    FROM messages m JOIN tickets t ON t.id = m.ticket_id
   WHERE m.author_kind = 'agent' AND NOT m.internal
     AND m.id <> (SELECT o.id FROM messages o WHERE o.ticket_id = m.ticket_id ORDER BY o.created_at, o.id LIMIT 1)`;
const INTERVALS: Record<string, string> = {
  'first-reply': `SELECT r.ticket_id, r.created_at AS at, r.author_agent_id AS agent,
                         extract(epoch FROM r.created_at - r.ticket_created_at) / 60 AS minutes
                    FROM (${PUBLIC_REPLIES}) r WHERE r.is_first`,
  'next-reply': `SELECT r.ticket_id, r.created_at AS at, r.author_agent_id AS agent,
                        extract(epoch FROM r.created_at - w.since) / 60 AS minutes
                   FROM (${PUBLIC_REPLIES}) r,
                        LATERAL (SELECT min(c.created_at) AS since FROM messages c
                                  WHERE c.ticket_id = r.ticket_id AND c.author_kind = 'contact' AND NOT c.internal
                                    AND c.created_at < r.created_at
                                    AND c.created_at > (SELECT max(p.created_at) FROM messages p
                                                         WHERE p.ticket_id = r.ticket_id AND p.author_kind = 'agent'
                                                           AND NOT p.internal AND p.created_at < r.created_at)) w
                  WHERE NOT r.is_first AND w.since IS NOT NULL`,
  resolution: `SELECT t.id AS ticket_id, t.solved_at AS at, t.assignee_id AS agent,
                      extract(epoch FROM t.solved_at - t.created_at) / 60 AS minutes
                 FROM tickets t WHERE t.solved_at IS NOT NULL`,
};

async function directDurations(metric: string, group: string) {
  const found = await rows<{ key: string | null; count: number; median: number; p90: number }>(
    `SELECT ${group} AS key, count(*)::int AS count,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY i.minutes) AS median,
            percentile_disc(0.9) WITHIN GROUP (ORDER BY i.minutes) AS p90
       FROM (${INTERVALS[metric]}) i JOIN tickets t ON t.id = i.ticket_id
       LEFT JOIN organizations o ON o.id = t.organization_id
      WHERE ${inRange('i.at')}
      GROUP BY 1`,
  );
  return new Map(found.map((f) => [f.key ?? 'none', f]));
}

function expectDurations(answer: Answer, expected: Awaited<ReturnType<typeof directDurations>>, what: string) {
  const got = answer.rows.filter((r) => r.count !== 0);
  expect(got.map((r) => r.group).sort(), what).toEqual([...expected.keys()].sort());
  for (const row of got) {
    const e = expected.get(row.group);
    expect(row.count, `${what} ${row.label}`).toBe(Number(e?.count));
    expect(row.medianMinutes as number, `${what} ${row.label} median`).toBeCloseTo(Number(e?.median), 6);
    expect(row.p90Minutes as number, `${what} ${row.label} p90`).toBeCloseTo(Number(e?.p90), 6);
  }
}

describe('reply and resolution times', () => {
  it('the seed has what the reports are about', async () => {
    const [counts] = await rows<Record<string, number>>(
      `SELECT (SELECT count(*) FROM tickets)::int AS tickets,
              (SELECT count(*) FROM tickets WHERE solved_at IS NOT NULL)::int AS solved,
              (SELECT count(*) FROM messages WHERE author_kind = 'system' AND NOT internal)::int AS system_public,
              (SELECT count(*) FROM sla_events WHERE kind = 'breach')::int AS swept_breaches,
              (SELECT count(*) FROM sla_events WHERE kind = 'stop' AND detail LIKE '%): breached,%')::int AS late_stops,
              (SELECT count(*) FROM sla_events WHERE kind = 'stop' AND detail LIKE '%): met,%')::int AS met_stops,
              (SELECT count(*) FROM audit_events WHERE data -> 'changes' -> 'status' ->> 'to' = 'closed')::int AS closed`,
    );
    expect(counts?.tickets).toBe(30);
    expect(counts?.solved).toBeGreaterThan(10);
    expect(counts?.system_public).toBeGreaterThan(0); // pending reminders and issue notices: not replies
    expect(counts?.swept_breaches).toBeGreaterThan(0);
    expect(counts?.late_stops).toBeGreaterThan(0);
    expect(counts?.met_stops).toBeGreaterThan(0);
    expect(counts?.closed).toBeGreaterThan(0);
  });

  for (const metric of ['first-reply', 'next-reply', 'resolution']) {
    it(`${metric}: per week in a zone and per every dimension, equal to percentile_disc over the messages`, async () => {
      const zone = 'Asia/Kolkata';
      const weekly = await report(metric, `zone=${zone}`);
      expect(weekly).toMatchObject({ report: metric, groupBy: 'week', zone });
      expect(weekly.columns.map((c) => [c.key, c.kind])).toEqual([
        ['count', 'count'],
        ['medianMinutes', 'minutes'],
        ['p90Minutes', 'minutes'],
      ]);
      // Monday 4 Jan 2027 00:00 in Kolkata to Sunday 14 Feb: six weeks, all listed
      expect(weekly.rows.map((r) => r.group)).toEqual([
        '2027-01-04',
        '2027-01-11',
        '2027-01-18',
        '2027-01-25',
        '2027-02-01',
        '2027-02-08',
      ]);
      expect(weekly.rows[0]?.label).toBe('Week of 4 Jan 2027');
      const zoned = await rows<{ key: string; count: number; median: number; p90: number }>(
        `SELECT ${timeGroup('week', 'i.at', zone)} AS key, count(*)::int AS count,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY i.minutes) AS median,
                percentile_disc(0.9) WITHIN GROUP (ORDER BY i.minutes) AS p90
           FROM (${INTERVALS[metric]}) i WHERE ${inRange('i.at', zone)} GROUP BY 1`,
      );
      expectDurations(weekly, new Map(zoned.map((z) => [z.key, z])), `${metric} by week`);

      for (const [groupBy, group] of Object.entries(GROUPS)) {
        const answer = await report(metric, `groupBy=${groupBy}`);
        expectDurations(answer, await directDurations(metric, group('i.at', 'i.agent')), `${metric} by ${groupBy}`);
      }
    });
  }

  it('names the groups, lists every priority, and filters by organization, plan and team', async () => {
    const byAgent = await report('first-reply', 'groupBy=agent');
    expect(byAgent.rows.map((r) => r.label)).toEqual(['ana', 'bob']);
    const byPriority = await report('first-reply', 'groupBy=priority');
    expect(byPriority.rows.map((r) => [r.group, r.label])).toEqual([
      ['urgent', 'Urgent'],
      ['high', 'High'],
      ['normal', 'Normal'],
      ['low', 'Low'],
    ]);
    const byOrganization = await report('resolution', 'groupBy=organization');
    expect(byOrganization.rows.map((r) => r.label).sort()).toEqual(['=Globex, Ltd', 'Acme']);

    const filtered = async (filter: string, condition: string) => {
      const answer = await report('first-reply', `groupBy=agent&${filter}`);
      const expected = await rows<{ key: string; count: number; median: number; p90: number }>(
        `SELECT i.agent::text AS key, count(*)::int AS count,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY i.minutes) AS median,
                percentile_disc(0.9) WITHIN GROUP (ORDER BY i.minutes) AS p90
           FROM (${INTERVALS['first-reply']}) i JOIN tickets t ON t.id = i.ticket_id
           LEFT JOIN organizations o ON o.id = t.organization_id
          WHERE ${inRange('i.at')} AND ${condition} GROUP BY 1`,
      );
      expectDurations(answer, new Map(expected.map((e) => [e.key, e])), filter);
      return answer;
    };
    await filtered(`organization=${globex.organizationId}`, `t.organization_id = '${globex.organizationId}'`);
    await filtered('plan=premium', `o.plan = 'premium'`);
    const platform = await filtered(`team=${teams.ana}`, `t.team_id = '${teams.ana}'`);
    expect(platform.rows.map((r) => r.label)).toEqual(['ana']);
  });
});

/** SLA outcomes from the SLA events, one per clock run: breached if it ever was (first time), else met at its last stop. */
async function directSla() {
  const events = await rows<{ id: number; ticket_id: number; metric: string; kind: string; at: Date; detail: string }>(
    `SELECT id, ticket_id, metric, kind, at, detail FROM sla_events ORDER BY id`,
  );
  const runs = new Map<string, { ticketId: number; metric: string; outcome?: string; at?: number }>();
  const current = new Map<string, string>();
  for (const e of events) {
    const clockKey = `${e.ticket_id}/${e.metric}`;
    if (e.kind === 'start') {
      current.set(clockKey, String(e.id));
      runs.set(String(e.id), { ticketId: e.ticket_id, metric: e.metric });
    }
    const run = runs.get(current.get(clockKey) ?? '');
    if (!run || run.outcome === 'breached') continue;
    const late = e.kind === 'breach' || (e.kind === 'stop' && e.detail.includes('): breached,'));
    if (late) Object.assign(run, { outcome: 'breached', at: new Date(e.at).getTime() });
    else if (e.kind === 'stop') Object.assign(run, { outcome: 'met', at: new Date(e.at).getTime() });
  }
  return [...runs.values()].filter((r) => r.outcome !== undefined) as {
    ticketId: number;
    metric: string;
    outcome: string;
    at: number;
  }[];
}

describe('SLA attainment', () => {
  it('per policy, week and agent: met and breached clock runs, equal to the SLA events', async () => {
    const runs = (await directSla()).filter(
      (r) => r.at >= Date.parse(`${FROM}T00:00:00Z`) && r.at < Date.parse('2027-02-15T00:00:00Z'),
    );
    expect(runs.some((r) => r.outcome === 'breached')).toBe(true);
    expect(runs.some((r) => r.outcome === 'met' && r.metric === 'next-reply')).toBe(true);
    const tickets = await rows<{ id: number; priority: string; assignee_id: string | null }>(
      'SELECT id, priority::text, assignee_id FROM tickets',
    );
    const ticket = new Map(tickets.map((t) => [t.id, t]));
    const policy: Record<string, string> = { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' };
    const week = (at: number) => {
      const d = new Date(at);
      const monday = new Date(
        Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)),
      );
      return monday.toISOString().slice(0, 10);
    };
    for (const [groupBy, keyOf] of [
      ['policy', (r: (typeof runs)[number]) => policy[ticket.get(r.ticketId)?.priority as string] as string],
      ['week', (r: (typeof runs)[number]) => week(r.at)],
      ['agent', (r: (typeof runs)[number]) => ticket.get(r.ticketId)?.assignee_id ?? 'none'],
    ] as const) {
      const answer = await report('sla-attainment', `groupBy=${groupBy}`);
      expect(answer.columns.slice(0, 3).map((c) => [c.key, c.kind])).toEqual([
        ['firstReplyAttainment', 'ratio'],
        ['firstReplyMet', 'count'],
        ['firstReplyBreached', 'count'],
      ]);
      const got = byGroup(answer);
      const expected = new Map<string, Record<string, number>>();
      for (const r of runs) {
        const key = keyOf(r);
        const name = r.metric.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
        const counts = expected.get(key) ?? {};
        const field = `${name}${r.outcome === 'met' ? 'Met' : 'Breached'}`;
        counts[field] = (counts[field] ?? 0) + 1;
        expected.set(key, counts);
      }
      for (const [key, counts] of expected) {
        const row = got.get(key);
        expect(row, `${groupBy} ${key}`).toBeDefined();
        for (const metric of ['firstReply', 'nextReply', 'periodicUpdate', 'resolution']) {
          const met = counts[`${metric}Met`] ?? 0;
          const breached = counts[`${metric}Breached`] ?? 0;
          expect([row?.[`${metric}Met`], row?.[`${metric}Breached`]], `${groupBy} ${key} ${metric}`).toEqual([
            met,
            breached,
          ]);
          expect(row?.[`${metric}Attainment`]).toBe(met + breached === 0 ? null : met / (met + breached));
        }
      }
      // groups with no outcome are listed only for weeks
      for (const row of answer.rows) {
        if (!expected.has(row.group)) expect(groupBy, row.group).toBe('week');
      }
    }
  });
});

/** The audit trail replayed: each ticket's status, assignee and team over time. */
async function replay() {
  const tickets = await rows<{ id: number; created_at: Date; status: string }>(
    'SELECT id, created_at, status::text FROM tickets ORDER BY id',
  );
  const audit = await rows<{ ticket_id: number; at: Date; action: string; data: Record<string, unknown> }>(
    `SELECT ticket_id, at, action, data FROM audit_events WHERE ticket_id IS NOT NULL ORDER BY id`,
  );
  type Move = { at: number; from?: string; to?: string; team?: string | null; assignee?: string | null };
  const moves = new Map<number, Move[]>(tickets.map((t) => [t.id, []]));
  const initial = new Map<number, string>();
  for (const e of audit) {
    const at = new Date(e.at).getTime();
    const data = e.data as {
      status?: string | { from: string; to: string };
      changes?: Record<string, { from: unknown; to: unknown }>;
    };
    if (e.action === 'ticket.created') initial.set(e.ticket_id, String(data.status ?? 'new'));
    const status =
      e.action === 'ticket.updated'
        ? data.changes?.status
        : (e.action === 'reply.added' || e.action === 'note.added') && typeof data.status === 'object'
          ? data.status
          : undefined;
    const move: Move = { at };
    if (status) Object.assign(move, { from: String(status.from), to: String(status.to) });
    if (e.action === 'ticket.updated' && data.changes?.team) move.team = data.changes.team.to as string | null;
    if (e.action === 'ticket.updated' && data.changes?.assignee)
      move.assignee = data.changes.assignee.to as string | null;
    if (move.to || move.team !== undefined || move.assignee !== undefined) moves.get(e.ticket_id)?.push(move);
  }
  const unsolved = (s: string) => s !== 'solved' && s !== 'closed';
  return {
    tickets,
    moves,
    /** status and team just before `at` (the ticket must exist) */
    stateAt(id: number, at: number) {
      const t = tickets.find((x) => x.id === id);
      if (!t || new Date(t.created_at).getTime() >= at) return undefined;
      let status = initial.get(id) ?? 'new';
      let team: string | null = null;
      let assignee: string | null = null;
      for (const m of moves.get(id) ?? []) {
        if (m.at >= at) break;
        if (m.to) status = m.to;
        if (m.team !== undefined) team = m.team;
        if (m.assignee !== undefined) assignee = m.assignee;
      }
      return { status, team, assignee, unsolved: unsolved(status) };
    },
    unsolved,
  };
}

describe('backlog', () => {
  it('per day in New York and per week: created, solved, reopened, and the backlog at each end', async () => {
    const history = await replay();
    const zone = 'America/New_York';
    for (const [groupBy, team] of [
      ['day', undefined],
      ['week', undefined],
      ['week', teams.ana],
    ] as const) {
      const answer = await report('backlog', `groupBy=${groupBy}&zone=${zone}${team ? `&team=${team}` : ''}`);
      expect(answer.columns.map((c) => c.key)).toEqual(['created', 'solved', 'reopened', 'backlog']);
      expect(answer.rows).toHaveLength(groupBy === 'day' ? 42 : 6);
      for (const row of answer.rows) {
        const start = Date.parse(
          new Date(`${row.group}T00:00:00-05:00`).toISOString(), // New York is on EST all January–February
        );
        const end = start + (groupBy === 'day' ? 24 : 24 * 7) * HOUR_MS;
        const endOfRange = Math.min(end, Date.parse('2027-02-15T05:00:00Z'));
        let created = 0;
        let solved = 0;
        let reopened = 0;
        let backlog = 0;
        for (const t of history.tickets) {
          const createdAt = new Date(t.created_at).getTime();
          // created under the team it had then (none: teams come with the assignment)
          if (createdAt >= start && createdAt < end && !team) created++;
          for (const m of history.moves.get(t.id) ?? []) {
            if (!m.to || m.at < start || m.at >= end) continue;
            const then = history.stateAt(t.id, m.at + 1);
            if (team && then?.team !== team) continue;
            if (m.to === 'solved') solved++;
            if (m.from && !history.unsolved(m.from) && history.unsolved(m.to)) reopened++;
          }
          const state = history.stateAt(t.id, endOfRange);
          if (state?.unsolved && (!team || state.team === team)) backlog++;
        }
        expect(
          { created: row.created, solved: row.solved, reopened: row.reopened, backlog: row.backlog },
          row.group,
        ).toEqual({ created, solved, reopened, backlog });
      }
    }
  });
});

describe('load and arrivals', () => {
  it('per agent and team: replies, solves, open now, hours on shift from the roster', async () => {
    const history = await replay();
    for (const groupBy of ['agent', 'team'] as const) {
      const answer = await report('load', `groupBy=${groupBy}`);
      const got = byGroup(answer);
      const replies = await rows<{ key: string; n: number }>(
        // an agent's message opening a ticket is a reply too, made before the ticket had a team
        `SELECT ${groupBy === 'agent' ? 'm.author_agent_id' : 'CASE WHEN m.id = first.id THEN NULL ELSE t.team_id END'}::text AS key,
                count(*)::int AS n
           FROM messages m JOIN tickets t ON t.id = m.ticket_id,
                LATERAL (SELECT o.id FROM messages o WHERE o.ticket_id = m.ticket_id ORDER BY o.created_at, o.id LIMIT 1) first
          WHERE m.author_kind = 'agent' AND NOT m.internal AND ${inRange('m.created_at')} GROUP BY 1`,
      );
      for (const r of replies) expect(got.get(r.key ?? 'none')?.replies, `${groupBy} ${r.key} replies`).toBe(r.n);
      const solved = new Map<string, number>();
      for (const t of history.tickets) {
        for (const m of history.moves.get(t.id) ?? []) {
          if (m.to !== 'solved' || m.at >= Date.parse('2027-02-15T00:00:00Z')) continue;
          const then = history.stateAt(t.id, m.at + 1);
          const key = (groupBy === 'agent' ? then?.assignee : then?.team) ?? 'none';
          solved.set(key, (solved.get(key) ?? 0) + 1);
        }
      }
      for (const [key, n] of solved) expect(got.get(key)?.ticketsSolved, `${groupBy} ${key} solved`).toBe(n);
      const open = await rows<{ key: string; n: number }>(
        `SELECT ${groupBy === 'agent' ? 'assignee_id' : 'team_id'}::text AS key, count(*)::int AS n FROM tickets
          WHERE status NOT IN ('solved', 'closed') AND assignee_id IS NOT NULL GROUP BY 1`,
      );
      for (const o of open) expect(got.get(o.key)?.openAssigned, `${groupBy} ${o.key} open`).toBe(o.n);
      // Monday to Friday 09:00–17:00 UTC (the default hours) for six weeks
      if (groupBy === 'agent') {
        expect(got.get(people.ana?.id as string)).toMatchObject({ label: 'ana', hoursOnShift: 240 });
        expect(got.get(people.lead?.id as string)).toMatchObject({ label: 'lead', hoursOnShift: 240, replies: 0 });
        const anaRow = got.get(people.ana?.id as string) as Row;
        expect(anaRow.repliesPerShiftHour).toBe(Math.round(((anaRow.replies as number) / 240) * 100) / 100);
      } else {
        expect(got.get(teams.bob as string)).toMatchObject({ label: 'Databases', hoursOnShift: 240 });
      }
    }
  });

  it('arrivals against engineer hours, per week and hour of the week', async () => {
    const weekly = await report('arrivals', 'groupBy=week');
    const created = await rows<{ key: string; n: number }>(
      `SELECT ${timeGroup('week', 'created_at', 'UTC')} AS key, count(*)::int AS n FROM tickets
        WHERE ${inRange('created_at')} GROUP BY 1`,
    );
    expect(weekly.rows).toHaveLength(6);
    for (const row of weekly.rows) {
      const n = created.find((c) => c.key === row.group)?.n ?? 0;
      // three agents (ana, bob, the lead) five days of eight hours
      expect(row, row.group).toMatchObject({
        arrivals: n,
        engineerHours: 120,
        arrivalsPerEngineerHour: Math.round((n / 120) * 100) / 100,
      });
    }
    const hourly = await report('arrivals', 'groupBy=hour-of-week&zone=Europe/Lisbon');
    expect(hourly.rows).toHaveLength(168);
    expect(hourly.rows[9]).toMatchObject({ group: 'mon-09', label: 'Mon 09:00', engineerHours: 18 }); // Lisbon is on UTC in winter
    expect(hourly.rows[8]).toMatchObject({ group: 'mon-08', engineerHours: 0, arrivalsPerEngineerHour: null });
    // Kolkata is 5:30 ahead: a UTC shift of 09:00–17:00 starts half-way through its 14:00 hour
    const kolkata = await report('arrivals', 'groupBy=hour-of-week&zone=Asia/Kolkata');
    expect(kolkata.rows.find((r) => r.group === 'mon-14')).toMatchObject({ engineerHours: 9 });
    expect(kolkata.rows.find((r) => r.group === 'mon-15')).toMatchObject({ engineerHours: 18 });
    for (const [zone, answer] of [
      ['Europe/Lisbon', hourly],
      ['Asia/Kolkata', kolkata],
    ] as const) {
      const perHour = await rows<{ key: string; n: number }>(
        `SELECT lower(to_char(created_at AT TIME ZONE '${zone}', 'Dy')) || '-' || to_char(created_at AT TIME ZONE '${zone}', 'HH24') AS key,
                count(*)::int AS n FROM tickets WHERE ${inRange('created_at', zone)} GROUP BY 1`,
      );
      expect(perHour.length).toBeGreaterThan(5);
      for (const row of answer.rows) {
        expect(row.arrivals, `${zone} ${row.group}`).toBe(perHour.find((p) => p.key === row.group)?.n ?? 0);
      }
    }
  });
});

describe('the pipe fitter', () => {
  it('per issue and forge: linked, waiting, customers told, hours from link to the merged fix', async () => {
    const answer = await report('pipe-fitter', 'groupBy=issue');
    expect(answer.columns.map((c) => c.key)).toEqual([
      'status',
      'url',
      'ticketsLinked',
      'ticketsWaiting',
      'customersTold',
      'medianHoursLinkToShipped',
    ]);
    const expected = await rows<{
      label: string;
      url: string;
      linked: number;
      waiting: number;
      told: number;
      median: number | null;
    }>(
      `SELECT fi.project_ref || '#' || fi.number || ' ' || fi.title AS label, fi.url,
              count(*)::int AS linked, count(*) FILTER (WHERE t.status NOT IN ('solved', 'closed'))::int AS waiting,
              count(DISTINCT t.requester_id) FILTER (WHERE EXISTS (SELECT 1 FROM link_notices n WHERE n.ticket_id = l.ticket_id
                 AND n.forge_issue_id = fi.id AND n.message_id IS NOT NULL))::int AS told,
              percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fi.change_merged_at - l.created_at) / 3600) AS median
         FROM ticket_links l JOIN forge_issues fi ON fi.id = l.forge_issue_id JOIN tickets t ON t.id = l.ticket_id
        GROUP BY fi.id ORDER BY 4 DESC, 3 DESC`,
    );
    expect(
      answer.rows.map((r) => ({
        label: r.label,
        url: r.url,
        linked: r.ticketsLinked,
        waiting: r.ticketsWaiting,
        told: r.customersTold,
        median: r.medianHoursLinkToShipped,
      })),
    ).toEqual(
      expected.map((e) => ({
        ...e,
        median: e.median === null ? null : Math.round(Number(e.median) * 100) / 100,
      })),
    );
    expect(answer.rows[0]).toMatchObject({ label: `${PROJECT}#42 Autovacuum stalls on big tables`, customersTold: 2 });
    expect(answer.rows[0]?.status).toBeTruthy();
    const forges = await report('pipe-fitter', 'groupBy=forge');
    expect(forges.rows).toEqual([expect.objectContaining({ label: 'GitLab', issues: 2, ticketsLinked: 6 })]);
  });
});

describe('access, CSV and bad input', () => {
  it('lists the reports for the page', async () => {
    const res = await desk.as(lead, { method: 'GET', url: '/api/v1/reports' });
    expect(res.statusCode).toBe(200);
    const list = res.json() as { report: string; groupBy: string[]; defaultGroupBy: string }[];
    expect(list.map((r) => r.report)).toEqual([
      'first-reply',
      'next-reply',
      'resolution',
      'sla-attainment',
      'backlog',
      'load',
      'arrivals',
      'pipe-fitter',
      'csat',
    ]);
    expect(list.find((r) => r.report === 'sla-attainment')).toMatchObject({ defaultGroupBy: 'policy' });
  });

  it('an agent gets 403, nobody 401, each in the desk’s error shape', async () => {
    for (const url of ['/api/v1/reports', '/api/v1/reports/backlog']) {
      const agent = await desk.as(ana, { method: 'GET', url });
      expect(agent.statusCode).toBe(403);
      expect(agent.json().error.code).toBe('FORBIDDEN');
      const nobody = await desk.as(undefined, { method: 'GET', url });
      expect(nobody.statusCode).toBe(401);
      expect(nobody.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('CSV with Accept: text/csv or format=csv: a header from the columns, formula-like cells made inert', async () => {
    const json = await report('resolution', 'groupBy=organization');
    const res = await desk.as(lead, {
      method: 'GET',
      url: `/api/v1/reports/resolution?from=${FROM}&to=${TO}&groupBy=organization`,
      headers: { accept: 'text/csv' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="resolution-by-organization.csv"');
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Organization,Tickets solved,Median,90th percentile');
    expect(lines.slice(1)).toEqual(
      json.rows.map((r) =>
        [r.label === 'Acme' ? 'Acme' : `"'=Globex, Ltd"`, r.count, r.medianMinutes, r.p90Minutes].join(','),
      ),
    );
    const byFormat = await desk.as(lead, { method: 'GET', url: '/api/v1/reports/backlog?format=csv' });
    expect(byFormat.headers['content-disposition']).toBe('attachment; filename="backlog-by-day.csv"');
    expect(byFormat.body.split('\r\n')[0]).toBe('Day,Created,Solved,Reopened,Backlog at the end');
  });

  it('CSAT keeps its route and answers in the same shape', async () => {
    const res = await desk.as(lead, { method: 'GET', url: '/api/v1/reports/csat?groupBy=agent' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      report: 'csat',
      columns: [{ key: 'good' }, { key: 'bad' }, { key: 'score' }],
    });
  });

  it('refuses a zone, a day, a range or a grouping it cannot use, with a stable code', async () => {
    for (const query of [
      'zone=Mars/Olympus',
      'from=2027-02-30',
      'from=yesterday',
      'from=2027-02-01&to=2027-01-01',
      'from=2020-01-01&to=2027-01-01',
      // loose or out-of-range instants: "1" is not the year 2001, and year 100000 is no year PostgreSQL holds
      'from=1&to=2',
      'from=%2B100000-01-01T00:00:00Z&to=%2B100001-01-01T00:00:00Z',
      'from=-000001-01-01T00:00:00Z',
      'groupBy=forge',
      'groupBy=nonsense',
      'organization=acme',
    ]) {
      const res = await desk.as(lead, { method: 'GET', url: `/api/v1/reports/first-reply?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code, query).toBe('VALIDATION_FAILED');
    }
    const unknown = await desk.as(lead, { method: 'GET', url: '/api/v1/reports/happiness' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('the backfill (migration 0021)', () => {
  it('rebuilds from tickets, messages, the audit trail and the SLA events the facts the listener kept', async () => {
    const snapshot = async () => ({
      durations: await rows(
        `SELECT ticket_id, metric, message_id, at, minutes, priority::text, plan, region, organization_id, team_id, agent_id
           FROM report_durations ORDER BY ticket_id, metric, message_id NULLS FIRST`,
      ),
      backlog: await rows('SELECT * FROM report_backlog ORDER BY ticket_id'),
      sla: await rows('SELECT * FROM report_sla ORDER BY run_id'),
      // the listener counts a ticket under the dimensions of the moment (unassigned when it opened, then
      // moved); the backfill knows only today's: compare the counts per quarter hour, and per dimensions
      // what happened after the tickets were assigned
      slots: await rows(
        `SELECT at, sum(created)::int AS created, sum(solved)::int AS solved, sum(reopened)::int AS reopened,
                sum(backlog_delta)::int AS backlog, sum(replies)::int AS replies
           FROM report_counts GROUP BY at HAVING sum(created) + sum(solved) + sum(reopened) + sum(replies) <> 0
              OR sum(backlog_delta) <> 0 ORDER BY at`,
      ),
      keys: await rows(
        `SELECT priority::text, plan, region, organization_id, team_id, agent_id, sum(solved)::int AS solved,
                sum(reopened)::int AS reopened, sum(backlog_delta)::int AS backlog
           FROM report_counts GROUP BY 1, 2, 3, 4, 5, 6
          HAVING sum(solved) + sum(reopened) <> 0 OR sum(backlog_delta) <> 0 ORDER BY 1, 2, 3, 4, 5, 6`,
      ),
      // an agent's message opening a ticket counts under the ticket as it opened (before its priority
      // and team were set): replies compare per author
      replies: await rows(
        'SELECT agent_id, sum(replies)::int AS replies FROM report_counts GROUP BY 1 HAVING sum(replies) <> 0 ORDER BY 1',
      ),
    });
    const kept = await snapshot();
    expect(kept.durations.length).toBeGreaterThan(40);
    expect(kept.sla.length).toBeGreaterThan(30);
    await desk.deps.db.execute(sql`DELETE FROM report_durations`);
    await desk.deps.db.execute(sql`DELETE FROM report_sla`);
    await backfillReportFacts(desk.deps.db);
    const rebuilt = await snapshot();
    expect(rebuilt.durations).toEqual(kept.durations);
    expect(rebuilt.backlog).toEqual(kept.backlog);
    expect(rebuilt.sla).toEqual(kept.sla);
    expect(rebuilt.slots).toEqual(kept.slots);
    expect(rebuilt.keys).toEqual(kept.keys);
    expect(rebuilt.replies).toEqual(kept.replies);
  });
});
