import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentSessions, PASSWORD, type Session, sessionOf } from '../../../test/helpers/agent-sessions.js';
import { createTestDesk, type TestDesk } from '../../../test/helpers/build-app.js';
import { auditEvents } from '../../audit/tables.js';
import { findAgentByEmail } from '../../people/index.js';
import { FakeClock, MINUTE_MS } from '../../platform/clock.js';
import { DeskSecret } from '../../platform/desk-secret.js';
import { CREDENTIAL_RESEALS } from '../../runtime.js';
import { createAgentSignInLink } from '../sessions.js';
import { resealTwoFactorSecrets } from './reseal-secrets.js';
import { agentRecoveryCodes, agentTwoFactor } from './tables.js';
import { codeAt } from './totp.js';

// Two-factor sign-in through the HTTP API, as a browser and an attacker use it, on the desk's clock
// (a fake one: codes belong to 30-second steps, and the tests step it on by hand).

const KEY = `two-factor-test-key-${randomBytes(8).toString('hex')}`;
const clock = new FakeClock('2026-12-07T09:00:05Z');
let desk: TestDesk;

beforeAll(async () => {
  desk = await createTestDesk({ clock, env: { SECRET_KEY: KEY } });
});
afterAll(async () => {
  await desk?.close();
});

const { inject, agentNamed, signIn, signedIn, call } = agentSessions(() => desk, '10.88');

function secondStep(challenge: string, factor: { code: string } | { recoveryCode: string }) {
  return inject({ method: 'POST', url: '/api/v1/auth/sign-in/two-factor', payload: { challenge, ...factor } });
}

async function challengeFor(email: string): Promise<string> {
  const res = await signIn(email);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.cookies.find((c) => c.name === 'pf_session')).toBeUndefined();
  expect(res.json().twoFactor.methods).toEqual(['totp', 'recovery']);
  return res.json().twoFactor.challenge;
}

/** Enrols the signed-in agent; the secret (as the QR code carries it) and the recovery codes. */
async function enrol(session: Session): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await call(session, 'POST', '/api/v1/me/totp', { password: PASSWORD });
  expect(started.statusCode, started.body).toBe(200);
  const { secret } = started.json();
  const confirmed = await call(session, 'POST', '/api/v1/me/totp/confirm', { code: codeAt(secret, clock.now()) });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return { secret, recoveryCodes: confirmed.json().recoveryCodes };
}

/** The next 30-second step: the code of the step before was used already. */
function nextStep() {
  clock.advance(30_000);
}

async function auditOf(email: string) {
  const agent = await findAgentByEmail(desk.deps.db, email);
  return desk.deps.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'agent'), eq(auditEvents.entityId, agent?.id ?? '')))
    .orderBy(asc(auditEvents.id));
}

