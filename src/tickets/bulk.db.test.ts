import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';

// Bulk changes: the same change to many tickets, each as if made by hand (audit trail), each answered
// for itself; one refused or missing ticket does not stop the others; customers may not.

let desk: TestDesk;
let ana: string;
let acme: { organizationId: string; contactId: string; token: string };

beforeAll(async () => {
  desk = await createTestDesk({ env: { SUPPORT_ADDRESS: 'support@desk.example' } });
  ana = await desk.agentTokenFor('ana@desk.example');
  await desk.agentTokenFor('bo@desk.example');
  acme = await desk.customer('Acme', 'lena@acme.example');
});
afterAll(async () => {
  await desk?.close();
});

async function open(subject: string, tags: string[] = []) {
  const res = await desk.as(ana, {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { subject, body: 'Reported by phone.', requesterEmail: 'lena@acme.example', tags },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().number as number;
}
const ticket = async (n: number) => (await desk.as(ana, { method: 'GET', url: `/api/v1/tickets/${n}` })).json();
const bulk = (token: string, payload: Record<string, unknown>) =>
  desk.as(token, { method: 'POST', url: '/api/v1/tickets/bulk', payload });

describe('bulk changes', () => {
  it('assigns to anyone, tags and sets priority on each ticket; a closed or missing one fails alone', async () => {
    const a = await open('Export slow', ['export', 'legacy']);
    const b = await open('Import slow');
    const closed = await open('Old question');
    for (const status of ['solved', 'closed'])
      await desk.as(ana, { method: 'PATCH', url: `/api/v1/tickets/${closed}`, payload: { status } });

    const res = await bulk(ana, {
      numbers: [a, closed, 999_999, b],
      changes: { assignee: 'bo@desk.example', priority: 'high', addTags: ['Perf'], removeTags: ['legacy'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.map((i: { number: number; ok: boolean }) => [i.number, i.ok])).toEqual([
      [a, true],
      [closed, false],
      [999_999, false],
      [b, true],
    ]);
    expect(body.items[1].error.code).toBe('TICKET_CLOSED');
    expect(body.items[2].error.code).toBe('TICKET_NOT_FOUND');
    expect(body).toMatchObject({ changed: 2, failed: 2 });

    for (const n of [a, b]) {
      const t = await ticket(n);
      expect(t.assignee.email).toBe('bo@desk.example');
      expect(t.priority).toBe('high');
      expect(t.tags).toContain('perf');
      expect(t.tags).not.toContain('legacy');
    }
    expect((await ticket(a)).tags).toEqual(['export', 'perf']);
    // each change is in the ticket's own audit trail, by the agent who made it
    const events = (await desk.as(ana, { method: 'GET', url: `/api/v1/tickets/${a}/events` })).json().items;
    const update = events.find((e: { action: string }) => e.action === 'ticket.updated');
    expect(update.actor.name).toBe('ana');
    expect(Object.keys(update.data.changes)).toEqual(expect.arrayContaining(['assignee', 'priority', 'tags']));
    // tags alone may still change on a closed ticket
    const tagOnly = await bulk(ana, { numbers: [closed], changes: { addTags: ['archived'] } });
    expect(tagOnly.json().items[0].ok).toBe(true);
  });

  it('sets a status on each ticket the rules allow, and says why for the others', async () => {
    const a = await open('Waiting on logs');
    const b = await open('Also waiting');
    const res = await bulk(ana, { numbers: [a, b], changes: { status: 'pending' } });
    expect(res.json().changed).toBe(2);
    expect((await ticket(a)).status).toBe('pending');
    const unassign = await bulk(ana, { numbers: [a], changes: { assignee: null } });
    expect(unassign.json().items[0].ok).toBe(true);
  });

  it('refuses customers, an empty change and more than 100 tickets', async () => {
    const mine = await open('Customer cannot bulk');
    const byCustomer = await bulk(acme.token, { numbers: [mine], changes: { status: 'solved' } });
    expect(byCustomer.statusCode).toBe(403);
    expect((await ticket(mine)).status).not.toBe('solved');
    expect((await bulk(ana, { numbers: [mine], changes: {} })).statusCode).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => i + 1);
    expect((await bulk(ana, { numbers: many, changes: { priority: 'low' } })).statusCode).toBe(400);
    expect(
      (await bulk(undefined as unknown as string, { numbers: [mine], changes: { priority: 'low' } })).statusCode,
    ).toBe(401);
  });

  it('applies a macro to each ticket, its reply sent on each', async () => {
    const macro = await desk.as(ana, {
      method: 'POST',
      url: '/api/v1/macros',
      payload: {
        name: 'Known outage',
        body: 'Hi {{requester.first_name}}, this is the outage on our status page.',
        actions: { addTags: ['outage'], status: 'pending' },
      },
    });
    expect(macro.statusCode, macro.body).toBe(201);
    const a = await open('Site down');
    const b = await open('Site down too');
    const res = await bulk(ana, { numbers: [a, b], macroId: macro.json().id });
    expect(res.json().changed, res.body).toBe(2);
    for (const n of [a, b]) {
      const t = await ticket(n);
      expect(t.status).toBe('pending');
      expect(t.tags).toContain('outage');
      const messages = (await desk.as(ana, { method: 'GET', url: `/api/v1/tickets/${n}/messages` })).json().items;
      expect(messages.at(-1).text).toContain('this is the outage on our status page');
    }
  });
});
