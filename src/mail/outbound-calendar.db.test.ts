import ICAL from 'ical.js';
import type { AddressObject, Attachment, ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { type SmtpSink, startSmtpSink } from '../../test/helpers/smtp-sink.js';
import { type InvitationCall, invitationIcs } from '../calls/invitation.js';
import { FakeClock } from '../platform/clock.js';
import type { Worker } from '../platform/jobs/worker.js';
import type { AppDeps } from '../runtime.js';
import { queueMail } from './outbox.js';
import { listOutboundMail } from './outbox-store.js';

// A call invitation through the real outbound path: outbox row, send job, SMTP to a sink, parsed back
// with mailparser as the customer's mail client receives it.

let sink: SmtpSink;
let desk: TestDesk;
let worker: Worker<AppDeps>;
const clock = new FakeClock('2026-03-20T09:15:00Z');
beforeAll(async () => {
  sink = await startSmtpSink();
  desk = await createTestDesk({
    clock,
    env: { SUPPORT_ADDRESS: 'support@desk.example', OUTBOUND_SMTP_URL: sink.url, MAIL_ACKNOWLEDGE: 'false' },
  });
  worker = desk.runtime.createWorker();
});
afterAll(async () => {
  await worker?.stop();
  await desk?.close();
  await sink?.close();
});

const call: InvitationCall = {
  uid: '9d7e5c3a-1b2f-4e6d-8c0a-3f5e7d9b1c2e',
  sequence: 0,
  start: new Date('2026-03-27T14:00:00Z'),
  end: new Date('2026-03-27T14:30:00Z'),
  summary: 'Support call: #42 Checkout is slow — Zürich',
  description: 'Join: https://meet.example/pf-7Qx2\nTicket: https://desk.example/tickets/42\nHost: Ana Silva',
  videoUrl: 'https://meet.example/pf-7Qx2',
  ticketUrl: 'https://desk.example/tickets/42',
  organizer: { name: 'Ana Silva', email: 'support@desk.example' },
  host: { name: 'Ana Silva', email: 'ana@desk.example' },
  attendees: [{ name: 'Lena Novak', email: 'lena@acme.example' }],
  stamp: new Date('2026-03-20T09:15:00Z'),
};

async function send(method: 'REQUEST' | 'CANCEL', ics: string, subject: string) {
  const before = sink.received.length;
  const queued = await queueMail(desk.deps, {
    purpose: 'call-invitation',
    to: ['lena@acme.example'],
    subject,
    text: `${subject}\nJoin: https://meet.example/pf-7Qx2`,
    html: `<p>${subject}</p>`,
    automatic: 'auto-generated',
    calendar: { method, content: ics },
  });
  await worker.drain();
  const mail = (await sink.waitFor(before + 1))[before] as ParsedMail;
  return { mail, row: await outboxRow(queued?.id) };
}

async function outboxRow(id: string | undefined) {
  return (await listOutboundMail(desk.deps.db, undefined, 50)).find((r) => r.id === id);
}

function contentType(part: Attachment) {
  return part.headers.get('content-type') as { value: string; params: Record<string, string> };
}

function parseIcs(content: Buffer) {
  const calendar = new ICAL.Component(ICAL.parse(content.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent');
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event?.getFirstPropertyValue('uid'),
    sequence: event?.getFirstPropertyValue('sequence'),
    status: event?.getFirstPropertyValue('status'),
    summary: event?.getFirstPropertyValue('summary'),
  };
}

describe('a mail carrying a call invitation', () => {
  it('arrives with a text/calendar part of its method beside the text, and as invite.ics', async () => {
    const request = invitationIcs(call, 'REQUEST');
    const { mail, row } = await send('REQUEST', request, 'Support call booked: Fri 27 Mar 14:00 UTC');
    expect((mail.to as AddressObject).text).toBe('lena@acme.example');
    expect((mail.headers.get('content-type') as { value: string }).value).toBe('multipart/mixed');
    expect(mail.text).toContain('Join: https://meet.example/pf-7Qx2');
    expect(mail.html).toContain('<p>Support call booked');

    // the alternative a client shows as an invitation: text/calendar with method= (RFC 6047 §2.4)
    const [alternative, file, ...rest] = mail.attachments;
    expect(rest).toHaveLength(0);
    if (!alternative || !file) throw new Error('calendar parts missing');
    expect(contentType(alternative)).toEqual({
      value: 'text/calendar',
      params: { charset: 'utf-8', method: 'REQUEST' },
    });
    expect(alternative.headers.has('content-disposition')).toBe(false); // a body part, not a file
    expect(alternative.content.toString('utf8')).toBe(request);
    expect(parseIcs(alternative.content)).toEqual({
      method: 'REQUEST',
      uid: call.uid,
      sequence: 0,
      status: 'CONFIRMED',
      summary: 'Support call: #42 Checkout is slow — Zürich',
    });
    // the same data as a file, for clients that read only attachments
    expect(file.filename).toBe('invite.ics');
    expect(file.contentDisposition).toBe('attachment');
    expect(file.content.toString('utf8')).toBe(request);

    expect(row).toMatchObject({ state: 'sent', calendar: { method: 'REQUEST', content: request } });
  });

  it('carries a CANCEL of the same UID as method=CANCEL', async () => {
    const cancel = invitationIcs({ ...call, sequence: 1, stamp: new Date('2026-03-21T10:00:00Z') }, 'CANCEL');
    const { mail } = await send('CANCEL', cancel, 'Support call cancelled: Fri 27 Mar 14:00 UTC');
    const alternative = mail.attachments.find((a) => a.contentType === 'text/calendar');
    if (!alternative) throw new Error('no text/calendar part');
    expect(contentType(alternative).params.method).toBe('CANCEL');
    expect(parseIcs(alternative.content)).toEqual({
      method: 'CANCEL',
      uid: call.uid,
      sequence: 1,
      status: 'CANCELLED',
      summary: 'Support call: #42 Checkout is slow — Zürich',
    });
    const file = mail.attachments.find((a) => a.filename === 'invite.ics');
    expect(file && parseIcs(file.content).uid).toBe(call.uid);
  });

  it('sends a mail without a calendar as before: no calendar part', async () => {
    const before = sink.received.length;
    const queued = await queueMail(desk.deps, {
      purpose: 'notice',
      to: ['lena@acme.example'],
      subject: 'No invitation here',
      text: 'plain',
    });
    await worker.drain();
    const mail = (await sink.waitFor(before + 1))[before] as ParsedMail;
    expect(mail.attachments).toHaveLength(0);
    expect(await outboxRow(queued?.id)).toMatchObject({ state: 'sent', calendar: null });
  });
});
