import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../../test/helpers/build-app.js';
import { FakeClock, MINUTE_MS } from '../../platform/clock.js';
import type { Worker } from '../../platform/jobs/worker.js';
import type { AppDeps } from '../../runtime.js';
import { MailAddresses } from '../addresses.js';
import { listOutboundMail } from '../outbox-store.js';
import type { DnsResolver } from './sender-auth.js';
import { storeInbound } from './store-inbound.js';

// What a stranger can send to the desk by mail, and what it buys them: nothing. Each case is an
// attack from issue 10 (a known Message-ID, a forged From, a forged bounce, a pre-empted
// Message-ID, a huge HTML body), played against the real pipeline.

// acme.example signs its mail (DKIM, selector s1), publishes SPF for 198.51.100.0/24 and DMARC
// p=reject; the DNS answers come from this stub at the resolver boundary
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const dnsRecords: Record<string, string[]> = {
  'TXT:s1._domainkey.acme.example': [
    `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
  ],
  'TXT:_dmarc.acme.example': ['v=DMARC1; p=reject'],
  'TXT:acme.example': ['v=spf1 ip4:198.51.100.0/24 -all'],
};
const dns: DnsResolver = async (name, rrtype) => {
  // a stranger's own domain answers as slowly as it likes
  if (name.toLowerCase().endsWith('slow.example')) await new Promise((r) => setTimeout(r, 6_000));
  const answer = dnsRecords[`${rrtype}:${name.toLowerCase()}`];
  if (!answer) throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  return answer.map((text) => [text]);
};

let desk: TestDesk;
let worker: Worker<AppDeps>;
let lena: string; // a contact token of the requester
let mallory: string; // a contact token of a stranger
const clock = new FakeClock('2026-12-02T09:00:00Z');

beforeAll(async () => {
  desk = await createTestDesk({
    clock,
    dns,
    env: { SUPPORT_ADDRESS: 'support@desk.example', EMERGENCY_ADDRESS: 'emergency@desk.example' },
  });
  worker = desk.runtime.createWorker();
  const acme = await desk.customer('Acme', 'lena@acme.example');
  lena = acme.token;
  await desk.contactIn(acme.organizationId, 'tom@acme.example');
  mallory = (await desk.customer('Elsewhere', 'mallory@evil.example')).token;
  // an entitled organization, so that entitlement and paging can be bought, or not
  await desk.as(desk.adminToken, {
    method: 'PATCH',
    url: `/api/v1/organizations/${acme.organizationId}`,
    payload: { plan: 'enterprise' },
  });
});
afterAll(async () => {
  await desk?.close();
});

interface Outcome {
  id: number;
  state: string;
  reason: string;
  ticketNumber: number | null;
}

async function outcomeOf(id: number): Promise<Outcome> {
  const items = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/mail/inbound?limit=200' })).json()
    .items as Outcome[];
  return items.find((i) => i.id === id) as Outcome;
}

/** Delivers raw mail through the door the SMTP listener uses, as from an SMTP client at `ip`. */
async function deliver(raw: string | Buffer, envelope: { ip?: string; from?: string; to?: string[] } = {}) {
  const stored = await storeInbound(desk.deps, Buffer.isBuffer(raw) ? raw : Buffer.from(raw), {
    source: 'smtp',
    envelopeFrom: envelope.from,
    envelopeTo: envelope.to ?? ['support@desk.example'],
    clientIp: envelope.ip ?? '198.51.100.7',
    clientHelo: 'mail.acme.example',
  });
  clock.advance(1000);
  await worker.drain();
  return outcomeOf(stored.id);
}

function mail(headers: Record<string, string>, body = 'Hello.') {
  const lines = Object.entries({ Date: 'Wed, 02 Dec 2026 09:00:00 +0000', 'MIME-Version': '1.0', ...headers }).map(
    ([k, v]) => `${k}: ${v}`,
  );
  return `${lines.join('\r\n')}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`;
}

async function signed(raw: string): Promise<Buffer> {
  const key = {
    signingDomain: 'acme.example',
    selector: 's1',
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }),
  };
  const { signatures, errors } = await dkimSign(raw, { ...key, signatureData: [key] });
  if (!signatures.includes('DKIM-Signature') || errors.length > 0) throw new Error('the test could not sign its mail');
  return Buffer.from(signatures + raw);
}

const ticketAs = (token: string, number: number) => desk.as(token, { method: 'GET', url: `/api/v1/tickets/${number}` });
const messagesOf = async (number: number) =>
  (await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/tickets/${number}/messages` })).json().items as {
    text: string;
    internal: boolean;
    author: { name: string };
    sender?: { verdict: string | null; detail: string | null } | null;
  }[];
