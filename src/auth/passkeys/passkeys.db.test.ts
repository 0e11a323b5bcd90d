import { and, asc, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentSessions, PASSWORD, type Session, sessionOf } from '../../../test/helpers/agent-sessions.js';
import { createTestDesk, type TestDesk } from '../../../test/helpers/build-app.js';
import { SoftwareAuthenticator } from '../../../test/helpers/software-authenticator.js';
import { auditEvents } from '../../audit/tables.js';
import { createAgent, findAgentByEmail } from '../../people/index.js';
import { FakeClock, MINUTE_MS } from '../../platform/clock.js';
import { SYSTEM } from '../actor.js';
import { hashPassword } from '../passwords.js';
import { createAgentSignInLink } from '../sessions.js';
import { codeAt } from '../two-factor/totp.js';

// Passkeys through the HTTP API, as a browser and an attacker use them. The browser and its platform
// authenticator are test/helpers/software-authenticator.ts: real attestation (fmt "none") and real
// P-256 signatures, checked by @simplewebauthn/server as it checks a phone's.

const ORIGIN = 'https://desk.example';
const clock = new FakeClock('2026-12-07T09:00:05Z');
let desk: TestDesk;

beforeAll(async () => {
  desk = await createTestDesk({ clock, env: { PUBLIC_URL: ORIGIN } });
});
afterAll(async () => {
  await desk?.close();
});

const { inject, agentNamed, signedIn, call } = agentSessions(() => desk, '10.77');

/** Adds a passkey made by the authenticator, proving with the password; the passkey as listed. */
async function addPasskey(session: Session, authenticator: SoftwareAuthenticator, name = 'Laptop') {
  const started = await call(session, 'POST', '/api/v1/me/passkeys/registration-options', { password: PASSWORD });
  expect(started.statusCode, started.body).toBe(200);
  const { attempt, options } = started.json();
  const { response } = authenticator.register(options);
  const added = await call(session, 'POST', '/api/v1/me/passkeys', { attempt, name, response });
  expect(added.statusCode, added.body).toBe(201);
  return added.json() as { id: string; name: string; lastUsedAt: string | null };
}

async function passkeyOptions() {
  const res = await inject({ method: 'POST', url: '/api/v1/auth/passkey/options' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { attempt: string; options: { challenge: string; rpId: string } };
}

function passkeySignIn(attempt: string, response: object) {
  return inject({ method: 'POST', url: '/api/v1/auth/sign-in/passkey', payload: { attempt, response } });
}

async function auditOf(email: string) {
  const agent = await findAgentByEmail(desk.deps.db, email);
  return desk.deps.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'agent'), eq(auditEvents.entityId, agent?.id ?? '')))
    .orderBy(asc(auditEvents.id));
}

