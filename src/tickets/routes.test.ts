import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('the newcomer journey', () => {
  it('a contact opens a ticket, an agent answers, another organization cannot read or find it', async () => {
    const acme = await desk.customer('Acme', 'lena@acme.example');
    const globex = await desk.customer('Globex', 'hank@globex.example');
    const agent = await desk.agentToken('agent');

    const opened = await desk.as(acme.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: {
        subject: 'Sidekiq queue latency after upgrade',
        body: 'The default queue is 10 minutes behind.',
        priority: 'high',
      },
    });
    expect(opened.statusCode).toBe(201);
    const ticket = opened.json();
    expect(ticket.number).toBeGreaterThan(0);
    expect(ticket.requester.email).toBe('lena@acme.example');
    expect(ticket.organization.name).toBe('Acme');
    expect(ticket.status).toBe('new');

    const reply = await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/messages`,
      payload: { body: 'Could you send the Sidekiq logs?', status: 'pending' },
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().ticket.status).toBe('pending');

    const seen = await desk.as(acme.token, { method: 'GET', url: `/api/v1/tickets/${ticket.number}/messages` });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().items.map((m: { text: string }) => m.text)).toEqual([
      'The default queue is 10 minutes behind.',
      'Could you send the Sidekiq logs?',
    ]);

    // the other organization's contact: not by number, not in lists, not by search
    const direct = await desk.as(globex.token, { method: 'GET', url: `/api/v1/tickets/${ticket.number}` });
    expect(direct.statusCode).toBe(404);
    expect(direct.json().error.code).toBe('TICKET_NOT_FOUND');
    const messages = await desk.as(globex.token, { method: 'GET', url: `/api/v1/tickets/${ticket.number}/messages` });
    expect(messages.statusCode).toBe(404);
    const list = await desk.as(globex.token, { method: 'GET', url: '/api/v1/tickets' });
    expect(list.json().items).toEqual([]);
    const search = await desk.as(globex.token, { method: 'GET', url: '/api/v1/search?q=sidekiq' });
    expect(search.statusCode).toBe(200);
    expect(search.json().items).toEqual([]);
    const ownSearch = await desk.as(acme.token, { method: 'GET', url: '/api/v1/search?q=sidekiq' });
    expect(ownSearch.json().items.map((h: { ticket: { number: number } }) => h.ticket.number)).toEqual([ticket.number]);
  });
});