const ccsOf = async (number: number) =>
  ((await ticketAs(desk.adminToken, number)).json().ccs as { email: string }[]).map((c) => c.email).sort();

let original: Outcome; // Lena's ticket, opened by a signed mail
const originalId = '<lena-1@mail.acme.example>';

describe('a known Message-ID takes over nobody’s ticket (issue 10, item 2)', () => {
  it('the requester opens a ticket by mail', async () => {
    original = await deliver(
      await signed(
        mail({
          From: 'Lena <lena@acme.example>',
          To: 'support@desk.example',
          Subject: 'Replication lag on the standby',
          'Message-ID': originalId,
          'Thread-Index': 'AdrJ1K2ZxQ2b0RkFQ8yTgYtq1vM7Nw==',
        }),
      ),
    );
    expect(original.state, original.reason).toBe('processed');
    expect(original.reason).toMatch(/^opened #\d+$/);
  });

  it('a stranger replying to that Message-ID gets a ticket of their own; neither they nor their CCs join', async () => {
    const attack = await deliver(
      mail({
        From: 'mallory@evil.example',
        To: 'support@desk.example',
        Cc: 'eve@evil.example',
        Subject: 'Re: Replication lag on the standby',
        'Message-ID': '<m-1@evil.example>',
        'In-Reply-To': originalId,
        References: originalId,
      }),
      { ip: '203.0.113.66' },
    );
    const number = original.ticketNumber as number;
    expect(attack.state).toBe('processed');
    expect(attack.ticketNumber).not.toBe(number);
    expect(attack.reason).toContain(`a reply to #${number}, but mallory@evil.example is not a participant`);
    expect(await ccsOf(number)).toEqual([]);
    expect((await messagesOf(number)).map((m) => m.text)).toEqual(['Hello.']);
    expect((await ticketAs(mallory, number)).statusCode).toBe(404);
    // the agent sees where it came from
    const note = (await messagesOf(attack.ticketNumber as number)).find((m) => m.internal);
    expect(note?.text).toContain(`#${number}`);
    const events = (await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/tickets/${number}/events` })).json()
      .items as { action: string }[];
    expect(events.map((e) => e.action)).toContain('ticket.reply-from-stranger');
  });

  it('Outlook’s Thread-Index is no way in either', async () => {
    const attack = await deliver(
      mail({
        From: 'mallory@evil.example',
        To: 'support@desk.example',
        Subject: 'RE: whatever',
        'Message-ID': '<m-2@evil.example>',
        'Thread-Index': 'AdrJ1K2ZxQ2b0RkFQ8yTgYtq1vM7NwAAB2Q=',
      }),
      { ip: '203.0.113.66' },
    );
    expect(attack.ticketNumber).not.toBe(original.ticketNumber);
    expect(attack.reason).toContain('is not a participant');
    expect(await ccsOf(original.ticketNumber as number)).toEqual([]);
  });

  it('nor the subject tag', async () => {
    const number = original.ticketNumber as number;
    const attack = await deliver(
      mail({ From: 'mallory@evil.example', To: 'support@desk.example', Subject: `Re: [#${number}] hi` }),
      { ip: '203.0.113.66' },
    );
    expect(attack.ticketNumber).not.toBe(number);
    expect(attack.reason).toContain(`subject tag [#${number}] ignored`);
  });

  it('the requester answering her own mail threads, but the CC it names does not join without our signed id', async () => {
    const number = original.ticketNumber as number;
    const reply = await deliver(
      await signed(
        mail(
          {
            From: 'lena@acme.example',
            To: 'support@desk.example',
            Cc: 'eve@evil.example',
            Subject: 'Re: Replication lag on the standby',
            'Message-ID': '<lena-2@mail.acme.example>',
            'In-Reply-To': originalId,
          },
          'Any news?',
        ),
      ),
    );
    expect(reply.ticketNumber).toBe(number);
    expect(await ccsOf(number)).toEqual([]);
  });

  it('a reply to our own mail (a secret Message-ID) from the requester brings her CCs in', async () => {
    const number = original.ticketNumber as number;
    const agent = await desk.agentToken();
    await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/messages`,
      payload: { body: 'Which PostgreSQL version?' },
    });
    const ours = (await listOutboundMail(desk.deps.db, undefined, 500)).find(
      (m) => m.ticketId === number && m.purpose === 'agent-reply',
    );
    const reply = await deliver(
      await signed(
        mail(
          {
            From: 'lena@acme.example',
            To: ours?.replyTo as string,
            Cc: 'tom@acme.example',
            Subject: `Re: [#${number}] Replication lag on the standby`,
            'Message-ID': '<lena-3@mail.acme.example>',
            'In-Reply-To': ours?.rfcMessageId as string,
          },
          '16.4',
        ),
      ),
    );
    expect(reply.ticketNumber).toBe(number);
    expect(await ccsOf(number)).toEqual(['tom@acme.example']);
  });

  it('configured to quarantine, a stranger’s reply waits until an admin accepts it onto the ticket', async () => {
    const quarantining = await createTestDesk({
      clock,
      dns,
      env: { SUPPORT_ADDRESS: 'support@desk.example', MAIL_UNKNOWN_REPLY: 'quarantine' },
    });
    try {
      const w = quarantining.runtime.createWorker();
      const send = async (raw: string) => {
        const stored = await storeInbound(quarantining.deps, Buffer.from(raw), { source: 'http' });
        await w.drain();
        const items = (
          await quarantining.as(quarantining.adminToken, { method: 'GET', url: '/api/v1/mail/inbound' })
        ).json().items as Outcome[];
        return items.find((i) => i.id === stored.id) as Outcome;
      };
      const opened = await send(
        mail({ From: 'lena@acme.example', To: 'support@desk.example', Subject: 'Disk full', 'Message-ID': '<q1@a>' }),
      );
      const colleague = await send(
        mail({
          From: 'tom@acme.example',
          To: 'support@desk.example',
          Cc: 'spy@evil.example',
          Subject: 'Re: Disk full',
          'Message-ID': '<q2@a>',
          'In-Reply-To': '<q1@a>',
        }),
      );
      expect(colleague.state).toBe('quarantined');
      expect(colleague.reason).toContain(`a reply to #${opened.ticketNumber}`);
      const accept = await quarantining.as(quarantining.adminToken, {
        method: 'POST',
        url: `/api/v1/mail/inbound/${colleague.id}/retry?acceptOnto=${opened.ticketNumber}`,
      });
      expect(accept.statusCode).toBe(202);
      await w.drain();
      const items = (
        await quarantining.as(quarantining.adminToken, { method: 'GET', url: '/api/v1/mail/inbound' })
      ).json().items as Outcome[];
      expect(items.find((i) => i.id === colleague.id)).toMatchObject({
        state: 'processed',
        ticketNumber: opened.ticketNumber,
      });
      const ticket = (
        await quarantining.as(quarantining.adminToken, { method: 'GET', url: `/api/v1/tickets/${opened.ticketNumber}` })
      ).json();
      // the admin vouched for Tom, not for whoever Tom's mail copied
      expect(ticket.ccs.map((c: { email: string }) => c.email)).toEqual(['tom@acme.example']);
    } finally {
      await quarantining.close();
    }
  });
});