describe('adding passkeys', () => {
  it('needs the password (or a code) again; the options carry our RP; the passkey is listed, renamed, removed, audited', async () => {
    const email = await agentNamed('ana');
    const session = await signedIn(email);
    const phone = new SoftwareAuthenticator(ORIGIN);

    // a session alone does not add a way in: no proof, a wrong password
    const bare = await call(session, 'POST', '/api/v1/me/passkeys/registration-options', {});
    expect(bare.statusCode).toBe(401);
    expect(bare.json().error.code).toBe('SIGN_IN_FAILED');
    const wrong = await call(session, 'POST', '/api/v1/me/passkeys/registration-options', { password: 'not it' });
    expect(wrong.statusCode).toBe(401);

    const started = await call(session, 'POST', '/api/v1/me/passkeys/registration-options', { password: PASSWORD });
    expect(started.statusCode, started.body).toBe(200);
    const { attempt, options } = started.json();
    expect(options.rp).toEqual({ name: 'Pipefitter', id: 'desk.example' });
    expect(options.user.name).toBe(email);
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required' });
    const { response } = phone.register(options);
    const added = await call(session, 'POST', '/api/v1/me/passkeys', { attempt, name: 'Work laptop', response });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ name: 'Work laptop', deviceType: 'singleDevice', lastUsedAt: null });

    // the same attempt, again: its challenge was spent
    const again = await call(session, 'POST', '/api/v1/me/passkeys', { attempt, name: 'Twice', response });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('PASSKEY_CHALLENGE_INVALID');

    const id = added.json().id;
    const renamed = await call(session, 'PATCH', `/api/v1/me/passkeys/${id}`, { name: 'Old laptop' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const listed = await call(session, 'GET', '/api/v1/me/passkeys');
    expect(listed.json().items).toEqual([expect.objectContaining({ id, name: 'Old laptop' })]);

    // removing one is a change to a second factor: proof again
    const unproven = await call(session, 'DELETE', `/api/v1/me/passkeys/${id}`, {});
    expect(unproven.statusCode).toBe(401);
    const removed = await call(session, 'DELETE', `/api/v1/me/passkeys/${id}`, { password: PASSWORD });
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await call(session, 'GET', '/api/v1/me/passkeys')).json().items).toEqual([]);

    const actions = (await auditOf(email)).map((e) => [e.action, e.data]);
    expect(actions).toContainEqual(['agent.passkey-added', expect.objectContaining({ name: 'Work laptop' })]);
    expect(actions).toContainEqual(['agent.passkey-renamed', { passkey: id, from: 'Work laptop', to: 'Old laptop' }]);
    expect(actions).toContainEqual(['agent.passkey-removed', expect.objectContaining({ passkey: id })]);
    // the admins' audit log shows them under two-factor
    const category = await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/audit-events?category=two-factor' });
    expect(category.statusCode, category.body).toBe(200);
    const shown = category.json().items.map((e: { action: string }) => e.action);
    expect(shown).toEqual(
      expect.arrayContaining(['agent.passkey-added', 'agent.passkey-renamed', 'agent.passkey-removed']),
    );
  });

  it('refuses a challenge from another session, an API token, a wrong origin or RP ID, and another agent’s passkey to rename', async () => {
    const email = await agentNamed('bruno');
    const first = await signedIn(email);
    const second = await signedIn(email);
    const phone = new SoftwareAuthenticator(ORIGIN);

    // options asked for in one session, answered in another
    const started = await call(first, 'POST', '/api/v1/me/passkeys/registration-options', { password: PASSWORD });
    const { attempt, options } = started.json();
    const elsewhere = await call(second, 'POST', '/api/v1/me/passkeys', {
      attempt,
      name: 'Stolen',
      response: phone.register(options).response,
    });
    expect(elsewhere.statusCode).toBe(401);
    expect(elsewhere.json().error.code).toBe('PASSKEY_CHALLENGE_INVALID');

    // an API token is not a person at a browser
    const made = await call(first, 'POST', '/api/v1/me/tokens', { name: 'script', scope: 'write', expiresInDays: 30 });
    expect(made.statusCode, made.body).toBe(201);
    const token = made.json().token as string;
    const byToken = await desk.as(token, {
      method: 'POST',
      url: '/api/v1/me/passkeys/registration-options',
      payload: { password: PASSWORD },
    });
    expect(byToken.statusCode).toBe(403);
    expect(byToken.json().error.code).toBe('SESSION_REQUIRED');

    // an attestation made for another site, or scoped to another RP ID
    for (const overrides of [{ origin: 'https://evil.example' }, { rpId: 'evil.example' }]) {
      const s = (await call(first, 'POST', '/api/v1/me/passkeys/registration-options', { password: PASSWORD })).json();
      const res = await call(first, 'POST', '/api/v1/me/passkeys', {
        attempt: s.attempt,
        name: 'Phished',
        response: phone.register(s.options, overrides).response,
      });
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json().error.code).toBe('PASSKEY_REFUSED');
    }
    expect((await call(first, 'GET', '/api/v1/me/passkeys')).json().items).toEqual([]);

    // another agent's passkey is not found by id
    const other = await signedIn(await agentNamed('carla'));
    const carlas = await addPasskey(other, new SoftwareAuthenticator(ORIGIN));
    const rename = await call(first, 'PATCH', `/api/v1/me/passkeys/${carlas.id}`, { name: 'Mine now' });
    expect(rename.statusCode).toBe(404);
    const remove = await call(first, 'DELETE', `/api/v1/me/passkeys/${carlas.id}`, { password: PASSWORD });
    expect(remove.statusCode).toBe(404);
  });
});

