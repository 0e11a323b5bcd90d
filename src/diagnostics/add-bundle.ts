import type { Readable } from 'node:stream';
import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { createBundle } from './create-bundle.js';
import { rawBodyCap } from './get-bundle.js';
import { presentBundle } from './present-bundle.js';
import { claimUpload } from './upload-server.js';

// The two ways a bundle reaches a ticket over HTTP: a finished resumable upload claimed by its id, or a raw
// body for scripts and small files, streamed into the storage as it arrives.

/** POST /api/v1/tickets/{n}/bundles {uploadId}: the finished tus upload becomes the ticket's bundle. */
export async function attachUpload(deps: Deps, actor: Actor, ticketNumber: number, uploadId: string) {
  const row = await createBundle(deps, actor, ticketNumber, {
    source: 'upload',
    // the name comes with the upload's metadata
    put: (key) => claimUpload(deps, actor, uploadId, key),
  });
  return presentBundle(deps.config, actor, row);
}

/** POST /api/v1/tickets/{n}/bundles with a raw body and ?filename: at most 100 MB, never whole in memory. */
export async function addRawBundle(
  deps: Deps,
  actor: Actor,
  ticketNumber: number,
  input: { filename: string; contentType: string; contentLength: number | undefined; body: Readable },
) {
  const cap = rawBodyCap(deps.config);
  if (input.contentLength !== undefined && input.contentLength > cap) {
    throw new AppError(
      'BUNDLE_TOO_LARGE',
      `A raw body may be ${Math.floor(cap / 1024 ** 2)} MB at most; send larger bundles by the resumable upload (/api/v1/uploads).`,
    );
  }
  const row = await createBundle(deps, actor, ticketNumber, {
    filename: input.filename,
    contentType: input.contentType,
    source: 'api',
    declaredSize: input.contentLength ?? cap,
    put: (key) => deps.bundleStorage.putStream(key, input.body, cap),
  });
  return presentBundle(deps.config, actor, row);
}
