import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../../test/helpers/build-app.js';
import { FakeClock, MINUTE_MS } from '../../platform/clock.js';
import type { Worker } from '../../platform/jobs/worker.js';
import type { AppDeps } from '../../runtime.js';
import { listOutboundMail } from '../outbox-store.js';

let desk: TestDesk;
let worker: Worker<AppDeps>;
const clock = new FakeClock('2026-11-27T09:00:00Z');
beforeAll(async () => {
  desk = await createTestDesk({ clock, env: { SUPPORT_ADDRESS: 'support@desk.example' } });
  worker = desk.runtime.createWorker();
  const org = await desk.as(desk.adminToken, {
    method: 'POST',
    url: '/api/v1/organizations',
    payload: { name: 'Acme' },
  });
  for (const email of ['lena@acme.example', 'tom@acme.example']) {
    await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { email, organizationId: org.json().id },
    });
  }
});
afterAll(async () => {
  await desk?.close();
});

const fixture = (name: string, values: Record<string, string> = {}) => {
  let text = fs.readFileSync(path.join(import.meta.dirname, '../__fixtures__', name), 'latin1');
  for (const [key, value] of Object.entries(values)) text = text.replaceAll(`{{${key}}}`, value);
  return Buffer.from(text, 'latin1');
};

async function deliver(raw: Buffer) {
  const res = await desk.as(desk.adminToken, {
    method: 'POST',
    url: '/api/v1/mail/inbound',
    headers: { 'content-type': 'message/rfc822' },
    payload: raw,
  });
  expect(res.statusCode, res.body).toBe(202);
  clock.advance(1000);
  await worker.drain();
  const inbound = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/mail/inbound?limit=200' })).json()
    .items;
  return inbound.find((i: { id: number }) => i.id === res.json().id) as {
    id: number;
    state: string;
    reason: string;
    ticketNumber: number | null;
    messageId: number | null;
  };
}

async function thread(number: number) {
  return (await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/tickets/${number}/messages` })).json()
    .items as {
    id: number;
    text: string;
    html: string;
    internal: boolean;
    author: { kind: string; name: string };
    attachments: { filename: string; url: string; contentId: string | null }[];
  }[];
}

async function ticket(number: number) {
  return (await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/tickets/${number}` })).json();
}

async function outboxFor(number: number) {
  return (await listOutboundMail(desk.deps.db, undefined, 500)).filter((m) => m.ticketId === number);
}

