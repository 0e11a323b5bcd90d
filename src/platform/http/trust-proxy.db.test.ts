import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../../test/helpers/build-app.js';

// TRUST_PROXY=true used to trust every X-Forwarded-For hop, so a client behind the proxy could
// name its own address and walk past every per-address limit (issue 10, item 12).

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk({ env: { TRUST_PROXY: 'true' } });
});
afterAll(async () => {
  await desk?.close();
});

const ask = (forwardedFor: string) =>
  desk.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in-link',
    remoteAddress: '10.0.0.1', // the reverse proxy
    headers: { 'x-forwarded-for': forwardedFor },
    payload: { email: `${randomBytes(6).toString('hex')}@example.com` },
  });

describe('behind one reverse proxy', () => {
  it('the client is the address the proxy saw, whatever the client wrote before it', async () => {
    const statuses: number[] = [];
    // the attacker writes a new address of their own in front each time
    for (let i = 0; i < 25; i++) statuses.push((await ask(`198.51.100.${i}, 203.0.113.5`)).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    // someone else behind the same proxy is not held back
    expect((await ask('203.0.113.77')).statusCode).toBe(202);
  });
});