describe('a forged From buys nothing (issue 10, item 4)', () => {
  it('DMARC failure: no subject-tag threading, no entitlement, no page; stored flagged', async () => {
    const number = original.ticketNumber as number;
    // from an address outside acme.example's SPF, unsigned: its DMARC (p=reject) fails
    const forged = await deliver(
      mail({
        From: 'lena@acme.example',
        To: 'emergency@desk.example',
        Subject: `Re: [#${number}] everything is down`,
        'Message-ID': '<forged-1@evil.example>',
      }),
      { ip: '203.0.113.66', to: ['emergency@desk.example'] },
    );
    expect(forged.state).toBe('processed');
    expect(forged.ticketNumber).not.toBe(number);
    expect(forged.reason).toContain('could not be verified');
    const opened = (await ticketAs(desk.adminToken, forged.ticketNumber as number)).json();
    expect(opened.priority).toBe('normal'); // not urgent: nobody is paged
    const [message] = await messagesOf(forged.ticketNumber as number);
    expect(message?.sender).toMatchObject({ verdict: 'fail' });
    expect(message?.sender?.detail).toContain('dmarc=fail');
    // and no acknowledgement goes to the forged address (no backscatter)
    const acks = (await listOutboundMail(desk.deps.db, undefined, 500)).filter(
      (m) => m.ticketId === forged.ticketNumber && m.purpose === 'acknowledgement',
    );
    expect(acks).toEqual([]);
  });

  it('two From addresses, or none, vouch for nobody: no threading by tag, no page', async () => {
    const number = original.ticketNumber as number;
    const two = await deliver(
      mail({
        From: 'Lena <lena@acme.example>, mallory@evil.example',
        To: 'emergency@desk.example',
        Subject: `Re: [#${number}] down`,
        'Message-ID': '<two-from@evil.example>',
      }),
      { ip: '203.0.113.66', to: ['emergency@desk.example'] },
    );
    expect(two.ticketNumber).not.toBe(number);
    expect((await ticketAs(desk.adminToken, two.ticketNumber as number)).json().priority).toBe('normal');
    expect((await messagesOf(two.ticketNumber as number))[0]?.sender).toMatchObject({
      verdict: 'fail',
      detail: 'more than one From address',
    });
    const none = await deliver(
      `To: support@desk.example
Subject: Re: [#${number}] down
Message-ID: <no-from@evil.example>

Hello.
`,
      { ip: '203.0.113.66', from: 'lena@acme.example' },
    );
    expect(none.ticketNumber).not.toBe(number);
    expect((await messagesOf(none.ticketNumber as number))[0]?.sender).toMatchObject({ verdict: 'fail' });
  });

  it('a check its own DNS makes too slow to finish believes nobody', async () => {
    const number = original.ticketNumber as number;
    const slow = await deliver(
      mail({
        From: 'lena@acme.example',
        To: 'support@desk.example',
        Subject: `Re: [#${number}] hi`,
        'Message-ID': '<slow@evil.example>',
      }),
      { ip: '203.0.113.66', from: 'bounce@slow.example' },
    );
    expect(slow.ticketNumber).not.toBe(number);
    expect((await messagesOf(slow.ticketNumber as number))[0]?.sender?.detail).toContain('did not finish');
  });

  it('a Message-ID it knows threads a forged requester nowhere', async () => {
    const number = original.ticketNumber as number;
    const forged = await deliver(
      mail({
        From: 'lena@acme.example',
        To: 'support@desk.example',
        Subject: 'Re: Replication lag on the standby',
        'Message-ID': '<forged-2@evil.example>',
        'In-Reply-To': originalId,
      }),
      { ip: '203.0.113.66' },
    );
    expect(forged.ticketNumber).not.toBe(number);
    expect(forged.reason).toContain('could not be verified (dmarc=fail');
  });

  it('the same mail signed by acme.example is believed: urgent, and flagged as verified', async () => {
    const real = await deliver(
      await signed(
        mail({
          From: 'lena@acme.example',
          To: 'emergency@desk.example',
          Subject: 'everything is down',
          'Message-ID': '<real-1@mail.acme.example>',
        }),
      ),
      { ip: '203.0.113.66', to: ['emergency@desk.example'] },
    );
    const opened = (await ticketAs(desk.adminToken, real.ticketNumber as number)).json();
    expect(opened.priority).toBe('urgent');
    const [message] = await messagesOf(real.ticketNumber as number);
    expect(message?.sender).toMatchObject({ verdict: 'pass' });
  });

  it('a relay’s Authentication-Results counts only from a trusted relay', async () => {
    const relayed = await createTestDesk({
      clock,
      dns,
      env: { SUPPORT_ADDRESS: 'support@desk.example', TRUSTED_RELAYS: '10.1.2.3, mx.relay.example' },
    });
    try {
      const w = relayed.runtime.createWorker();
      const send = async (raw: string, ip: string) => {
        const stored = await storeInbound(relayed.deps, Buffer.from(raw), {
          source: 'smtp',
          clientIp: ip,
          envelopeTo: ['support@desk.example'],
        });
        await w.drain();
        const items = (await relayed.as(relayed.adminToken, { method: 'GET', url: '/api/v1/mail/inbound' })).json()
          .items as Outcome[];
        const outcome = items.find((i) => i.id === stored.id) as Outcome;
        const messages = (
          await relayed.as(relayed.adminToken, {
            method: 'GET',
            url: `/api/v1/tickets/${outcome.ticketNumber}/messages`,
          })
        ).json().items;
        return messages[0].sender.verdict as string;
      };
      const stamped = (id: string, verdict: string) =>
        mail({
          'Authentication-Results': `mx.relay.example; dmarc=${verdict} (p=reject) header.from=acme.example`,
          From: 'lena@acme.example',
          To: 'support@desk.example',
          Subject: 'via the relay',
          'Message-ID': `<${id}@relay>`,
        });
      expect(await send(stamped('r1', 'fail'), '10.1.2.3')).toBe('fail');
      expect(await send(stamped('r2', 'pass'), '10.1.2.3')).toBe('pass');
      // the same header from anybody else is the sender's own invention: checked here instead
      expect(await send(stamped('r3', 'pass'), '203.0.113.66')).toBe('fail');
    } finally {
      await relayed.close();
    }
  });
});

