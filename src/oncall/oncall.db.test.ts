import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { startWebhookReceiver } from '../../test/helpers/webhook-receiver.js';
import { listOutboundMail } from '../mail/outbox-store.js';
import { FakeClock, MINUTE_MS } from '../platform/clock.js';
import { queryRows } from '../platform/db.js';

// Emergencies against the database with an injected clock and a real webhook receiver: who is on
// call pages by mail and webhook; no acknowledgement in 5 minutes escalates to the next person.

const clock = new FakeClock('2026-12-09T03:00:00Z'); // Wednesday 03:00 UTC: nobody's working day
let desk: TestDesk;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let lead: string;
let cho: string;
let enterpriseToken: string;
let starterToken: string;

beforeAll(async () => {
  receiver = await startWebhookReceiver('hook-secret');
  desk = await createTestDesk({
    clock,
    env: {
      SUPPORT_ADDRESS: 'support@desk.example',
      EMERGENCY_ADDRESS: 'emergency@desk.example',
      WEBHOOK_URL: receiver.url,
      WEBHOOK_SECRET: 'hook-secret',
    },
  });
  lead = await desk.agentTokenFor('lead@desk.example', 'lead');
  await desk.agentTokenFor('ben@desk.example');
  cho = await desk.agentTokenFor('cho@desk.example');
  await desk.agentTokenFor('ana@desk.example');
  for (const [name, plan, email] of [
    ['Bigbank', 'enterprise', 'ops@bigbank.example'],
    ['Smallshop', 'starter', 'owner@smallshop.example'],
  ] as const) {
    const org = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/organizations',
      payload: { name, plan },
    });
    await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { email, organizationId: org.json().id },
    });
  }
  const token = async (contactEmail: string) =>
    (
      await desk.as(desk.adminToken, {
        method: 'POST',
        url: '/api/v1/tokens',
        payload: { name: contactEmail, contactEmail },
      })
    ).json().token as string;
  enterpriseToken = await token('ops@bigbank.example');
  starterToken = await token('owner@smallshop.example');
});
afterAll(async () => {
  await desk?.close();
  await receiver?.close();
});

const pagesOf = async (ticket: number) =>
  (await desk.as(lead, { method: 'GET', url: `/api/v1/pages?ticket=${ticket}` })).json().items as {
    id: string;
    agent: { email: string };
    level: number;
    reason: string;
    acknowledgedAt: string | null;
    escalatedAt: string | null;
  }[];

