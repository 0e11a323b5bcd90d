import { and, asc, eq } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentSessions } from '../../test/helpers/agent-sessions.js';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { auditEvents } from '../audit/tables.js';
import { DAY_MS, FakeClock, MINUTE_MS } from '../platform/clock.js';
import { sessions } from './tables.js';

// The signed-in agent's own profile, sessions and personal API tokens, through the HTTP API as the
// account page and an attacker use them, on a fake clock (expiry, "last seen").

const clock = new FakeClock('2026-12-07T09:00:00Z');
let desk: TestDesk;

beforeAll(async () => {
  desk = await createTestDesk({ clock });
});
afterAll(async () => {
  await desk?.close();
});

const { inject, agentNamed, signedIn, call } = agentSessions(() => desk, '10.77');

function withToken(token: string, method: InjectOptions['method'], url: string, payload?: object) {
  return inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
}

const answer = (res: LightMyRequestResponse) => `${res.statusCode} ${res.json()?.error?.code ?? ''}`.trim();

async function actions(entityId: string) {
  const rows = await desk.deps.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.entityId, entityId))
    .orderBy(asc(auditEvents.id));
  return rows.map((row) => row.action);
}

describe('profile', () => {
  it('GET /api/v1/me shows the agent; PATCH changes name and time zone through the agents rules, audited', async () => {
    const email = await agentNamed('rita');
    const session = await signedIn(email);
    const me = await call(session, 'GET', '/api/v1/me');
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({
      kind: 'agent',
      name: 'rita',
      email,
      role: 'agent',
      timeZone: 'Europe/Lisbon',
      workingHours: { mon: '09:00-17:00' },
      twoFactor: { enabled: false, required: false },
      signInMethods: { password: true, sso: false },
    });
    const id = me.json().id as string;
    expect(me.json().schedule).toBe(`/api/v1/agents/${id}/schedule`);

    const renamed = await call(session, 'PATCH', '/api/v1/me', { name: '  Rita Mendes ', timeZone: 'Asia/Tokyo' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Rita Mendes', timeZone: 'Asia/Tokyo' });
    expect((await call(session, 'GET', '/api/v1/auth/session')).json().actor.name).toBe('Rita Mendes');
    const audit = await desk.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'agent.updated')));
    expect(audit.map((row) => row.data)).toEqual([
      {
        changes: {
          name: { from: 'rita', to: 'Rita Mendes' },
          timeZone: { from: 'Europe/Lisbon', to: 'Asia/Tokyo' },
        },
      },
    ]);

    // not a zone, not their role, not their email
    expect(answer(await call(session, 'PATCH', '/api/v1/me', { timeZone: 'Mars/Olympus' }))).toBe(
      '400 VALIDATION_FAILED',
    );
    expect((await call(session, 'PATCH', '/api/v1/me', { role: 'admin' })).statusCode).toBe(400);
    expect((await call(session, 'PATCH', '/api/v1/me', { email: 'boss@desk.example' })).statusCode).toBe(400);
    expect((await call(session, 'PATCH', '/api/v1/me', { name: '   ' })).statusCode).toBe(400);
    expect((await call(session, 'GET', '/api/v1/me')).json()).toMatchObject({ role: 'agent', email });
  });

  it('a customer gets their own name and email, and may not change them here', async () => {
    const customer = await desk.customer('Profile Org', 'pia@profile.example');
    const me = await withToken(customer.token, 'GET', '/api/v1/me');
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toEqual({
      kind: 'contact',
      id: customer.contactId,
      name: expect.any(String),
      email: 'pia@profile.example',
    });
    expect(answer(await withToken(customer.token, 'PATCH', '/api/v1/me', { name: 'Pia' }))).toBe('403 FORBIDDEN');
    expect(answer(await withToken(customer.token, 'GET', '/api/v1/me/sessions'))).toBe('403 FORBIDDEN');
    expect(answer(await withToken(customer.token, 'POST', '/api/v1/me/tokens', { name: 'x', scope: 'read' }))).toBe(
      '403 FORBIDDEN',
    );
  });
});

