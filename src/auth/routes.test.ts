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

function sessionCookie(res: {
  cookies: { name: string; value: string; httpOnly?: boolean; sameSite?: string; maxAge?: number }[];
}) {
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
    // counted from receipt, so a browser with another clock than the desk's keeps it as long
    expect(Math.abs((cookie?.maxAge ?? 0) - desk.runtime.deps.config.sessionDays * 86_400)).toBeLessThanOrEqual(1);
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

let addresses = 0;
async function agentSession(email: string, password = 'correct horse battery') {
  // from an address of its own, so sign-ins here do not count against the limit tested above
  const remoteAddress = `10.2.0.${++addresses}`;
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    remoteAddress,
    payload: { email, password },
  });
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: `pf_session=${sessionCookie(res)?.value}`, csrf: res.json().csrfToken as string };
}

/** Asks for a sign-in link for the address and returns the link's token from the new mail. */
async function requestLink(email: string): Promise<string> {
  const before = new Set((await listOutboundMail(desk.deps.db, undefined, 1000)).map((m) => m.id));
  const ask = await desk.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in-link', payload: { email } });
  expect(ask.statusCode).toBe(202);
  const mail = (await listOutboundMail(desk.deps.db, undefined, 1000)).filter(
    (m) => !before.has(m.id) && m.toAddresses.includes(email),
  );
  expect(mail).toHaveLength(1);
  return /token=(\S+)/.exec(mail[0]?.bodyText ?? '')?.[1] as string;
}

async function contactSession(email: string) {
  const token = await requestLink(email);
  const redeemed = await desk.app.inject({ method: 'POST', url: '/api/v1/auth/redeem', payload: { token } });
  expect(redeemed.statusCode, redeemed.body).toBe(200);
  return { cookie: `pf_session=${sessionCookie(redeemed)?.value}`, csrf: redeemed.json().csrfToken as string };
}

const whoAmI = (session: { cookie: string }) =>
  desk.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: session.cookie } });