describe('a customer mails support', () => {
  let number: number;
  let agentReply: Awaited<ReturnType<typeof outboxFor>>[number];

  it('opens a ticket, with the CC as a CC, and acknowledges it with the ticket number', async () => {
    const result = await deliver(fixture('customer-new.eml'));
    expect(result.state).toBe('processed');
    expect(result.reason).toMatch(/^opened #\d+$/);
    number = result.ticketNumber as number;
    const opened = await ticket(number);
    expect(opened).toMatchObject({
      subject: 'Sidekiq queue latency above 10 minutes since the upgrade',
      channel: 'email',
      requester: { email: 'lena@acme.example' },
      organization: { name: 'Acme' },
    });
    expect(opened.ccs.map((c: { email: string }) => c.email)).toEqual(['tom@acme.example']);
    const [first] = await thread(number);
    expect(first?.text).toContain('Grüße'); // quoted-printable UTF-8 decoded
    expect(first?.html).not.toContain('<script');
    expect(first?.html).toContain('data-remote-src="https://tracker.example/p.gif"');
    const [ack] = await outboxFor(number);
    expect(ack).toMatchObject({ purpose: 'acknowledgement', toAddresses: ['lena@acme.example'] });
    expect(ack?.subject).toBe(`[#${number}] Sidekiq queue latency above 10 minutes since the upgrade`);
    expect(ack?.headers['Auto-Submitted']).toBe('auto-replied');
    expect(ack?.inReplyTo).toBe('<CAJ4a8x9QF2b@mail.acme.example>');
  });

  it('the same message delivered again is the same message', async () => {
    const again = await deliver(fixture('customer-new.eml'));
    expect(again.ticketNumber).toBe(number);
    expect(await thread(number)).toHaveLength(1);
  });

  it('an agent’s reply goes out threaded: our Message-ID, In-Reply-To the customer’s, a Reply-To naming the ticket', async () => {
    const agent = await desk.agentToken();
    const reply = await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/messages`,
      payload: { body: 'Could you send the output of Sidekiq::Queue.all?', status: 'pending' },
    });
    expect(reply.statusCode).toBe(201);
    agentReply = (await outboxFor(number)).find((m) => m.purpose === 'agent-reply') as typeof agentReply;
    expect(agentReply.rfcMessageId).toMatch(new RegExp(`^<pf\\.t${number}\\.m\\d+\\.[0-9a-f]{10}@desk\\.example>$`));
    expect(agentReply.inReplyTo).toBe('<CAJ4a8x9QF2b@mail.acme.example>');
    expect(agentReply.referencesIds[0]).toMatch(new RegExp(`^<pf\\.t${number}\\.[0-9a-f]{10}@desk\\.example>$`));
    expect(agentReply.referencesIds).toContain('<CAJ4a8x9QF2b@mail.acme.example>');
    expect(agentReply.replyTo).toMatch(new RegExp(`^support\\+t${number}-[0-9a-f]{10}@desk\\.example$`));
    expect(agentReply.toAddresses).toEqual(['lena@acme.example']);
    expect(agentReply.ccAddresses).toEqual(['tom@acme.example']);
    expect(agentReply.headers['Auto-Submitted']).toBeUndefined();
    expect(agentReply.bodyText).toContain('Please type your reply above this line');
  });

  // Outlook and Gmail here answer to the plain support address (found by In-Reply-To), Apple Mail and
  // Thunderbird to the Reply-To (found by its signed token)
  it.each([
    ['outlook-reply.eml', 'Here are the logs you asked for.', 'in-reply-to', false],
    ['gmail-reply.eml', 'Adding to what Lena said', 'in-reply-to', false],
    ['apple-mail-reply.eml', 'Routing the worker to its own queue fixed it.', 'reply-token', true],
    ['thunderbird-reply.eml', 'It came back after the nightly restart', 'reply-token', true],
  ])('a reply from %s threads onto the ticket, trimmed for reading', async (file, answer, reason, toReplyAddress) => {
    const result = await deliver(
      fixture(file, {
        TICKET: String(number),
        REPLY_TO: toReplyAddress ? (agentReply.replyTo as string) : 'support@desk.example',
        IN_REPLY_TO: agentReply.rfcMessageId,
        REFERENCES: agentReply.referencesIds.concat(agentReply.rfcMessageId).join(' '),
      }),
    );
    expect(result.state).toBe('processed');
    expect(result.ticketNumber).toBe(number);
    expect(result.reason).toContain(`by ${reason}`);
    const last = (await thread(number)).at(-1);
    expect(last?.text.startsWith(answer)).toBe(true);
    expect(last?.text).not.toContain('Sidekiq::Queue.all?'); // the quoted question is trimmed
    expect((await ticket(number)).status).toBe('open'); // a customer reply reopens the pending ticket
  });

  it('a reply whose headers were lost still threads by its reply address', async () => {
    const raw = Buffer.from(
      `From: Lena Fischer <lena@acme.example>\nTo: ${agentReply.replyTo}\nSubject: the logs\nMessage-ID: <lost-headers@acme.example>\n\nOne more thing: it happens at 02:00 UTC.\n`,
    );
    const result = await deliver(raw);
    expect(result.ticketNumber).toBe(number);
    expect(result.reason).toContain('by reply-token');
  });

  it('an out-of-office reply is kept on the ticket, reopens nothing and gets no answer', async () => {
    const agent = await desk.agentToken();
    await desk.as(agent, { method: 'PATCH', url: `/api/v1/tickets/${number}`, payload: { status: 'pending' } });
    const before = (await outboxFor(number)).length;
    const result = await deliver(
      fixture('out-of-office.eml', {
        TICKET: String(number),
        REPLY_TO: agentReply.replyTo as string,
        IN_REPLY_TO: agentReply.rfcMessageId,
      }),
    );
    expect(result.state).toBe('processed');
    expect(result.reason).toContain('Auto-Submitted: auto-replied; stored on');
    expect((await ticket(number)).status).toBe('pending');
    expect(await outboxFor(number)).toHaveLength(before);
  });

  it('a bounce marks the agent’s mail failed, stops automatic mail to the address and tells the agent', async () => {
    const agent = await desk.agentToken();
    await desk.as(agent, {
      method: 'PATCH',
      url: `/api/v1/tickets/${number}`,
      payload: { ccEmails: ['tom@acme.example', 'gone@acme.example'] },
    });
    await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/messages`,
      payload: { body: 'Try the dedicated queue.' },
    });
    // the newest reply, the one that went to gone@ too (the outbox lists newest first)
    const sent = (await outboxFor(number)).filter((m) => m.purpose === 'agent-reply').at(0);
    expect(sent?.ccAddresses).toContain('gone@acme.example');
    const { MailAddresses } = await import('../addresses.js');
    const bounceTo = new MailAddresses(desk.deps.secret, desk.deps.config.supportAddresses).bounceAddress(
      sent?.id as string,
    );
    const result = await deliver(
      fixture('postfix-bounce.eml', {
        BOUNCE_TO: bounceTo,
        TICKET: String(number),
        ORIGINAL: sent?.rfcMessageId as string,
      }),
    );
    expect(result.state).toBe('processed');
    expect(result.reason).toContain('5.1.1');
    const failed = (await outboxFor(number)).find((m) => m.id === sent?.id);
    expect(failed?.state).toBe('failed');
    const shown = (await thread(number)).find((m) => m.id === sent?.messageId) as unknown as {
      delivery: { state: string; error: string }[];
    };
    expect(shown.delivery).toEqual([
      expect.objectContaining({ state: 'failed', error: expect.stringContaining('5.1.1') }),
    ]);
    const note = (await thread(number)).at(-1);
    expect(note).toMatchObject({ internal: true, author: { kind: 'system' } });
    expect(note?.text).toContain('gone@acme.example bounced');
    const suppressions = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/mail/suppressions' })).json()
      .items;
    expect(suppressions.map((s: { address: string }) => s.address)).toEqual(['gone@acme.example']);
  });

  it('a reply to a closed ticket opens a follow-up', async () => {
    const agent = await desk.agentToken();
    for (const status of ['solved', 'closed']) {
      await desk.as(agent, { method: 'PATCH', url: `/api/v1/tickets/${number}`, payload: { status } });
    }
    const result = await deliver(
      fixture('gmail-reply.eml', {
        TICKET: String(number),
        REPLY_TO: agentReply.replyTo as string,
        IN_REPLY_TO: agentReply.rfcMessageId,
        REFERENCES: agentReply.rfcMessageId,
      })
        .toString('latin1')
        .replace('CAGm8hLx=9sd7fQ', 'after-close') as unknown as Buffer,
    );
    expect(result.reason).toContain(`follow-up #${result.ticketNumber} of closed #${number}`);
    expect((await ticket(result.ticketNumber as number)).followUpOf).toBe(number);
  });
});

