import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { listOutboundMail } from '../mail/outbox-store.js';
import { findAgentByEmail } from '../people/index.js';
import { FakeClock, HOUR_MS } from '../platform/clock.js';
import { queryRows, sql } from '../platform/db.js';
import { sealClaims } from '../platform/signed-links.js';
import { insertSolve, updateRating } from './csat-store.js';

// CSAT on the real database, through the HTTP API: a solve mails the customer two signed links;
// the link rates without signing in, once per solve, changeable for 7 days; a bad rating tells the
// team's lead, who reopens the ticket; a ticket solved twice is rated twice; forged links are
// refused; the report per agent, team, organization and week equals a direct SQL count, as JSON
// and as CSV.

const clock = new FakeClock('2026-12-07T09:00:00Z'); // Monday
let desk: TestDesk;
let ana: string;
let lead: string;
let otherLead: string;
let lena: { organizationId: string; contactId: string; token: string };
let teamId: string;

const call = (token: string | undefined, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  desk.as(token, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });
const drain = () => desk.runtime.createWorker().drain();

beforeAll(async () => {
  desk = await createTestDesk({
    clock,
    env: { SUPPORT_ADDRESS: 'support@desk.example', PUBLIC_URL: 'https://help.example.com' },
  });
  ana = await desk.agentTokenFor('ana@desk.example');
  lead = await desk.agentTokenFor('lead@desk.example', 'lead');
  otherLead = await desk.agentTokenFor('other-lead@desk.example', 'lead');
  const anaId = (await findAgentByEmail(desk.deps.db, 'ana@desk.example'))?.id;
  const leadId = (await findAgentByEmail(desk.deps.db, 'lead@desk.example'))?.id;
  const team = await call(desk.adminToken, 'POST', '/api/v1/teams', { name: 'Platform', memberIds: [anaId, leadId] });
  expect(team.statusCode, team.body).toBe(201);
  teamId = team.json().id;
  lena = await desk.customer('Acme', 'lena@acme.example');
});
afterAll(async () => {
  await desk?.close();
});

async function ticketSolvedByAna(subject: string): Promise<number> {
  const created = await call(lena.token, 'POST', '/api/v1/tickets', { subject, body: 'Pipelines hang at "pending".' });
  expect(created.statusCode, created.body).toBe(201);
  const number = created.json().number as number;
  const assigned = await call(desk.adminToken, 'PATCH', `/api/v1/tickets/${number}`, {
    assignee: 'ana@desk.example',
    team: teamId,
  });
  expect(assigned.statusCode, assigned.body).toBe(200);
  const solved = await call(ana, 'POST', `/api/v1/tickets/${number}/messages`, {
    body: 'The runner was paused; it is running again.',
    status: 'solved',
  });
  expect(solved.statusCode, solved.body).toBe(201);
  await drain();
  return number;
}

/** The rating mails of a ticket, oldest first, with their links. */
async function ratingMails(number: number) {
  const mail = (await listOutboundMail(desk.deps.db, undefined, 500)).filter((m) => m.ticketId === number).reverse();
  return mail.map((m) => {
    const links = [...m.bodyText.matchAll(/https:\/\/help\.example\.com\/csat\/([\w.-]+)\?rating=(good|bad)/g)];
    return { ...m, links: links.map((l) => ({ url: l[0], token: l[1] as string, rating: l[2] })) };
  });
}

