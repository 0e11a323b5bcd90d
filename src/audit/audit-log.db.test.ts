import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { SYSTEM } from '../auth/actor.js';
import { hashPassword } from '../auth/passwords.js';
import { createToken } from '../auth/tokens.js';
import { createAgent } from '../people/index.js';
import { FakeClock, HOUR_MS, MINUTE_MS } from '../platform/clock.js';

interface Page {
  items: {
    id: number;
    action: string;
    category: string | null;
    actor: { kind: string; id: string | null; name: string };
    data: { name?: string; changes?: Record<string, unknown>; method?: string; reason?: string; ip?: string };
  }[];
  nextBefore: number | null;
}

let desk: TestDesk;
const clock = new FakeClock('2026-12-07T09:00:00Z');
let agentToken: string;
let agentId: string;

beforeAll(async () => {
  desk = await createTestDesk({ clock });
  agentToken = await desk.agentTokenFor('lena@desk.example', 'agent');
  const agents = await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/agents' });
  agentId = agents.json().items.find((a: { email: string }) => a.email === 'lena@desk.example').id;
});
afterAll(async () => {
  await desk?.close();
});

const log = async (query = '') => {
  const res = await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/audit-events${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
};

describe('the audit log', () => {
  it('shows desk events newest first with their category, and keeps ticket events on the ticket', async () => {
    const created = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'CI exporter', role: 'agent' },
    });
    expect(created.statusCode, created.body).toBe(201);
    await desk.as(desk.adminToken, {
      method: 'PATCH',
      url: `/api/v1/agents/${agentId}`,
      payload: { role: 'lead' },
    });
    await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Sidekiq stuck', body: 'Jobs wait', requesterEmail: 'ops@customer.example' },
    });

    const page = await log();
    const actions = page.items.map((e) => e.action);
    expect(actions.indexOf('agent.updated')).toBeLessThan(actions.indexOf('token.created'));
    expect(actions).not.toContain('ticket.created');
    const roleChange = page.items.find((e) => e.action === 'agent.updated');
    expect(roleChange?.category).toBe('people');
    expect(roleChange?.data.changes?.role).toEqual({ from: 'agent', to: 'lead' });
    expect(page.items.find((e) => e.action === 'token.created')?.category).toBe('tokens');
  });

  it('filters by category and by actor, and pages with before', async () => {
    const tokens = await log('?category=tokens');
    expect(tokens.items.length).toBeGreaterThan(0);
    expect(tokens.items.every((e) => e.category === 'tokens')).toBe(true);

    const first = await log('?limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextBefore).toBe(first.items[0]?.id);
    const second = await log(`?limit=1&before=${first.nextBefore}`);
    expect(second.items[0]?.id).toBeLessThan(first.items[0]?.id as number);

    const byNobody = await log('?actor=00000000-0000-4000-8000-000000000000');
    expect(byNobody.items).toEqual([]);
    expect(byNobody.nextBefore).toBeNull();
  });

  it('notes a token at work once an hour, not every call', async () => {
    const { token } = await createToken(desk.deps, SYSTEM, { name: 'nightly sync', role: 'agent' });
    const use = () => desk.as(token, { method: 'GET', url: '/api/v1/tickets?limit=1' });
    const uses = async () =>
      (await log('?category=tokens')).items.filter((e) => e.action === 'token.used' && e.data.name === 'nightly sync');

    expect((await use()).statusCode).toBe(200);
    expect(await uses()).toHaveLength(1);
    clock.advance(2 * MINUTE_MS);
    await use();
    clock.advance(20 * MINUTE_MS);
    await use();
    expect(await uses()).toHaveLength(1);
    clock.advance(HOUR_MS + MINUTE_MS);
    await use();
    const noted = await uses();
    expect(noted).toHaveLength(2);
    expect(noted[0]?.actor).toMatchObject({ kind: 'token', name: 'nightly sync' });
  });

  it('exports CSV a spreadsheet opens safely', async () => {
    // a token named like a formula: its name is the actor's name of each use noted
    const { token } = await createToken(desk.deps, SYSTEM, {
      name: '=HYPERLINK("http://evil.example")',
      role: 'agent',
    });
    expect((await desk.as(token, { method: 'GET', url: '/api/v1/tickets?limit=1' })).statusCode).toBe(200);
    const res = await desk.as(desk.adminToken, {
      method: 'GET',
      url: '/api/v1/audit-events?category=tokens&format=csv',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="audit-tokens-2026-12-07\.csv"/);
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,actor_kind,actor_id,actor_name,action,category,entity_type,entity_id,data');
    expect(lines.slice(1).every((line) => line.includes(',tokens,token,'))).toBe(true);
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(res.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('records each sign-in, and each wrong password for an agent, with the address', async () => {
    const kai = await createAgent(desk.deps, SYSTEM, {
      email: 'kai@desk.example',
      name: 'Kai',
      role: 'agent',
      timeZone: 'UTC',
      passwordHash: await hashPassword('correct horse battery'),
    });
    const signIn = (email: string, password: string) =>
      desk.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        remoteAddress: '203.0.113.9',
        payload: { email, password },
      });
    expect((await signIn('kai@desk.example', 'not the password')).statusCode).toBe(401);
    expect((await signIn('nobody@desk.example', 'not the password')).statusCode).toBe(401);
    expect((await signIn('kai@desk.example', 'correct horse battery')).statusCode).toBe(200);

    const events = (await log('?category=sign-in')).items.filter((e) => e.data.ip === '203.0.113.9');
    expect(events.map((e) => [e.action, e.data.method, e.data.reason])).toEqual([
      ['agent.signed-in', 'password', undefined],
      ['agent.sign-in-failed', 'password', 'wrong password'],
    ]);
    expect(events[0]?.actor).toMatchObject({ kind: 'agent', id: kai.id, name: 'Kai' });
  });

  it('is for admins only', async () => {
    const asAgent = await desk.as(agentToken, { method: 'GET', url: '/api/v1/audit-events' });
    expect(asAgent.statusCode).toBe(403);
    const anonymous = await desk.app.inject({ method: 'GET', url: '/api/v1/audit-events' });
    expect(anonymous.statusCode).toBe(401);
  });
});
