import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { SYSTEM } from '../auth/actor.js';
import { createToken } from '../auth/tokens.js';
import { listOutboundMail } from '../mail/outbox-store.js';
import { createAgent } from '../people/index.js';
import { FakeClock, MINUTE_MS } from '../platform/clock.js';
import type { Worker } from '../platform/jobs/worker.js';
import type { AppDeps } from '../runtime.js';

// Notifications through the API: what each agent is told, in the app and by mail, and what not.
// Support hours are the default target (24/5 in UTC), so the SLA clock runs on a Wednesday morning.

const clock = new FakeClock('2026-12-09T10:00:00Z'); // Wednesday
let desk: TestDesk;
let worker: Worker<AppDeps>;
let ana: string;
let lead: string;
let bo: string;
let lena: string;

interface Notification {
  id: number;
  kind: string;
  ticket: { number: number; subject: string };
  actor: string | null;
  title: string;
  excerpt: string;
  readAt: string | null;
}

beforeAll(async () => {
  desk = await createTestDesk({ clock, env: { SUPPORT_ADDRESS: 'support@desk.example' } });
  worker = desk.runtime.createWorker();
  ana = await desk.agentTokenFor('ana@desk.example');
  lead = await desk.agentTokenFor('lead@desk.example', 'lead');
  bo = await desk.agentTokenFor('bo@desk.example');
  lena = (await desk.customer('Acme', 'lena@acme.example')).token;
});
afterAll(async () => {
  await desk?.close();
});

async function call(token: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) {
  const res = await desk.as(token, { method, url, ...(payload ? { payload } : {}) });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}
const notificationsOf = async (token: string, query = '') =>
  (await call(token, 'GET', `/api/v1/notifications${query}`)).items as Notification[];
const unread = async (token: string) => (await call(token, 'GET', '/api/v1/notifications/unread-count')).unread;
const mailTo = async (email: string, purpose: string) =>
  (await listOutboundMail(desk.deps.db, undefined, 500)).filter(
    (m) => m.purpose === purpose && m.toAddresses.includes(email),
  );
async function openTicket(subject: string, assignee?: string) {
  clock.advance(MINUTE_MS);
  const ticket = await call(lead, 'POST', '/api/v1/tickets', {
    subject,
    body: 'Opened after a call.',
    requesterEmail: 'lena@acme.example',
    ...(assignee ? { assignee } : {}),
  });
  return ticket.number as number;
}
const note = (token: string, number: number, body: string) =>
  call(token, 'POST', `/api/v1/tickets/${number}/messages`, { body, internal: true });

