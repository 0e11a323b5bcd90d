import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { listOutboundMail } from '../mail/outbox-store.js';
import { findContactByEmail } from '../people/index.js';
import { FakeClock } from '../platform/clock.js';
import type { Worker } from '../platform/jobs/worker.js';
import type { AppDeps } from '../runtime.js';

let desk: TestDesk;
let worker: Worker<AppDeps>;
let agent: string;
let acme: { organizationId: string; contactId: string; token: string };
let tom: { contactId: string; token: string };
let globex: { organizationId: string; contactId: string; token: string };
const clock = new FakeClock('2026-11-27T09:00:00Z');

beforeAll(async () => {
  desk = await createTestDesk({ clock, env: { SUPPORT_ADDRESS: 'support@desk.example' } });
  worker = desk.runtime.createWorker();
  agent = await desk.agentTokenFor('ana@desk.example');
  acme = await desk.customer('Acme', 'lena@acme.example');
  tom = await desk.contactIn(acme.organizationId, 'tom@acme.example');
  globex = await desk.customer('Globex', 'hank@globex.example');
});
afterAll(async () => {
  await desk?.close();
});

async function call(token: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) {
  clock.advance(1000);
  return desk.as(token, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });
}

async function ccsOf(number: number, token = agent) {
  const res = await call(token, 'GET', `/api/v1/tickets/${number}/ccs`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as {
    contact: { id: string; email: string };
    otherOrganization: boolean;
    addedBy: { kind: string; name: string } | null;
    via: string | null;
  }[];
}

async function summaries(number: number) {
  return ((await call(agent, 'GET', `/api/v1/tickets/${number}/events`)).json().items as { summary: string }[]).map(
    (e) => e.summary,
  );
}

describe('CCs by hand', () => {
  let number: number;

  it('an agent copies someone, of another organization too, and it is recorded who did', async () => {
    const opened = await call(acme.token, 'POST', '/api/v1/tickets', { subject: 'Login loop', body: 'SSO loops.' });
    number = opened.json().number;
    const res = await call(agent, 'POST', `/api/v1/tickets/${number}/ccs`, {
      email: 'Hank@Globex.example',
      name: 'Hank',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      contact: { email: 'hank@globex.example' },
      organization: { name: 'Globex' },
      otherOrganization: true,
      addedBy: { kind: 'agent', name: 'ana' },
      via: 'added',
    });
    // the CC reads this ticket now, and nothing else of Acme's
    expect((await call(globex.token, 'GET', `/api/v1/tickets/${number}`)).statusCode).toBe(200);
    expect((await summaries(number)).at(-1)).toBe("ana CC'd hank@globex.example (of another organization)");

    const twice = await call(agent, 'POST', `/api/v1/tickets/${number}/ccs`, { email: 'hank@globex.example' });
    expect(twice.statusCode).toBe(409);
    const requester = await call(agent, 'POST', `/api/v1/tickets/${number}/ccs`, { email: 'lena@acme.example' });
    expect(requester.statusCode).toBe(400);
  });

  it('the requester copies a colleague; nobody else manages the CCs of her ticket', async () => {
    const added = await call(acme.token, 'POST', `/api/v1/tickets/${number}/ccs`, { email: 'tom@acme.example' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ addedBy: { kind: 'contact', name: 'lena' }, otherOrganization: false });

    // Tom (a CC) and Hank (a CC of another organization) cannot copy or remove others
    const byTom = await call(tom.token, 'POST', `/api/v1/tickets/${number}/ccs`, { email: 'eve@acme.example' });
    expect(byTom.statusCode).toBe(403);
    const hankRemovesTom = await call(globex.token, 'DELETE', `/api/v1/tickets/${number}/ccs/${tom.contactId}`);
    expect(hankRemovesTom.statusCode).toBe(403);
    // a stranger to the ticket does not even learn it exists
    const stranger = await desk.customer('Initech', 'peter@initech.example');
    expect(
      (await call(stranger.token, 'POST', `/api/v1/tickets/${number}/ccs`, { email: 'x@y.example' })).statusCode,
    ).toBe(404);
    expect((await ccsOf(number)).map((c) => c.contact.email)).toEqual(['hank@globex.example', 'tom@acme.example']);
  });

  it('a CC may take themselves off; the agent removes anyone; each is in the history', async () => {
    expect((await call(globex.token, 'DELETE', `/api/v1/tickets/${number}/ccs/${globex.contactId}`)).statusCode).toBe(
      204,
    );
    expect((await call(globex.token, 'GET', `/api/v1/tickets/${number}`)).statusCode).toBe(404);
    expect((await call(agent, 'DELETE', `/api/v1/tickets/${number}/ccs/${tom.contactId}`)).statusCode).toBe(204);
    expect((await call(agent, 'DELETE', `/api/v1/tickets/${number}/ccs/${tom.contactId}`)).statusCode).toBe(404);
    expect(await ccsOf(number)).toEqual([]);
    expect((await summaries(number)).slice(-2)).toEqual([
      'hank took hank@globex.example off the CCs',
      'ana took tom@acme.example off the CCs',
    ]);
  });

  it('a customer copies only colleagues: strangers and other organizations get one neutral answer', async () => {
    const opened = await call(acme.token, 'POST', '/api/v1/tickets', { subject: 'Relay?', body: 'Hello.' });
    const own = opened.json().number as number;
    const stranger = await call(acme.token, 'POST', `/api/v1/tickets/${own}/ccs`, {
      email: 'victim@nowhere.example',
      name: 'Victim',
    });
    const foreign = await call(acme.token, 'POST', `/api/v1/tickets/${own}/ccs`, { email: 'hank@globex.example' });
    for (const res of [stranger, foreign]) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('CC_NOT_COLLEAGUE');
      expect(res.body).not.toContain('Globex');
    }
    // the desk is no relay: no contact was made for the stranger, and nobody was copied
    expect(await findContactByEmail(desk.deps.db, 'victim@nowhere.example')).toBeUndefined();
    expect(await ccsOf(own)).toEqual([]);
    // a colleague she names is copied
    expect(
      (await call(acme.token, 'POST', `/api/v1/tickets/${own}/ccs`, { email: 'tom@acme.example' })).statusCode,
    ).toBe(201);
  });

  it("a customer never learns another person's organization from the CC list", async () => {
    const opened = await call(acme.token, 'POST', '/api/v1/tickets', { subject: 'Audit', body: 'Hello.' });
    const own = opened.json().number as number;
    expect((await call(agent, 'POST', `/api/v1/tickets/${own}/ccs`, { email: 'hank@globex.example' })).statusCode).toBe(
      201,
    );
    expect((await call(agent, 'POST', `/api/v1/tickets/${own}/ccs`, { email: 'tom@acme.example' })).statusCode).toBe(
      201,
    );
    const orgsSeenBy = async (token: string) => {
      const res = await call(token, 'GET', `/api/v1/tickets/${own}/ccs`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { contact: { email: string }; organization: { name: string } | null }[]).map((c) => [
        c.contact.email,
        c.organization?.name ?? null,
      ]);
    };
    expect(await orgsSeenBy(agent)).toEqual([
      ['hank@globex.example', 'Globex'],
      ['tom@acme.example', 'Acme'],
    ]);
    expect(await orgsSeenBy(acme.token)).toEqual([
      ['hank@globex.example', null],
      ['tom@acme.example', 'Acme'],
    ]);
    expect(await orgsSeenBy(globex.token)).toEqual([
      ['hank@globex.example', 'Globex'],
      ['tom@acme.example', null],
    ]);
  });

  it('customers never see the history of changes', async () => {
    const res = await call(acme.token, 'GET', `/api/v1/tickets/${number}/events`);
    expect(res.statusCode).toBe(403);
  });
});

