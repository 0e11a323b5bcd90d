import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { FakeClock, MINUTE_MS } from '../platform/clock.js';

const clock = new FakeClock('2026-03-02T09:00:00Z');
let desk: TestDesk;
let agent: string;
let acme: { organizationId: string; contactId: string; token: string };
let globex: { organizationId: string; contactId: string; token: string };
let colleague: { contactId: string; token: string };

beforeAll(async () => {
  desk = await createTestDesk({ clock });
  agent = await desk.agentTokenFor('ana@desk.example');
  acme = await desk.customer('Acme', 'lena@acme.example');
  colleague = await desk.contactIn(acme.organizationId, 'max@acme.example');
  await desk.contactIn(acme.organizationId, 'eve@acme.example');
  globex = await desk.customer('Globex', 'hank@globex.example');
});
afterAll(async () => {
  await desk?.close();
});

const open = (token: string, payload: Record<string, unknown>) =>
  desk.as(token, {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { subject: 'Merge requests slow', body: 'Since the upgrade.', ...payload },
  });

describe('severity', () => {
  it('the customer chooses a severity from its definitions; the desk table sets the priority', async () => {
    const levels = (await desk.as(acme.token, { method: 'GET', url: '/api/v1/severities' })).json().items;
    expect(levels).toHaveLength(4);
    expect(levels[0]).toEqual({
      level: 1,
      name: 'Severity 1',
      definition: expect.stringMatching(/^Production down/),
    });
    const s1 = await open(acme.token, { severity: 1 });
    expect(s1.json()).toMatchObject({ severity: 1, priority: 'urgent' });
    expect((await open(acme.token, { severity: 4 })).json()).toMatchObject({ severity: 4, priority: 'low' });
    // the priority is the desk's to set, not the customer's
    const direct = await open(acme.token, { priority: 'urgent' });
    expect(direct.statusCode).toBe(403);
    expect(direct.json().error.message).toMatch(/choose a severity/);
  });

  it('admins edit the table; agents read it with the priorities; nobody else changes it', async () => {
    const current = (await desk.as(agent, { method: 'GET', url: '/api/v1/severities' })).json().items;
    expect(current.map((l: { priority: string }) => l.priority)).toEqual(['urgent', 'high', 'normal', 'low']);
    const edited = current.map((l: { level: number }) =>
      l.level === 1 ? { ...l, priority: 'high', definition: 'Everything is on fire.' } : l,
    );
    for (const token of [agent, acme.token]) {
      const res = await desk.as(token, { method: 'PUT', url: '/api/v1/severities', payload: { items: edited } });
      expect(res.statusCode).toBe(403);
    }
    const twice = [...edited.slice(0, 3), { ...edited[0] }];
    const bad = await desk.as(desk.adminToken, { method: 'PUT', url: '/api/v1/severities', payload: { items: twice } });
    expect(bad.statusCode).toBe(400);
    const saved = await desk.as(desk.adminToken, {
      method: 'PUT',
      url: '/api/v1/severities',
      payload: { items: edited },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await open(acme.token, { severity: 1 })).json()).toMatchObject({ severity: 1, priority: 'high' });
    const shown = (await desk.as(acme.token, { method: 'GET', url: '/api/v1/severities' })).json().items;
    expect(shown[0].definition).toBe('Everything is on fire.');
    await desk.as(desk.adminToken, { method: 'PUT', url: '/api/v1/severities', payload: { items: current } });
  });
});

