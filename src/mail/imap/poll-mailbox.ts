import type { ImapFlow } from 'imapflow';
import type { Deps } from '../../deps.js';
import { storableError } from '../../platform/errors.js';
import { storeInbound } from '../inbound/store-inbound.js';
import { type MailboxRow, recordMailboxPoll } from './mailbox-store.js';

/** An IMAP client for a mailbox; the library loads only on a desk that has mailboxes (it is large). */
export async function imapClient(
  deps: Deps,
  mailbox: Pick<MailboxRow, 'host' | 'port' | 'secure' | 'username' | 'passwordEncrypted'>,
): Promise<ImapFlow> {
  const { ImapFlow } = await import('imapflow');
  return new ImapFlow({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.secure,
    auth: { user: mailbox.username, pass: deps.secret.decrypt(mailbox.passwordEncrypted) },
    logger: false,
    connectionTimeout: 30_000,
  });
}

export interface PollResult {
  stored: number;
  duplicates: number;
  skipped: string[];
}

/**
 * Fetches what is new in a mailbox, by UID. Each message is stored first, then marked \Seen (or
 * moved), then the cursor advances: a crash in between fetches it again, and storage de-duplicates.
 * A changed UIDVALIDITY means the server renumbered: everything is read again, and de-duplicated.
 */
export async function pollMailbox(deps: Deps, client: ImapFlow, mailbox: MailboxRow): Promise<PollResult> {
  const result: PollResult = { stored: 0, duplicates: 0, skipped: [] };
  const lock = await client.getMailboxLock(mailbox.folder);
  try {
    const status = client.mailbox;
    if (!status) throw new Error(`cannot open ${mailbox.folder}`);
    const uidValidity = Number(status.uidValidity);
    let lastUid = mailbox.uidValidity === uidValidity ? mailbox.lastUid : 0;
    if (status.exists === 0) {
      await recordMailboxPoll(deps.db, mailbox.id, { uidValidity, lastUid, error: null, at: deps.clock.now() });
      return result;
    }
    // sizes first: an oversize message stays on the server instead of being downloaded
    const fresh: { uid: number; size: number }[] = [];
    for await (const message of client.fetch(`${lastUid + 1}:*`, { uid: true, size: true }, { uid: true })) {
      if (message.uid > lastUid) fresh.push({ uid: message.uid, size: message.size ?? 0 });
    }
    for (const { uid, size } of fresh.sort((a, b) => a.uid - b.uid)) {
      if (size > deps.config.mailMaxBytes) {
        result.skipped.push(
          `UID ${uid} is ${(size / 1048576).toFixed(1)} MB, over the ${deps.config.mailMaxBytes / 1048576} MB limit; left on the server`,
        );
      } else {
        const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        const source = message ? message.source : undefined;
        if (!source) throw new Error(`UID ${uid} vanished while reading it`);
        const stored = await storeInbound(deps, source, { source: 'imap', mailboxId: mailbox.id });
        if (stored.duplicate) result.duplicates++;
        else result.stored++;
        if (mailbox.afterStore === 'move' && mailbox.moveTo)
          await client.messageMove(String(uid), mailbox.moveTo, { uid: true });
        else await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      }
      lastUid = uid;
      await recordMailboxPoll(deps.db, mailbox.id, {
        uidValidity,
        lastUid,
        error: result.skipped.at(-1) ?? null,
        at: deps.clock.now(),
      });
    }
    await recordMailboxPoll(deps.db, mailbox.id, {
      uidValidity,
      lastUid,
      error: result.skipped.join('; ') || null,
      at: deps.clock.now(),
    });
    return result;
  } finally {
    lock.release();
  }
}

/** One connection, one poll, done: for "poll now" and for workers without a watcher. */
export async function pollMailboxOnce(deps: Deps, mailbox: MailboxRow): Promise<PollResult> {
  const client = await imapClient(deps, mailbox);
  try {
    await client.connect();
    return await pollMailbox(deps, client, mailbox);
  } catch (err) {
    await recordMailboxPoll(deps.db, mailbox.id, { error: storableError(err), at: deps.clock.now() });
    throw err;
  } finally {
    await client.logout().catch(() => client.close());
  }
}