describe('CCs by mail', () => {
  it('people copied on the first mail, and on a reply to ours, say how they joined', async () => {
    const deliver = async (raw: string) => {
      const res = await desk.as(desk.adminToken, {
        method: 'POST',
        url: '/api/v1/mail/inbound',
        headers: { 'content-type': 'message/rfc822' },
        payload: Buffer.from(raw.replaceAll('\n', '\r\n')),
      });
      expect(res.statusCode).toBe(202);
      clock.advance(1000);
      await worker.drain();
      const inbound = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/mail/inbound' })).json();
      return inbound.items.find((i: { id: number }) => i.id === res.json().id).ticketNumber as number;
    };
    const number = await deliver(
      'From: Lena <lena@acme.example>\nTo: support@desk.example\nCc: tom@acme.example\nSubject: Backups failing\nMessage-ID: <backup-1@acme.example>\n\nThe nightly backup fails.\n',
    );
    expect(
      (await call(agent, 'POST', `/api/v1/tickets/${number}/messages`, { body: 'Which version?' })).statusCode,
    ).toBe(201);
    const ours = (await listOutboundMail(desk.deps.db, undefined, 100)).find((m) => m.ticketId === number);
    await deliver(
      `From: Lena <lena@acme.example>\nTo: ${ours?.replyTo}\nCc: ops@acme.example\nSubject: Re: [#${number}] Backups failing\nMessage-ID: <backup-2@acme.example>\nIn-Reply-To: ${ours?.rfcMessageId}\n\n17.3, adding our ops team.\n`,
    );
    const ccs = await ccsOf(number);
    expect(ccs.map((c) => [c.contact.email, c.via, c.addedBy?.name])).toEqual([
      ['tom@acme.example', 'opened', 'lena'],
      ['ops@acme.example', 'reply', 'lena'],
    ]);
    expect(await summaries(number)).toContain('lena copied ops@acme.example on a reply: they joined the ticket');
  });
});
