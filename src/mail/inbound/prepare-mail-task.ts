import { AppError } from '../../platform/errors.js';
import { refusingTask } from '../../platform/task-pool.js';
import { type PreparedMail, type PrepareOptions, prepareMail } from './prepare-mail.js';

/** The worker thread's task (see prepare-mail.ts); Buffers cross the thread as plain Uint8Arrays. */
export default refusingTask(
  (input: { raw: Uint8Array; options: PrepareOptions }): Promise<PreparedMail> =>
    prepareMail(Buffer.from(input.raw.buffer, input.raw.byteOffset, input.raw.byteLength), input.options),
  // the MIME splitter's own limits (a header block past 1 MB, too many parts) refuse the mail: no fault of the desk
  (err) =>
    (err as { code?: unknown }).code === 'EMAXLEN'
      ? new AppError('MAIL_TOO_COMPLEX', `${(err as Error).message}.`)
      : undefined,
);
