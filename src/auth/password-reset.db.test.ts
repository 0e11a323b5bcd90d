import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { type SmtpSink, startSmtpSink } from '../../test/helpers/smtp-sink.js';
import { auditEvents } from '../audit/tables.js';
import { listOutboundMail } from '../mail/outbox-store.js';
import { createAgent, findAgentByEmail } from '../people/index.js';
import { FakeClock, MINUTE_MS } from '../platform/clock.js';
import { jobs } from '../platform/jobs/tables.js';
import type { Worker } from '../platform/jobs/worker.js';
import { hashSecret } from '../platform/secrets.js';
import type { AppDeps } from '../runtime.js';
import { SYSTEM } from './actor.js';
import { passwordResetLinks } from './password-reset/tables.js';
import { hashPassword } from './passwords.js';
import { codeAt } from './two-factor/totp.js';

// "Forgot password?" through the HTTP API, with the mail going out over real SMTP to a sink.

const OLD_PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new long passphrase';
const clock = new FakeClock('2026-12-07T09:00:05Z');
let desk: TestDesk;
let sink: SmtpSink;
let worker: Worker<AppDeps>;
let address = 0;

beforeAll(async () => {
  sink = await startSmtpSink();
  desk = await createTestDesk({
    clock,
    env: { OUTBOUND_SMTP_URL: sink.url, SUPPORT_ADDRESS: 'support@desk.example', PUBLIC_URL: 'https://desk.example' },
  });
  worker = desk.runtime.createWorker();
});
afterAll(async () => {
  await desk?.close();
  await sink?.close();
});

function inject(options: InjectOptions, remoteAddress = `10.99.${Math.floor(++address / 250)}.${address % 250}`) {
  return desk.app.inject({ remoteAddress, ...options });
}

async function agentNamed(name: string): Promise<string> {
  const email = `${name}@desk.example`;
  await createAgent(desk.deps, SYSTEM, {
    email,
    name,
    role: 'agent',
    timeZone: 'UTC',
    passwordHash: await hashPassword(OLD_PASSWORD),
  });
  return email;
}

function signIn(email: string, password: string) {
  return inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
}

function cookieOf(res: LightMyRequestResponse): string | undefined {
  const cookie = res.cookies.find((c) => c.name === 'pf_session');
  return cookie ? `pf_session=${cookie.value}` : undefined;
}

function askForReset(email: string, remoteAddress?: string) {
  return inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } }, remoteAddress);
}

function confirm(token: string, password: string) {
  return inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password } });
}

/** The reset links mailed to `email` since mail number `from`, as the agent's mail program shows them. */
async function mailedLinks(email: string, from: number): Promise<string[]> {
  await worker.drain();
  return sink.received
    .slice(from)
    .filter((m) => JSON.stringify(m.to).includes(email))
    .map((m) => /https:\/\/desk\.example\/auth\/reset\?token=(\S+)/.exec(m.text ?? '')?.[1] ?? '');
}

async function auditOf(email: string) {
  const agent = await findAgentByEmail(desk.deps.db, email);
  const rows = await desk.deps.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'agent'), eq(auditEvents.entityId, agent?.id ?? '')))
    .orderBy(asc(auditEvents.id));
  return rows.map((e) => e.action);
}

