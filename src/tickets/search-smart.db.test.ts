import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { GitLabSimulator } from '../../test/helpers/forge-simulator.js';

// Search finds what a person means: a ticket by its number, the tickets of a person (email or name)
// or an organization (name), the tickets linked to an issue (URL, #7, !7), beside the ranked full
// text; filters narrow all of it, pages follow a cursor, and a customer never finds more than they
// could open.

let desk: TestDesk;
let gitlab: GitLabSimulator;
let agent: string;
let acme: { organizationId: string; contactId: string; token: string };
let globex: { organizationId: string; contactId: string; token: string };
const t = {} as Record<'lena' | 'ada' | 'hank' | 'mentionsLena', number>;

interface Hit {
  ticket: { number: number; subject: string; status: string };
  rank: number | null;
  match: { kind: string; label: string | null };
  highlights: { subject: string; message: string | null };
}

async function search(token: string, query: string) {
  const res = await desk.as(token, { method: 'GET', url: `/api/v1/search?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Hit[]; nextCursor: string | null };
}
const numbers = (page: { items: Hit[] }) => page.items.map((h) => h.ticket.number);
const q = (text: string) => `q=${encodeURIComponent(text)}`;

async function open(payload: Record<string, unknown>, token = agent) {
  const res = await desk.as(token, { method: 'POST', url: '/api/v1/tickets', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().number as number;
}

beforeAll(async () => {
  gitlab = await new GitLabSimulator().start();
  desk = await createTestDesk({ env: { SUPPORT_ADDRESS: 'support@desk.example' } });
  agent = await desk.agentTokenFor('ana@desk.example');
  acme = await desk.customer('Acme Rockets', 'lena@acme.example');
  globex = await desk.customer('Globex', 'hank@globex.example');
  await desk.as(desk.adminToken, {
    method: 'POST',
    url: '/api/v1/contacts',
    payload: { email: 'ada@engines.example', name: 'Ada Lovelace' },
  });

  t.lena = await open({ subject: 'Rocket telemetry gaps', body: 'Telemetry drops every hour.' }, acme.token);
  t.ada = await open({
    subject: 'Difference engine stalls',
    body: 'Called in: the engine stalls.',
    requesterEmail: 'ada@engines.example',
    ccEmails: ['lena@acme.example'],
  });
  t.hank = await open({ subject: 'Globex invoices missing', body: 'Telemetry of billing is empty.' }, globex.token);
  t.mentionsLena = await open({
    subject: 'Forwarded question',
    body: 'lena@acme.example asked us to look at the Globex relay.',
    requesterEmail: 'hank@globex.example',
  });

  const forge = await desk.as(desk.adminToken, {
    method: 'POST',
    url: '/api/v1/forges',
    payload: { kind: 'gitlab', baseUrl: gitlab.url, token: gitlab.token, webhookSecret: gitlab.secret, name: 'GitLab' },
  });
  expect(forge.statusCode, forge.body).toBe(201);
  gitlab.addIssue('rockets/telemetry', 7, 'Telemetry buffer overflows');
  const linked = await desk.as(agent, {
    method: 'POST',
    url: `/api/v1/tickets/${t.hank}/links`,
    payload: { url: gitlab.issueUrl('rockets/telemetry', 7) },
  });
  expect(linked.statusCode, linked.body).toBe(201);
});
afterAll(async () => {
  await desk?.close();
  await gitlab?.close();
});

describe('a number', () => {
  it('#N and N put that ticket first, said to be matched by its number', async () => {
    for (const text of [`#${t.ada}`, String(t.ada)]) {
      const page = await search(agent, q(text));
      expect(page.items[0]?.ticket.number).toBe(t.ada);
      expect(page.items[0]?.match).toEqual({ kind: 'number', label: `ticket #${t.ada}` });
      expect(numbers(page).filter((n) => n === t.ada)).toHaveLength(1);
    }
  });

  it('#7 also finds the tickets linked to issue 7, and the issue URL finds them too', async () => {
    const page = await search(agent, q('#7'));
    expect(page.items.find((h) => h.ticket.number === t.hank)?.match.kind).toBe('link');
    const byUrl = await search(agent, q(gitlab.issueUrl('rockets/telemetry', 7)));
    expect(numbers(byUrl)).toEqual([t.hank]);
    const byRef = await search(agent, q('telemetry#7'));
    expect(numbers(byRef)[0]).toBe(t.hank);
    expect(numbers(await search(agent, q('telemetry#8')))).not.toContain(t.hank);
  });
});

