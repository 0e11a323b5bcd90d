import net from 'node:net';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../../test/helpers/build-app.js';
import { storeInbound } from '../inbound/store-inbound.js';
import { mailAddresses } from '../outbox.js';
import { startSmtpListener } from './smtp-listener.js';

let desk: TestDesk;
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
let failStore = false;
beforeAll(async () => {
  desk = await createTestDesk({
    env: { SUPPORT_ADDRESS: 'support@desk.example', SUPPORT_ADDRESSES: 'billing@desk.example' },
  });
  smtp = await startSmtpListener({
    port: 0,
    host: '127.0.0.1',
    maxBytes: 64 * 1024,
    maxClients: 20,
    maxClientsPerIp: 3,
    acceptsRecipient: (a) => mailAddresses(desk.deps).isOurs(a),
    store: (raw, envelope) => {
      if (failStore) return Promise.reject(new Error('database is down'));
      return storeInbound(desk.deps, raw, { source: 'smtp', envelopeFrom: envelope.from, envelopeTo: envelope.to });
    },
    log: desk.deps.log,
  });
});
afterAll(async () => {
  await smtp?.close();
  await desk?.close();
});

const transport = () =>
  nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });

async function inbound() {
  return (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/mail/inbound?limit=100' })).json().items as {
    id: number;
    rfcMessageId: string;
    envelopeTo: string[];
    state: string;
  }[];
}

describe('the SMTP listener', () => {
  it('accepts mail for our addresses and their +tags, and stores it before saying 250', async () => {
    const info = await transport().sendMail({
      from: 'lena@acme.example',
      to: ['support@desk.example', 'support+t1-0000000000@desk.example', 'billing@desk.example'],
      subject: 'Over SMTP',
      text: 'Hello over real SMTP.',
      messageId: '<smtp-1@acme.example>',
    });
    expect(info.response).toMatch(/^250 2\.0\.0 Stored as \d+/);
    const stored = (await inbound()).find((m) => m.rfcMessageId === '<smtp-1@acme.example>');
    expect(stored?.envelopeTo.sort()).toEqual([
      'billing@desk.example',
      'support+t1-0000000000@desk.example',
      'support@desk.example',
    ]);
    await desk.runtime.createWorker().drain();
    const after = (await inbound()).find((m) => m.rfcMessageId === '<smtp-1@acme.example>');
    expect(after?.state).toBe('processed');
  });

  it('refuses other recipients at RCPT time', async () => {
    await expect(
      transport().sendMail({ from: 'lena@acme.example', to: 'ceo@desk.example', subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });

  it('refuses mail over the size limit with 552', async () => {
    await expect(
      transport().sendMail({
        from: 'lena@acme.example',
        to: 'support@desk.example',
        subject: 'big',
        text: 'x'.repeat(100 * 1024),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
  });

  it('answers 451 when it cannot store, so the sender keeps the message and retries', async () => {
    failStore = true;
    try {
      await expect(
        transport().sendMail({ from: 'lena@acme.example', to: 'support@desk.example', subject: 'later', text: 'x' }),
      ).rejects.toMatchObject({ responseCode: 451 });
    } finally {
      failStore = false;
    }
  });

  it('a second delivery of the same message is acknowledged and stored once', async () => {
    const mail = {
      from: 'lena@acme.example',
      to: 'support@desk.example',
      subject: 'twice',
      text: 'x',
      messageId: '<twice@acme.example>',
    };
    await transport().sendMail(mail);
    const second = await transport().sendMail(mail);
    expect(second.response).toContain('seen before');
    expect((await inbound()).filter((m) => m.rfcMessageId === '<twice@acme.example>')).toHaveLength(1);
  });

  it('holds at most three connections from one address: the fourth hears 421 and may try later', async () => {
    const greeting = (socket: net.Socket) =>
      new Promise<string>((resolve) => socket.once('data', (d) => resolve(d.toString())));
    const open = async () => {
      const socket = net.createConnection(smtp.port, '127.0.0.1');
      return { socket, first: await greeting(socket) };
    };
    const held = [await open(), await open(), await open()];
    expect(held.map((c) => c.first.slice(0, 3))).toEqual(['220', '220', '220']);
    const fourth = await open();
    expect(fourth.first).toMatch(/^421 /);
    // a freed place is taken again
    held[0]?.socket.end('QUIT\r\n');
    await new Promise((r) => held[0]?.socket.once('close', r));
    await new Promise((r) => setTimeout(r, 50));
    const again = await open();
    expect(again.first.slice(0, 3)).toBe('220');
    for (const c of [...held.slice(1), fourth, again]) c.socket.destroy();
  });

  it('a bare-LF dot does not end the message (no SMTP smuggling)', async () => {
    const socket = net.createConnection(smtp.port, '127.0.0.1');
    const replies: string[] = [];
    const greeted = new Promise((r) => socket.once('data', r)); // speaking before the banner is refused
    socket.on('data', (d) => replies.push(d.toString()));
    const say = async (line: string) => {
      socket.write(line);
      await new Promise((r) => setTimeout(r, 60));
    };
    await greeted;
    await say('EHLO tester\r\n');
    await say('MAIL FROM:<lena@acme.example>\r\n');
    await say('RCPT TO:<support@desk.example>\r\n');
    await say('DATA\r\n');
    await say(
      'From: lena@acme.example\r\nSubject: smuggle\r\nMessage-ID: <smuggle@acme.example>\r\n\r\nfirst\n.\nMAIL FROM:<evil@example.com>\r\nstill the body\r\n.\r\n',
    );
    await say('QUIT\r\n');
    socket.end();
    const stored = (await inbound()).filter((m) => m.rfcMessageId === '<smuggle@acme.example>');
    expect(stored).toHaveLength(1);
    const raw = (await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/mail/inbound/${stored[0]?.id}/raw` }))
      .body;
    expect(raw).toContain('still the body');
    expect(replies.join('').match(/^250 2\.0\.0 Stored/gm)).toHaveLength(1);
  });
});
