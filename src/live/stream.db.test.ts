import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { SYSTEM } from '../auth/actor.js';
import { hashPassword } from '../auth/passwords.js';
import { createAgent } from '../people/index.js';

// The live stream over real HTTP: agents hear every ticket change; a customer hears only the
// tickets they may see (by the same rule as every ticket query), and never an internal note. A
// stream lasts only as long as the credential that opened it.

let desk: TestDesk;
let base: string;
let acme: { organizationId: string; contactId: string; token: string };
let globex: { organizationId: string; contactId: string; token: string };

beforeAll(async () => {
  desk = await createTestDesk();
  base = await desk.app.listen({ port: 0, host: '127.0.0.1' });
  acme = await desk.customer('Acme', 'lena@acme.example');
  globex = await desk.customer('Globex', 'hank@globex.example');
});
afterAll(async () => {
  await desk?.close();
});

interface Listener {
  status: number;
  code?: string;
  events: { event: string; data: { ticket: number } }[];
  /** true once the server ended the stream */
  ended: () => boolean;
  close: () => Promise<void>;
}

/** Reads server-sent events into a list until closed. */
async function listen(credential: { token: string } | { cookie: string }): Promise<Listener> {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/stream`, {
    headers: 'token' in credential ? { authorization: `Bearer ${credential.token}` } : { cookie: credential.cookie },
    signal: controller.signal,
  });
  if (response.status !== 200) {
    const body = (await response.json()) as { error: { code: string } };
    return { status: response.status, code: body.error.code, events: [], ended: () => true, close: async () => {} };
  }
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const events: Listener['events'] = [];
  let ended = false;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          ended = true;
          return;
        }
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  // changes are heard once the server says it listens
  await until(() => events.some((e) => e.event === 'ready') || ended);
  return {
    status: 200,
    events,
    ended: () => ended,
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}

const until = async (check: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
};

const open = async (token: string, subject: string, more: object = {}) => {
  const res = await desk.as(token, {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { subject, body: 'Help.', ...more },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().number as number;
};

const heard = (listener: Listener) => listener.events.filter((e) => e.event === 'ticket').map((e) => e.data.ticket);

async function newToken(payload: object): Promise<{ id: string; token: string }> {
  const res = await desk.as(desk.adminToken, { method: 'POST', url: '/api/v1/tokens', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('the live stream', () => {
  it('tells agents of every change and customers only of their own tickets, never of internal notes', async () => {
    const agent = await listen({ token: desk.adminToken });
    const lena = await listen({ token: acme.token });
    const mine = await open(acme.token, 'Acme ticket');
    const theirs = await open(globex.token, 'Globex ticket');
    await desk.as(desk.adminToken, {
      method: 'POST',
      url: `/api/v1/tickets/${mine}/messages`,
      payload: { body: 'Customer seems to run 9.6', internal: true },
    });
    await desk.as(desk.adminToken, {
      method: 'POST',
      url: `/api/v1/tickets/${mine}/messages`,
      payload: { body: 'Which version do you run?' },
    });
    await until(() => heard(agent).length >= 4 && heard(lena).length >= 2);
    // a little longer, so an event that should not come has had the chance to
    await new Promise((r) => setTimeout(r, 200));
    // every change: the two tickets opened, then the note and the reply on hers (a ticket change may
    // be told more than once, as listeners that follow a message — SLA, notifications — change it too)
    const toAgent = heard(agent);
    expect(toAgent.slice(0, 2)).toEqual([mine, theirs]);
    expect(toAgent.slice(2).filter((n) => n === mine).length).toBeGreaterThanOrEqual(2);
    expect(toAgent.slice(2).every((n) => n === mine)).toBe(true);
    expect(lena.events.filter((e) => e.event !== 'ready').map((e) => [e.event, e.data.ticket])).toEqual([
      ['ticket', mine],
      ['ticket', mine],
    ]);
    await agent.close();
    await lena.close();
  });

  it('needs a signed-in user', async () => {
    const response = await fetch(`${base}/api/v1/stream`);
    expect(response.status).toBe(401);
  });

  it('a customer hears exactly the tickets they can list: their own, those they are CC’d on, their shared organization’s', async () => {
    const initech = await desk.customer('Initech', 'peter@initech.example', { shareTickets: true });
    const milton = await desk.contactIn(initech.organizationId, 'milton@initech.example');
    const stranger = await desk.customer('Umbrella', 'alice@umbrella.example');
    const copied = await desk.customer('Hooli', 'gavin@hooli.example');
    const listeners = {
      peter: await listen({ token: initech.token }),
      milton: await listen({ token: milton.token }),
      stranger: await listen({ token: stranger.token }),
      copied: await listen({ token: copied.token }),
    };
    const tokens = { peter: initech.token, milton: milton.token, stranger: stranger.token, copied: copied.token };
    const peters = await open(initech.token, 'Printer on fire');
    const copiedOnOpen = await open(desk.adminToken, 'Stapler', {
      requesterEmail: 'peter@initech.example',
      ccEmails: ['gavin@hooli.example'],
    });
    const copiedLater = await open(stranger.token, 'Umbrella ticket');
    await desk.as(desk.adminToken, {
      method: 'PATCH',
      url: `/api/v1/tickets/${copiedLater}`,
      payload: { ccEmails: ['gavin@hooli.example'] },
    });
    await desk.as(desk.adminToken, {
      method: 'POST',
      url: `/api/v1/tickets/${copiedLater}/messages`,
      payload: { body: 'Copying Gavin in.' },
    });
    // the last change, heard by every customer who may see its ticket: a barrier for the rest
    const last = await open(desk.adminToken, 'For everyone', {
      requesterEmail: 'alice@umbrella.example',
      ccEmails: ['peter@initech.example', 'milton@initech.example', 'gavin@hooli.example'],
    });
    for (const listener of Object.values(listeners)) await until(() => heard(listener).includes(last));
    for (const [who, listener] of Object.entries(listeners)) {
      const listed = (
        await desk.as(tokens[who as keyof typeof tokens], { method: 'GET', url: '/api/v1/tickets?limit=100' })
      ).json().items as { number: number }[];
      expect(new Set(heard(listener)), who).toEqual(new Set(listed.map((t) => t.number)));
      await listener.close();
    }
    expect(new Set(heard(listeners.copied))).toEqual(new Set([copiedOnOpen, copiedLater, last]));
    expect(new Set(heard(listeners.milton))).toEqual(new Set([peters, copiedOnOpen, last]));
  });
});

describe('a stream lasts as long as its credential', () => {
  it('ends when its token is revoked', async () => {
    const { id, token } = await newToken({ name: 'portal', contactEmail: 'lena@acme.example' });
    const stream = await listen({ token });
    expect(stream.status).toBe(200);
    expect((await desk.as(desk.adminToken, { method: 'DELETE', url: `/api/v1/tokens/${id}` })).statusCode).toBe(204);
    await until(stream.ended);
    expect(stream.ended()).toBe(true);
    await stream.close();
  });

  it('ends when its session is signed out, and when the agent is deactivated', async () => {
    await createAgent(desk.deps, SYSTEM, {
      email: 'bo@desk.example',
      name: 'Bo',
      role: 'agent',
      timeZone: 'UTC',
      passwordHash: await hashPassword('correct horse battery'),
    });
    const signIn = async () => {
      const res = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'bo@desk.example', password: 'correct horse battery' },
      });
      expect(res.statusCode).toBe(200);
      const cookie = `pf_session=${res.cookies.find((c) => c.name === 'pf_session')?.value}`;
      return { cookie, csrf: res.json().csrfToken as string, agentId: res.json().actor.agentId as string };
    };
    const first = await signIn();
    const second = await signIn();
    const one = await listen({ cookie: first.cookie });
    const two = await listen({ cookie: second.cookie });
    const out = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { cookie: first.cookie, 'x-csrf-token': first.csrf },
    });
    expect(out.statusCode).toBe(204);
    await until(one.ended);
    expect(one.ended()).toBe(true);
    expect(two.ended()).toBe(false);

    const deactivate = await desk.as(desk.adminToken, {
      method: 'PATCH',
      url: `/api/v1/agents/${second.agentId}`,
      payload: { active: false },
    });
    expect(deactivate.statusCode).toBe(200);
    await until(two.ended);
    expect(two.ended()).toBe(true);
    await one.close();
    await two.close();
  });

  it('ends when the admin requires two-factor sign-in of an agent who has none (within the recheck)', async () => {
    await createAgent(desk.deps, SYSTEM, {
      email: 'cy@desk.example',
      name: 'Cy',
      role: 'agent',
      timeZone: 'UTC',
      passwordHash: await hashPassword('correct horse battery'),
    });
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'cy@desk.example', password: 'correct horse battery' },
    });
    const stream = await listen({ cookie: `pf_session=${res.cookies.find((c) => c.name === 'pf_session')?.value}` });
    expect(stream.status).toBe(200);
    const rule = (twoFactorRequired: boolean) =>
      desk.as(desk.adminToken, { method: 'PUT', url: '/api/v1/settings/security', payload: { twoFactorRequired } });
    expect((await rule(true)).statusCode).toBe(200);
    try {
      await until(stream.ended, 10_000);
      expect(stream.ended()).toBe(true);
    } finally {
      await rule(false);
      await stream.close();
    }
  });

  it('ends when its token expires, though nobody said so', async () => {
    const { token } = await newToken({
      name: 'short',
      contactEmail: 'lena@acme.example',
      expiresAt: new Date(Date.now() + 1_500).toISOString(),
    });
    const stream = await listen({ token });
    expect(stream.status).toBe(200);
    await until(stream.ended, 10_000);
    expect(stream.ended()).toBe(true);
    await stream.close();
  });

  it('re-derives what a customer may hear when their organization or its sharing changes', async () => {
    const wayne = await desk.customer('Wayne', 'bruce@wayne.example', { shareTickets: true });
    const alfred = await desk.contactIn(wayne.organizationId, 'alfred@wayne.example');
    const stream = await listen({ token: alfred.token });
    const before = await open(wayne.token, 'Batmobile');
    await until(() => heard(stream).includes(before));
    expect(heard(stream)).toEqual([before]);

    // sharing switched off: Bruce's next ticket is his alone
    const lead = await desk.agentToken('lead');
    const off = await desk.as(lead, {
      method: 'PATCH',
      url: `/api/v1/organizations/${wayne.organizationId}`,
      payload: { shareTickets: false },
    });
    expect(off.statusCode).toBe(200);
    const unshared = await open(wayne.token, 'Cave lights');
    const own = await open(alfred.token, 'Silverware');
    await until(() => heard(stream).includes(own));
    expect(heard(stream)).toEqual([before, own]);

    // moved to another organization that shares: he hears it, and no longer Wayne's
    await desk.as(lead, {
      method: 'PATCH',
      url: `/api/v1/organizations/${wayne.organizationId}`,
      payload: { shareTickets: true },
    });
    const gotham = await desk.customer('Gotham PD', 'jim@gotham.example', { shareTickets: true });
    const moved = await desk.as(lead, {
      method: 'PATCH',
      url: `/api/v1/contacts/${alfred.contactId}`,
      payload: { organizationId: gotham.organizationId },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await open(wayne.token, 'Utility belt');
    const gothams = await open(gotham.token, 'Signal');
    await until(() => heard(stream).includes(gothams));
    expect(heard(stream)).toEqual([before, own, gothams]);
    expect(heard(stream)).not.toContain(unshared);
    expect(stream.ended()).toBe(false);
    await stream.close();
  });

  it('allows five open streams per user; the sixth is refused until one closes', async () => {
    const { token } = await newToken({ name: 'tabs', contactEmail: 'hank@globex.example' });
    const streams = [];
    for (let i = 0; i < 5; i++) streams.push(await listen({ token }));
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    const sixth = await listen({ token });
    expect(sixth.status).toBe(429);
    expect(sixth.code).toBe('TOO_MANY_STREAMS');
    // another person is not affected; the same person with another credential is
    const other = await listen({ token: acme.token });
    expect((await listen({ token: globex.token })).status).toBe(429);
    expect(other.status).toBe(200);
    await other.close();

    await streams[0]?.close();
    let again = await listen({ token });
    for (let i = 0; again.status !== 200 && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 20));
      again = await listen({ token });
    }
    expect(again.status).toBe(200);
    await again.close();
    for (const s of streams) await s.close();
  });
});