describe('who may write into a ticket', () => {
  it('a subject tag threads for the requester, but a stranger’s [#n] opens a new ticket', async () => {
    const first = await deliver(
      Buffer.from(
        'From: tom@acme.example\nTo: support@desk.example\nSubject: Runner stuck\nMessage-ID: <tag-1@acme.example>\n\nJobs pending.\n',
      ),
    );
    const number = first.ticketNumber as number;
    const own = await deliver(
      Buffer.from(
        `From: tom@acme.example\nTo: support@desk.example\nSubject: Re: [#${number}] Runner stuck\nMessage-ID: <tag-2@acme.example>\n\nStill pending.\n`,
      ),
    );
    expect(own.ticketNumber).toBe(number);
    expect(own.reason).toContain('by subject-tag');
    const stranger = await deliver(
      Buffer.from(
        `From: mallory@evil.example\nTo: support@desk.example\nSubject: Re: [#${number}] Runner stuck\nMessage-ID: <tag-3@evil.example>\n\nlet me in\n`,
      ),
    );
    expect(stranger.ticketNumber).not.toBe(number);
    expect(stranger.reason).toMatch(/^opened #\d+/);
  });

  it('with the reject policy, a stranger gets a polite notice and no ticket', async () => {
    const strict = await createTestDesk({
      env: { ENTITLEMENT_POLICY: 'reject', SUPPORT_ADDRESS: 'support@desk.example' },
    });
    try {
      const res = await strict.as(strict.adminToken, {
        method: 'POST',
        url: '/api/v1/mail/inbound',
        headers: { 'content-type': 'message/rfc822' },
        payload: Buffer.from(
          'From: someone@unknown.example\nTo: support@desk.example\nSubject: Help\nMessage-ID: <r1@unknown.example>\n\nHi\n',
        ),
      });
      await strict.runtime.createWorker().drain();
      const inbound = (await strict.as(strict.adminToken, { method: 'GET', url: '/api/v1/mail/inbound' })).json().items;
      expect(inbound.find((i: { id: number }) => i.id === res.json().id)).toMatchObject({
        state: 'rejected',
        ticketNumber: null,
      });
      const notice = (await listOutboundMail(strict.deps.db, undefined, 10)).find((m) => m.purpose === 'rejection');
      expect(notice?.toAddresses).toEqual(['someone@unknown.example']);
      expect(notice?.bodyText).toContain('support contact');
      expect(notice?.headers['Auto-Submitted']).toBe('auto-replied');
    } finally {
      await strict.close();
    }
  });
});

describe('display', () => {
  it('inline cid: images point at their stored attachment', async () => {
    const result = await deliver(fixture('inline-image.eml'));
    const [message] = await thread(result.ticketNumber as number);
    const image = message?.attachments.find((a) => a.filename === 'dashboard.png');
    expect(image).toBeDefined();
    expect(message?.html).toContain(`src="${image?.url}"`);
  });
});

describe('nothing is lost', () => {
  // the retry path (a failing attempt, backoff, the last attempt quarantining) is in mail-trust.db.test.ts
  it('mail without a sender is quarantined at once with its reason, kept whole, and can be processed again', async () => {
    const raw = Buffer.from('From: nobody-at-all\nSubject: no sender\n\nbody\n');
    const result = await deliver(raw);
    expect(result.state).toBe('quarantined');
    expect(result.reason).toContain('no sender address');
    const raw2 = (await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/mail/inbound/${result.id}/raw` }))
      .rawPayload;
    expect(Buffer.compare(raw2, raw)).toBe(0);
    const retry = await desk.as(desk.adminToken, { method: 'POST', url: `/api/v1/mail/inbound/${result.id}/retry` });
    expect(retry.statusCode).toBe(202);
    clock.advance(MINUTE_MS);
    await worker.drain();
    const after = (
      await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/mail/inbound?state=quarantined' })
    ).json().items;
    expect(after.map((i: { id: number }) => i.id)).toContain(result.id);
  });

  it('refuses input that is not mail, with a clear error', async () => {
    const res = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/mail/inbound',
      headers: { 'content-type': 'message/rfc822' },
      payload: Buffer.from('just some words, no headers'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('not an email message');
  });
});