describe('a forged bounce suppresses nobody (issue 10, item 3)', () => {
  it('a bounce that quotes our Message-ID but never reached our bounce address is ignored', async () => {
    const number = original.ticketNumber as number;
    const ours = (await listOutboundMail(desk.deps.db, undefined, 500)).find(
      (m) => m.ticketId === number && m.purpose === 'agent-reply',
    );
    const forged = await deliver(
      mail(
        {
          From: 'MAILER-DAEMON@evil.example',
          To: 'support@desk.example',
          Subject: 'Undelivered Mail Returned to Sender',
          'X-Failed-Recipients': 'lena@acme.example',
          'Message-ID': '<bounce-1@evil.example>',
        },
        `550 5.1.1 user unknown\r\n\r\nMessage-ID: ${ours?.rfcMessageId}\r\n`,
      ),
      { ip: '203.0.113.66' },
    );
    expect(forged.state).toBe('ignored');
    const suppressed = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/mail/suppressions' })).json()
      .items;
    expect(suppressed).toEqual([]);
  });

  it('a bounce to our bounce address suppresses only recipients of that mail', async () => {
    const number = original.ticketNumber as number;
    const ours = (await listOutboundMail(desk.deps.db, undefined, 500)).find(
      (m) => m.ticketId === number && m.purpose === 'agent-reply',
    );
    const bounceTo = new MailAddresses(desk.deps.secret, desk.deps.config.supportAddresses).bounceAddress(
      ours?.id as string,
    );
    const bounce = await deliver(
      mail(
        {
          From: 'MAILER-DAEMON@mx.acme.example',
          To: bounceTo,
          Subject: 'Undelivered Mail Returned to Sender',
          'X-Failed-Recipients': 'ceo@acme.example, lena@acme.example',
          'Message-ID': '<bounce-2@mx.acme.example>',
        },
        '550 5.1.1 user unknown',
      ),
      { ip: '198.51.100.9', to: [bounceTo], from: '' },
    );
    expect(bounce.state).toBe('processed');
    const suppressed = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/mail/suppressions' })).json()
      .items as { address: string }[];
    // ceo@ was never sent that mail
    expect(suppressed.map((s) => s.address)).toEqual(['lena@acme.example']);
  });

  it('a suppressed address still gets the sign-in link its owner asks for', async () => {
    const asked = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in-link',
      payload: { email: 'lena@acme.example' },
    });
    expect(asked.statusCode).toBe(202);
    const links = (await listOutboundMail(desk.deps.db, undefined, 500)).filter(
      (m) => m.purpose === 'sign-in-link' && m.toAddresses.includes('lena@acme.example'),
    );
    expect(links).toHaveLength(1);
  });
});

