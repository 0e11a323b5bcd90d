import type { AddressObject, ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { type SmtpSink, startSmtpSink } from '../../test/helpers/smtp-sink.js';
import { FakeClock, MINUTE_MS } from '../platform/clock.js';
import { Worker } from '../platform/jobs/worker.js';
import { JOB_DEFINITIONS, SCHEDULES } from '../runtime.js';
import { listOutboundMail } from './outbox-store.js';
import { createSmtpTransport } from './transports/smtp.js';

let sink: SmtpSink;
let desk: TestDesk;
const clock = new FakeClock('2026-11-27T10:00:00Z');
beforeAll(async () => {
  sink = await startSmtpSink();
  desk = await createTestDesk({ clock }); // no OUTBOUND_SMTP_URL: mail waits in the outbox
});
afterAll(async () => {
  await desk?.close();
  await sink?.close();
});

function workerWith(transport: ReturnType<typeof createSmtpTransport> | undefined) {
  const deps = { ...desk.deps, mailTransport: transport };
  return new Worker({
    db: deps.db,
    clock,
    log: deps.log,
    deps,
    definitions: JOB_DEFINITIONS as never,
    schedules: SCHEDULES,
    enqueue: deps.enqueue,
    concurrency: 2,
    pollMs: 10,
  });
}

describe('the outbox', () => {
  it('keeps mail while no transport is set, sends it once one is, and retries a refusal', async () => {
    const agent = await desk.agentToken();
    const opened = await desk.as(agent, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: {
        subject: 'Runner stuck',
        body: 'phoned in',
        requesterEmail: 'ops@customer.example',
        ccEmails: ['cto@customer.example'],
        // recorded, not mailed: the one mail this test follows is the reply below
        notify: false,
      },
    });
    const number = opened.json().number;
    await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/messages`,
      payload: { body: 'Unlock the runner.' },
    });
    await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/messages`,
      payload: { body: 'secret note', internal: true },
    });

    await workerWith(undefined).drain();
    let outbox = await listOutboundMail(desk.deps.db, undefined, 10);
    expect(outbox.map((m) => m.state)).toEqual(['queued']); // one mail: the public reply, never the note
    expect(sink.received).toHaveLength(0);

    // the transport is configured; the first attempt is refused, the next one goes through
    sink.failNext = 1;
    const worker = workerWith(createSmtpTransport(sink.url));
    clock.advance(MINUTE_MS); // the outbox sweep is due
    await worker.drain();
    outbox = await listOutboundMail(desk.deps.db, undefined, 10);
    expect(outbox[0]).toMatchObject({ state: 'queued', attempts: 1 });
    expect(outbox[0]?.lastError).toContain('try again later');
    clock.advance(10 * MINUTE_MS);
    await worker.drain();
    const mail = (await sink.waitFor(1))[0] as ParsedMail;
    expect(sink.received).toHaveLength(1);
    expect(mail.subject).toBe(`[#${number}] Runner stuck`);
    expect(mail.text).toContain('Unlock the runner.');
    expect(mail.text).not.toContain('secret note');
    expect((mail.to as AddressObject).text).toBe('ops@customer.example');
    expect((mail.cc as AddressObject).text).toBe('cto@customer.example');
    expect(mail.messageId).toMatch(/^<.+@localhost>$/);
    expect(mail.headers.get('auto-submitted')).toBeUndefined(); // a person wrote it
    outbox = await listOutboundMail(desk.deps.db, undefined, 10);
    expect(outbox[0]).toMatchObject({ state: 'sent', attempts: 2 });

    // sent is sent: later sweeps do not send it again
    clock.advance(10 * MINUTE_MS);
    await worker.drain();
    expect(sink.received).toHaveLength(1);
  });
});
