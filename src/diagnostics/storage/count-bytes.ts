import { type Readable, Transform } from 'node:stream';
import { AppError } from '../../platform/errors.js';

/**
 * The source's bytes, failing with BUNDLE_TOO_LARGE past maxBytes. The source is piped, not
 * pipelined: refusing must not destroy it, so that an HTTP route can still answer 413 on its socket.
 * A source that fails or closes before its end fails the copy too. Call it before any await, so
 * that no error of the source goes unheard.
 */
export function countBytes(source: Readable, maxBytes: number): { stream: Transform; size(): number } {
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) {
        source.unpipe(stream);
        callback(new AppError('BUNDLE_TOO_LARGE', `The bundle is larger than ${maxBytes} bytes.`));
        return;
      }
      callback(null, chunk);
    },
  });
  // the consumer hears errors through its pipeline, which may be attached only after an await
  stream.on('error', () => {});
  let ended = false;
  source.once('end', () => {
    ended = true;
  });
  source.once('error', (err) => stream.destroy(err));
  source.once('close', () => {
    if (!ended && !stream.destroyed) stream.destroy(new Error('The upload stopped before its end.'));
  });
  source.pipe(stream);
  return { stream, size: () => size };
}
