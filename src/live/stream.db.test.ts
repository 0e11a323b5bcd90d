import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';

// The live stream over real HTTP: agents hear every ticket change; a customer hears only the
// tickets they may see, and never an internal note.

let desk: TestDesk;
let base: string;
let acme: { token: string };
let globex: { token: string };

beforeAll(async () => {
  desk = await createTestDesk();
  base = await desk.app.listen({ port: 0, host: '127.0.0.1' });
  acme = await desk.customer('Acme', 'lena@acme.example');
  globex = await desk.customer('Globex', 'hank@globex.example');
});
afterAll(async () => {
  await desk?.close();
});

/** Reads server-sent events into a list until closed. */
async function listen(token: string) {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/stream`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const events: { event: string; data: { ticket: number } }[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
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
  return {
    events,
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}

const until = async (check: () => boolean) => {
  const deadline = Date.now() + 5_000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
};

describe('the live stream', () => {
  it('tells agents of every change and customers only of their own tickets, never of internal notes', async () => {
    const agent = await listen(desk.adminToken);
    const lena = await listen(acme.token);
    const open = async (token: string, subject: string) =>
      (await desk.as(token, { method: 'POST', url: '/api/v1/tickets', payload: { subject, body: 'Help.' } })).json()
        .number as number;
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
    await until(() => agent.events.length >= 4 && lena.events.length >= 2);
    // a little longer, so an event that should not come has had the chance to
    await new Promise((r) => setTimeout(r, 200));
    expect(agent.events.map((e) => e.data.ticket)).toEqual([mine, theirs, mine, mine]);
    expect(lena.events.map((e) => [e.event, e.data.ticket])).toEqual([
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
});
