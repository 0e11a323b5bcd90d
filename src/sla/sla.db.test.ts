import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { startWebhookReceiver } from '../../test/helpers/webhook-receiver.js';
import { listOutboundMail } from '../mail/outbox-store.js';
import { FakeClock, MINUTE_MS } from '../platform/clock.js';

// SLA clocks through the API with an injected clock. Support hours are the default target: 24/5 in
// UTC, Monday 00:00 to Friday 24:00.

const clock = new FakeClock('2026-12-09T10:00:00Z'); // Wednesday
let desk: TestDesk;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let lead: string;
let customer: string;

beforeAll(async () => {
  receiver = await startWebhookReceiver('sla-secret');
  desk = await createTestDesk({ clock, env: { WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: 'sla-secret' } });
  lead = await desk.agentTokenFor('lead@desk.example', 'lead');
  customer = (await desk.customer('Acme', 'dba@acme.example')).token;
});
afterAll(async () => {
  await desk?.close();
  await receiver?.close();
});

interface Sla {
  dueAt: string | null;
  policy: { name: string } | null;
  clocks: { metric: string; state: string; dueAt: string | null; usedMinutes: number }[];
  events: { kind: string; metric: string; detail: string; dueAt: string | null }[];
}
const sla = async (n: number) =>
  (await desk.as(lead, { method: 'GET', url: `/api/v1/tickets/${n}/sla` })).json() as Sla;
const clockOf = (s: Sla, metric: string) => s.clocks.find((c) => c.metric === metric);
const open = async (subject: string) => {
  const res = await desk.as(customer, { method: 'POST', url: '/api/v1/tickets', payload: { subject, body: 'Help.' } });
  expect(res.statusCode).toBe(201);
  return res.json().number as number;
};

