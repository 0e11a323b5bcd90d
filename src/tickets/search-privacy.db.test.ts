import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { FakeClock, HOUR_MS } from '../platform/clock.js';

// A customer's "updated" is the last change they could see. Filtering their search by it must not
// tell them when an agent wrote an internal note on their ticket.

const clock = new FakeClock('2026-12-01T09:00:00Z');
let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk({ clock });
});
afterAll(async () => {
  await desk?.close();
});

it('a search filtered by update time answers a customer by what they could see, never by internal notes', async () => {
  const agent = await desk.agentToken();
  const lena = await desk.customer('Acme', 'lena@acme.example');
  const opened = await desk.as(lena.token, {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { subject: 'Replication lag on the replica', body: 'The replica lags by minutes.' },
  });
  const number = opened.json().number as number;
  clock.advance(2 * HOUR_MS); // 11:00: an internal note, nothing the customer sees
  const note = await desk.as(agent, {
    method: 'POST',
    url: `/api/v1/tickets/${number}/messages`,
    payload: { body: 'Their replica has wal_keep_size too low.', internal: true },
  });
  expect(note.statusCode, note.body).toBe(201);

  const since = encodeURIComponent('2026-12-01T10:00:00Z');
  for (const q of ['replication', 'lena@acme.example', 'Acme', `#${number}`]) {
    const asLena = await desk.as(lena.token, {
      method: 'GET',
      url: `/api/v1/search?q=${encodeURIComponent(q)}&updatedFrom=${since}`,
    });
    expect(asLena.statusCode, asLena.body).toBe(200);
    expect(
      asLena.json().items.map((h: { ticket: { number: number } }) => h.ticket.number),
      q,
    ).not.toContain(number);
    // the agent, who sees the note, finds it updated since then
    const asAgent = await desk.as(agent, {
      method: 'GET',
      url: `/api/v1/search?q=${encodeURIComponent(q)}&updatedFrom=${since}`,
    });
    expect(
      asAgent.json().items.map((h: { ticket: { number: number } }) => h.ticket.number),
      q,
    ).toContain(number);
  }
});