describe('a pre-empted Message-ID hides no real message (issue 10, item 16)', () => {
  it('a stranger’s message under the id a customer will use does not swallow the customer’s', async () => {
    const id = '<will-be-used@mail.acme.example>';
    const decoy = await deliver(
      mail({ From: 'mallory@evil.example', To: 'support@desk.example', Subject: 'decoy', 'Message-ID': id }, 'x'),
      { ip: '203.0.113.66' },
    );
    const real = await deliver(
      await signed(mail({ From: 'tom@acme.example', To: 'support@desk.example', Subject: 'real', 'Message-ID': id })),
    );
    expect(real.id).not.toBe(decoy.id);
    expect(real.state).toBe('processed');
    expect((await ticketAs(desk.adminToken, real.ticketNumber as number)).json().subject).toBe('real');
    // the very same message delivered twice is still stored once
    const stored = await storeInbound(
      desk.deps,
      await signed(mail({ From: 'tom@acme.example', To: 'support@desk.example', Subject: 'real', 'Message-ID': id })),
      { source: 'http' },
    );
    // a fresh signature is a different header, but the same sender and body: the same message
    expect(stored).toEqual({ id: real.id, duplicate: true });
  });

  it('an id two tickets share names neither: the stranger who sent it first catches no reply', async () => {
    const id = '<shared-later@mail.acme.example>';
    // first the stranger, copying the customer's colleagues in (they become CCs of the stranger's ticket)
    const decoy = await deliver(
      mail(
        {
          From: 'mallory@evil.example',
          To: 'support@desk.example',
          Cc: 'tom@acme.example',
          Subject: 'x',
          'Message-ID': id,
        },
        'decoy',
      ),
      { ip: '203.0.113.66' },
    );
    const real = await deliver(
      await signed(mail({ From: 'lena@acme.example', To: 'support@desk.example', Subject: 'Real', 'Message-ID': id })),
    );
    // Tom answers Lena's mail: it must not land on the stranger's ticket, where he is a CC
    const reply = await deliver(
      await signed(
        mail({
          From: 'tom@acme.example',
          To: 'support@desk.example',
          Subject: 'Re: Real',
          'Message-ID': '<tom-answers@mail.acme.example>',
          'In-Reply-To': id,
        }),
      ),
    );
    expect(reply.ticketNumber).not.toBe(decoy.ticketNumber);
    const onDecoy = (await messagesOf(decoy.ticketNumber as number)).filter((m) => !m.internal);
    expect(onDecoy).toHaveLength(1);
    expect(real.ticketNumber).not.toBe(decoy.ticketNumber);
  });
});

