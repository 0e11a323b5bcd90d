import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../../test/helpers/build-app.js';
import { startOidcProvider, type TestOidcProvider } from '../../../test/helpers/oidc-provider.js';
import { addresses, expectNotConfigured, signInChecks } from '../../../test/helpers/single-sign-on.js';
import { createAgent, findAgentByEmail } from '../../people/index.js';
import { SYSTEM } from '../actor.js';
import { passwordResetLinks } from '../password-reset/tables.js';
import { hashPassword } from '../passwords.js';
import { createAgentSignInLink } from '../sessions.js';

// Agents' single sign-on against a real OpenID provider (oidc-provider on loopback): people come in
// through its login and consent pages, the desk's callback is called with what the provider sends
// back, and everything an attacker could change on the way (state, nonce, PKCE challenge, issuer,
// the attempt cookie, the return path) is changed to see it refused.

const DESK = 'http://desk.test';
let op: TestOidcProvider;
let desk: TestDesk;

beforeAll(async () => {
  op = await startOidcProvider({ redirectUri: `${DESK}/auth/oidc/callback` });
  desk = await createTestDesk({
    env: {
      PUBLIC_URL: DESK,
      OIDC_ISSUER: op.issuer,
      OIDC_CLIENT_ID: op.clientId,
      OIDC_CLIENT_SECRET: op.clientSecret,
      OIDC_ADMIN_GROUPS: 'desk-admins',
      OIDC_LEAD_GROUPS: 'support-leads, tier-3',
      PASSWORD_SIGN_IN: 'false',
    },
  });
});
afterAll(async () => {
  await desk?.close();
  await op?.close();
});

const nextAddress = addresses('10.9');
const sso = signInChecks(() => desk, DESK);

interface Attempt {
  authorizationUrl: string;
  /** the attempt cookie's value */
  cookie: string;
  remoteAddress: string;
}

async function begin(returnTo?: string): Promise<Attempt> {
  const { location, cookie, remoteAddress } = await sso.startSignIn('/auth/oidc', 'pf_oidc', returnTo);
  return { authorizationUrl: location, cookie, remoteAddress };
}

function callback(back: URL, attempt: { cookie?: string | undefined; remoteAddress: string }) {
  return desk.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    remoteAddress: attempt.remoteAddress,
    headers: attempt.cookie ? { cookie: `pf_oidc=${attempt.cookie}` } : {},
  });
}

async function signInAs(login: string, returnTo?: string) {
  const attempt = await begin(returnTo);
  return callback(await op.signIn(attempt.authorizationUrl, login), attempt);
}

