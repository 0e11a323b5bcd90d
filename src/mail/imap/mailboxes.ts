import { recordEvent } from '../../audit/index.js';
import { type Actor, requireAgent } from '../../auth/actor.js';
import { type Deps, inTransaction } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import {
  deleteMailbox,
  findMailbox,
  findMailboxByName,
  insertMailbox,
  listMailboxRows,
  type MailboxRow,
} from './mailbox-store.js';
import { imapClient, pollMailboxOnce } from './poll-mailbox.js';

export interface MailboxInput {
  name: string;
  host: string;
  port?: number;
  secure?: boolean;
  username: string;
  password: string;
  folder?: string;
  afterStore?: 'seen' | 'move';
  moveTo?: string;
  /** false skips the sign-in test (a server that is down for maintenance) */
  verify?: boolean;
}

export function presentMailbox(row: MailboxRow) {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    secure: row.secure,
    username: row.username,
    folder: row.folder,
    afterStore: row.afterStore,
    moveTo: row.moveTo,
    enabled: row.enabled,
    lastUid: row.lastUid,
    lastPolledAt: row.lastPolledAt?.toISOString() ?? null,
    lastError: row.lastError,
    watchedBy: row.lockedUntil && row.lockedUntil > new Date() ? row.lockedBy : null,
  };
}

/** Adds an IMAP mailbox after signing in to it once; the password is stored encrypted. */
export async function addMailbox(deps: Deps, actor: Actor, input: MailboxInput) {
  requireAgent(actor, 'admin');
  if (input.afterStore === 'move' && !input.moveTo) {
    throw new AppError('VALIDATION_FAILED', 'afterStore "move" needs moveTo, the folder to move stored mail to.');
  }
  const secure = input.secure ?? true;
  const candidate = {
    host: input.host,
    port: input.port ?? (secure ? 993 : 143),
    secure,
    username: input.username,
    passwordEncrypted: deps.secret.encrypt(input.password),
  };
  if (input.verify !== false) {
    const client = await imapClient(deps, candidate);
    try {
      await client.connect();
      const lock = await client.getMailboxLock(input.folder ?? 'INBOX');
      lock.release();
    } catch (err) {
      const reason = (err as { responseText?: string }).responseText ?? (err as Error).message;
      throw new AppError(
        'MAILBOX_UNREACHABLE',
        `Could not sign in to ${input.host}:${candidate.port} as ${input.username}: ${reason}`,
      );
    } finally {
      await client.logout().catch(() => client.close());
    }
  }
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const row = await insertMailbox(tx.db, {
      name: input.name.trim(),
      ...candidate,
      folder: input.folder ?? 'INBOX',
      afterStore: input.afterStore ?? 'seen',
      moveTo: input.moveTo ?? null,
      enabled: true,
      lastUid: 0,
      createdAt: now,
    });
    if (!row) throw new AppError('ALREADY_EXISTS', `A mailbox named "${input.name}" already exists.`);
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'mailbox.added',
      entityType: 'mailbox',
      entityId: row.id,
      data: { name: row.name, host: row.host, username: row.username },
    });
    return presentMailbox(row);
  });
}

export async function listMailboxes(deps: Deps, actor: Actor) {
  requireAgent(actor, 'admin');
  return (await listMailboxRows(deps.db)).map(presentMailbox);
}

async function resolveMailbox(deps: Deps, ref: string) {
  const row = /^[0-9a-f-]{36}$/i.test(ref) ? await findMailbox(deps.db, ref) : await findMailboxByName(deps.db, ref);
  if (!row) throw new AppError('NOT_FOUND', `No mailbox ${ref}.`);
  return row;
}

export async function removeMailbox(deps: Deps, actor: Actor, ref: string) {
  requireAgent(actor, 'admin');
  const row = await resolveMailbox(deps, ref);
  await inTransaction(deps, async (tx) => {
    await deleteMailbox(tx.db, row.id);
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'mailbox.removed',
      entityType: 'mailbox',
      entityId: row.id,
      data: { name: row.name },
    });
  });
}

/** Fetches new mail now, whatever the watcher is doing (storage de-duplicates). */
export async function pollMailboxNow(deps: Deps, actor: Actor, ref: string) {
  requireAgent(actor, 'admin');
  const row = await resolveMailbox(deps, ref);
  try {
    return await pollMailboxOnce(deps, row);
  } catch (err) {
    throw new AppError('MAILBOX_UNREACHABLE', `Could not read ${row.name}: ${(err as Error).message}`);
  }
}
