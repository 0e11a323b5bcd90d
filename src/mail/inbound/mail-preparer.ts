import { createTaskPool, type TaskPool } from '../../platform/task-pool.js';
import type { PreparedMail, PrepareOptions } from './prepare-mail.js';

// One thread prepares inbound mail (see prepare-mail.ts) beside the event loop; the jobs that feed
// it are few at a time, so a short queue is plenty and anything past it retries later.

export const PREPARE_TIMEOUT_MS = 30_000;

export interface MailPreparer {
  prepare(raw: Buffer, options: PrepareOptions): Promise<PreparedMail>;
  close(): Promise<void>;
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export function createMailPreparer(): MailPreparer {
  let pool: TaskPool<{ raw: Uint8Array; options: PrepareOptions }, PreparedMail> | undefined;
  return {
    async prepare(raw, options) {
      // started on first use: a desk that receives no mail runs no extra thread
      pool ??= createTaskPool({
        file: new URL('./prepare-mail-task.js', import.meta.url),
        threads: 1,
        maxQueue: 64,
        timeoutCode: 'MAIL_TOO_COMPLEX',
      });
      const prepared = await pool.run({ raw, options }, { timeoutMs: PREPARE_TIMEOUT_MS });
      for (const part of prepared.mail.attachments) part.content = asBuffer(part.content);
      for (const part of prepared.body.attachments) part.content = asBuffer(part.content);
      return prepared;
    },
    async close() {
      await pool?.close();
      pool = undefined;
    },
  };
}