describe('single sign-on for agents', () => {
  it('sends the browser to the provider with state, nonce and PKCE (S256), bound to an attempt cookie', async () => {
    const res = await desk.app.inject({ method: 'GET', url: '/auth/oidc', remoteAddress: nextAddress() });
    expect(res.statusCode).toBe(302);
    const to = new URL(String(res.headers.location));
    expect(to.origin).toBe(op.issuer);
    expect(to.searchParams.get('client_id')).toBe(op.clientId);
    expect(to.searchParams.get('redirect_uri')).toBe(`${DESK}/auth/oidc/callback`);
    expect(to.searchParams.get('response_type')).toBe('code');
    expect(to.searchParams.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining(['openid', 'email', 'profile', 'groups']),
    );
    expect(to.searchParams.get('state')?.length).toBeGreaterThanOrEqual(32);
    expect(to.searchParams.get('nonce')?.length).toBeGreaterThanOrEqual(32);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    const cookie = res.cookies.find((c) => c.name === 'pf_oidc');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/auth/oidc', maxAge: 600 });
    // the cookie names the attempt; the state it must match never leaves the desk in it
    expect(cookie?.value).not.toContain(to.searchParams.get('state'));
  });

  it('creates each new agent at the first sign-in, with the role their groups give', async () => {
    op.accounts.set('ada', {
      email: 'Ada@Desk.example',
      emailVerified: true,
      name: 'Ada Admin',
      groups: ['staff', 'desk-admins'],
    });
    op.accounts.set('lee', { email: 'lee@desk.example', emailVerified: true, name: 'Lee Lead', groups: ['tier-3'] });
    // this provider says nothing about verification: believed (it is the organization's own directory)
    op.accounts.set('sam', { email: 'sam@desk.example', name: 'Sam Agent', groups: ['staff'] });

    for (const [login, role, email] of [
      ['ada', 'admin', 'ada@desk.example'],
      ['lee', 'lead', 'lee@desk.example'],
      ['sam', 'agent', 'sam@desk.example'],
    ] as const) {
      await sso.expectNewAgent(await signInAs(login), {
        email,
        name: op.accounts.get(login)?.name,
        role,
        data: { method: 'oidc', subject: login },
      });
    }
  });

  it('changes the role when the groups change, and the audit trail says so', async () => {
    op.accounts.set('max', { email: 'max@desk.example', emailVerified: true, name: 'Max', groups: ['staff'] });
    const first = await sso.whoAmI(await signInAs('max'));
    expect(first.role).toBe('agent');

    op.accounts.set('max', { email: 'max@desk.example', emailVerified: true, name: 'Max', groups: ['support-leads'] });
    const second = await sso.whoAmI(await signInAs('max'));
    expect(second).toMatchObject({ agentId: first.agentId, role: 'lead' });

    op.accounts.set('max', { email: 'max@desk.example', emailVerified: true, name: 'Max', groups: [] });
    const third = await sso.whoAmI(await signInAs('max'));
    expect(third).toMatchObject({ agentId: first.agentId, role: 'agent' });

    await sso.expectRoleChanges(first.agentId, ['agent', 'lead', 'agent']);
    expect(await sso.auditOf('agent.signed-in', first.agentId)).toHaveLength(3);
  });

  it('is not held to the desk’s two-factor rule: the provider secures its own sign-ins', async () => {
    const setRule = (twoFactorRequired: boolean) =>
      desk.as(desk.adminToken, { method: 'PUT', url: '/api/v1/settings/security', payload: { twoFactorRequired } });
    expect((await setRule(true)).statusCode).toBe(200);
    try {
      op.accounts.set('tom', { email: 'tom@desk.example', emailVerified: true, name: 'Tom Agent', groups: ['staff'] });
      const res = await signInAs('tom');
      const cookie = sso.sessionCookie(res);
      expect(cookie).toBeDefined();
      const tickets = await desk.app.inject({
        method: 'GET',
        url: '/api/v1/tickets?limit=1',
        headers: { cookie: `pf_session=${cookie?.value}` },
      });
      expect(tickets.statusCode, tickets.body).toBe(200);
    } finally {
      await setRule(false);
    }
  });

  it('links by the provider’s subject after the first sign-in, not by email', async () => {
    op.accounts.set('kim', { email: 'kim@desk.example', emailVerified: true, name: 'Kim', groups: [] });
    const kim = await sso.whoAmI(await signInAs('kim'));
    // Kim's address changes at the provider: still Kim, no second agent
    op.accounts.set('kim', { email: 'kim.new@desk.example', emailVerified: true, name: 'Kim', groups: [] });
    expect((await sso.whoAmI(await signInAs('kim'))).agentId).toBe(kim.agentId);
    expect(await findAgentByEmail(desk.deps.db, 'kim.new@desk.example')).toBeUndefined();
    // someone else now gets kim@ at the provider: they do not become Kim
    op.accounts.set('kim-2', {
      email: 'kim@desk.example',
      emailVerified: true,
      name: 'Not Kim',
      groups: ['desk-admins'],
    });
    sso.expectRefused(await signInAs('kim-2'), 'SSO_ACCOUNT_CONFLICT');
    expect(await sso.lastFailure()).toMatchObject({ code: 'SSO_ACCOUNT_CONFLICT', subject: 'kim-2' });
  });

  it('links an agent who existed before single sign-on by their email, the first time', async () => {
    const before = await createAgent(desk.deps, SYSTEM, {
      email: 'pat@desk.example',
      name: 'Pat',
      role: 'agent',
      timeZone: 'Europe/Lisbon',
    });
    op.accounts.set('pat', { email: 'pat@desk.example', emailVerified: true, name: 'Pat P.', groups: ['tier-3'] });
    const pat = await sso.whoAmI(await signInAs('pat'));
    expect(pat).toMatchObject({ agentId: before.id, role: 'lead' });
  });

  it('does not hand an existing agent to an account whose provider does not vouch for the email', async () => {
    // an admin made before single sign-on; someone at the provider sets their email to the admin's and the
    // provider says nothing about verification (as Entra ID's email claim)
    const boss = await createAgent(desk.deps, SYSTEM, {
      email: 'boss@desk.example',
      name: 'Boss',
      role: 'admin',
      timeZone: 'Europe/Lisbon',
    });
    op.accounts.set('mallory', { email: 'BOSS@desk.example', name: 'Mallory', groups: ['desk-admins'] });
    sso.expectRefused(await signInAs('mallory'), 'SSO_EMAIL_UNVERIFIED');
    expect((await sso.lastFailure())?.reason).toMatch(/email_verified is not true/);
    // not linked: the real Boss's first single sign-on (vouched for) still links their account
    op.accounts.set('boss', { email: 'boss@desk.example', emailVerified: true, name: 'Boss', groups: ['desk-admins'] });
    expect(await sso.whoAmI(await signInAs('boss'))).toMatchObject({ agentId: boss.id, role: 'admin' });
  });

  it('keeps the desk’s last admin an admin when the groups say otherwise', async () => {
    op.accounts.set('olga', { email: 'olga@desk.example', emailVerified: true, name: 'Olga', groups: ['desk-admins'] });
    const olga = await sso.whoAmI(await signInAs('olga'));
    expect(olga.role).toBe('admin');
    // every other admin made by earlier tests is deactivated: only Olga is left
    const admins = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/agents?limit=100' })).json()
      .items as { id: string; role: string; active: boolean }[];
    for (const a of admins.filter((a) => a.role === 'admin' && a.active && a.id !== olga.agentId)) {
      const off = await desk.as(desk.adminToken, {
        method: 'PATCH',
        url: `/api/v1/agents/${a.id}`,
        payload: { active: false },
      });
      expect(off.statusCode, off.body).toBe(200);
    }
    op.accounts.set('olga', { email: 'olga@desk.example', emailVerified: true, name: 'Olga', groups: [] });
    expect(await sso.whoAmI(await signInAs('olga'))).toMatchObject({ agentId: olga.agentId, role: 'admin' });
  });

  it('refuses an email the provider says is not verified, at the first sign-in', async () => {
    op.accounts.set('una', { email: 'una@desk.example', emailVerified: false, name: 'Una', groups: ['desk-admins'] });
    sso.expectRefused(await signInAs('una'), 'SSO_EMAIL_UNVERIFIED');
    expect(await findAgentByEmail(desk.deps.db, 'una@desk.example')).toBeUndefined();
  });

  it('refuses an agent an admin deactivated, with no session', async () => {
    op.accounts.set('dee', { email: 'dee@desk.example', emailVerified: true, name: 'Dee', groups: ['desk-admins'] });
    const dee = await sso.whoAmI(await signInAs('dee'));
    await sso.deactivate(dee.agentId);

    sso.expectRefused(await signInAs('dee'), 'SSO_AGENT_DEACTIVATED');
    const failures = await sso.auditOf('agent.sign-in-failed', dee.agentId);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.data).toMatchObject({ method: 'oidc', code: 'SSO_AGENT_DEACTIVATED', subject: 'dee' });
  });

  it('refuses a tampered state', async () => {
    op.accounts.set('tia', { email: 'tia@desk.example', emailVerified: true, groups: [] });
    const attempt = await begin();
    const back = await op.signIn(attempt.authorizationUrl, 'tia');
    back.searchParams.set('state', randomBytes(32).toString('base64url'));
    sso.expectRefused(await callback(back, attempt), 'SSO_FAILED');
    expect((await sso.lastFailure())?.reason).toMatch(/state/);
    expect(await findAgentByEmail(desk.deps.db, 'tia@desk.example')).toBeUndefined();
  });

  it('refuses a callback replayed a second time, with or without the attempt cookie', async () => {
    op.accounts.set('rob', { email: 'rob@desk.example', emailVerified: true, groups: [] });
    const attempt = await begin();
    const back = await op.signIn(attempt.authorizationUrl, 'rob');
    await sso.whoAmI(await callback(back, attempt));

    // without an attempt nothing was tried: refused, and no audit row (strangers could fill the table)
    const failures = (await sso.auditOf('agent.sign-in-failed')).length;
    sso.expectRefused(await callback(back, attempt), 'SSO_FAILED');
    sso.expectRefused(await callback(back, { remoteAddress: nextAddress() }), 'SSO_FAILED');
    expect(await sso.auditOf('agent.sign-in-failed')).toHaveLength(failures);
    expect(
      await sso.auditOf('agent.signed-in', (await findAgentByEmail(desk.deps.db, 'rob@desk.example'))?.id),
    ).toHaveLength(1);
  });

  it('refuses an ID token with another nonce than the attempt’s', async () => {
    op.accounts.set('nia', { email: 'nia@desk.example', emailVerified: true, groups: [] });
    const attempt = await begin();
    // the authorization request is changed on its way: the provider signs the other nonce into the ID token
    const request = new URL(attempt.authorizationUrl);
    request.searchParams.set('nonce', randomBytes(32).toString('base64url'));
    sso.expectRefused(await callback(await op.signIn(request.href, 'nia'), attempt), 'SSO_FAILED');
    expect((await sso.lastFailure())?.reason).toMatch(/nonce/);
  });

  it('refuses a code issued for another PKCE challenge than the attempt’s verifier', async () => {
    op.accounts.set('pia', { email: 'pia@desk.example', emailVerified: true, groups: [] });
    const attempt = await begin();
    const request = new URL(attempt.authorizationUrl);
    const otherVerifier = randomBytes(32).toString('base64url');
    request.searchParams.set('code_challenge', createHash('sha256').update(otherVerifier).digest('base64url'));
    sso.expectRefused(await callback(await op.signIn(request.href, 'pia'), attempt), 'SSO_FAILED');
    expect((await sso.lastFailure())?.reason).toMatch(/invalid_grant/);
    expect(await findAgentByEmail(desk.deps.db, 'pia@desk.example')).toBeUndefined();
  });

  it('refuses a callback in a browser that started no attempt (no PKCE verifier to send)', async () => {
    op.accounts.set('zoe', { email: 'zoe@desk.example', emailVerified: true, groups: [] });
    const attempt = await begin();
    const back = await op.signIn(attempt.authorizationUrl, 'zoe');
    // another browser: the victim of a login CSRF who is sent the attacker's callback link
    sso.expectRefused(await callback(back, { remoteAddress: attempt.remoteAddress }), 'SSO_FAILED');
    // a made-up attempt cookie does no better
    sso.expectRefused(
      await callback(back, { cookie: 'pfo_made-up', remoteAddress: attempt.remoteAddress }),
      'SSO_FAILED',
    );
  });

  it('refuses an answer that names another issuer', async () => {
    op.accounts.set('ivy', { email: 'ivy@desk.example', emailVerified: true, groups: [] });
    const attempt = await begin();
    const back = await op.signIn(attempt.authorizationUrl, 'ivy');
    expect(back.searchParams.get('iss')).toBe(op.issuer);
    back.searchParams.set('iss', 'https://evil.example');
    sso.expectRefused(await callback(back, attempt), 'SSO_FAILED');
    expect((await sso.lastFailure())?.reason).toMatch(/iss/);
  });

  it('says so when the person cancels at the provider (access_denied)', async () => {
    const attempt = await begin();
    const back = await op.deny(attempt.authorizationUrl);
    expect(back.searchParams.get('error')).toBe('access_denied');
    sso.expectRefused(await callback(back, attempt), 'SSO_REFUSED');
    expect((await sso.lastFailure())?.reason).toMatch(/access_denied/);
  });

  it('returns to a path on the desk, and to the inbox for anything else', async () => {
    op.accounts.set('ray', { email: 'ray@desk.example', emailVerified: true, groups: [] });
    await sso.expectSafeReturns((returnTo) => signInAs('ray', returnTo));
  });

  it('with PASSWORD_SIGN_IN=false refuses passwords, and one-time sign-in links still let an admin in', async () => {
    const admin = await createAgent(desk.deps, SYSTEM, {
      email: 'root@desk.example',
      name: 'Root',
      role: 'admin',
      timeZone: 'UTC',
      passwordHash: await hashPassword('correct horse battery'),
    });
    const password = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      remoteAddress: nextAddress(),
      payload: { email: 'root@desk.example', password: 'correct horse battery' },
    });
    expect(password.statusCode).toBe(403);
    expect(password.json().error.code).toBe('PASSWORD_SIGN_IN_OFF');
    expect(password.cookies.find((c) => c.name === 'pf_session')).toBeUndefined();

    // what `pipefitter admin link` prints
    const link = await createAgentSignInLink(desk.deps, admin.id);
    const redeemed = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/redeem',
      remoteAddress: nextAddress(),
      payload: { token: new URL(link.url).searchParams.get('token') },
    });
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    expect((await sso.whoAmI(redeemed)).role).toBe('admin');

    const methods = await desk.app.inject({ method: 'GET', url: '/api/v1/auth/methods' });
    expect(methods.json()).toEqual({ oidc: true, saml: false, password: false });

    // nor is there a password to be had around the provider: no reset link is made, none is taken, none set
    const reset = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      remoteAddress: nextAddress(),
      payload: { email: 'root@desk.example' },
    });
    expect(reset.statusCode).toBe(202);
    await desk.runtime.createWorker().drain();
    expect(
      await desk.deps.db.select().from(passwordResetLinks).where(eq(passwordResetLinks.agentId, admin.id)),
    ).toEqual([]);
    const confirmed = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      remoteAddress: nextAddress(),
      payload: { token: 'pfr_made-up', password: 'a long enough new password' },
    });
    expect(confirmed.json().error.code).toBe('PASSWORD_SIGN_IN_OFF');
    const set = await desk.app.inject({
      method: 'PUT',
      url: '/api/v1/me/password',
      headers: {
        cookie: `pf_session=${sso.sessionCookie(redeemed)?.value}`,
        'x-csrf-token': redeemed.json().csrfToken,
      },
      payload: { newPassword: 'a long enough new password' },
    });
    expect(set.statusCode, set.body).toBe(403);
    expect(set.json().error.code).toBe('PASSWORD_SIGN_IN_OFF');
  });
});

describe('a desk without single sign-on', () => {
  it('says so to the sign-in page, and /auth/oidc leads back to it with the reason', async () => {
    await expectNotConfigured('/auth/oidc');
  });
});
