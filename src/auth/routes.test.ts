import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { listOutboundMail } from '../mail/outbox-store.js';
import { createAgent } from '../people/index.js';
import { SYSTEM } from './actor.js';
import { hashPassword } from './passwords.js';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
  await createAgent(desk.deps, SYSTEM, {
    email: 'ana@desk.example',
    name: 'Ana',
    role: 'agent',
    timeZone: 'Europe/Lisbon',
    passwordHash: await hashPassword('correct horse battery'),
  });
});
afterAll(async () => {
  await desk?.close();
});

function sessionCookie(res: { cookies: { name: string; value: string; httpOnly?: boolean; sameSite?: string }[] }) {
  return res.cookies.find((c) => c.name === 'pf_session');
}

describe('agent sign-in', () => {
  it('email and password give an httpOnly, SameSite session cookie; writes need the CSRF token', async () => {
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'ANA@desk.example', password: 'correct horse battery' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = sessionCookie(res);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const { csrfToken } = res.json();
    const headers = { cookie: `pf_session=${cookie?.value}` };

    const me = await desk.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers });
    expect(me.json().actor.name).toBe('Ana');

    const payload = { subject: 'From the browser', body: 'hi', requesterEmail: 'c@example.com' };
    const forged = await desk.app.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('CSRF_FAILED');
    const real = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { ...headers, 'x-csrf-token': csrfToken },
      payload,
    });
    expect(real.statusCode).toBe(201);

    const out = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { ...headers, 'x-csrf-token': csrfToken },
    });
    expect(out.statusCode).toBe(204);
    const after = await desk.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('a wrong password and an unknown email get the same answer, and attempts are limited', async () => {
    const wrong = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'ana@desk.example', password: 'nope' },
    });
    const unknown = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'x@desk.example', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    let last = wrong;
    for (let i = 0; i < 12; i++) {
      last = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'ana@desk.example', password: 'nope' },
      });
    }
    expect(last.statusCode).toBe(429);
    expect(last.json().error.code).toBe('RATE_LIMITED');
  });
});

describe('customer sign-in by one-time link', () => {
  it('mails a link to a known contact; the link works once', async () => {
    const customer = await desk.customer('Acme', 'lena@acme.example');
    const ask = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in-link',
      payload: { email: 'lena@acme.example' },
    });
    expect(ask.statusCode).toBe(202);
    const stranger = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in-link',
      payload: { email: 'nobody@acme.example' },
    });
    expect(stranger.statusCode).toBe(202); // the same answer: no hint whether the address is known

    const mail = (await listOutboundMail(desk.deps.db, undefined, 10)).filter((m) => m.purpose === 'sign-in-link');
    expect(mail.map((m) => m.toAddresses)).toEqual([['lena@acme.example']]);
    const token = /token=(\S+)/.exec(mail[0]?.bodyText ?? '')?.[1] as string;

    // a mail scanner fetching the link gets the page, not a session, and does not spend the link
    const scanned = await desk.app.inject({ method: 'GET', url: `/auth/link?token=${token}` });
    expect(scanned.statusCode).toBe(200);
    expect(scanned.headers['content-type']).toContain('text/html');
    expect(sessionCookie(scanned)).toBeUndefined();

    // the person's click
    const redeemed = await desk.app.inject({ method: 'POST', url: '/api/v1/auth/redeem', payload: { token } });
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    expect(redeemed.json().kind).toBe('contact');
    const cookie = sessionCookie(redeemed);
    const me = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { cookie: `pf_session=${cookie?.value}` },
    });
    expect(me.json().actor).toMatchObject({ kind: 'contact', contactId: customer.contactId });

    const again = await desk.app.inject({ method: 'POST', url: '/api/v1/auth/redeem', payload: { token } });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('SIGN_IN_LINK_INVALID');
  });
});

describe('API tokens', () => {
  it('an admin creates, lists and revokes tokens; the secret is shown once', async () => {
    const created = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'ci', role: 'agent' },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^pf_/);
    const list = await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/tokens' });
    expect(list.body).not.toContain(token);
    expect(list.json().items.map((t: { id: string }) => t.id)).toContain(id);

    expect((await desk.as(token, { method: 'GET', url: '/api/v1/tickets' })).statusCode).toBe(200);
    expect((await desk.as(desk.adminToken, { method: 'DELETE', url: `/api/v1/tokens/${id}` })).statusCode).toBe(204);
    const revoked = await desk.as(token, { method: 'GET', url: '/api/v1/tickets' });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('TOKEN_REVOKED');
  });

  it('a token for a contact acts as that contact', async () => {
    await desk.customer('Globex', 'hank@globex.example');
    const created = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'portal script', contactEmail: 'hank@globex.example' },
    });
    expect(created.statusCode).toBe(201);
    const me = await desk.as(created.json().token, { method: 'GET', url: '/api/v1/auth/session' });
    expect(me.json().actor).toMatchObject({ kind: 'contact', email: 'hank@globex.example' });
  });

  it('only admins manage tokens', async () => {
    const agent = await desk.agentToken('lead');
    const res = await desk.as(agent, { method: 'POST', url: '/api/v1/tokens', payload: { name: 'x', role: 'admin' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('an expired token, an unknown token and a malformed header are refused with distinct codes', async () => {
    const created = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'short', role: 'agent', expiresAt: new Date(Date.now() + 1000).toISOString() },
    });
    const token = created.json().token;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await desk.as(token, { method: 'GET', url: '/api/v1/tickets' });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('TOKEN_EXPIRED');
    const unknown = await desk.as('pf_not-a-token', { method: 'GET', url: '/api/v1/tickets' });
    expect(unknown.json().error.code).toBe('TOKEN_INVALID');
    const malformed = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/tickets',
      headers: { authorization: 'Basic abc' },
    });
    expect(malformed.statusCode).toBe(401);
    expect(malformed.json().error.code).toBe('UNAUTHENTICATED');
    const none = await desk.app.inject({ method: 'GET', url: '/api/v1/tickets' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('every route is authenticated', () => {
  it('no route under /api/v1 answers without credentials, except sign-in', async () => {
    const open = new Set(['/api/v1/auth/sign-in', '/api/v1/auth/sign-in-link', '/api/v1/auth/redeem']);
    const spec = (await desk.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const checked: string[] = [];
    for (const [path, methods] of Object.entries(spec.paths as Record<string, Record<string, unknown>>)) {
      if (open.has(path)) continue;
      for (const method of Object.keys(methods)) {
        const url = path.replace(/\{[^}]+\}/g, (m) =>
          m.includes('number') ? '1' : '00000000-0000-4000-8000-000000000000',
        );
        const res = await desk.app.inject({ method: method.toUpperCase() as 'GET', url });
        expect(res.statusCode, `${method} ${path}`).toBe(401);
        checked.push(`${method} ${path}`);
      }
    }
    expect(checked.length).toBeGreaterThan(25);
  });
});
