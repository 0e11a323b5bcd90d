import type { ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { type SmtpSink, startSmtpSink } from '../../test/helpers/smtp-sink.js';
import { storeInbound } from '../mail/inbound/store-inbound.js';
import { mailAddresses } from '../mail/outbox.js';
import { startSmtpListener } from '../mail/transports/smtp-listener.js';
import { updateContactRow } from '../people/people-store.js';
import { FakeClock } from '../platform/clock.js';
import type { Worker } from '../platform/jobs/worker.js';
import type { AppDeps } from '../runtime.js';
import { findTicket } from '../tickets/ticket-store.js';

// Under ENTITLEMENT_POLICY=reject, mail from someone not entitled is refused; a stranger at a domain
// an organization owns is the exception: the mail is kept, at low priority, while they ask to be
// entitled. Approval gives the ticket the priority an entitled sender's mail gets.

const clock = new FakeClock('2026-12-07T09:00:00Z');
let desk: TestDesk;
let sink: SmtpSink;
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
let worker: Worker<AppDeps>;
let transport: ReturnType<typeof nodemailer.createTransport>;
let adminToken: string;
let serial = 0;

beforeAll(async () => {
  sink = await startSmtpSink();
  desk = await createTestDesk({
    clock,
    env: {
      OUTBOUND_SMTP_URL: sink.url,
      SUPPORT_ADDRESS: 'support@desk.example',
      PUBLIC_URL: 'https://desk.example',
      ENTITLEMENT_POLICY: 'reject',
    },
  });
  worker = desk.runtime.createWorker();
  smtp = await startSmtpListener({
    port: 0,
    host: '127.0.0.1',
    maxBytes: 1024 * 1024,
    maxClients: 5,
    maxClientsPerIp: 5,
    acceptsRecipient: (a) => mailAddresses(desk.deps).isOurs(a),
    store: (raw, envelope) =>
      storeInbound(desk.deps, raw, { source: 'smtp', envelopeFrom: envelope.from, envelopeTo: envelope.to }),
    log: desk.deps.log,
  });
  transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
  const acme = await desk.customer('Acme', 'ada@acme.example');
  await updateContactRow(desk.deps.db, acme.contactId, { orgAdmin: true });
  adminToken = acme.token;
  await desk.as(desk.adminToken, {
    method: 'PATCH',
    url: `/api/v1/organizations/${acme.organizationId}`,
    payload: { emailDomains: ['acme.example'] },
  });
});
afterAll(async () => {
  transport?.close();
  await smtp?.close();
  await desk?.close();
  await sink?.close();
});

async function send(from: string, subject: string) {
  const messageId = `<r${++serial}@test.example>`;
  await transport.sendMail({ from, to: 'support@desk.example', subject, text: 'Hello.', messageId });
  clock.advance(1000);
  await worker.drain();
  const items = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/mail/inbound?limit=50' })).json()
    .items as { rfcMessageId: string; state: string; reason: string; ticketNumber: number | null }[];
  return items.find((i) => i.rfcMessageId === messageId) as (typeof items)[number];
}
const mailTo = (address: string, from: number) =>
  sink.received.slice(from).filter((m: ParsedMail) => JSON.stringify(m.to).includes(address));

describe('under ENTITLEMENT_POLICY=reject', () => {
  it('a stranger at an unknown domain is refused as before', async () => {
    const before = sink.received.length;
    const outcome = await send('nora@nowhere.example', 'Hello');
    expect(outcome.state).toBe('rejected');
    await worker.drain();
    expect(mailTo('nora@nowhere.example', before).map((m) => m.text ?? '')).toEqual([
      expect.stringContaining('is not registered as a support contact'),
    ]);
  });

  it("a stranger at Acme's domain is kept at low priority and gets the link instead of the refusal", async () => {
    const before = sink.received.length;
    const outcome = await send('sam@acme.example', 'Our cluster is down');
    expect(outcome.state, outcome.reason).toBe('processed');
    const number = outcome.ticketNumber as number;
    const held = await findTicket(desk.deps.db, number, { kind: 'all' });
    expect(held).toMatchObject({ priority: 'low', tags: ['awaiting-entitlement'] });
    await worker.drain();
    const mails = mailTo('sam@acme.example', before);
    expect(mails).toHaveLength(1);
    // one held ticket a request: more mail from the address while it is open is refused, so a From
    // anyone can write cannot fill the queue
    const more = await send('sam@acme.example', 'And another thing');
    expect(more.state).toBe('rejected');
    expect(more.reason).toContain('their entitlement request to Acme is open');
    const token = (mails[0]?.text ?? '').match(/\/entitlement\/(\S+)/)?.[1] as string;
    expect(
      (await desk.app.inject({ method: 'POST', url: `/api/v1/entitlement-links/${token}`, payload: {} })).statusCode,
    ).toBe(200);

    const [request] = (await desk.as(adminToken, { method: 'GET', url: '/api/v1/entitlement-requests' })).json()
      .items as { id: string }[];
    const approved = await desk.as(adminToken, {
      method: 'POST',
      url: `/api/v1/entitlement-requests/${request?.id}/approve`,
      payload: {},
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await findTicket(desk.deps.db, number, { kind: 'all' })).toMatchObject({ priority: 'normal', tags: [] });
    // entitled now: their next mail is accepted like any named contact's
    expect((await send('sam@acme.example', 'Follow-up question')).state).toBe('processed');
  });
});