describe('ending sessions', () => {
  beforeAll(async () => {
    for (const [email, name] of [
      ['pat@desk.example', 'Pat'],
      ['kim@desk.example', 'Kim'],
      ['lou@desk.example', 'Lou'],
    ]) {
      await createAgent(desk.deps, SYSTEM, {
        email: email as string,
        name: name as string,
        role: 'agent',
        timeZone: 'UTC',
        passwordHash: await hashPassword('correct horse battery'),
      });
    }
  });

  it('a new password ends every other session of the agent and keeps this one', async () => {
    const stolen = await agentSession('pat@desk.example');
    const here = await agentSession('pat@desk.example');
    const changed = await desk.app.inject({
      method: 'PUT',
      url: '/api/v1/me/password',
      headers: { cookie: here.cookie, 'x-csrf-token': here.csrf },
      payload: { currentPassword: 'correct horse battery', newPassword: 'a much better passphrase' },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await whoAmI(here)).statusCode).toBe(200);
    const old = await whoAmI(stolen);
    expect(old.statusCode).toBe(401);
    expect(old.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('signing out everywhere ends all of the caller’s sessions, an agent’s or a customer’s', async () => {
    const laptop = await agentSession('kim@desk.example');
    const phone = await agentSession('kim@desk.example');
    const other = await agentSession('lou@desk.example');
    const out = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out-everywhere',
      headers: { cookie: phone.cookie, 'x-csrf-token': phone.csrf },
    });
    expect(out.statusCode, out.body).toBe(204);
    expect((await whoAmI(laptop)).statusCode).toBe(401);
    expect((await whoAmI(phone)).statusCode).toBe(401);
    expect((await whoAmI(other)).statusCode).toBe(200);

    await desk.customer('Soylent', 'sol@soylent.example');
    const home = await contactSession('sol@soylent.example');
    const work = await contactSession('sol@soylent.example');
    const customerOut = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out-everywhere',
      headers: { cookie: work.cookie, 'x-csrf-token': work.csrf },
    });
    expect(customerOut.statusCode).toBe(204);
    expect((await whoAmI(home)).statusCode).toBe(401);
    expect((await whoAmI(work)).statusCode).toBe(401);

    // a token for a role is no one's session
    const roleToken = await desk.agentToken('admin');
    const refused = await desk.as(roleToken, { method: 'POST', url: '/api/v1/auth/sign-out-everywhere' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
  });

  it('a lead ends a customer’s sessions; a plain agent may not', async () => {
    const customer = await desk.customer('Tyrell', 'rachael@tyrell.example');
    const session = await contactSession('rachael@tyrell.example');
    const url = `/api/v1/contacts/${customer.contactId}/sessions`;
    const agent = await desk.as(await desk.agentToken('agent'), { method: 'DELETE', url });
    expect(agent.statusCode).toBe(403);
    expect(agent.json().error.code).toBe('FORBIDDEN');
    expect((await whoAmI(session)).statusCode).toBe(200);
    const lead = await desk.as(await desk.agentToken('lead'), { method: 'DELETE', url });
    expect(lead.statusCode, lead.body).toBe(204);
    expect((await whoAmI(session)).statusCode).toBe(401);
    const nobody = await desk.as(desk.adminToken, {
      method: 'DELETE',
      url: '/api/v1/contacts/00000000-0000-4000-8000-000000000000/sessions',
    });
    expect(nobody.json().error.code).toBe('CONTACT_NOT_FOUND');
  });

  it('a new email address cancels the sign-in links sent to the old one and ends the sessions it opened', async () => {
    const customer = await desk.customer('Wonka', 'charlie@wonka.example');
    const session = await contactSession('charlie@wonka.example');
    const pending = await requestLink('charlie@wonka.example');
    const changed = await desk.as(desk.adminToken, {
      method: 'PATCH',
      url: `/api/v1/contacts/${customer.contactId}`,
      payload: { email: 'charlie@chocolate.example' },
    });
    expect(changed.statusCode).toBe(200);
    const redeemed = await desk.app.inject({ method: 'POST', url: '/api/v1/auth/redeem', payload: { token: pending } });
    expect(redeemed.statusCode).toBe(401);
    expect(redeemed.json().error.code).toBe('SIGN_IN_LINK_INVALID');
    expect((await whoAmI(session)).statusCode).toBe(401);
  });

  it('deactivating an agent ends their sessions for good, at once', async () => {
    const session = await agentSession('lou@desk.example');
    expect((await whoAmI(session)).statusCode).toBe(200); // and cached
    const agentId = (await whoAmI(session)).json().actor.agentId as string;
    const patch = (active: boolean) =>
      desk.as(desk.adminToken, { method: 'PATCH', url: `/api/v1/agents/${agentId}`, payload: { active } });
    expect((await patch(false)).statusCode).toBe(200);
    expect((await whoAmI(session)).statusCode).toBe(401);
    // coming back does not revive the old session
    expect((await patch(true)).statusCode).toBe(200);
    expect((await whoAmI(session)).statusCode).toBe(401);
  });

  it('moving a customer to another organization changes what they see at once', async () => {
    const aperture = await desk.customer('Aperture', 'glados@aperture.example', { shareTickets: true });
    const chell = await desk.contactIn(aperture.organizationId, 'chell@aperture.example');
    const session = await contactSession('chell@aperture.example');
    const shared = await desk.as(aperture.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Cake', body: 'Is it real?' },
    });
    const number = shared.json().number as number;
    const see = () =>
      desk.app.inject({ method: 'GET', url: `/api/v1/tickets/${number}`, headers: { cookie: session.cookie } });
    expect((await see()).statusCode).toBe(200); // and cached
    const blackMesa = await desk.customer('Black Mesa', 'gordon@blackmesa.example');
    const moved = await desk.as(await desk.agentToken('lead'), {
      method: 'PATCH',
      url: `/api/v1/contacts/${chell.contactId}`,
      payload: { organizationId: blackMesa.organizationId },
    });
    expect(moved.statusCode).toBe(200);
    expect((await see()).statusCode).toBe(404);
    expect((await whoAmI(session)).json().actor.organizationId).toBe(blackMesa.organizationId);
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
    // a booking or rating link's own routes: the signed link is the permission (checked by their own tests)
    const open = new Set([
      '/api/v1/auth/sign-in',
      '/api/v1/auth/sign-in-link',
      '/api/v1/auth/redeem',
      // the second step of a sign-in (the challenge is its key); a forgotten password (the mailed link is the key)
      '/api/v1/auth/sign-in/two-factor',
      '/api/v1/auth/password-reset',
      '/api/v1/auth/password-reset/confirm',
      // how agents sign in (single sign-on, passwords): the sign-in page asks before anyone is signed in
      '/api/v1/auth/methods',
      // which company sign-in an address's domain has (organization-sso): the portal asks before sign-in
      '/api/v1/auth/sign-in-options',
      // a passkey sign-in (its kept challenge and the passkey's signature are the key), and a passkey
      // as the second step (the password step's challenge is the key)
      '/api/v1/auth/passkey/options',
      '/api/v1/auth/sign-in/passkey',
      '/api/v1/auth/sign-in/two-factor/passkey-options',
      '/api/v1/call-offers/{token}/calls',
      '/api/v1/csat/{token}',
      // a stranger confirms their address with the mailed link (src/entitlement's tests)
      '/api/v1/entitlement-links/{token}',
    ]);
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