async function openAs(token: string, subject: string, priority = 'urgent') {
  const response = await desk.as(token, {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: {
      subject,
      body: 'The primary is down and failover did not happen.',
      severity: priority === 'urgent' ? 1 : 2,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().number as number;
}

describe('on-call rotation', () => {
  it('is set by a lead and says who is on call now', async () => {
    const rotation = {
      startsAt: '2026-12-07T09:00:00Z',
      shiftHours: 168,
      members: ['ben@desk.example', 'cho@desk.example', 'ana@desk.example'],
    };
    expect((await desk.as(cho, { method: 'PUT', url: '/api/v1/oncall', payload: rotation })).statusCode).toBe(403);
    const bad = await desk.as(lead, {
      method: 'PUT',
      url: '/api/v1/oncall',
      payload: { ...rotation, members: ['ben@desk.example', 'ben@desk.example'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('twice');
    const set = await desk.as(lead, { method: 'PUT', url: '/api/v1/oncall', payload: rotation });
    expect(set.statusCode, set.body).toBe(200);
    // week of 7 December: the first member
    expect(set.json().onCall).toMatchObject({ email: 'ben@desk.example', until: '2026-12-14T09:00:00.000Z' });
    expect(set.json().members.map((m: { email: string }) => m.email)).toEqual([
      'ben@desk.example',
      'cho@desk.example',
      'ana@desk.example',
    ]);
    // every agent sees who is on call now and the round of shifts after it
    const seen = await desk.as(cho, { method: 'GET', url: '/api/v1/oncall' });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().shifts).toEqual([
      expect.objectContaining({ email: 'ben@desk.example', from: '2026-12-07T09:00:00.000Z' }),
      expect.objectContaining({ email: 'cho@desk.example', from: '2026-12-14T09:00:00.000Z' }),
      expect.objectContaining({ email: 'ana@desk.example', until: '2026-12-28T09:00:00.000Z' }),
    ]);
    expect((await desk.as(enterpriseToken, { method: 'GET', url: '/api/v1/oncall' })).statusCode).toBe(403);
  });
});

describe('paging', () => {
  it('pages the on-call engineer for an urgent ticket from an entitled organization, and escalates when nobody acknowledges', async () => {
    const worker = desk.runtime.createWorker();
    const number = await openAs(enterpriseToken, 'Production database down');
    await worker.drain();

    let pages = await pagesOf(number);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ level: 0, agent: { email: 'ben@desk.example' }, acknowledgedAt: null });
    expect(pages[0]?.reason).toBe('urgent ticket from Bigbank (enterprise plan)');
    const mail = (await listOutboundMail(desk.deps.db, undefined, 50)).filter((m) => m.purpose === 'oncall-page');
    expect(mail.map((m) => m.toAddresses)).toEqual([['ben@desk.example']]);
    expect(mail[0]?.subject).toBe(`[PAGE] [#${number}] Production database down`);
    expect(mail[0]?.bodyText).toContain(`/api/v1/pages/${pages[0]?.id}/ack`);
    const paged = receiver.received.filter((r) => r.event === 'oncall.paged');
    expect(paged).toHaveLength(1);
    expect(paged[0]?.signatureValid).toBe(true);
    expect(paged[0]?.body.data).toMatchObject({ agent: { email: 'ben@desk.example' }, ticket: { number } });

    // touching the ticket again does not page again
    await desk.as(lead, { method: 'PATCH', url: `/api/v1/tickets/${number}`, payload: { tags: ['db'] } });
    await worker.drain();
    expect(await pagesOf(number)).toHaveLength(1);

    // 4 minutes: still Ben's to answer
    clock.advance(4 * MINUTE_MS);
    await worker.drain();
    expect(await pagesOf(number)).toHaveLength(1);

    // 5 minutes without an acknowledgement: the next person in the rotation
    clock.advance(MINUTE_MS + 1000);
    await worker.drain();
    pages = await pagesOf(number);
    expect(pages.map((p) => [p.agent.email, p.level, Boolean(p.escalatedAt)])).toEqual([
      ['cho@desk.example', 1, false],
      ['ben@desk.example', 0, true],
    ]);
    const escalated = receiver.received.filter((r) => r.event === 'oncall.escalated');
    expect(escalated.map((r) => r.body.data.agent)).toEqual([{ email: 'cho@desk.example', name: 'cho' }]);
    const notes = (await desk.as(lead, { method: 'GET', url: `/api/v1/tickets/${number}/messages` })).json().items as {
      internal: boolean;
      text: string;
    }[];
    expect(notes.filter((m) => m.internal).map((m) => m.text)).toEqual([
      'Paged ben, on call: urgent ticket from Bigbank (enterprise plan).',
      'Page escalated to cho: ben did not acknowledge within 5 minutes.',
    ]);

    // Cho acknowledges: the chain stops and the ticket is hers
    const ack = await desk.as(cho, { method: 'POST', url: `/api/v1/pages/${pages[0]?.id}/ack` });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json().acknowledgedAt).toBe(clock.now().toISOString());
    clock.advance(30 * MINUTE_MS);
    await worker.drain();
    expect(await pagesOf(number)).toHaveLength(2);
    const ticket = (await desk.as(lead, { method: 'GET', url: `/api/v1/tickets/${number}` })).json();
    expect(ticket.assignee.email).toBe('cho@desk.example');
  });

  it('does not wake anyone for a ticket solved or closed before its page or escalation went out', async () => {
    const worker = desk.runtime.createWorker();
    // closed before the worker picked up the page (the demo desk seeds such tickets)
    const closedFirst = await openAs(enterpriseToken, 'Disk full on the primary');
    for (const status of ['solved', 'closed']) {
      const changed = await desk.as(lead, {
        method: 'PATCH',
        url: `/api/v1/tickets/${closedFirst}`,
        payload: { status },
      });
      expect(changed.statusCode, changed.body).toBe(200);
    }
    await worker.drain();
    expect(await pagesOf(closedFirst)).toEqual([]);
    // solved after the page: the escalation chain stops instead of paging the next person
    const solvedLater = await openAs(enterpriseToken, 'Failover stuck');
    await worker.drain();
    expect(await pagesOf(solvedLater)).toHaveLength(1);
    await desk.as(lead, { method: 'PATCH', url: `/api/v1/tickets/${solvedLater}`, payload: { status: 'solved' } });
    clock.advance(6 * MINUTE_MS);
    await worker.drain();
    expect((await pagesOf(solvedLater)).map((p) => p.level)).toEqual([0]);
    // and no job was left failing over it
    const failing = await queryRows(
      desk.deps.db,
      sql`SELECT name, last_error FROM jobs WHERE name LIKE 'oncall.%' AND (state = 'dead' OR last_error IS NOT NULL)`,
    );
    expect(failing).toEqual([]);
  });

  it('does not page for a plan without on-call, nor for a ticket that is merely high', async () => {
    const worker = desk.runtime.createWorker();
    const starter = await openAs(starterToken, 'Shop is slow');
    const high = await openAs(enterpriseToken, 'Reports are late', 'high');
    await worker.drain();
    expect(await pagesOf(starter)).toEqual([]);
    expect(await pagesOf(high)).toEqual([]);
    // raised to urgent later: now it pages
    await desk.as(lead, { method: 'PATCH', url: `/api/v1/tickets/${high}`, payload: { priority: 'urgent' } });
    await worker.drain();
    expect((await pagesOf(high)).map((p) => p.agent.email)).toEqual(['ben@desk.example']);
  });

  it('only someone paged for the ticket, or a lead, may acknowledge', async () => {
    const worker = desk.runtime.createWorker();
    const number = await openAs(enterpriseToken, 'Replica lag 2 hours');
    await worker.drain();
    const [page] = await pagesOf(number);
    const ana = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'ana', role: 'agent', agentEmail: 'ana@desk.example' },
    });
    const refused = await desk.as(ana.json().token, { method: 'POST', url: `/api/v1/pages/${page?.id}/ack` });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    const missing = await desk.as(lead, {
      method: 'POST',
      url: '/api/v1/pages/00000000-0000-4000-8000-000000000000/ack',
    });
    expect(missing.json().error.code).toBe('PAGE_NOT_FOUND');
    expect((await desk.as(lead, { method: 'POST', url: `/api/v1/pages/${page?.id}/ack` })).statusCode).toBe(200);
  });

  it('mail to the emergency address from a support contact is urgent and pages; from a stranger it is only tagged', async () => {
    const worker = desk.runtime.createWorker();
    const send = async (from: string, id: string) => {
      const raw = `From: ${from}\r\nTo: emergency@desk.example\r\nSubject: Cluster down\r\nMessage-ID: <${id}@example>\r\nDate: Wed, 09 Dec 2026 03:00:00 +0000\r\n\r\nAll nodes are down.\r\n`;
      const res = await desk.as(desk.adminToken, {
        method: 'POST',
        url: '/api/v1/mail/inbound',
        headers: { 'content-type': 'message/rfc822' },
        payload: Buffer.from(raw),
      });
      expect(res.statusCode).toBe(202);
      await worker.drain();
      const inbound = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/mail/inbound' })).json().items;
      return inbound.find((i: { id: number }) => i.id === res.json().id).ticketNumber as number;
    };
    const entitled = await send('ops@bigbank.example', 'e1');
    const stranger = await send('someone@elsewhere.example', 'e2');
    const get = async (n: number) => (await desk.as(lead, { method: 'GET', url: `/api/v1/tickets/${n}` })).json();
    expect(await get(entitled)).toMatchObject({ priority: 'urgent', tags: ['emergency'] });
    expect((await pagesOf(entitled)).map((p) => p.reason)).toEqual(['mail to the emergency address']);
    expect(await get(stranger)).toMatchObject({ priority: 'normal', tags: ['emergency'] });
    expect(await pagesOf(stranger)).toEqual([]);
  });
});