describe('password reset by mail', () => {
  it('answers 202 for every address alike, doing the same work; only an agent gets the mail, with a one-hour link', async () => {
    const email = await agentNamed('ana');
    const contact = await desk.customer('Acme', 'lena@acme.example');
    expect(contact.contactId).toBeDefined();
    const before = sink.received.length;
    const known = await askForReset(email);
    const unknown = await askForReset('nobody@desk.example');
    const customer = await askForReset('lena@acme.example');
    for (const res of [known, unknown, customer]) {
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ sent: true });
    }
    // what the request did is one job each, whatever the address: nothing for timing to tell apart
    const queued = await desk.deps.db.select().from(jobs).where(eq(jobs.name, 'auth.send-password-reset'));
    expect(queued.map((j) => (j.payload as { email: string }).email).sort()).toEqual([
      'ana@desk.example',
      'lena@acme.example',
      'nobody@desk.example',
    ]);

    const links = await mailedLinks(email, before);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(/^pfr_[A-Za-z0-9_-]{43}$/);
    expect(sink.received.slice(before)).toHaveLength(1); // nobody else got anything
    const [mail] = sink.received.slice(before);
    expect(mail?.subject).toBe('Set a new Pipefitter password');
    expect(mail?.text).toContain('It works once, for 60 minutes');
    expect((await listOutboundMail(desk.deps.db, undefined, 10)).map((m) => m.purpose)).toContain('password-reset');

    // only the link's hash is stored
    const [row] = await desk.deps.db.select().from(passwordResetLinks);
    expect(row?.tokenHash.equals(hashSecret(links[0] as string))).toBe(true);
    expect(row?.expiresAt.getTime()).toBe(clock.now().getTime() + 60 * MINUTE_MS);
    expect(await auditOf(email)).toContain('agent.password-reset-requested');

    // asking again within the minute sends no second mail (nor does a job run twice)
    const again = sink.received.length;
    expect((await askForReset(email)).statusCode).toBe(202);
    expect(await mailedLinks(email, again)).toEqual([]);
  });

  it('the link sets the password once and ends every session; without a second factor it signs in', async () => {
    const email = await agentNamed('bo');
    const laptop = cookieOf(await signIn(email, OLD_PASSWORD)) as string;
    const phone = cookieOf(await signIn(email, OLD_PASSWORD)) as string;
    const session = (cookie: string) => inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    expect((await session(laptop)).statusCode).toBe(200);

    const before = sink.received.length;
    await askForReset(email);
    const [first] = await mailedLinks(email, before);
    clock.advance(2 * MINUTE_MS);
    await askForReset(email);
    const [, second] = await mailedLinks(email, before);
    expect(first).toBeDefined();
    expect(second).toBeDefined();

    // the same strength rules as /api/v1/me/password; a refused password does not spend the link
    const weak = await confirm(first as string, 'short');
    expect(weak.statusCode).toBe(400);
    const done = await confirm(first as string, NEW_PASSWORD);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ signedIn: true, actor: { kind: 'agent', name: 'bo' } });
    const fresh = cookieOf(done) as string;
    expect((await session(fresh)).json().actor.name).toBe('bo');

    // every session from before has ended
    expect((await session(laptop)).statusCode).toBe(401);
    expect((await session(phone)).statusCode).toBe(401);
    expect((await signIn(email, OLD_PASSWORD)).statusCode).toBe(401);
    expect((await signIn(email, NEW_PASSWORD)).statusCode).toBe(200);

    // once: the link, and the other one mailed before it
    for (const token of [first, second] as string[]) {
      const reused = await confirm(token, 'yet another long passphrase');
      expect(`${reused.statusCode} ${reused.json().error.code}`).toBe('401 PASSWORD_RESET_LINK_INVALID');
    }
    expect((await signIn(email, NEW_PASSWORD)).statusCode).toBe(200);
    expect(await auditOf(email)).toContain('agent.password-reset-completed');
  });

  it('refuses an expired link and a made-up one, and the password stays', async () => {
    const email = await agentNamed('cy');
    const before = sink.received.length;
    await askForReset(email);
    const [token] = await mailedLinks(email, before);
    clock.advance(60 * MINUTE_MS + 1_000);
    const expired = await confirm(token as string, NEW_PASSWORD);
    expect(`${expired.statusCode} ${expired.json().error.code}`).toBe('401 PASSWORD_RESET_LINK_INVALID');
    const madeUp = await confirm(`pfr_${randomBytes(32).toString('base64url')}`, NEW_PASSWORD);
    expect(madeUp.statusCode).toBe(401);
    expect((await signIn(email, OLD_PASSWORD)).statusCode).toBe(200);
  });

  it('with two-factor sign-in on, the link sets the password but signs nobody in: password and code do', async () => {
    const email = await agentNamed('di');
    const first = await signIn(email, OLD_PASSWORD);
    const headers = { cookie: cookieOf(first) as string, 'x-csrf-token': first.json().csrfToken };
    const { secret } = (
      await inject({ method: 'POST', url: '/api/v1/me/totp', headers, payload: { password: OLD_PASSWORD } })
    ).json();
    const on = await inject({
      method: 'POST',
      url: '/api/v1/me/totp/confirm',
      headers,
      payload: { code: codeAt(secret, clock.now()) },
    });
    expect(on.statusCode, on.body).toBe(200);
    // a sign-in halfway (the password known to someone) before the reset
    const halfway = (await signIn(email, OLD_PASSWORD)).json().twoFactor.challenge;

    const before = sink.received.length;
    await askForReset(email);
    const [token] = await mailedLinks(email, before);
    const done = await confirm(token as string, NEW_PASSWORD);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ signedIn: false });
    expect(cookieOf(done)).toBeUndefined();

    clock.advance(30_000);
    const stale = await inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in/two-factor',
      payload: { challenge: halfway, code: codeAt(secret, clock.now()) },
    });
    expect(`${stale.statusCode} ${stale.json().error.code}`).toBe('401 TWO_FACTOR_CHALLENGE_INVALID');
    const challenge = (await signIn(email, NEW_PASSWORD)).json().twoFactor.challenge;
    const signedIn = await inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in/two-factor',
      payload: { challenge, code: codeAt(secret, clock.now()) },
    });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(cookieOf(signedIn)).toBeDefined();
  });

  it('is rate limited per email address (from any client) and per client', async () => {
    const email = await agentNamed('eve');
    const perEmail: number[] = [];
    for (let i = 0; i < 6; i++) perEmail.push((await askForReset(email)).statusCode);
    expect(perEmail).toEqual([202, 202, 202, 202, 202, 429]);

    const perClient: number[] = [];
    for (let i = 0; i < 11; i++)
      perClient.push((await askForReset(`someone-${i}@desk.example`, '10.98.0.1')).statusCode);
    expect(perClient.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(perClient[10]).toBe(429);
  });
});