describe('colleagues as CCs', () => {
  it('the customer lists and copies colleagues of their own organization only', async () => {
    const list = (await desk.as(acme.token, { method: 'GET', url: '/api/v1/portal/colleagues' })).json().items;
    expect(list.map((c: { email: string }) => c.email).sort()).toEqual(['eve@acme.example', 'max@acme.example']);
    expect((await desk.as(agent, { method: 'GET', url: '/api/v1/portal/colleagues' })).statusCode).toBe(403);

    // someone of another organization, or an address the desk does not know: refused alike
    const other = await open(acme.token, { severity: 3, ccEmails: ['hank@globex.example'] });
    const stranger = await open(acme.token, { severity: 3, ccEmails: ['someone@gmail.example'] });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('CC_NOT_COLLEAGUE');
    expect(stranger.json().error.message).toBe(
      'You can copy colleagues of your organization only; someone@gmail.example is not one we know.',
    );

    const opened = await open(acme.token, { severity: 3, ccEmails: ['max@acme.example'] });
    expect(opened.statusCode, opened.body).toBe(201);
    const number = opened.json().number as number;
    expect(opened.json().ccs.map((c: { email: string }) => c.email)).toEqual(['max@acme.example']);
    // Max now follows it
    expect((await desk.as(colleague.token, { method: 'GET', url: `/api/v1/tickets/${number}` })).statusCode).toBe(200);

    const addOther = await desk.as(acme.token, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/colleagues`,
      payload: { emails: ['hank@globex.example'] },
    });
    expect(addOther.statusCode).toBe(403);
    const added = await desk.as(acme.token, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/colleagues`,
      payload: { emails: ['eve@acme.example'] },
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(
      added
        .json()
        .ccs.map((c: { email: string }) => c.email)
        .sort(),
    ).toEqual(['eve@acme.example', 'max@acme.example']);
    // the agents' trail says who copied whom
    const events = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}/events` })).json().items;
    expect(
      events.some(
        (e: { action: string; actor: { name: string } }) => e.action === 'ticket.updated' && e.actor.name === 'lena',
      ),
    ).toBe(true);

    // another organization's contact cannot add anyone to a ticket they cannot see
    const foreign = await desk.as(globex.token, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/colleagues`,
      payload: { emails: ['hank@globex.example'] },
    });
    expect(foreign.statusCode).toBe(404);
    // agents change CCs on the ticket itself
    const byAgent = await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/colleagues`,
      payload: { emails: ['eve@acme.example'] },
    });
    expect(byAgent.statusCode).toBe(403);
  });
});

describe('last update', () => {
  it('moves only on what the customer can see', async () => {
    clock.set('2026-03-04T09:00:00Z');
    const number = (await open(acme.token, { severity: 3 })).json().number as number;
    const seen = async () => (await desk.as(acme.token, { method: 'GET', url: `/api/v1/tickets/${number}` })).json();
    const listed = async () =>
      (await desk.as(acme.token, { method: 'GET', url: '/api/v1/tickets?limit=100' }))
        .json()
        .items.find((t: { number: number }) => t.number === number);
    const at = (minutes: number) => new Date(Date.parse('2026-03-04T09:00:00Z') + minutes * MINUTE_MS).toISOString();
    expect((await seen()).updatedAt).toBe(at(0));

    // a public reply: they see it
    clock.advance(10 * MINUTE_MS);
    await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/messages`,
      payload: { body: 'Looking into it.', status: 'open' },
    });
    expect((await seen()).updatedAt).toBe(at(10));

    // an internal note, tags, on-hold (which they see as open): nothing they can see
    clock.advance(10 * MINUTE_MS);
    await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/messages`,
      payload: { body: 'Customer is on an old version, careful.', internal: true },
    });
    clock.advance(10 * MINUTE_MS);
    await desk.as(agent, { method: 'PATCH', url: `/api/v1/tickets/${number}`, payload: { tags: ['upgrade'] } });
    clock.advance(10 * MINUTE_MS);
    await desk.as(agent, { method: 'PATCH', url: `/api/v1/tickets/${number}`, payload: { status: 'on-hold' } });
    expect((await seen()).updatedAt).toBe(at(10));
    expect((await listed()).updatedAt).toBe(at(10));
    // the agents' own list moved all along
    expect((await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}` })).json().updatedAt).toBe(at(40));

    // a priority change is something they see
    clock.advance(10 * MINUTE_MS);
    await desk.as(agent, { method: 'PATCH', url: `/api/v1/tickets/${number}`, payload: { priority: 'high' } });
    expect((await seen()).updatedAt).toBe(at(50));
  });

  it("the customer's list is in the order of what they saw change", async () => {
    clock.set('2026-03-05T09:00:00Z');
    const first = (await open(acme.token, { severity: 3, subject: 'First' })).json().number as number;
    clock.advance(MINUTE_MS);
    const second = (await open(acme.token, { severity: 3, subject: 'Second' })).json().number as number;
    // an internal note on the first: it does not jump ahead in the customer's list
    clock.advance(MINUTE_MS);
    await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${first}/messages`,
      payload: { body: 'Internal only', internal: true },
    });
    const order = (await desk.as(acme.token, { method: 'GET', url: '/api/v1/tickets?limit=100' }))
      .json()
      .items.map((t: { number: number }) => t.number)
      .filter((n: number) => n === first || n === second);
    expect(order).toEqual([second, first]);
  });
});
