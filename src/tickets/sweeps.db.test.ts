import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { subscribeLive } from '../live/hub.js';
import type { LiveEvent } from '../live/publish.js';
import { listOutboundMail } from '../mail/outbox-store.js';
import { DAY_MS, FakeClock, HOUR_MS } from '../platform/clock.js';
import type { TicketChange } from './lifecycle.js';

// Pending → reminder after 7 days → solved after 14; solved → closed 7 days later; opt-out per ticket.
let desk: TestDesk;
const clock = new FakeClock('2026-11-02T09:00:00Z'); // a Monday
beforeAll(async () => {
  desk = await createTestDesk({ clock });
});
afterAll(async () => {
  await desk?.close();
});

async function pendingTicket(subject: string, email: string, autoClose = true) {
  const agent = await desk.agentToken();
  const opened = await desk.as(agent, {
    method: 'POST',
    url: '/api/v1/tickets',
    // recorded, not mailed: the mails these tests count are the reply and the reminder
    payload: { subject, body: 'help', requesterEmail: email, notify: false },
  });
  const number = opened.json().number as number;
  if (!autoClose)
    await desk.as(agent, { method: 'PATCH', url: `/api/v1/tickets/${number}`, payload: { autoClose: false } });
  await desk.as(agent, {
    method: 'POST',
    url: `/api/v1/tickets/${number}/messages`,
    payload: { body: 'Please send logs', status: 'pending' },
  });
  return { number, agent };
}

async function ticket(number: number, token: string) {
  return (await desk.as(token, { method: 'GET', url: `/api/v1/tickets/${number}` })).json();
}

describe('ticket sweeps', () => {
  it('remind the customer once after 7 days, solve after 14, close 7 days after solving', async () => {
    const worker = desk.runtime.createWorker();
    const { number, agent } = await pendingTicket('Waiting on logs', 'slow@customer.example');
    const kept = await pendingTicket('Keep open', 'keep@customer.example', false);

    clock.advance(6 * DAY_MS + 23 * HOUR_MS); // Mon 08:00, 6 d 23 h later: not yet
    await worker.drain();
    expect((await ticket(number, agent)).status).toBe('pending');

    clock.advance(2 * HOUR_MS); // 7 days and 1 hour pending
    await worker.drain();
    await worker.drain(); // a second sweep must not remind again
    const messages = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}/messages` })).json().items;
    const reminders = messages.filter((m: { author: { kind: string } }) => m.author.kind === 'system');
    expect(reminders).toHaveLength(1);
    expect(reminders[0].text).toContain('still waiting for your answer');
    expect(reminders[0].internal).toBe(false);
    const mail = (await listOutboundMail(desk.deps.db, undefined, 50)).filter((m) => m.ticketId === number);
    expect(mail.map((m) => m.purpose).sort()).toEqual(['agent-reply', 'system-notice']);
    const notice = mail.find((m) => m.purpose === 'system-notice');
    expect(notice?.toAddresses).toEqual(['slow@customer.example']);
    expect(notice?.headers['Auto-Submitted']).toBe('auto-generated');
    expect((await ticket(number, agent)).status).toBe('pending');

    clock.advance(7 * DAY_MS); // 14 days pending
    await worker.drain();
    const solved = await ticket(number, agent);
    expect(solved.status).toBe('solved');

    clock.advance(7 * DAY_MS + HOUR_MS); // 7 days solved
    await worker.drain();
    expect((await ticket(number, agent)).status).toBe('closed');

    const events = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}/events` })).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'ticket.created',
      'reply.added',
      'reply.added', // the reminder, a message like any other
      'ticket.pending-reminded',
      'ticket.updated',
      'ticket.updated',
    ]);
    expect(events.at(-1).actor.kind).toBe('system');

    // the opted-out ticket was left alone all along
    expect((await ticket(kept.number, agent)).status).toBe('pending');
  });

  it('a customer answer after the reminder stops the sweep from solving the ticket', async () => {
    const worker = desk.runtime.createWorker();
    const customer = await desk.customer('Answering', 'answers@answering.example');
    const agent = await desk.agentToken();
    const opened = await desk.as(customer.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Q', body: 'q' },
    });
    const number = opened.json().number;
    await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/messages`,
      payload: { body: 'logs?', status: 'pending' },
    });
    clock.advance(8 * DAY_MS);
    await worker.drain();
    await desk.as(customer.token, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/messages`,
      payload: { body: 'here they are' },
    });
    clock.advance(10 * DAY_MS);
    await worker.drain();
    expect((await ticket(number, agent)).status).toBe('open');
  });

  it('the reminder is a message like any other: ticket listeners (SLA) and the live stream hear it', async () => {
    const worker = desk.runtime.createWorker();
    const { number, agent } = await pendingTicket('Heard live', 'live@customer.example');
    const heard: LiveEvent[] = [];
    const stop = await subscribeLive(desk.deps, (event) => heard.push(event));
    const told: TicketChange[] = [];
    // one more listener beside SLA, routing, paging and live updates: what every listener is told
    desk.deps.ticketHooks.listeners.push(async (_deps, change) => {
      if (change.ticket.id === number) told.push(change);
      return undefined;
    });
    const before = await ticket(number, agent);
    clock.advance(7 * DAY_MS + HOUR_MS);
    await worker.drain();
    const deadline = Date.now() + 5_000;
    while (!heard.some((e) => e.kind === 'ticket' && e.ticket === number) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(heard).toContainEqual(
      expect.objectContaining({ kind: 'ticket', ticket: number, change: 'message', internal: false }),
    );
    expect(told.map((c) => [c.kind, c.kind === 'message' ? c.message.authorKind : null])).toEqual([
      ['message', 'system'],
    ]);
    const after = await ticket(number, agent);
    expect(after.status).toBe('pending'); // a notice from the desk does not move the ticket
    expect(after.statusChangedAt).toBe(before.statusChangedAt); // so auto-solve still counts from then
    expect(new Date(after.updatedAt).getTime()).toBeGreaterThan(new Date(before.updatedAt).getTime());
    const mail = (await listOutboundMail(desk.deps.db, undefined, 50)).filter((m) => m.ticketId === number);
    expect(mail.map((m) => m.purpose).sort()).toEqual(['agent-reply', 'system-notice']);
  });
});