describe('sessions', () => {
  it('lists the agent’s sessions with where and when, this one marked; last seen is written at most once a minute', async () => {
    const email = await agentNamed('sam');
    const laptop = await signedIn(email, 'Laptop/1.0');
    clock.advance(MINUTE_MS);
    const phone = await signedIn(email, 'Phone/2.0');
    const listed = await call(phone, 'GET', '/api/v1/me/sessions');
    expect(listed.statusCode, listed.body).toBe(200);
    const items = listed.json().items as {
      id: string;
      userAgent: string;
      ip: string;
      via: string;
      current: boolean;
      lastSeenAt: string;
    }[];
    expect(items.map((s) => [s.userAgent, s.via, s.current])).toEqual([
      ['Phone/2.0', 'password', true],
      ['Laptop/1.0', 'password', false],
    ]);
    expect(items[0]?.ip).toMatch(/^10\.77\./);
    // the public id is neither the cookie's secret nor its hash
    const stored = await desk.deps.db.select().from(sessions);
    for (const item of items) {
      expect(laptop.cookie + phone.cookie).not.toContain(item.id);
      expect(stored.map((row) => row.idHash.toString('hex'))).not.toContain(item.id.replaceAll('-', ''));
    }

    // the laptop is used again two minutes later: its last seen moves (once the cached credential is stale)
    const laptopId = items[1]?.id as string;
    const before = items[1]?.lastSeenAt;
    clock.advance(2 * MINUTE_MS);
    expect((await call(laptop, 'GET', '/api/v1/me')).statusCode).toBe(200);
    const after = (await call(phone, 'GET', '/api/v1/me/sessions'))
      .json()
      .items.find((s: { id: string }) => s.id === laptopId);
    expect(after.lastSeenAt).toBe(clock.now().toISOString());
    expect(after.lastSeenAt).not.toBe(before);
    // and not again within the minute
    clock.advance(10_000);
    expect((await call(laptop, 'GET', '/api/v1/me')).statusCode).toBe(200);
    const again = (await call(phone, 'GET', '/api/v1/me/sessions'))
      .json()
      .items.find((s: { id: string }) => s.id === laptopId);
    expect(again.lastSeenAt).toBe(after.lastSeenAt);
  });

  it('ending one session makes its cookie fail at once; ending the others keeps this one; both audited', async () => {
    const email = await agentNamed('tia');
    const a = await signedIn(email, 'A');
    const b = await signedIn(email, 'B');
    const c = await signedIn(email, 'C');
    // b is in use: its credential is cached
    expect((await call(b, 'GET', '/api/v1/tickets')).statusCode).toBe(200);
    const items = (await call(a, 'GET', '/api/v1/me/sessions')).json().items as { id: string; userAgent: string }[];
    const idOf = (ua: string) => items.find((s) => s.userAgent === ua)?.id as string;

    const ended = await call(a, 'DELETE', `/api/v1/me/sessions/${idOf('B')}`);
    expect(ended.statusCode, ended.body).toBe(204);
    expect(answer(await call(b, 'GET', '/api/v1/tickets'))).toBe('401 SESSION_EXPIRED');
    expect((await call(a, 'GET', '/api/v1/tickets')).statusCode).toBe(200);
    // once only
    expect(answer(await call(a, 'DELETE', `/api/v1/me/sessions/${idOf('B')}`))).toBe('404 SESSION_NOT_FOUND');

    expect((await call(c, 'GET', '/api/v1/tickets')).statusCode).toBe(200);
    const others = await call(a, 'DELETE', '/api/v1/me/sessions');
    expect(others.statusCode, others.body).toBe(204);
    expect(answer(await call(c, 'GET', '/api/v1/tickets'))).toBe('401 SESSION_EXPIRED');
    const left = (await call(a, 'GET', '/api/v1/me/sessions')).json().items;
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ userAgent: 'A', current: true });

    const me = (await call(a, 'GET', '/api/v1/me')).json().id as string;
    expect(await actions(me)).toEqual(expect.arrayContaining(['agent.session-ended', 'agent.signed-out-elsewhere']));

    // ending the current one signs this browser out
    const own = await call(a, 'DELETE', `/api/v1/me/sessions/${idOf('A')}`);
    expect(own.statusCode).toBe(204);
    expect(own.cookies.find((k) => k.name === 'pf_session')?.value).toBe('');
    expect(answer(await call(a, 'GET', '/api/v1/me'))).toBe('401 SESSION_EXPIRED');
  });

  it('refuses to end another agent’s session (404, and it keeps working) or to name a session by its secret', async () => {
    const mine = await signedIn(await agentNamed('uma'));
    const theirs = await signedIn(await agentNamed('vic'));
    const theirId = (await call(theirs, 'GET', '/api/v1/me/sessions')).json().items[0].id as string;
    expect(answer(await call(mine, 'DELETE', `/api/v1/me/sessions/${theirId}`))).toBe('404 SESSION_NOT_FOUND');
    expect((await call(theirs, 'GET', '/api/v1/tickets')).statusCode).toBe(200);
    // the cookie's secret is not an id
    const secret = theirs.cookie.slice('pf_session='.length);
    expect((await call(mine, 'DELETE', `/api/v1/me/sessions/${encodeURIComponent(secret)}`)).statusCode).toBe(400);
    expect((await call(theirs, 'GET', '/api/v1/tickets')).statusCode).toBe(200);
  });
});