describe('two-factor sign-in', () => {
  it('enrol → confirm → sign-in needs the code; a wrong code is refused and counted; a right one gives a session, once; a recovery code works once', async () => {
    const email = await agentNamed('ana');
    const session = await signedIn(email);
    expect((await call(session, 'GET', '/api/v1/me/totp')).json()).toMatchObject({ enabled: false, pending: false });

    // the first authenticator needs the password: a session alone must not add a way in
    const bare = await call(session, 'POST', '/api/v1/me/totp', {});
    expect(`${bare.statusCode} ${bare.json().error.code}`).toBe('403 PROOF_REQUIRED');
    expect((await call(session, 'POST', '/api/v1/me/totp', { password: 'not it' })).statusCode).toBe(401);
    const started = await call(session, 'POST', '/api/v1/me/totp', { password: PASSWORD });
    expect(started.statusCode, started.body).toBe(200);
    const { uri, secret, qrSvg } = started.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toBe(
      `otpauth://totp/Pipefitter:ana%40desk.example?issuer=Pipefitter&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect(qrSvg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // the secret is stored sealed with the desk key, never as it is
    const [stored] = await desk.deps.db.select().from(agentTwoFactor);
    expect(stored?.pendingSecretSealed).toMatch(/^v2\./);
    expect(stored?.pendingSecretSealed).not.toContain(secret);
    expect(desk.deps.secret.decrypt(stored?.pendingSecretSealed as string)).toBe(secret);

    // a wrong first code does not turn it on
    const farOff = codeAt(secret, new Date(clock.now().getTime() + 10 * MINUTE_MS));
    const wrongFirst = await call(session, 'POST', '/api/v1/me/totp/confirm', { code: farOff });
    expect(wrongFirst.statusCode).toBe(403);
    expect(wrongFirst.json().error.code).toBe('TWO_FACTOR_CODE_WRONG');
    expect((await call(session, 'GET', '/api/v1/me/totp')).json().enabled).toBe(false);

    const confirmed = await call(session, 'POST', '/api/v1/me/totp/confirm', { code: codeAt(secret, clock.now()) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const { recoveryCodes } = confirmed.json() as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    // only their hashes are kept
    const hashes = await desk.deps.db.select().from(agentRecoveryCodes);
    expect(hashes).toHaveLength(10);
    for (const row of hashes) expect(row.codeHash).toHaveLength(32);
    expect(JSON.stringify(hashes)).not.toContain(recoveryCodes[0]);
    expect((await call(session, 'GET', '/api/v1/me/totp')).json()).toMatchObject({
      enabled: true,
      pending: false,
      recoveryCodesLeft: 10,
    });

    // the password alone gives no session any more
    const challenge = await challengeFor(email);
    nextStep();
    const wrong = await secondStep(challenge, { code: farOff });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('TWO_FACTOR_CODE_WRONG');
    expect(wrong.cookies.find((c) => c.name === 'pf_session')).toBeUndefined();

    const code = codeAt(secret, clock.now());
    const right = await secondStep(challenge, { code });
    expect(right.statusCode, right.body).toBe(200);
    expect(right.json().actor).toMatchObject({ kind: 'agent', name: 'ana' });
    const twoFactorSession = sessionOf(right);
    expect((await call(twoFactorSession, 'GET', '/api/v1/tickets')).statusCode).toBe(200);

    // the same code again, within its step: someone who saw it over a shoulder, or in a proxy's log
    const replayed = await secondStep(await challengeFor(email), { code });
    expect(replayed.statusCode).toBe(403);
    expect(replayed.json().error.code).toBe('TWO_FACTOR_CODE_REPLAYED');

    // a recovery code, typed as people do, works once
    const recovery = recoveryCodes[3] as string;
    const withRecovery = await secondStep(await challengeFor(email), { recoveryCode: ` ${recovery.toUpperCase()} ` });
    expect(withRecovery.statusCode, withRecovery.body).toBe(200);
    sessionOf(withRecovery);
    const again = await secondStep(await challengeFor(email), { recoveryCode: recovery });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('TWO_FACTOR_CODE_WRONG');
    expect((await call(twoFactorSession, 'GET', '/api/v1/me/totp')).json().recoveryCodesLeft).toBe(9);

    const audit = (await auditOf(email)).map((e) => [e.action, e.data]);
    expect(audit).toEqual([
      ['agent.created', expect.anything()],
      ['agent.signed-in', { method: 'password', ip: expect.any(String) }],
      ['agent.two-factor-enrolled', { method: 'totp', replaced: false }],
      ['agent.sign-in-failed', expect.objectContaining({ step: 'second-factor', method: 'totp', reason: 'wrong' })],
      ['agent.signed-in', expect.objectContaining({ method: 'password', secondFactor: 'totp' })],
      ['agent.sign-in-failed', expect.objectContaining({ method: 'totp', reason: 'replayed' })],
      ['agent.recovery-code-used', expect.objectContaining({ codesLeft: 9 })],
      ['agent.signed-in', expect.objectContaining({ method: 'password', secondFactor: 'recovery' })],
      ['agent.sign-in-failed', expect.objectContaining({ method: 'recovery', reason: 'wrong' })],
    ]);
  });

  it('five wrong codes end a challenge: the right code no longer helps, the password is needed again', async () => {
    const email = await agentNamed('bo');
    const { secret } = await enrol(await signedIn(email));
    nextStep();
    const challenge = await challengeFor(email);
    const wrongCode = codeAt(secret, new Date(clock.now().getTime() + 10 * MINUTE_MS));
    const statuses: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await secondStep(challenge, { code: wrongCode });
      statuses.push(`${res.statusCode} ${res.json().error.code}`);
    }
    expect(statuses).toEqual([
      ...Array(4).fill('403 TWO_FACTOR_CODE_WRONG'),
      '401 TWO_FACTOR_CHALLENGE_INVALID', // the fifth: that was the last try
    ]);
    const late = await secondStep(challenge, { code: codeAt(secret, clock.now()) });
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe('TWO_FACTOR_CHALLENGE_INVALID');
    // a new sign-in with the password, and the right code, works
    expect((await secondStep(await challengeFor(email), { code: codeAt(secret, clock.now()) })).statusCode).toBe(200);
  });

  it('twenty guesses sent at once on one challenge still get five tries between them', async () => {
    const email = await agentNamed('kai');
    const { secret } = await enrol(await signedIn(email));
    nextStep();
    const challenge = await challengeFor(email);
    const guesses = Array.from({ length: 20 }, (_, i) =>
      codeAt(secret, new Date(clock.now().getTime() + (i + 10) * MINUTE_MS)),
    );
    const answers = await Promise.all(guesses.map((code) => secondStep(challenge, { code })));
    const tally: Record<string, number> = {};
    for (const res of answers) {
      const key = `${res.statusCode} ${res.json().error.code}`;
      tally[key] = (tally[key] ?? 0) + 1;
    }
    expect(tally).toEqual({ '403 TWO_FACTOR_CODE_WRONG': 4, '401 TWO_FACTOR_CHALLENGE_INVALID': 16 });
    const agentId = (await findAgentByEmail(desk.deps.db, email))?.id as string;
    const [row] = await desk.deps.db.select().from(agentTwoFactor).where(eq(agentTwoFactor.agentId, agentId));
    expect(row?.failures).toBe(5);
  });

  it('ten wrong codes in 15 minutes, over several challenges, lock every code out until the window ends', async () => {
    const email = await agentNamed('cy');
    const { secret } = await enrol(await signedIn(email));
    nextStep();
    const wrongCode = codeAt(secret, new Date(clock.now().getTime() + 10 * MINUTE_MS));
    for (let round = 0; round < 2; round++) {
      const challenge = await challengeFor(email);
      for (let i = 0; i < 5; i++) await secondStep(challenge, { code: wrongCode });
    }
    const locked = await secondStep(await challengeFor(email), { code: codeAt(secret, clock.now()) });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('TWO_FACTOR_LOCKED');
    clock.advance(15 * MINUTE_MS);
    expect((await secondStep(await challengeFor(email), { code: codeAt(secret, clock.now()) })).statusCode).toBe(200);
  });

  it('refuses a challenge tampered with, one made for another agent, an expired one and a used one', async () => {
    const email = await agentNamed('di');
    const { secret } = await enrol(await signedIn(email));
    const other = await agentNamed('ed');
    await enrol(await signedIn(other));
    nextStep();

    const challenge = await challengeFor(email);
    const [body, signature] = challenge.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    expect(Object.keys(claims).sort()).toEqual(['a', 'c', 'e']);
    const edId = (await findAgentByEmail(desk.deps.db, other))?.id;
    const forged = [
      // another agent's id under di's signature: di's code must not sign ed in
      `${Buffer.from(JSON.stringify({ ...claims, a: edId })).toString('base64url')}.${signature}`,
      // a later expiry
      `${Buffer.from(JSON.stringify({ ...claims, e: claims.e + 3_600_000 })).toString('base64url')}.${signature}`,
      `${body}.${signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))}`,
      body,
      'made-up',
    ];
    for (const token of forged) {
      const res = await secondStep(token, { code: codeAt(secret, clock.now()) });
      expect(`${res.statusCode} ${res.json().error.code}`, token).toBe('401 TWO_FACTOR_CHALLENGE_INVALID');
    }

    // five minutes on, the real challenge has expired
    clock.advance(5 * MINUTE_MS + 1_000);
    const expired = await secondStep(challenge, { code: codeAt(secret, clock.now()) });
    expect(`${expired.statusCode} ${expired.json().error.code}`).toBe('401 TWO_FACTOR_CHALLENGE_INVALID');

    // a used one is spent
    const fresh = await challengeFor(email);
    expect((await secondStep(fresh, { code: codeAt(secret, clock.now()) })).statusCode).toBe(200);
    nextStep();
    const reused = await secondStep(fresh, { code: codeAt(secret, clock.now()) });
    expect(`${reused.statusCode} ${reused.json().error.code}`).toBe('401 TWO_FACTOR_CHALLENGE_INVALID');
  });

  it('a one-time sign-in link does not skip the second factor', async () => {
    const email = await agentNamed('flo');
    const { secret } = await enrol(await signedIn(email));
    nextStep();
    const agentId = (await findAgentByEmail(desk.deps.db, email))?.id as string;
    const link = await createAgentSignInLink(desk.deps, agentId);
    const token = new URL(link.url).searchParams.get('token');
    const redeemed = await inject({ method: 'POST', url: '/api/v1/auth/redeem', payload: { token } });
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    expect(redeemed.cookies.find((c) => c.name === 'pf_session')).toBeUndefined();
    expect(redeemed.json().csrfToken).toBeUndefined();
    const { challenge } = redeemed.json().twoFactor;
    // the link is spent either way
    const twice = await inject({ method: 'POST', url: '/api/v1/auth/redeem', payload: { token } });
    expect(twice.json().error.code).toBe('SIGN_IN_LINK_INVALID');
    const done = await secondStep(challenge, { code: codeAt(secret, clock.now()) });
    expect(done.statusCode, done.body).toBe(200);
    expect((await call(sessionOf(done), 'GET', '/api/v1/tickets')).statusCode).toBe(200);
  });

  it('turning it off needs the password or a code; new recovery codes need a code and retire the old ones', async () => {
    const email = await agentNamed('gus');
    const session = await signedIn(email);
    const { secret, recoveryCodes } = await enrol(session);
    nextStep();

    const regenerated = await call(session, 'POST', '/api/v1/me/totp/recovery-codes', {
      code: codeAt(secret, clock.now()),
    });
    expect(regenerated.statusCode, regenerated.body).toBe(200);
    const fresh = regenerated.json().recoveryCodes as string[];
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[0]);
    expect((await secondStep(await challengeFor(email), { recoveryCode: recoveryCodes[0] as string })).statusCode).toBe(
      403,
    );
    expect((await secondStep(await challengeFor(email), { recoveryCode: fresh[0] as string })).statusCode).toBe(200);

    const bare = await call(session, 'DELETE', '/api/v1/me/totp', {});
    expect(`${bare.statusCode} ${bare.json().error.code}`).toBe('401 SIGN_IN_FAILED');
    const wrongPassword = await call(session, 'DELETE', '/api/v1/me/totp', { password: 'not my password at all' });
    expect(wrongPassword.statusCode).toBe(401);
    expect((await call(session, 'GET', '/api/v1/me/totp')).json().enabled).toBe(true);
    const off = await call(session, 'DELETE', '/api/v1/me/totp', { password: PASSWORD });
    expect(off.statusCode, off.body).toBe(204);
    // the password alone signs in again
    const plain = await signIn(email);
    expect(plain.json().twoFactor).toBeUndefined();
    sessionOf(plain);
    const actions = (await auditOf(email)).map((e) => e.action);
    expect(actions).toContain('agent.recovery-codes-regenerated');
    expect(actions.filter((a) => a !== 'agent.signed-in').at(-1)).toBe('agent.two-factor-disabled');
  });

  it('an admin turns off the second factor of an agent who lost their phone; nobody else may', async () => {
    const email = await agentNamed('hal');
    const open = await signedIn(email);
    await enrol(open);
    const agentId = (await findAgentByEmail(desk.deps.db, email))?.id as string;
    const lead = await desk.agentToken('lead');
    expect((await desk.as(lead, { method: 'DELETE', url: `/api/v1/agents/${agentId}/totp` })).statusCode).toBe(403);
    const reset = await desk.as(desk.adminToken, { method: 'DELETE', url: `/api/v1/agents/${agentId}/totp` });
    expect(reset.statusCode, reset.body).toBe(204);
    // the phone may be in someone's hands with a session open: it ended
    expect((await call(open, 'GET', '/api/v1/me/totp')).statusCode).toBe(401);
    sessionOf(await signIn(email));
    const [disabled, passwordOnly] = (await auditOf(email)).slice(-2);
    expect(disabled).toMatchObject({ action: 'agent.two-factor-disabled', data: { by: 'admin' } });
    // the password alone is enough now
    expect(passwordOnly).toMatchObject({ action: 'agent.signed-in', data: { method: 'password' } });
  });

  it('`secret rotate` seals the authenticator secrets again with the new key', async () => {
    expect(CREDENTIAL_RESEALS).toContain(resealTwoFactorSecrets);
    const email = await agentNamed('ida');
    const { secret } = await enrol(await signedIn(email));
    const agentId = (await findAgentByEmail(desk.deps.db, email))?.id as string;
    const rotated = new DeskSecret(`rotated-${KEY}`, [KEY]);
    expect(await resealTwoFactorSecrets(desk.deps.db, rotated)).toBeGreaterThanOrEqual(1);
    const [row] = await desk.deps.db.select().from(agentTwoFactor).where(eq(agentTwoFactor.agentId, agentId));
    expect(row?.secretSealed?.startsWith(`v2.${rotated.keyId}.`)).toBe(true);
    expect(rotated.decrypt(row?.secretSealed as string)).toBe(secret);
    // nothing left to seal again
    expect(await resealTwoFactorSecrets(desk.deps.db, rotated)).toBe(0);
    // this desk keeps the old key: back to it, for the tests after
    await resealTwoFactorSecrets(desk.deps.db, new DeskSecret(KEY, [`rotated-${KEY}`]));
    expect(await resealTwoFactorSecrets(desk.deps.db, desk.deps.secret)).toBe(0);
  });

  it('when the desk requires it, an agent without a second factor reaches only its setup until they confirm one', async () => {
    const email = await agentNamed('jo');
    const policy = await desk.as(desk.adminToken, {
      method: 'PUT',
      url: '/api/v1/settings/security',
      payload: { twoFactorRequired: true },
    });
    expect(policy.statusCode, policy.body).toBe(200);
    expect((await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/settings/security' })).json()).toEqual({
      twoFactorRequired: true,
    });
    const agentToken = await desk.agentToken('agent');
    const refused = await desk.as(agentToken, {
      method: 'PUT',
      url: '/api/v1/settings/security',
      payload: { twoFactorRequired: false },
    });
    expect(refused.statusCode).toBe(403);
    try {
      const res = await signIn(email);
      expect(res.json().actor.twoFactorEnrolmentRequired).toBe(true);
      const session = sessionOf(res);
      const tickets = await call(session, 'GET', '/api/v1/tickets');
      expect(`${tickets.statusCode} ${tickets.json().error.code}`).toBe('403 TWO_FACTOR_ENROLMENT_REQUIRED');
      const write = await call(session, 'POST', '/api/v1/tickets', {
        subject: 'x',
        body: 'y',
        requesterEmail: 'c@example.com',
      });
      expect(write.statusCode).toBe(403);
      expect((await call(session, 'GET', '/api/v1/auth/session')).json().actor.twoFactorEnrolmentRequired).toBe(true);
      // API tokens are not sessions: integrations keep working
      expect((await desk.as(agentToken, { method: 'GET', url: '/api/v1/tickets' })).statusCode).toBe(200);

      const { secret } = await enrol(session);
      expect((await call(session, 'GET', '/api/v1/tickets')).statusCode).toBe(200);
      expect(
        (await call(session, 'GET', '/api/v1/auth/session')).json().actor.twoFactorEnrolmentRequired,
      ).toBeUndefined();

      // not without one while it is required…
      const off = await call(session, 'DELETE', '/api/v1/me/totp', { password: PASSWORD });
      expect(`${off.statusCode} ${off.json().error.code}`).toBe('409 TWO_FACTOR_REQUIRED');
      // …but onto a new authenticator, with a code from the old one
      nextStep();
      const moving = await call(session, 'POST', '/api/v1/me/totp', {});
      expect(`${moving.statusCode} ${moving.json().error.code}`).toBe('401 SIGN_IN_FAILED');
      const moved = await call(session, 'POST', '/api/v1/me/totp', { code: codeAt(secret, clock.now()) });
      expect(moved.statusCode, moved.body).toBe(200);
      const newSecret = moved.json().secret as string;
      // the old phone still works until the new one is confirmed
      expect((await call(session, 'GET', '/api/v1/me/totp')).json()).toMatchObject({ enabled: true, pending: true });
      nextStep();
      const confirmed = await call(session, 'POST', '/api/v1/me/totp/confirm', {
        code: codeAt(newSecret, clock.now()),
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      nextStep();
      expect((await secondStep(await challengeFor(email), { code: codeAt(secret, clock.now()) })).statusCode).toBe(403);
      expect((await secondStep(await challengeFor(email), { code: codeAt(newSecret, clock.now()) })).statusCode).toBe(
        200,
      );
    } finally {
      await desk.as(desk.adminToken, {
        method: 'PUT',
        url: '/api/v1/settings/security',
        payload: { twoFactorRequired: false },
      });
    }
    const changes = await desk.deps.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'settings.security-changed'));
    expect(changes.map((e) => e.data)).toEqual([{ twoFactorRequired: true }, { twoFactorRequired: false }]);
  });
});