describe('signing in with a passkey alone', () => {
  it('starts a full session, audited as a passkey sign-in; the assertion is good once', async () => {
    const email = await agentNamed('dora');
    const phone = new SoftwareAuthenticator(ORIGIN);
    const passkey = await addPasskey(await signedIn(email), phone);

    const { attempt, options } = await passkeyOptions();
    expect(options.rpId).toBe('desk.example');
    const assertion = phone.assert(options);
    const res = await passkeySignIn(attempt, assertion);
    expect(res.statusCode, res.body).toBe(200);
    const session = sessionOf(res);
    const who = await call(session, 'GET', '/api/v1/auth/session');
    expect(who.json().actor).toMatchObject({ kind: 'agent', name: 'dora' });
    expect(who.json().actor.twoFactorEnrolmentRequired).toBeUndefined();
    const sessions = (await call(session, 'GET', '/api/v1/me/sessions')).json().items;
    expect(sessions.find((s: { current: boolean }) => s.current).via).toBe('passkey');
    const listed = (await call(session, 'GET', '/api/v1/me/passkeys')).json().items;
    expect(listed[0]).toMatchObject({ id: passkey.id, lastUsedAt: clock.now().toISOString() });

    const audit = (await auditOf(email)).map((e) => [e.action, e.data]);
    expect(audit).toContainEqual([
      'agent.signed-in',
      expect.objectContaining({ method: 'passkey', passkey: passkey.id }),
    ]);
    expect(audit).toContainEqual(['agent.passkey-used', expect.objectContaining({ as: 'sign-in' })]);

    // the same assertion again: the attempt is spent
    const replayed = await passkeySignIn(attempt, assertion);
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().error.code).toBe('PASSKEY_CHALLENGE_INVALID');
    // …and with a fresh attempt it signs the wrong challenge
    const fresh = await passkeyOptions();
    const withFresh = await passkeySignIn(fresh.attempt, assertion);
    expect(withFresh.statusCode).toBe(401);
    expect(withFresh.json().error.code).toBe('PASSKEY_REFUSED');
    expect(withFresh.cookies.find((c) => c.name === 'pf_session')).toBeUndefined();

    // an attempt expires
    const late = await passkeyOptions();
    clock.advance(6 * MINUTE_MS);
    const tooLate = await passkeySignIn(late.attempt, phone.assert(late.options));
    expect(tooLate.json().error.code).toBe('PASSKEY_CHALLENGE_INVALID');
  });

  it('refuses a wrong origin or RP ID, a passkey without user verification, and one we do not know', async () => {
    const email = await agentNamed('emil');
    const phone = new SoftwareAuthenticator(ORIGIN);
    await addPasskey(await signedIn(email), phone);
    for (const overrides of [
      { origin: 'https://desk.example.evil.example' },
      { rpId: 'evil.example' },
      { userVerified: false },
    ]) {
      const { attempt, options } = await passkeyOptions();
      const res = await passkeySignIn(attempt, phone.assert(options, overrides));
      expect(res.statusCode, JSON.stringify(overrides)).toBe(401);
      expect(res.json().error.code).toBe('PASSKEY_REFUSED');
    }
    const stranger = new SoftwareAuthenticator(ORIGIN);
    stranger.register({ challenge: 'x', rp: { id: 'desk.example' }, user: { id: 'c29tZW9uZQ' } });
    const { attempt, options } = await passkeyOptions();
    const res = await passkeySignIn(attempt, stranger.assert(options));
    expect(res.json().error.code).toBe('PASSKEY_REFUSED');
    const failures = (await auditOf(email)).filter((e) => e.action === 'agent.sign-in-failed');
    expect(failures.map((e) => (e.data as { reason: string }).reason)).toEqual([
      'assertion did not verify',
      'assertion did not verify',
      'assertion did not verify',
    ]);
  });

  it('refuses an assertion a stranger edited: a changed signature, or a user handle naming another agent', async () => {
    const email = await agentNamed('hugo');
    const phone = new SoftwareAuthenticator(ORIGIN);
    await addPasskey(await signedIn(email), phone);
    const victim = await findAgentByEmail(desk.deps.db, await agentNamed('ines'));

    let ceremony = await passkeyOptions();
    const forged = phone.assert(ceremony.options);
    const signature = Buffer.from(forged.response.signature, 'base64url');
    signature[signature.length - 1] = (signature.at(-1) as number) ^ 1;
    forged.response.signature = signature.toString('base64url');
    const badSignature = await passkeySignIn(ceremony.attempt, forged);
    expect(badSignature.statusCode).toBe(401);
    expect(badSignature.json().error.code).toBe('PASSKEY_REFUSED');

    // the user handle is outside the signature: the desk trusts the passkey's own agent, never it
    ceremony = await passkeyOptions();
    const claimed = phone.assert(ceremony.options);
    claimed.response.userHandle = Buffer.from(victim?.id as string, 'utf8').toString('base64url');
    const otherAgent = await passkeySignIn(ceremony.attempt, claimed);
    expect(otherAgent.statusCode).toBe(401);
    expect(otherAgent.json().error.code).toBe('PASSKEY_REFUSED');
    expect(otherAgent.cookies.find((c) => c.name === 'pf_session')).toBeUndefined();

    const failures = (await auditOf(email)).filter((e) => e.action === 'agent.sign-in-failed');
    expect(failures.map((e) => (e.data as { reason: string }).reason)).toEqual([
      'assertion did not verify',
      "another agent's passkey",
    ]);
  });

  it('refuses a cloned authenticator whose counter goes backwards, a removed passkey, and a deactivated agent', async () => {
    const email = await agentNamed('fiona');
    const phone = new SoftwareAuthenticator(ORIGIN);
    const session = await signedIn(email);
    const passkey = await addPasskey(session, phone);
    const copy = phone.clone();

    let ceremony = await passkeyOptions();
    expect((await passkeySignIn(ceremony.attempt, phone.assert(ceremony.options))).statusCode).toBe(200);
    ceremony = await passkeyOptions();
    expect((await passkeySignIn(ceremony.attempt, phone.assert(ceremony.options))).statusCode).toBe(200);
    // the copy still counts from where it was copied: 1, behind the desk's 2
    ceremony = await passkeyOptions();
    const cloned = await passkeySignIn(ceremony.attempt, copy.assert(ceremony.options));
    expect(cloned.statusCode).toBe(401);
    expect(cloned.json().error.code).toBe('PASSKEY_REFUSED');
    expect((await auditOf(email)).at(-1)?.data).toMatchObject({
      method: 'passkey',
      reason: 'signature counter went backwards (cloned authenticator?)',
    });

    // removed: it signs nothing in any more
    expect(
      (await call(session, 'DELETE', `/api/v1/me/passkeys/${passkey.id}`, { password: PASSWORD })).statusCode,
    ).toBe(204);
    ceremony = await passkeyOptions();
    expect((await passkeySignIn(ceremony.attempt, phone.assert(ceremony.options))).json().error.code).toBe(
      'PASSKEY_REFUSED',
    );

    // deactivated: the passkey is right, the agent is not
    const gil = await agentNamed('gil');
    const gilsPhone = new SoftwareAuthenticator(ORIGIN);
    await addPasskey(await signedIn(gil), gilsPhone);
    const agent = await findAgentByEmail(desk.deps.db, gil);
    const off = await desk.as(desk.adminToken, {
      method: 'PATCH',
      url: `/api/v1/agents/${agent?.id}`,
      payload: { active: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    ceremony = await passkeyOptions();
    const refused = await passkeySignIn(ceremony.attempt, gilsPhone.assert(ceremony.options));
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('SIGN_IN_FAILED');
    expect(refused.cookies.find((c) => c.name === 'pf_session')).toBeUndefined();
  });
});

describe('an admin helps an agent who lost a device', () => {
  it('sees the agent’s second factors by name, removes the lost passkey, and it signs nothing in any more', async () => {
    const email = await agentNamed('lena');
    const session = await signedIn(email);
    const phone = new SoftwareAuthenticator(ORIGIN);
    const laptop = new SoftwareAuthenticator(ORIGIN);
    const lost = await addPasskey(session, phone, 'Phone');
    const kept = await addPasskey(session, laptop, 'Laptop');
    const agentId = (await findAgentByEmail(desk.deps.db, email))?.id;

    const seen = await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/agents/${agentId}/second-factors` });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().authenticatorApp).toEqual({ enabled: false, enabledAt: null });
    expect(
      seen
        .json()
        .passkeys.map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['Laptop', 'Phone']);
    // names and dates: nothing that would let the admin sign in as the agent
    expect(Object.keys(seen.json().passkeys[0]).sort()).toEqual(
      ['backedUp', 'createdAt', 'deviceType', 'id', 'lastUsedAt', 'name'].sort(),
    );

    // a lead may not: a second factor is the admins' to reset
    const lead = await desk.agentToken('lead');
    expect((await desk.as(lead, { method: 'GET', url: `/api/v1/agents/${agentId}/second-factors` })).statusCode).toBe(
      403,
    );
    const byLead = await desk.as(lead, { method: 'DELETE', url: `/api/v1/agents/${agentId}/passkeys/${lost.id}` });
    expect(byLead.statusCode).toBe(403);

    const removed = await desk.as(desk.adminToken, {
      method: 'DELETE',
      url: `/api/v1/agents/${agentId}/passkeys/${lost.id}`,
    });
    expect(removed.statusCode, removed.body).toBe(204);
    // the lost phone signs nothing in; the laptop still does
    let ceremony = await passkeyOptions();
    expect((await passkeySignIn(ceremony.attempt, phone.assert(ceremony.options))).json().error.code).toBe(
      'PASSKEY_REFUSED',
    );
    // whoever holds the phone may have signed in with it: the agent's sessions all ended
    expect((await call(session, 'GET', '/api/v1/me/passkeys')).statusCode).toBe(401);
    ceremony = await passkeyOptions();
    const back = await passkeySignIn(ceremony.attempt, laptop.assert(ceremony.options));
    expect(back.statusCode).toBe(200);
    const listed = await call(sessionOf(back), 'GET', '/api/v1/me/passkeys');
    expect(listed.json().items.map((p: { id: string }) => p.id)).toEqual([kept.id]);
    expect((await auditOf(email)).map((e) => [e.action, e.data])).toContainEqual([
      'agent.passkey-removed',
      { passkey: lost.id, name: 'Phone', by: 'admin' },
    ]);

    // gone already, or another agent's passkey named under this agent: not found
    const again = await desk.as(desk.adminToken, {
      method: 'DELETE',
      url: `/api/v1/agents/${agentId}/passkeys/${lost.id}`,
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('PASSKEY_NOT_FOUND');
    const other = await agentNamed('mara');
    const othersKey = await addPasskey(await signedIn(other), new SoftwareAuthenticator(ORIGIN));
    const crossed = await desk.as(desk.adminToken, {
      method: 'DELETE',
      url: `/api/v1/agents/${agentId}/passkeys/${othersKey.id}`,
    });
    expect(crossed.statusCode).toBe(404);

    // an admin's own passkeys are changed on their account page, with proof: not through this route
    const admin = await agentNamed('nora', 'admin');
    const adminSession = await signedIn(admin);
    const own = await addPasskey(adminSession, new SoftwareAuthenticator(ORIGIN));
    const adminId = (await findAgentByEmail(desk.deps.db, admin))?.id;
    const self = await call(adminSession, 'DELETE', `/api/v1/agents/${adminId}/passkeys/${own.id}`);
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toContain('your account page');
  });
});

describe('a passkey as the second factor', () => {
  async function passwordStep(email: string) {
    const res = await inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password: PASSWORD } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.cookies.find((c) => c.name === 'pf_session')).toBeUndefined();
    return res.json().twoFactor as { challenge: string; methods: string[] };
  }
  async function secondFactorOptions(challenge: string) {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in/two-factor/passkey-options',
      payload: { challenge },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { attempt: string; options: { challenge: string; allowCredentials: { id: string }[] } };
  }
  function secondStep(challenge: string, attempt: string, response: object) {
    return inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in/two-factor',
      payload: { challenge, passkey: { attempt, response } },
    });
  }

  it('after the password, a passkey instead of a code: a session, audited; replays, other agents’ passkeys and other sign-ins refused', async () => {
    const email = await agentNamed('hana');
    const phone = new SoftwareAuthenticator(ORIGIN);
    const passkey = await addPasskey(await signedIn(email), phone);
    // another agent, with a passkey of their own on an authenticator the attacker holds
    const ivo = await agentNamed('ivo');
    const ivosKey = new SoftwareAuthenticator(ORIGIN);
    await addPasskey(await signedIn(ivo), ivosKey);

    const step = await passwordStep(email);
    expect(step.methods).toEqual(['passkey']);
    const { attempt, options } = await secondFactorOptions(step.challenge);
    expect(options.allowCredentials.map((c) => c.id)).toEqual([phone.credentials[0]?.id.toString('base64url')]);

    // another agent's passkey, signing this very challenge
    const ivosCredential = ivosKey.credentials[0]?.id.toString('base64url') as string;
    const foreign = await secondStep(
      step.challenge,
      attempt,
      ivosKey.assert(options, { credentialId: ivosCredential }),
    );
    expect(foreign.statusCode).toBe(401);
    expect(foreign.json().error.code).toBe('PASSKEY_REFUSED');
    // the ceremony was spent by that try: a new one for the real passkey
    const next = await secondFactorOptions(step.challenge);
    const assertion = phone.assert(next.options);
    const ok = await secondStep(step.challenge, next.attempt, assertion);
    expect(ok.statusCode, ok.body).toBe(200);
    const session = sessionOf(ok);
    expect((await call(session, 'GET', '/api/v1/auth/session')).json().actor.name).toBe('hana');
    const audit = (await auditOf(email)).map((e) => [e.action, e.data]);
    expect(audit).toContainEqual([
      'agent.signed-in',
      expect.objectContaining({ method: 'password', secondFactor: 'passkey' }),
    ]);
    expect(audit).toContainEqual([
      'agent.passkey-used',
      expect.objectContaining({ passkey: passkey.id, as: 'second-factor' }),
    ]);

    // replayed with the spent challenge, and with a new sign-in's challenge
    expect((await secondStep(step.challenge, next.attempt, assertion)).json().error.code).toBe(
      'TWO_FACTOR_CHALLENGE_INVALID',
    );
    const step2 = await passwordStep(email);
    const replay = await secondStep(step2.challenge, next.attempt, assertion);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('PASSKEY_REFUSED');
    // a ceremony of one sign-in answered in another
    const step3 = await passwordStep(email);
    const other = await secondFactorOptions(step2.challenge);
    const crossed = await secondStep(step3.challenge, other.attempt, phone.assert(other.options));
    expect(crossed.json().error.code).toBe('PASSKEY_REFUSED');
    // and a wrong origin
    const wrongOrigin = await secondFactorOptions(step3.challenge);
    const phished = await secondStep(
      step3.challenge,
      wrongOrigin.attempt,
      phone.assert(wrongOrigin.options, { origin: 'https://evil.example' }),
    );
    expect(phished.json().error.code).toBe('PASSKEY_REFUSED');
  });

  it('an agent with a passkey satisfies “two-factor required”; one without adds a passkey while held; the last one stays', async () => {
    const admin = desk.adminToken;
    const put = (twoFactorRequired: boolean) =>
      desk.as(admin, { method: 'PUT', url: '/api/v1/settings/security', payload: { twoFactorRequired } });
    const email = await agentNamed('jo');
    expect((await put(true)).statusCode).toBe(200);
    try {
      const held = await signedIn(email);
      expect((await call(held, 'GET', '/api/v1/auth/session')).json().actor.twoFactorEnrolmentRequired).toBe(true);
      expect((await call(held, 'GET', '/api/v1/tickets')).json().error.code).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');
      const phone = new SoftwareAuthenticator(ORIGIN);
      const passkey = await addPasskey(held, phone);
      // the same session is free at once
      expect((await call(held, 'GET', '/api/v1/tickets')).statusCode).toBe(200);
      // the password is one factor now
      const step = await inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email, password: PASSWORD },
      });
      expect(step.json().twoFactor.methods).toEqual(['passkey']);
      // the last second factor stays where the desk requires one
      const last = await call(held, 'DELETE', `/api/v1/me/passkeys/${passkey.id}`, { password: PASSWORD });
      expect(last.statusCode).toBe(409);
      expect(last.json().error.code).toBe('TWO_FACTOR_REQUIRED');
      // a passkey signs in alone, not held
      const ceremony = await passkeyOptions();
      const res = await passkeySignIn(ceremony.attempt, phone.assert(ceremony.options));
      expect((await call(sessionOf(res), 'GET', '/api/v1/tickets')).statusCode).toBe(200);
    } finally {
      await put(false);
    }
  });

  it('an agent with an authenticator app and a passkey may use either, and prove with a code to add one', async () => {
    const email = await agentNamed('kai');
    const session = await signedIn(email);
    const started = await call(session, 'POST', '/api/v1/me/totp', { password: PASSWORD });
    const { secret } = started.json();
    await call(session, 'POST', '/api/v1/me/totp/confirm', { code: codeAt(secret, clock.now()) });
    clock.advance(30_000);
    // not with the session that set the authenticator up: that would let a session alone add a passkey
    const same = await call(session, 'POST', '/api/v1/me/passkeys/registration-options', {
      code: codeAt(secret, clock.now()),
    });
    expect(`${same.statusCode} ${same.json().error.code}`).toBe('401 SIGN_IN_FAILED');
    // signed in again, with the password and a code: the code proves it is them
    clock.advance(30_000);
    const step = await passwordStep(email);
    const again = await inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in/two-factor',
      payload: { challenge: step.challenge, code: codeAt(secret, clock.now()) },
    });
    expect(again.statusCode, again.body).toBe(200);
    const fresh = sessionOf(again);
    clock.advance(30_000);
    const phone = new SoftwareAuthenticator(ORIGIN);
    const options = await call(fresh, 'POST', '/api/v1/me/passkeys/registration-options', {
      code: codeAt(secret, clock.now()),
    });
    expect(options.statusCode, options.body).toBe(200);
    const added = await call(fresh, 'POST', '/api/v1/me/passkeys', {
      attempt: options.json().attempt,
      name: 'Phone',
      response: phone.register(options.json().options).response,
    });
    expect(added.statusCode, added.body).toBe(201);
    const next = await passwordStep(email);
    expect(next.methods).toEqual(['totp', 'recovery', 'passkey']);
    const { attempt, options: o } = await secondFactorOptions(next.challenge);
    expect((await secondStep(next.challenge, attempt, phone.assert(o))).statusCode).toBe(200);
  });
});

describe('with PASSWORD_SIGN_IN=false', () => {
  let ssoDesk: TestDesk;
  beforeAll(async () => {
    ssoDesk = await createTestDesk({
      clock,
      env: {
        PUBLIC_URL: ORIGIN,
        PASSWORD_SIGN_IN: 'false',
        OIDC_ISSUER: 'https://login.desk.example',
        OIDC_CLIENT_ID: 'pipefitter',
      },
    });
  });
  afterAll(async () => {
    await ssoDesk?.close();
  });

  it('a passkey still signs an agent in: it is not a password', async () => {
    const email = 'lia@desk.example';
    await createAgent(ssoDesk.deps, SYSTEM, {
      email,
      name: 'lia',
      role: 'agent',
      timeZone: 'Europe/Lisbon',
      passwordHash: await hashPassword(PASSWORD),
    });
    const refused = await ssoDesk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password: PASSWORD },
    });
    expect(refused.json().error.code).toBe('PASSWORD_SIGN_IN_OFF');
    // a session from a one-time link (as `pipefitter admin link` gives) adds the passkey
    const agent = await findAgentByEmail(ssoDesk.deps.db, email);
    const link = await createAgentSignInLink(ssoDesk.deps, agent?.id as string);
    const token = new URL(link.url).searchParams.get('token');
    const redeemed = await ssoDesk.app.inject({ method: 'POST', url: '/api/v1/auth/redeem', payload: { token } });
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    const session = sessionOf(redeemed);
    const inject2 = (method: InjectOptions['method'], url: string, payload?: object) =>
      ssoDesk.app.inject({
        method,
        url,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
        ...(payload ? { payload } : {}),
      });
    const phone = new SoftwareAuthenticator(ORIGIN);
    const started = await inject2('POST', '/api/v1/me/passkeys/registration-options', { password: PASSWORD });
    expect(started.statusCode, started.body).toBe(200);
    const added = await inject2('POST', '/api/v1/me/passkeys', {
      attempt: started.json().attempt,
      name: 'Phone',
      response: phone.register(started.json().options).response,
    });
    expect(added.statusCode, added.body).toBe(201);
    const ceremony = (await ssoDesk.app.inject({ method: 'POST', url: '/api/v1/auth/passkey/options' })).json();
    const res = await ssoDesk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in/passkey',
      payload: { attempt: ceremony.attempt, response: phone.assert(ceremony.options) },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
});