describe('SLA clocks', () => {
  it('start on a new ticket, recompute on a priority change, warn at 80% and record the breach', async () => {
    const worker = desk.runtime.createWorker();
    const n = await open('Queries time out');
    // Wed 10:00 + 8 h (normal, first reply) = Wed 18:00
    let s = await sla(n);
    expect(s.dueAt).toBe('2026-12-09T18:00:00.000Z');
    expect(clockOf(s, 'first-reply')).toMatchObject({ state: 'running', dueAt: '2026-12-09T18:00:00.000Z' });
    expect(s.events.map((e) => e.kind)).toEqual(['start']);

    // 10:10, raised to urgent: 30 min from the start, 10 already used: due 10:30
    clock.set('2026-12-09T10:10:00Z');
    await desk.as(lead, {
      method: 'PATCH',
      url: `/api/v1/tickets/${n}`,
      payload: { priority: 'urgent', assignee: 'lead@desk.example' },
    });
    s = await sla(n);
    expect(s.dueAt).toBe('2026-12-09T10:30:00.000Z');
    expect(s.events.map((e) => e.kind)).toEqual(['start', 'recompute']);
    const ticket = (await desk.as(lead, { method: 'GET', url: `/api/v1/tickets/${n}` })).json();
    expect(ticket.slaDueAt).toBe('2026-12-09T10:30:00.000Z');

    // 80% of 30 min = 10:24: warned once, on the ticket, to the assignee and the webhook
    clock.set('2026-12-09T10:25:00Z');
    await worker.drain();
    clock.advance(MINUTE_MS);
    await worker.drain();
    const warnings = (await listOutboundMail(desk.deps.db, undefined, 50)).filter((m) => m.purpose === 'sla-warning');
    expect(warnings.map((m) => m.toAddresses)).toEqual([['lead@desk.example']]);
    expect(warnings[0]?.subject).toBe(`[#${n}] First reply due soon: Queries time out`);
    const warned = receiver.received.filter((r) => r.event === 'sla.warning');
    expect(warned).toHaveLength(1);
    expect(warned[0]?.signatureValid).toBe(true);
    expect(warned[0]?.body.data).toMatchObject({ metric: 'first-reply', dueAt: '2026-12-09T10:30:00.000Z' });

    // 10:31: breached, as a row and on the ticket
    clock.set('2026-12-09T10:31:00Z');
    await worker.drain();
    const breaches = (await desk.as(lead, { method: 'GET', url: '/api/v1/sla/breaches' })).json().items;
    expect(breaches).toEqual([
      expect.objectContaining({ ticket: n, metric: 'first-reply', dueAt: '2026-12-09T10:30:00.000Z' }),
    ]);
    expect(receiver.received.filter((r) => r.event === 'sla.breached')).toHaveLength(1);
    const notes = (await desk.as(lead, { method: 'GET', url: `/api/v1/tickets/${n}/messages` })).json().items as {
      internal: boolean;
      text: string;
    }[];
    expect(notes.filter((m) => m.internal).map((m) => m.text.split(':')[0])).toEqual(['SLA warning', 'SLA breached']);

    // the late reply stops the clock as breached
    clock.set('2026-12-09T10:40:00Z');
    await desk.as(lead, { method: 'POST', url: `/api/v1/tickets/${n}/messages`, payload: { body: 'Looking now.' } });
    s = await sla(n);
    expect(clockOf(s, 'first-reply')).toMatchObject({ state: 'breached', usedMinutes: 40 });
    expect(s.dueAt).toBeNull();
  });

  it('pause while pending, but a status change alone does not stop a reply clock', async () => {
    clock.set('2026-12-10T09:00:00Z');
    const n = await open('Replica lag');
    // an agent sets it on-hold without replying: the clock keeps running (on-hold does not pause by default)
    clock.set('2026-12-10T10:00:00Z');
    await desk.as(lead, { method: 'PATCH', url: `/api/v1/tickets/${n}`, payload: { status: 'on-hold' } });
    expect(clockOf(await sla(n), 'first-reply')).toMatchObject({ state: 'running', dueAt: '2026-12-10T17:00:00.000Z' });
    // pending (waiting on the customer): paused with 7 h left, nothing due
    await desk.as(lead, { method: 'PATCH', url: `/api/v1/tickets/${n}`, payload: { status: 'pending' } });
    let s = await sla(n);
    expect(clockOf(s, 'first-reply')).toMatchObject({ state: 'paused', dueAt: null });
    expect(s.dueAt).toBeNull();
    // the customer answers at 13:00: resumed, 7 h left: due 20:00
    clock.set('2026-12-10T13:00:00Z');
    await desk.as(customer, {
      method: 'POST',
      url: `/api/v1/tickets/${n}/messages`,
      payload: { body: 'Logs attached.' },
    });
    s = await sla(n);
    expect(clockOf(s, 'first-reply')).toMatchObject({ state: 'running', dueAt: '2026-12-10T20:00:00.000Z' });
    expect(s.events.map((e) => e.kind)).toEqual(['start', 'pause', 'resume']);
  });

  it('what breaches next is in due order, and the timeline is for agents only', async () => {
    const next = (await desk.as(lead, { method: 'GET', url: '/api/v1/sla/next?limit=10' })).json().items as {
      number: number;
      slaDueAt: string;
    }[];
    const due = next.map((t) => t.slaDueAt);
    expect(due.length).toBeGreaterThan(0);
    expect([...due].sort()).toEqual(due);
    const refused = await desk.as(customer, { method: 'GET', url: `/api/v1/tickets/${next[0]?.number}/sla` });
    expect(refused.statusCode).toBe(403);
  });

  it('policies by plan win over the defaults, and bad policies are refused', async () => {
    const policies = {
      items: [
        { name: 'Default normal', priority: 'normal', firstReplyMinutes: 480, nextReplyMinutes: 480 },
        {
          name: 'Enterprise normal',
          priority: 'normal',
          plan: 'enterprise',
          firstReplyMinutes: 60,
          businessHours: false,
        },
      ],
    };
    expect((await desk.as(lead, { method: 'PUT', url: '/api/v1/sla/policies', payload: policies })).statusCode).toBe(
      403,
    );
    const put = await desk.as(desk.adminToken, { method: 'PUT', url: '/api/v1/sla/policies', payload: policies });
    expect(put.statusCode, put.body).toBe(200);
    const org = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/organizations',
      payload: { name: 'Bigbank', plan: 'enterprise' },
    });
    await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { email: 'ops@bigbank.example', organizationId: org.json().id },
    });
    // Saturday 12 Dec 10:00, calendar hours: + 60 min = 11:00 (support hours would wait for Monday)
    clock.set('2026-12-12T10:00:00Z');
    const ops = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'ops', contactEmail: 'ops@bigbank.example' },
    });
    const res = await desk.as(ops.json().token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Weekend outage', body: 'Down.' },
    });
    const s = await sla(res.json().number);
    expect(s.policy?.name).toBe('Enterprise normal');
    expect(s.dueAt).toBe('2026-12-12T11:00:00.000Z');

    const bad = await desk.as(desk.adminToken, {
      method: 'PUT',
      url: '/api/v1/sla/policies',
      payload: { items: [{ name: 'x', priority: 'normal', firstReplyMinutes: -5 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });
});
