import { type PreparedMail, type PrepareOptions, prepareMail } from './prepare-mail.js';

/** The worker thread's task (see prepare-mail.ts); Buffers cross the thread as plain Uint8Arrays. */
export default function prepareMailTask(input: { raw: Uint8Array; options: PrepareOptions }): Promise<PreparedMail> {
  return prepareMail(Buffer.from(input.raw.buffer, input.raw.byteOffset, input.raw.byteLength), input.options);
}