describe('personal API tokens', () => {
  it('made with a session, shown once, listed without the secret, acting as the agent; revoked, it fails at once', async () => {
    const email = await agentNamed('wes', 'lead');
    const session = await signedIn(email);
    const made = await call(session, 'POST', '/api/v1/me/tokens', { name: 'my script', scope: 'write' });
    expect(made.statusCode, made.body).toBe(201);
    const token = made.json().token as string;
    expect(made.json()).toMatchObject({ name: 'my script', scope: 'write' });
    // 90 days unless said otherwise
    expect(made.json().expiresAt).toBe(new Date(clock.now().getTime() + 90 * DAY_MS).toISOString());

    const listed = (await call(session, 'GET', '/api/v1/me/tokens')).json().items;
    expect(listed).toHaveLength(1);
    expect(listed[0].token).toBeUndefined();
    expect(JSON.stringify(listed)).not.toContain(token);

    const who = (await withToken(token, 'GET', '/api/v1/auth/session')).json().actor;
    expect(who).toMatchObject({ kind: 'agent', role: 'lead', name: 'wes' });
    // a write, as the agent
    const ticket = await withToken(token, 'POST', '/api/v1/tickets', {
      subject: 'From my script',
      body: 'hello',
      requesterEmail: 'someone@customer.example',
    });
    expect(ticket.statusCode, ticket.body).toBe(201);

    // a token does not make tokens
    expect(answer(await withToken(token, 'POST', '/api/v1/me/tokens', { name: 'child', scope: 'write' }))).toBe(
      '403 SESSION_REQUIRED',
    );
    // nor over a year
    expect(
      (await call(session, 'POST', '/api/v1/me/tokens', { name: 'forever', scope: 'read', expiresInDays: 366 }))
        .statusCode,
    ).toBe(400);

    const id = made.json().id as string;
    expect((await call(session, 'DELETE', `/api/v1/me/tokens/${id}`)).statusCode).toBe(204);
    expect(answer(await withToken(token, 'GET', '/api/v1/tickets'))).toBe('401 TOKEN_REVOKED');
    expect((await call(session, 'GET', '/api/v1/me/tokens')).json().items).toEqual([]);
    expect(await actions(id)).toEqual(expect.arrayContaining(['token.created', 'token.revoked']));
  });

  it('a read token reads, and every write with it is refused 403 TOKEN_SCOPE', async () => {
    const session = await signedIn(await agentNamed('xia'));
    const made = await call(session, 'POST', '/api/v1/me/tokens', {
      name: 'dashboard',
      scope: 'read',
      expiresInDays: 7,
    });
    expect(made.statusCode, made.body).toBe(201);
    const token = made.json().token as string;
    expect((await withToken(token, 'GET', '/api/v1/tickets')).statusCode).toBe(200);
    expect((await withToken(token, 'HEAD', '/api/v1/tickets')).statusCode).toBe(200);
    const write = await withToken(token, 'POST', '/api/v1/tickets', {
      subject: 'Should not exist',
      body: 'no',
      requesterEmail: 'someone@customer.example',
    });
    expect(answer(write)).toBe('403 TOKEN_SCOPE');
    expect(answer(await withToken(token, 'PATCH', '/api/v1/me', { name: 'Hacked' }))).toBe('403 TOKEN_SCOPE');
    expect(answer(await withToken(token, 'DELETE', '/api/v1/me/sessions'))).toBe('403 TOKEN_SCOPE');
    expect((await call(session, 'GET', '/api/v1/me')).json().name).toBe('xia');
  });

  it('an agent holds at most 50 live tokens, even asking 60 times at once; expired ones do not count', async () => {
    const session = await signedIn(await agentNamed('ulla'));
    const short = await call(session, 'POST', '/api/v1/me/tokens', { name: 'short', scope: 'read', expiresInDays: 1 });
    expect(short.statusCode).toBe(201);
    const made = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        call(session, 'POST', '/api/v1/me/tokens', { name: `t${i}`, scope: 'read' }),
      ),
    );
    expect(made.filter((r) => r.statusCode === 201)).toHaveLength(49);
    const refused = made.filter((r) => r.statusCode !== 201);
    expect(refused.map(answer)).toEqual(Array(11).fill('409 TOKEN_LIMIT'));
    // a day later the short one has expired: room for one more
    clock.advance(DAY_MS + MINUTE_MS);
    expect((await call(session, 'POST', '/api/v1/me/tokens', { name: 'again', scope: 'read' })).statusCode).toBe(201);
    expect(answer(await call(session, 'POST', '/api/v1/me/tokens', { name: 'over', scope: 'read' }))).toBe(
      '409 TOKEN_LIMIT',
    );
  });

  it('an expired personal token is refused; a demoted agent’s token loses the role at once', async () => {
    // another admin stays, so that Yan is not the desk's last one (who could not be demoted)
    await agentNamed('yara', 'admin');
    const email = await agentNamed('yan', 'admin');
    const session = await signedIn(email);
    const short = (
      await call(session, 'POST', '/api/v1/me/tokens', { name: 'short', scope: 'read', expiresInDays: 1 })
    ).json().token as string;
    const long = (await call(session, 'POST', '/api/v1/me/tokens', { name: 'long', scope: 'write' })).json()
      .token as string;
    expect((await withToken(long, 'GET', '/api/v1/tokens')).statusCode).toBe(200);

    clock.advance(DAY_MS + MINUTE_MS);
    expect(answer(await withToken(short, 'GET', '/api/v1/tickets'))).toBe('401 TOKEN_EXPIRED');

    const me = (await withToken(long, 'GET', '/api/v1/me')).json().id as string;
    const demoted = await desk.as(desk.adminToken, {
      method: 'PATCH',
      url: `/api/v1/agents/${me}`,
      payload: { role: 'agent' },
    });
    expect(demoted.statusCode, demoted.body).toBe(200);
    expect(answer(await withToken(long, 'GET', '/api/v1/tokens'))).toBe('403 FORBIDDEN');
    expect((await withToken(long, 'GET', '/api/v1/auth/session')).json().actor.role).toBe('agent');
  });

  it('another agent’s token cannot be revoked by id (404), and keeps working', async () => {
    const mine = await signedIn(await agentNamed('zed'));
    const theirs = await signedIn(await agentNamed('abe'));
    const made = (await call(theirs, 'POST', '/api/v1/me/tokens', { name: 'theirs', scope: 'read' })).json();
    expect(answer(await call(mine, 'DELETE', `/api/v1/me/tokens/${made.id}`))).toBe('404 TOKEN_NOT_FOUND');
    expect((await withToken(made.token, 'GET', '/api/v1/tickets')).statusCode).toBe(200);
  });

  it('a session held to two-factor enrolment reaches its profile and sessions, but cannot make a token', async () => {
    const email = await agentNamed('bea');
    const policy = await desk.as(desk.adminToken, {
      method: 'PUT',
      url: '/api/v1/settings/security',
      payload: { twoFactorRequired: true },
    });
    expect(policy.statusCode, policy.body).toBe(200);
    try {
      const held = await signedIn(email);
      expect(answer(await call(held, 'GET', '/api/v1/tickets'))).toBe('403 TWO_FACTOR_ENROLMENT_REQUIRED');
      expect((await call(held, 'GET', '/api/v1/me')).statusCode).toBe(200);
      expect((await call(held, 'GET', '/api/v1/me/sessions')).statusCode).toBe(200);
      const made = await call(held, 'POST', '/api/v1/me/tokens', { name: 'around 2FA', scope: 'write' });
      expect(answer(made)).toBe('403 TWO_FACTOR_ENROLMENT_REQUIRED');
      expect(answer(await call(held, 'GET', '/api/v1/me/tokens'))).toBe('403 TWO_FACTOR_ENROLMENT_REQUIRED');
    } finally {
      await desk.as(desk.adminToken, {
        method: 'PUT',
        url: '/api/v1/settings/security',
        payload: { twoFactorRequired: false },
      });
    }
  });
});