describe('notifications', () => {
  it('an assignment by someone else tells the assignee, in the app and by mail; one’s own does not', async () => {
    const first = await openTicket('Replica lag', 'ana@desk.example');
    let items = await notificationsOf(ana);
    expect(items).toEqual([
      expect.objectContaining({ kind: 'assigned', title: 'lead opened a ticket for you', actor: 'lead' }),
    ]);
    expect(items[0]?.ticket).toEqual({ number: first, subject: 'Replica lag', status: 'new' });

    const second = await openTicket('Slow dashboards');
    await call(lead, 'PATCH', `/api/v1/tickets/${second}`, { assignee: 'ana@desk.example' });
    items = await notificationsOf(ana);
    expect(items.map((n) => [n.ticket.number, n.title])).toEqual([
      [second, 'lead assigned you a ticket'],
      [first, 'lead opened a ticket for you'],
    ]);
    const mail = await mailTo('ana@desk.example', 'notify-assigned');
    expect(mail.map((m) => m.subject).sort()).toEqual([
      `[#${first}] lead opened a ticket for you: Replica lag`,
      `[#${second}] lead assigned you a ticket: Slow dashboards`,
    ]);
    expect(mail[0]?.bodyText).toContain(`/tickets/${mail[0]?.ticketId}`);
    expect(mail[0]?.headers['Auto-Submitted']).toBe('auto-generated');

    // taking a ticket oneself tells nobody
    const third = await openTicket('Backups');
    await call(bo, 'PATCH', `/api/v1/tickets/${third}`, { assignee: 'bo@desk.example' });
    expect(await notificationsOf(bo)).toEqual([]);
    expect(await mailTo('bo@desk.example', 'notify-assigned')).toEqual([]);
  });

  it('an @mention in an internal note tells whoever it names, unless they wrote it', async () => {
    const number = await openTicket('Slow query on orders');
    await note(lead, number, '@ana can you look at the slow query? @lead and @"bo" too. Not `@nobody`.');
    const [mention] = await notificationsOf(ana, '?unread=true');
    expect(mention).toMatchObject({
      kind: 'mention',
      title: 'lead mentioned you',
      ticket: { number },
      excerpt: '@ana can you look at the slow query? @lead and @"bo" too. Not `@nobody`.',
    });
    expect((await notificationsOf(bo)).map((n) => n.kind)).toEqual(['mention']);
    expect(await notificationsOf(lead)).toEqual([]);
    const [mail] = await mailTo('ana@desk.example', 'notify-mention');
    expect(mail?.subject).toBe(`[#${number}] lead mentioned you: Slow query on orders`);
    expect(mail?.bodyText).toContain('can you look at the slow query?');

    // a public reply mentions nobody; neither does an address in a note
    await call(lead, 'POST', `/api/v1/tickets/${number}/messages`, { body: '@ana will reply soon.' });
    await note(lead, number, 'Mailed ana@desk.example about it.');
    expect((await notificationsOf(ana)).filter((n) => n.kind === 'mention')).toHaveLength(1);
  });

  it('a handle that fits two agents, or none, tells nobody; a name in quotes or a full address does', async () => {
    const agent = async (email: string, name: string) => {
      await createAgent(desk.deps, SYSTEM, { email, name, role: 'agent', timeZone: 'UTC' });
      return (await createToken(desk.deps, SYSTEM, { name, role: 'agent', agentEmail: email })).token;
    };
    const samuel = await agent('sam@desk.example', 'Samuel Ortiz');
    const sam = await agent('sam.k@desk.example', 'Sam');
    const number = await openTicket('Who is Sam?');
    // "sam" is Samuel's address and Sam's name
    await note(lead, number, 'Hi @sam and @nobody-here.');
    expect(await notificationsOf(samuel)).toEqual([]);
    expect(await notificationsOf(sam)).toEqual([]);

    await note(lead, number, 'Hi @sam@desk.example, and @"Sam" (the other one).');
    expect((await notificationsOf(samuel)).map((n) => n.kind)).toEqual(['mention']);
    expect((await notificationsOf(sam)).map((n) => n.kind)).toEqual(['mention']);
  });

  it('a customer’s reply tells the assignee (in the app; by mail once they ask), but an out-of-office does not', async () => {
    const number = await openTicket('Disk full', 'ana@desk.example');
    // ana answers by mail, so the customer's answers come back by mail
    await call(ana, 'POST', `/api/v1/tickets/${number}/messages`, { body: 'Which volume?' });
    const ours = (await listOutboundMail(desk.deps.db, undefined, 500)).find(
      (m) => m.ticketId === number && m.purpose === 'agent-reply',
    );
    const deliver = async (headers: string, body: string) => {
      clock.advance(MINUTE_MS);
      const res = await desk.as(desk.adminToken, {
        method: 'POST',
        url: '/api/v1/mail/inbound',
        headers: { 'content-type': 'message/rfc822' },
        payload: Buffer.from(
          `From: Lena <lena@acme.example>\nTo: ${ours?.replyTo}\nSubject: Re: [#${number}] Disk full\n${headers}\n${body}\n`.replaceAll(
            '\n',
            '\r\n',
          ),
        ),
      });
      expect(res.statusCode).toBe(202);
      await worker.drain();
    };
    const replies = async () => (await notificationsOf(ana)).filter((n) => n.kind === 'customer-reply');

    await deliver('Message-ID: <ooo-1@acme.example>\nAuto-Submitted: auto-replied\n', 'I am out of the office.');
    const thread = (await call(ana, 'GET', `/api/v1/tickets/${number}/messages`)).items as { text: string }[];
    expect(thread.map((m) => m.text)).toContain('I am out of the office.');
    expect(await replies()).toEqual([]);

    await deliver('Message-ID: <reply-1@acme.example>\n', 'The data volume, /var/lib/postgresql.');
    expect(await replies()).toEqual([
      expect.objectContaining({ title: 'lena replied', excerpt: 'The data volume, /var/lib/postgresql.' }),
    ]);
    // off by mail by default: a customer's reply would mean mail all day
    expect(await mailTo('ana@desk.example', 'notify-customer-reply')).toEqual([]);

    await call(ana, 'PUT', '/api/v1/notifications/preferences/customer-reply', { inApp: true, email: true });
    await call(lena, 'POST', `/api/v1/tickets/${number}/messages`, { body: 'Any news?' });
    await worker.drain();
    expect(await replies()).toHaveLength(2);
    const [mail] = await mailTo('ana@desk.example', 'notify-customer-reply');
    expect(mail?.bodyText).toContain('Any news?');
  });

  it('preferences: in the app and by mail, per kind, with the defaults shown', async () => {
    const before = await call(bo, 'GET', '/api/v1/notifications/preferences');
    expect(
      before.items.map((p: { kind: string; inApp: boolean; email: boolean }) => [p.kind, p.inApp, p.email]),
    ).toEqual([
      ['assigned', true, true],
      ['customer-reply', true, false],
      ['mention', true, true],
      ['sla', true, true],
      ['call', true, false],
      ['csat', true, true],
    ]);
    await call(bo, 'PUT', '/api/v1/notifications/preferences/mention', { inApp: false, email: false });
    const number = await openTicket('Quiet please');
    await note(lead, number, '@bo FYI');
    expect((await notificationsOf(bo)).filter((n) => n.ticket.number === number)).toEqual([]);
    expect((await mailTo('bo@desk.example', 'notify-mention')).filter((m) => m.ticketId === number)).toEqual([]);

    // in the app only
    await call(bo, 'PUT', '/api/v1/notifications/preferences/mention', { inApp: true, email: false });
    await note(lead, number, '@bo again');
    expect((await notificationsOf(bo)).filter((n) => n.ticket.number === number)).toHaveLength(1);
    expect((await mailTo('bo@desk.example', 'notify-mention')).filter((m) => m.ticketId === number)).toEqual([]);
    const after = await call(bo, 'GET', '/api/v1/notifications/preferences');
    expect(after.items.find((p: { kind: string }) => p.kind === 'mention')).toMatchObject({
      inApp: true,
      email: false,
    });
  });

  it('an SLA warning at 80 % and the breach tell the assignee', async () => {
    clock.advance(MINUTE_MS);
    const { number } = await call(lena, 'POST', '/api/v1/tickets', { subject: 'Production down', body: 'All 500s.' });
    await call(lead, 'PATCH', `/api/v1/tickets/${number}`, { priority: 'urgent', assignee: 'bo@desk.example' });
    const start = clock.now().getTime();
    // urgent: first reply in 30 min; 80 % = 24 min
    clock.set(new Date(start + 25 * MINUTE_MS));
    await worker.drain();
    clock.set(new Date(start + 31 * MINUTE_MS));
    await worker.drain();
    const sla = (await notificationsOf(bo)).filter((n) => n.kind === 'sla' && n.ticket.number === number);
    expect(sla.map((n) => n.title)).toEqual(['SLA: first reply breached', 'SLA: first reply due soon']);
    expect(sla[1]?.excerpt).toMatch(/^SLA warning: first reply is due/);
    expect(sla[1]?.actor).toBeNull();
    expect((await mailTo('bo@desk.example', 'sla-warning')).map((m) => m.subject)).toEqual([
      `[#${number}] First reply due soon: Production down`,
    ]);
  });

  it('unread count, mark one read, mark all read, pages', async () => {
    const count = await unread(ana);
    expect(count).toBeGreaterThan(2);
    const [newest, next] = await notificationsOf(ana, '?unread=true');
    const read = await call(ana, 'POST', `/api/v1/notifications/${newest?.id}/read`);
    expect(read.readAt).toBe(clock.now().toISOString());
    expect(await unread(ana)).toBe(count - 1);
    expect((await notificationsOf(ana, '?unread=true')).map((n) => n.id)).not.toContain(newest?.id);

    // everything up to what the agent was shown; a newer one stays unread
    const number = await openTicket('Arrives meanwhile', 'ana@desk.example');
    const marked = await call(ana, 'POST', `/api/v1/notifications/read-all?throughId=${next?.id}`);
    expect(marked.marked).toBe(count - 1);
    expect((await notificationsOf(ana, '?unread=true')).map((n) => n.ticket.number)).toEqual([number]);
    expect((await call(ana, 'POST', '/api/v1/notifications/read-all')).marked).toBe(1);
    expect(await unread(ana)).toBe(0);

    const all = await notificationsOf(ana, '?limit=100');
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Notification[]; nextCursor: string | null } = await call(
        ana,
        'GET',
        `/api/v1/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((n) => n.id));
  });
});

describe('live', () => {
  /** The names of the server-sent events a token hears, until closed. */
  async function listen(base: string, token: string) {
    const controller = new AbortController();
    const response = await fetch(`${base}/api/v1/stream`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    const heard: string[] = [];
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          for (const [, name] of decoder.decode(value).matchAll(/^event: (.*)$/gm)) heard.push(name as string);
        }
      } catch {
        // closed
      }
    })();
    return { heard, close: () => controller.abort() };
  }

  it('a new notification reaches only its agent’s open tabs, so the bell counts again', async () => {
    const base = await desk.app.listen({ port: 0, host: '127.0.0.1' });
    const anaTab = await listen(base, ana);
    const boTab = await listen(base, bo);
    try {
      const number = await openTicket('Live bell');
      await note(lead, number, '@ana have a look');
      const deadline = Date.now() + 10_000;
      while (!(anaTab.heard.includes('notification') && boTab.heard.includes('ticket')) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(anaTab.heard).toContain('notification');
      // bo hears the ticket change, not ana's notification
      expect(boTab.heard).toContain('ticket');
      expect(boTab.heard).not.toContain('notification');
    } finally {
      anaTab.close();
      boTab.close();
    }
  });
});

describe('who may', () => {
  it('a contact, or a token that is no person, has no notifications; nobody reads another’s', async () => {
    const routes = [
      ['GET', '/api/v1/notifications'],
      ['GET', '/api/v1/notifications/unread-count'],
      ['POST', '/api/v1/notifications/1/read'],
      ['POST', '/api/v1/notifications/read-all'],
      ['GET', '/api/v1/notifications/preferences'],
      ['PUT', '/api/v1/notifications/preferences/mention'],
    ] as const;
    const roleToken = await desk.agentToken('lead');
    for (const [method, url] of routes) {
      const payload = method === 'PUT' ? { inApp: true, email: true } : undefined;
      for (const token of [lena, roleToken]) {
        const res = await desk.as(token, { method, url, ...(payload ? { payload } : {}) });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
      expect((await desk.as(undefined, { method, url })).statusCode).toBe(401);
    }
    const [anas] = await notificationsOf(ana);
    const other = await desk.as(lead, { method: 'POST', url: `/api/v1/notifications/${anas?.id}/read` });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('NOTIFICATION_NOT_FOUND');
  });
});

it('the OpenAPI document lists the notification routes', async () => {
  const spec = (await desk.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const ours = Object.entries(spec.paths as Record<string, Record<string, { tags?: string[] }>>).flatMap(
    ([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.tags?.includes('notifications'))
        .map(([method]) => `${method} ${path}`),
  );
  expect(ours.sort()).toEqual([
    'get /api/v1/notifications',
    'get /api/v1/notifications/preferences',
    'get /api/v1/notifications/unread-count',
    'post /api/v1/notifications/read-all',
    'post /api/v1/notifications/{id}/read',
    'put /api/v1/notifications/preferences/{kind}',
  ]);
});