describe('rating a solved ticket', () => {
  let number: number;
  let token: string;

  it('solving mails the customer, besides the reply, one notice with a good and a bad link', async () => {
    number = await ticketSolvedByAna('Pipelines stuck in pending');
    await drain(); // a second run asks nobody twice
    const mail = await ratingMails(number);
    const toLena = mail.filter((m) => m.toAddresses.includes('lena@acme.example'));
    expect(toLena.map((m) => m.purpose).sort()).toEqual(['agent-reply', 'csat-request']);
    const notice = mail.find((m) => m.purpose === 'csat-request') as (typeof mail)[number];
    expect(notice.toAddresses).toEqual(['lena@acme.example']);
    expect(notice.subject).toBe(`[#${number}] Pipelines stuck in pending`);
    expect(notice.headers['Auto-Submitted']).toBe('auto-generated');
    expect(notice.links.map((l) => l.rating)).toEqual(['good', 'bad']);
    token = notice.links[0]?.token as string;
    expect(notice.links[1]?.token).toBe(token);
    // the HTML part carries the same two links, as buttons
    expect(notice.bodyHtml).toContain(`/csat/${token}?rating=good`);
    expect(notice.bodyHtml).toContain(`/csat/${token}?rating=bad`);
    expect(notice.bodyText).toContain('Reply to this message and the ticket opens again.');

    const shown = await call(undefined, 'GET', `/api/v1/csat/${token}`);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toEqual({
      ticket: { number, subject: 'Pipelines stuck in pending' },
      solvedAt: '2026-12-07T09:00:00.000Z',
      rating: null,
      comment: null,
      ratedAt: null,
      open: true,
      openUntil: '2027-01-06T09:00:00.000Z', // 30 days to rate
    });
  });

  it('the link rates without signing in; the agent and the portal see it', async () => {
    clock.advance(HOUR_MS); // 10:00
    const good = await call(undefined, 'POST', `/api/v1/csat/${token}`, { rating: 'good' });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({
      rating: 'good',
      ratedAt: '2026-12-07T10:00:00.000Z',
      open: true,
      openUntil: '2026-12-14T10:00:00.000Z', // changeable for 7 days
    });
    const seen = (await call(ana, 'GET', `/api/v1/tickets/${number}/csat`)).json();
    expect(seen.items).toEqual([
      {
        solvedAt: '2026-12-07T09:00:00.000Z',
        rating: 'good',
        comment: null,
        ratedAt: '2026-12-07T10:00:00.000Z',
        agent: { id: expect.any(String), name: 'ana' },
      },
    ]);
    expect(seen.current).toBeNull(); // agents rate nothing
    // in the portal the requester gets the same solve to rate, and its link
    const portal = (await call(lena.token, 'GET', `/api/v1/tickets/${number}/csat`)).json();
    expect(portal.current).toMatchObject({ rating: 'good', token });
    // a good rating tells nobody
    const told = (await call(lead, 'GET', '/api/v1/notifications?limit=25')).json().items;
    expect(told.filter((n: { kind: string }) => n.kind === 'csat')).toEqual([]);
  });

  it('changed to bad within 7 days: the team’s lead is told, with a link to the ticket, and reopens it', async () => {
    clock.set('2026-12-14T09:00:00Z'); // 6 days 23 hours after the rating
    const bad = await call(undefined, 'POST', `/api/v1/csat/${token}`, {
      rating: 'bad',
      comment: '  It broke again the next morning.  ',
    });
    expect(bad.statusCode, bad.body).toBe(200);
    expect(bad.json()).toMatchObject({
      rating: 'bad',
      comment: 'It broke again the next morning.',
      ratedAt: '2026-12-07T10:00:00.000Z', // first given: the report counts it then
    });
    const told = (await call(lead, 'GET', '/api/v1/notifications?limit=25')).json().items;
    expect(told).toEqual([
      expect.objectContaining({
        kind: 'csat',
        ticket: { number, subject: 'Pipelines stuck in pending', status: 'solved' },
        actor: 'lena',
        title: 'lena rated the solved ticket bad',
        excerpt: 'It broke again the next morning.',
      }),
    ]);
    // the lead of another team is not told; nor is the agent
    expect((await call(otherLead, 'GET', '/api/v1/notifications?limit=25')).json().items).toEqual([]);
    const anaTold = (await call(ana, 'GET', '/api/v1/notifications?limit=25')).json().items;
    expect(anaTold.filter((n: { kind: string }) => n.kind === 'csat')).toEqual([]);
    // and by mail, which links to the ticket
    const mail = (await listOutboundMail(desk.deps.db, undefined, 500)).find(
      (m) => m.purpose === 'notify-csat' && m.toAddresses.includes('lead@desk.example'),
    );
    expect(mail?.bodyText).toContain(`/tickets/${number}`);
    // the ticket's history says so
    const events = (await call(ana, 'GET', `/api/v1/tickets/${number}/events`)).json().items;
    expect(events.at(-1)).toMatchObject({ action: 'csat.rated' });

    const reopened = await call(lead, 'PATCH', `/api/v1/tickets/${number}`, { status: 'open' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().status).toBe('open');
    // reopened, the portal offers nothing to rate until it is solved again
    expect((await call(lena.token, 'GET', `/api/v1/tickets/${number}/csat`)).json().current).toBeNull();
  });

  it('after 7 days the rating stands', async () => {
    clock.set('2026-12-14T10:00:00Z'); // 7 days after it was first given
    const late = await call(undefined, 'POST', `/api/v1/csat/${token}`, { rating: 'good' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('CSAT_CLOSED');
    const shown = (await call(undefined, 'GET', `/api/v1/csat/${token}`)).json();
    expect(shown).toMatchObject({ rating: 'bad', open: false });
  });

  it('a ticket solved again is rated again, by a new link; the first rating stays', async () => {
    const solved = await call(ana, 'PATCH', `/api/v1/tickets/${number}`, { status: 'solved' });
    expect(solved.statusCode, solved.body).toBe(200);
    await drain();
    const notices = (await ratingMails(number)).filter((m) => m.purpose === 'csat-request');
    expect(notices).toHaveLength(2);
    const second = notices[1]?.links[0]?.token as string;
    expect(second).not.toBe(token);
    expect((await call(undefined, 'POST', `/api/v1/csat/${second}`, { rating: 'good' })).statusCode).toBe(200);
    const items = (await call(ana, 'GET', `/api/v1/tickets/${number}/csat`)).json().items;
    expect(items.map((i: { solvedAt: string; rating: string }) => [i.solvedAt, i.rating])).toEqual([
      ['2026-12-14T10:00:00.000Z', 'good'],
      ['2026-12-07T09:00:00.000Z', 'bad'],
    ]);
  });

  it('a customer who marks the ticket solved in the portal is asked there, not by mail', async () => {
    const created = await call(lena.token, 'POST', '/api/v1/tickets', { subject: 'Never mind', body: 'Found it.' });
    const own = created.json().number as number;
    const solved = await call(lena.token, 'PATCH', `/api/v1/tickets/${own}`, { status: 'solved' });
    expect(solved.statusCode, solved.body).toBe(200);
    await drain();
    expect((await ratingMails(own)).filter((m) => m.purpose === 'csat-request')).toEqual([]);
    const current = (await call(lena.token, 'GET', `/api/v1/tickets/${own}/csat`)).json().current;
    expect(current).toMatchObject({ rating: null, open: true });
    const rated = await call(lena.token, 'POST', `/api/v1/csat/${current.token}`, {
      rating: 'good',
      comment: 'Thanks',
    });
    expect(rated.json()).toMatchObject({ rating: 'good', comment: 'Thanks' });
  });

  it('refuses forged, damaged and borrowed links, and comments past 2000 characters', async () => {
    const [body, signature] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as { t: number; s: number };
    const otherTicket = Buffer.from(JSON.stringify({ ...claims, t: claims.t + 1 })).toString('base64url');
    const forged = [
      `${otherTicket}.${signature}`, // another ticket under this link's signature
      `${body}.${signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))}`,
      `${body}.${signature}.extra`,
      'not-a-token-at-all',
      // signed by the desk, but for booking calls: a link of one purpose never passes for another
      sealClaims(desk.deps.secret, 'call-offer', claims),
      // signed as a rating link, but no such solve
      sealClaims(desk.deps.secret, 'csat', { t: claims.t, s: claims.s + 1 }),
    ];
    for (const forgedToken of forged) {
      const res = await call(undefined, 'POST', `/api/v1/csat/${forgedToken}`, { rating: 'good' });
      expect(res.statusCode, forgedToken).toBe(401);
      expect(res.json().error.code).toBe('CSAT_LINK_INVALID');
    }
    const long = await call(undefined, 'POST', `/api/v1/csat/${token}`, { rating: 'bad', comment: 'x'.repeat(2001) });
    expect(long.statusCode).toBe(400);
    const odd = await call(undefined, 'POST', `/api/v1/csat/${token}`, { rating: 'meh' });
    expect(odd.statusCode).toBe(400);
  });
});

describe('the CSAT report', () => {
  // Seeded: 40 solves over January and February 2027 across two agents and nobody, two teams and
  // none, two organizations; every fourth rated bad, every seventh left unrated; plus one rating
  // given before the range, which no row may count.
  const from = '2027-01-04';
  const to = '2027-02-28';
  let acmeTicket: number;
  let globexTicket: number;

  beforeAll(async () => {
    const bob = await desk.agentTokenFor('bob@desk.example');
    expect(bob).toBeTruthy();
    const globex = await desk.customer('=Globex, Ltd', 'hank@globex.example');
    acmeTicket = (await call(lena.token, 'POST', '/api/v1/tickets', { subject: 'Seed A', body: 'a' })).json().number;
    globexTicket = (await call(globex.token, 'POST', '/api/v1/tickets', { subject: 'Seed G', body: 'g' })).json()
      .number;
    const anaId = (await findAgentByEmail(desk.deps.db, 'ana@desk.example'))?.id as string;
    const bobId = (await findAgentByEmail(desk.deps.db, 'bob@desk.example'))?.id as string;
    const other = await call(desk.adminToken, 'POST', '/api/v1/teams', { name: 'Databases' });
    const teams = [teamId, other.json().id as string, null];
    const agents = [anaId, bobId, null];
    const start = Date.parse('2027-01-04T00:00:00Z');
    for (let i = 0; i < 41; i++) {
      const globexOne = i % 2 === 1;
      const solvedAt = new Date(i === 40 ? Date.parse('2027-01-02T12:00:00Z') : start + i * 31 * HOUR_MS);
      await insertSolve(desk.deps.db, {
        ticketId: globexOne ? globexTicket : acmeTicket,
        solvedAt,
        agentId: agents[i % 3] ?? null,
        teamId: teams[i % 3 === 0 ? 0 : i % 5 === 0 ? 2 : 1] ?? null,
        organizationId: globexOne ? globex.organizationId : lena.organizationId,
        requesterId: globexOne ? globex.contactId : lena.contactId,
        createdAt: solvedAt,
      });
      if (i % 7 === 6) continue;
      const [row] = await queryRows<{ id: string }>(
        desk.deps.db,
        sql`SELECT id FROM csat_ratings WHERE solved_at = ${solvedAt.toISOString()}::timestamptz`,
      );
      await updateRating(desk.deps.db, row?.id as string, {
        rating: i % 4 === 0 ? 'bad' : 'good',
        ratedAt: new Date(solvedAt.getTime() + 3 * HOUR_MS),
        changedAt: new Date(solvedAt.getTime() + 3 * HOUR_MS),
      });
    }
  });

  async function report(query: string, accept = 'application/json') {
    const res = await desk.as(lead, { method: 'GET', url: `/api/v1/reports/csat?${query}`, headers: { accept } });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  }

  /** The same counts by a query of its own: names joined, the range as days in the zone. */
  async function direct(group: string, zone = 'UTC') {
    const rows = await queryRows<{ label: string | null; good: number; bad: number }>(
      desk.deps.db,
      sql`SELECT ${sql.raw(group)} AS label,
                 sum(CASE WHEN c.rating = 'good' THEN 1 ELSE 0 END)::int AS good,
                 sum(CASE WHEN c.rating = 'bad' THEN 1 ELSE 0 END)::int AS bad
            FROM csat_ratings c
            LEFT JOIN agents a ON a.id = c.agent_id
            LEFT JOIN teams t ON t.id = c.team_id
            LEFT JOIN organizations o ON o.id = c.organization_id
           WHERE c.rating IS NOT NULL
             AND (c.rated_at AT TIME ZONE ${zone})::date BETWEEN ${from}::date AND ${to}::date
           GROUP BY 1`,
    );
    return new Map(rows.map((r) => [r.label ?? 'none', { good: Number(r.good), bad: Number(r.bad) }]));
  }

  it('per agent, team and organization, equal to a direct count', async () => {
    for (const [groupBy, column, none] of [
      ['agent', 'a.name', 'Unassigned'],
      ['team', 't.name', 'No team'],
      ['organization', 'o.name', 'No organization'],
    ] as const) {
      const rows = (await report(`from=${from}&to=${to}&groupBy=${groupBy}`)).json().rows as {
        key: string;
        label: string;
        good: number;
        bad: number;
        score: number | null;
      }[];
      const expected = await direct(column);
      expect(rows.length, groupBy).toBe(expected.size);
      for (const row of rows) {
        const counts = expected.get(row.key === 'none' ? 'none' : row.label);
        expect(row.label === none || row.key !== 'none', groupBy).toBe(true);
        expect({ good: row.good, bad: row.bad }, `${groupBy} ${row.label}`).toEqual(counts);
        expect(row.score).toBe(Math.round((1000 * row.good) / (row.good + row.bad)) / 10);
      }
    }
    // 40 solves in range, 5 of them unrated (i = 6, 13, 20, 27, 34): 35 rated; the one before the range is not counted
    const all = (await report(`from=${from}&to=${to}&groupBy=agent`)).json().rows as { good: number; bad: number }[];
    expect(all.reduce((n, r) => n + r.good + r.bad, 0)).toBe(35);
    // an agent may not read it
    expect((await call(ana, 'GET', '/api/v1/reports/csat')).statusCode).toBe(403);
  });

  it('per week in the lead’s zone, every week listed, equal to a direct count', async () => {
    const zone = 'America/New_York';
    const rows = (await report(`from=${from}&to=${to}&groupBy=week&zone=${zone}`)).json().rows as {
      key: string;
      label: string;
      good: number;
      bad: number;
    }[];
    // Mon 4 Jan 2027 00:00 New York opens the range; the week of 28 Dec holds none of it
    expect(rows[0]).toMatchObject({ key: '2027-01-04', label: 'Week of 4 Jan 2027' });
    expect(rows.at(-1)?.key).toBe('2027-02-22');
    expect(rows).toHaveLength(8);
    const expected = await direct(`to_char(date_trunc('week', c.rated_at AT TIME ZONE '${zone}'), 'YYYY-MM-DD')`, zone);
    for (const row of rows) {
      expect({ good: row.good, bad: row.bad }, row.key).toEqual(expected.get(row.key) ?? { good: 0, bad: 0 });
    }
    // rated at Mon 4 Jan 00:00 UTC + (31 i + 3) h, that is Sun 3 Jan 22:00 New York + 31 i h: the week
    // of 4 Jan (168 h) holds i = 1…5; i = 4 is bad, the rest good
    expect(rows[0]).toMatchObject({ good: 4, bad: 1, score: 80 });
  });

  it('as CSV with Accept: text/csv, a formula-like name made inert', async () => {
    const res = await report(`from=${from}&to=${to}&groupBy=organization`, 'text/csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="csat-by-organization.csv"');
    const json = (await report(`from=${from}&to=${to}&groupBy=organization`)).json().rows as {
      key: string;
      label: string;
      good: number;
      bad: number;
      score: number;
    }[];
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('key,label,good,bad,score');
    expect(json.map((r) => r.label).sort()).toEqual(['=Globex, Ltd', 'Acme']);
    // the rows as JSON has them, in its order; the name a spreadsheet would run is quoted inert
    expect(lines.slice(1)).toEqual(
      json.map((r) => `${r.key},${r.label === 'Acme' ? 'Acme' : `"'=Globex, Ltd"`},${r.good},${r.bad},${r.score}`),
    );
  });

  it('refuses a range the wrong way round or a zone it does not know', async () => {
    expect((await call(lead, 'GET', '/api/v1/reports/csat?from=2027-02-01&to=2027-01-01')).statusCode).toBe(400);
    expect((await call(lead, 'GET', '/api/v1/reports/csat?zone=Mars/Olympus')).statusCode).toBe(400);
  });
});

describe('rate limiting', () => {
  it('a stream of ratings from one address is slowed down', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      statuses.push((await call(undefined, 'POST', '/api/v1/csat/not-a-token-at-all', { rating: 'good' })).statusCode);
    }
    expect(statuses).toContain(429);
  });
});
