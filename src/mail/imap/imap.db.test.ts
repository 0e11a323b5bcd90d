import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../../test/helpers/build-app.js';
import { type Dovecot, dovecotUnavailable, startDovecot } from '../../../test/helpers/dovecot.js';
import { missingComponent } from '../../../test/helpers/real-component.js';
import { ImapWatcher } from './imap-watcher.js';

const skip = missingComponent('Dovecot (IMAP)', dovecotUnavailable());

describe.skipIf(skip)('IMAP mailboxes against Dovecot', () => {
  let dovecot: Dovecot;
  let desk: TestDesk;
  let client: ImapFlow;
  let mailboxId: string;

  beforeAll(async () => {
    dovecot = await startDovecot();
    desk = await createTestDesk({ env: { SUPPORT_ADDRESS: 'support@desk.example', IMAP_POLL_SECONDS: '5' } });
    client = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await client.connect();
    await client.mailboxCreate('Processed');
  });
  afterAll(async () => {
    await client?.logout().catch(() => {});
    await desk?.close();
    await dovecot?.stop();
  });

  const message = (id: string, subject: string) =>
    `From: Lena <lena@acme.example>\r\nTo: support@desk.example\r\nSubject: ${subject}\r\nMessage-ID: <${id}@acme.example>\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\n\r\n${subject}, by IMAP.\r\n`;

  async function seenFlags() {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const flags: Record<string, boolean> = {};
      for await (const m of client.fetch('1:*', { envelope: true, flags: true })) {
        flags[m.envelope?.messageId ?? ''] = m.flags?.has('\\Seen') ?? false;
      }
      return flags;
    } finally {
      lock.release();
    }
  }

  it('refuses a mailbox it cannot sign in to, saying why', async () => {
    const res = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/mail/mailboxes',
      payload: {
        name: 'wrong',
        host: '127.0.0.1',
        port: dovecot.port,
        secure: false,
        username: 'support',
        password: 'wrong',
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('MAILBOX_UNREACHABLE');
  });

  it('reads new mail into tickets and marks it read on the server only once it is stored', async () => {
    await client.append('INBOX', message('imap-1', 'Runner stuck'));
    await client.append('INBOX', message('imap-2', 'Backup fails'));
    const added = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/mail/mailboxes',
      payload: {
        name: 'support inbox',
        host: '127.0.0.1',
        port: dovecot.port,
        secure: false,
        username: dovecot.user,
        password: dovecot.password,
      },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.body).not.toContain(dovecot.password);
    mailboxId = added.json().id;
    const polled = await desk.as(desk.adminToken, { method: 'POST', url: `/api/v1/mail/mailboxes/${mailboxId}/poll` });
    expect(polled.json()).toEqual({ stored: 2, duplicates: 0, skipped: [] });
    expect(await seenFlags()).toEqual({ '<imap-1@acme.example>': true, '<imap-2@acme.example>': true });
    await desk.runtime.createWorker().drain();
    const tickets = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/tickets' })).json().items;
    expect(tickets.map((t: { subject: string }) => t.subject).sort()).toEqual(['Backup fails', 'Runner stuck']);

    // nothing new: nothing read twice
    const again = await desk.as(desk.adminToken, { method: 'POST', url: `/api/v1/mail/mailboxes/${mailboxId}/poll` });
    expect(again.json()).toEqual({ stored: 0, duplicates: 0, skipped: [] });
  });

  it('picks up new mail by itself as the server announces it (IDLE)', async () => {
    const watcher = new ImapWatcher(desk.deps);
    watcher.start();
    try {
      await new Promise((r) => setTimeout(r, 1500)); // connected and idling
      await client.append('INBOX', message('imap-3', 'Geo lag'));
      const deadline = Date.now() + 4000; // sooner than the 5 s fallback poll
      let found = false;
      while (!found && Date.now() < deadline) {
        const inbound = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/mail/inbound' })).json().items;
        found = inbound.some((i: { rfcMessageId: string }) => i.rfcMessageId === '<imap-3@acme.example>');
        if (!found) await new Promise((r) => setTimeout(r, 100));
      }
      expect(found).toBe(true);
      const listed = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/mail/mailboxes' })).json().items;
      expect(listed[0]).toMatchObject({ name: 'support inbox', lastError: null });
    } finally {
      await watcher.stop();
    }
  });

  it('can move stored mail to a folder instead of marking it read', async () => {
    await desk.as(desk.adminToken, { method: 'DELETE', url: `/api/v1/mail/mailboxes/${mailboxId}` });
    const added = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/mail/mailboxes',
      payload: {
        name: 'moving inbox',
        host: '127.0.0.1',
        port: dovecot.port,
        secure: false,
        username: dovecot.user,
        password: dovecot.password,
        afterStore: 'move',
        moveTo: 'Processed',
      },
    });
    await client.append('INBOX', message('imap-4', 'Moved along'));
    const polled = await desk.as(desk.adminToken, {
      method: 'POST',
      url: `/api/v1/mail/mailboxes/${added.json().id}/poll`,
    });
    // the earlier three are already stored: de-duplicated, and moved too
    expect(polled.json()).toMatchObject({ stored: 1, duplicates: 3 });
    // a fresh session sees the server as it is now
    const check = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await check.connect();
    try {
      expect(await check.status('INBOX', { messages: true })).toMatchObject({ messages: 0 });
      expect(await check.status('Processed', { messages: true })).toMatchObject({ messages: 4 });
    } finally {
      await check.logout();
    }
  });
});
