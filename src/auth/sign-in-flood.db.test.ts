import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { createAgent } from '../people/index.js';
import { SYSTEM } from './actor.js';
import { hashPassword } from './passwords.js';

// A flood of sign-ins (each an ~80 ms argon2id) must not stall the desk: hashes run in worker
// threads behind a bounded queue, and one address cannot try endless random emails.

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
  await createAgent(desk.deps, SYSTEM, {
    email: 'ana@desk.example',
    name: 'Ana',
    role: 'agent',
    timeZone: 'UTC',
    passwordHash: await hashPassword('correct horse battery'),
  });
});
afterAll(async () => {
  await desk?.close();
});

let addresses = 0;
/** a fresh client address, so limits keyed by address do not mix between tests */
const nextAddress = () => `10.1.${Math.floor(++addresses / 250)}.${addresses % 250}`;

function signIn(remoteAddress: string, email: string, password = 'wrong password') {
  return desk.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', remoteAddress, payload: { email, password } });
}

describe('a sign-in flood', () => {
  it('leaves the event loop free while the hashes run', async () => {
    // a ticker counts turns of the event loop; a hash on the main thread allows none while it runs
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const turnsAtEnd: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        signIn(nextAddress(), 'ana@desk.example').then((res) => {
          turnsAtEnd.push(turns);
          return res;
        }),
      ),
    );
    ticking = false;
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(401));
    // measured: 27 turns in all with hashes on the main thread (one per finished sign-in); with
    // workers the loop turns thousands of times while each hash runs
    expect(turns).toBeGreaterThan(500);
    expect((turnsAtEnd[7] as number) - (turnsAtEnd[0] as number)).toBeGreaterThan(100);
  });

  it('costs nothing for emails nobody has: a botnet of random guesses never holds up a real sign-in', async () => {
    const flood = Promise.all(
      Array.from({ length: 100 }, () => signIn(nextAddress(), `${randomUUID()}@flood.example`)),
    );
    const ana = await signIn(nextAddress(), 'ana@desk.example', 'correct horse battery');
    expect(ana.statusCode, ana.body).toBe(200);
    expect((await flood).map((r) => r.statusCode)).toEqual(Array(100).fill(401));
  });

  it('answers 503 SIGN_IN_BUSY with Retry-After when the hashing queue is full, never 500', async () => {
    // guesses at a real agent's password, from as many addresses: these are hashed
    const results = await Promise.all(Array.from({ length: 100 }, () => signIn(nextAddress(), 'ana@desk.example')));
    const busy = results.filter((r) => r.statusCode === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0]?.json().error.code).toBe('SIGN_IN_BUSY');
    expect(Number(busy[0]?.headers['retry-after'])).toBeGreaterThan(0);
    expect(results.filter((r) => r.statusCode !== 503).map((r) => r.statusCode)).toEqual(
      Array(100 - busy.length).fill(401),
    );
    // the flood is over: the real agent signs in
    const ana = await signIn(nextAddress(), 'ana@desk.example', 'correct horse battery');
    expect(ana.statusCode, ana.body).toBe(200);
  });

  it('limits sign-ins per address, not only per address and email', async () => {
    const address = nextAddress();
    const statuses: number[] = [];
    // 30 a minute per address; each of these is a new email, so the per-email limit never applies
    for (let i = 0; i < 33; i++) statuses.push((await signIn(address, `${randomUUID()}@flood.example`)).statusCode);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses.slice(30)).toEqual(Array(3).fill(429));
    const limited = await signIn(address, 'ana@desk.example', 'correct horse battery');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // another address is not affected
    expect((await signIn(nextAddress(), 'ana@desk.example', 'correct horse battery')).statusCode).toBe(200);
  });
});