describe('a person or an organization', () => {
  it('an email finds the tickets that address requested or is CC’d on, before text that mentions it', async () => {
    const page = await search(agent, q('lena@acme.example'));
    const kinds = Object.fromEntries(page.items.map((h) => [h.ticket.number, h.match.kind]));
    expect(kinds[t.lena]).toBe('requester');
    expect(kinds[t.ada]).toBe('cc');
    // the named ones come before the ones that merely mention the address
    const firstText = page.items.findIndex((h) => h.match.kind === 'text');
    if (firstText >= 0) expect(firstText).toBeGreaterThan(numbers(page).indexOf(t.ada));
    expect(page.items.find((h) => h.ticket.number === t.ada)?.match.label).toBe('CC lena@acme.example');
  });

  it('a person’s name (or the start of it) finds their tickets', async () => {
    for (const text of ['Ada Lovelace', 'lovel', 'ada']) {
      const page = await search(agent, q(text));
      expect(page.items[0]?.ticket.number, text).toBe(t.ada);
      expect(page.items[0]?.match.label).toBe('requested by Ada Lovelace <ada@engines.example>');
    }
  });

  it('an organization’s name finds its tickets', async () => {
    const page = await search(agent, q('acme rockets'));
    expect(page.items.find((h) => h.ticket.number === t.lena)?.match).toEqual({
      kind: 'organization',
      label: 'organization Acme Rockets',
    });
    expect(numbers(await search(agent, q('Globex')))).toEqual(expect.arrayContaining([t.hank]));
  });
});

describe('filters and pages', () => {
  it('status, priority, organization and dates narrow what is found', async () => {
    await desk.as(agent, { method: 'PATCH', url: `/api/v1/tickets/${t.hank}`, payload: { status: 'pending' } });
    expect(numbers(await search(agent, `${q('telemetry')}&status=pending`))).toEqual([t.hank]);
    expect(numbers(await search(agent, `${q('telemetry')}&organization=Acme%20Rockets`))).toEqual([t.lena]);
    expect(numbers(await search(agent, `${q('telemetry')}&priority=urgent`))).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(numbers(await search(agent, `${q('telemetry')}&createdFrom=${today}&createdTo=${today}`)).sort()).toEqual(
      [t.lena, t.hank].sort(),
    );
    expect(numbers(await search(agent, `${q('telemetry')}&updatedTo=2020-01-01`))).toEqual([]);
    const bad = await desk.as(agent, { method: 'GET', url: `/api/v1/search?${q('x')}&createdFrom=yesterday` });
    expect(bad.statusCode).toBe(400);
  });

  it('more than a page of results is paged with a cursor, each ticket once', async () => {
    const org = await desk.customer('Paging Co', 'pat@paging.example');
    const made: number[] = [];
    for (let i = 0; i < 7; i++)
      made.push(await open({ subject: `Paging case ${i}`, body: 'pagination quokka' }, org.token));
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await search(
        agent,
        `${q('paging')}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...numbers(page));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen.sort()).toEqual(made.sort());
    // the organization's tickets are named by its name; the full text then has nothing new to add
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('a customer’s search', () => {
  it('never finds what they could not open, whatever kind of query', async () => {
    const queries = [
      `#${t.hank}`,
      String(t.hank),
      'hank@globex.example',
      'Globex',
      'Ada Lovelace',
      '#7',
      gitlab.issueUrl('rockets/telemetry', 7),
      'telemetry',
    ];
    for (const text of queries) {
      const found = numbers(await search(acme.token, q(text)));
      // lena sees her own ticket and the one she is CC'd on, nothing of Globex's or Ada's otherwise
      for (const n of found) expect([t.lena, t.ada], `${text} → #${n}`).toContain(n);
    }
    expect(numbers(await search(acme.token, q('lena@acme.example'))).sort()).toEqual([t.lena, t.ada].sort());
    expect(numbers(await search(globex.token, q('Ada Lovelace')))).toEqual([]);
  });

  it('may not filter by what only agents see', async () => {
    const res = await desk.as(acme.token, { method: 'GET', url: `/api/v1/search?${q('x')}&assignee=me` });
    expect(res.statusCode).toBe(403);
  });
});
