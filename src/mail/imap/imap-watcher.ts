import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { ImapFlow } from 'imapflow';
import type { Deps } from '../../deps.js';
import { storableError } from '../../platform/errors.js';
import { findMailbox, leaseMailbox, listMailboxRows, recordMailboxPoll, releaseMailbox } from './mailbox-store.js';
import { imapClient, pollMailbox } from './poll-mailbox.js';

const LEASE_MS = 90_000;
const REFRESH_MS = 30_000;

/**
 * Keeps each enabled mailbox open, polling whenever the server pushes new mail (IDLE) and every
 * IMAP_POLL_SECONDS in case it does not. Runs in every process that runs jobs; a lease in the
 * database makes sure exactly one of them watches each mailbox, and another takes over if it dies.
 */
export class ImapWatcher {
  private readonly holder = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly watched = new Map<string, { stop(): Promise<void> }>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly deps: Deps) {}

  start(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.all([...this.watched.values()].map((w) => w.stop()));
    this.watched.clear();
  }

  private async refresh(): Promise<void> {
    if (this.stopped) return;
    try {
      const mailboxes = await listMailboxRows(this.deps.db);
      for (const mailbox of mailboxes) {
        if (!mailbox.enabled || this.watched.has(mailbox.id)) continue;
        const now = this.deps.clock.now();
        if (!(await leaseMailbox(this.deps.db, mailbox.id, this.holder, now, new Date(now.getTime() + LEASE_MS))))
          continue;
        this.watched.set(mailbox.id, this.watch(mailbox.id));
      }
      for (const [id, watch] of this.watched) {
        if (!mailboxes.some((m) => m.id === id && m.enabled)) {
          this.watched.delete(id);
          await watch.stop();
        }
      }
    } catch (err) {
      this.deps.log.warn({ err }, 'could not refresh the IMAP mailboxes');
    }
  }

  private watch(id: string): { stop(): Promise<void> } {
    const log = this.deps.log.child({ component: 'imap', mailbox: id });
    let client: ImapFlow | undefined;
    let running = true;
    let wake: (() => void) | undefined;
    const loop = (async () => {
      let backoffMs = 1_000;
      while (running) {
        const mailbox = await findMailbox(this.deps.db, id).catch(() => undefined);
        const now = this.deps.clock.now();
        if (
          !mailbox?.enabled ||
          !(await leaseMailbox(this.deps.db, id, this.holder, now, new Date(now.getTime() + LEASE_MS)))
        )
          break;
        try {
          client = await imapClient(this.deps, mailbox);
          client.on('error', (err) => log.warn({ err }, 'IMAP connection error'));
          client.on('exists', () => wake?.());
          await client.connect();
          backoffMs = 1_000;
          while (running && client.usable) {
            const current = (await findMailbox(this.deps.db, id)) ?? mailbox;
            const result = await pollMailbox(this.deps, client, current);
            if (result.stored > 0) log.info({ stored: result.stored }, 'mail fetched');
            const renewedAt = this.deps.clock.now();
            if (
              !(await leaseMailbox(this.deps.db, id, this.holder, renewedAt, new Date(renewedAt.getTime() + LEASE_MS)))
            ) {
              running = false;
              break;
            }
            // IDLE until the server says something arrived, or the fallback poll is due
            await this.idle(client, current.folder, this.deps.config.imapPollSeconds * 1000, (fn) => {
              wake = fn;
            });
          }
        } catch (err) {
          log.warn({ err, retryInMs: backoffMs }, 'IMAP mailbox failed; retrying');
          await recordMailboxPoll(this.deps.db, id, { error: storableError(err), at: this.deps.clock.now() }).catch(
            () => {},
          );
          await new Promise((resolve) => {
            const timer = setTimeout(resolve, backoffMs);
            wake = () => {
              clearTimeout(timer);
              resolve(undefined);
            };
          });
          backoffMs = Math.min(backoffMs * 2, 5 * 60_000);
        } finally {
          await client?.logout().catch(() => client?.close());
          client = undefined;
        }
      }
      await releaseMailbox(this.deps.db, id, this.holder).catch(() => {});
    })();
    return {
      stop: async () => {
        running = false;
        wake?.();
        client?.close();
        await loop;
      },
    };
  }

  private async idle(client: ImapFlow, folder: string, maxMs: number, onWake: (fn: () => void) => void): Promise<void> {
    const lock = await client.getMailboxLock(folder);
    try {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, maxMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        onWake(done);
        // imapflow IDLEs by itself while a mailbox is selected and nothing else is asked
        if (!client.idling) void client.idle().catch(() => done());
      });
    } finally {
      lock.release();
    }
  }
}