describe('one huge HTML mail costs the desk little (issue 10, item 8)', () => {
  it('HTML over the limit is not rendered: the text is shown and the HTML kept as an attachment', async () => {
    const html = `<html><body><p>Our dump follows.</p>${'<div><span>row</span></div>'.repeat(60_000)}</body></html>`;
    const raw = [
      'From: tom@acme.example',
      'To: support@desk.example',
      'Subject: big dump',
      'Message-ID: <big-1@mail.acme.example>',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      html,
    ].join('\r\n');
    const outcome = await deliver(raw);
    expect(outcome.state).toBe('processed');
    const [message] = (
      await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/tickets/${outcome.ticketNumber}/messages` })
    ).json().items;
    expect(message.text).toContain('attached as message.html');
    expect(message.attachments.map((a: { filename: string }) => a.filename)).toEqual(['message.html']);
    expect(message.html).not.toContain('<span>row</span>');
  });

  it('HTML handed to the API as already safe is refused: only the desk marks HTML safe', async () => {
    const res = await desk.as(lena, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'x', body: 'x', safeHtml: '<img src=x onerror=alert(1)>' },
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('retries (issue 10, item 24)', () => {
  it('a message that fails is retried with backoff, quarantined after the last attempt, and kept whole', async () => {
    const db = desk.deps.db;
    const { sql } = await import('drizzle-orm');
    // the database refuses this one ticket, as a full disk or a broken trigger would
    await db.execute(
      sql.raw(`CREATE FUNCTION refuse_doomed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.subject = 'doomed' THEN RAISE EXCEPTION 'no space left on device'; END IF; RETURN NEW; END $$`),
    );
    await db.execute(
      sql.raw('CREATE TRIGGER refuse_doomed BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION refuse_doomed()'),
    );
    const raw = mail({
      From: 'tom@acme.example',
      To: 'support@desk.example',
      Subject: 'doomed',
      'Message-ID': '<d@a>',
    });
    let outcome = await deliver(raw);
    expect(outcome.state).toBe('received'); // failed once, waiting for its retry
    const attempts: number[] = [];
    for (let i = 0; i < 10 && outcome.state === 'received'; i++) {
      clock.advance(60 * MINUTE_MS);
      await worker.drain();
      outcome = await outcomeOf(outcome.id);
      attempts.push(Number(/attempt (\d+)/.exec(outcome.reason)?.[1]));
    }
    expect(outcome.state).toBe('quarantined');
    expect(outcome.reason).toMatch(/^attempt 5: .*no space left on device/);
    expect(attempts).toEqual([2, 3, 4, 5]);
    await db.execute(sql.raw('DROP TRIGGER refuse_doomed ON tickets'));
    const retry = await desk.as(desk.adminToken, { method: 'POST', url: `/api/v1/mail/inbound/${outcome.id}/retry` });
    expect(retry.statusCode).toBe(202);
    await worker.drain();
    outcome = await outcomeOf(outcome.id);
    expect(outcome.state).toBe('processed');
    expect((await ticketAs(desk.adminToken, outcome.ticketNumber as number)).json().subject).toBe('doomed');
  });
});
