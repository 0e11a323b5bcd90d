import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { FileStore } from '@tus/file-store';
import type { MetadataValue, S3Store } from '@tus/s3-store';
import { MemoryKvStore, MemoryLocker, Server, type Upload } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, auditActor } from '../auth/actor.js';
import type { Config } from '../config.js';
import type { Deps } from '../deps.js';
import { AppError, ERROR_STATUS, type ErrorCode, isAppError } from '../platform/errors.js';
import { cleanFilename, refusedName } from './bundle-kind.js';
import { checkCustomerQuota, checkFreeSpace } from './space.js';
import type { DiskStorage } from './storage/disk-storage.js';
import { loadS3, s3ClientConfig } from './storage/s3-storage.js';

// Resumable uploads (tus 1.0.0) at /api/v1/uploads, for bundles of several GB: @tus/server over
// DATA_DIR/uploads, or over the S3 bucket of STORAGE_URL (under <prefix>uploads/). Fastify
// authenticates each request like any other route (bearer token, or session cookie + CSRF header on
// writes), then hands the raw request to tus. The owner is written into the upload's metadata by the
// server; only the owner may resume, see, delete or claim it. An upload lives until a bundle claims
// it (its bytes move into bundle storage) or the sweep removes it, a day after it last moved.

export const UPLOADS_PATH = '/api/v1/uploads';
/** an upload nobody finished or claimed is removed after this long */
export const UPLOAD_KEEP_MS = 24 * 60 * 60 * 1000;
const CREATIONS_PER_HOUR = 60;
const UPLOAD_ID = /^[0-9a-f]{32}$/;
const OWNER = 'owner';

type UploadStore = {
  /** the store's id of an upload is this plus the id in its URL */
  idPrefix: string;
  locker: MemoryLocker;
} & (
  | {
      kind: 'disk';
      datastore: FileStore;
      /** the folder of the uploads */
      directory: string;
    }
  | {
      kind: 's3';
      datastore: S3Store;
      /** our own client to the bucket (S3Store keeps its own to itself) */
      s3: {
        client: S3Client;
        bucket: string;
        cache: MemoryKvStore<MetadataValue>;
        sdk: Awaited<ReturnType<typeof loadS3>>;
      };
    }
);

// one store per desk configuration, shared by the HTTP server, claims and the sweep (and its locker
// with them: a claim waits for a PATCH in flight in this process)
const stores = new WeakMap<Config, Promise<UploadStore>>();

function uploadStoreFor(config: Config): Promise<UploadStore> {
  let store = stores.get(config);
  if (!store) {
    store = openUploadStore(config);
    stores.set(config, store);
    // a store that failed to open (a folder it could not make) is tried again with the next request
    store.catch(() => stores.delete(config));
  }
  return store;
}

async function openUploadStore(config: Config): Promise<UploadStore> {
  const locker = new MemoryLocker();
  if (config.storage.kind === 's3') {
    const setting = config.storage;
    const cache = new MemoryKvStore<MetadataValue>();
    // the SDKs load with the first upload to S3 (see loadS3)
    const [sdk, { S3Store }] = await Promise.all([loadS3(), import('@tus/s3-store')]);
    return {
      kind: 's3',
      idPrefix: `${setting.prefix}uploads/`,
      locker,
      s3: { client: new sdk.S3Client(s3ClientConfig(setting)), bucket: setting.bucket, cache, sdk },
      datastore: new S3Store({
        cache,
        partSize: 8 * 1024 * 1024,
        s3ClientConfig: { bucket: setting.bucket, ...s3ClientConfig(setting) },
      }),
    };
  }
  const directory = path.join(config.dataDir, 'uploads');
  // FileStore makes its folder too, but throws from a callback where nobody can catch it
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  return { kind: 'disk', idPrefix: '', locker, directory, datastore: new FileStore({ directory }) };
}

/** Who owns an upload, as written into its metadata: agent:<id>, token:<id>, contact:<id> or system. */
export function ownerOf(actor: Actor): string {
  const { kind, id } = auditActor(actor);
  return id ? `${kind}:${id}` : kind;
}

/** tus answers with the status and body of what a hook throws; ours say it as the API does */
function refusal(code: ErrorCode, message: string): { status_code: number; body: string } {
  return { status_code: ERROR_STATUS[code], body: JSON.stringify({ error: { code, message } }) };
}

/** a refusal of ours (AppError) as tus sends it; anything else is the server's fault */
function refusalOf(err: unknown): { status_code: number; body: string } {
  if (isAppError(err)) return refusal(err.code, err.message);
  throw err;
}

/**
 * Only a clear "no such upload" is one; an unreadable store must refuse the request, not let it through
 * as if the upload were nobody's.
 */
function isNotFound(err: unknown): boolean {
  const e = err as { status_code?: number; code?: string; name?: string; Code?: string } | undefined;
  return (
    e?.status_code === 404 ||
    // tus's FILE_NO_LONGER_EXISTS: its info is there, its bytes are not
    e?.status_code === 410 ||
    e?.code === 'ENOENT' ||
    e?.name === 'NoSuchKey' ||
    e?.Code === 'NoSuchKey'
  );
}

/** the upload, or undefined when it clearly is not there; any other failure throws */
async function findUpload(store: UploadStore, id: string): Promise<Upload | undefined> {
  try {
    return await store.datastore.getUpload(id);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Before bytes are promised to an upload: the disk's floor, and a customer's quota. */
async function checkRoomFor(deps: Deps, actor: Actor, bytes: number): Promise<void> {
  await checkFreeSpace(deps, bytes);
  await checkCustomerQuota(deps, actor, bytes);
}

const actors = new WeakMap<object, Actor>();

function actorOf(req: object): Actor {
  // srvx keeps the Node request that Fastify authenticated
  const node = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
  const actor = node && actors.get(node);
  // every route below is authenticated before tus sees the request; this is a wiring error
  if (!actor) throw refusal('UNAUTHENTICATED', 'Sign in, or send "Authorization: Bearer <token>".');
  return actor;
}

async function createTusServer(deps: Deps): Promise<Server> {
  const store = await uploadStoreFor(deps.config);
  const maxBytes = deps.config.bundleMaxBytes;
  const tooLarge = refusal(
    'BUNDLE_TOO_LARGE',
    `A bundle may have at most ${maxBytes} bytes (BUNDLE_MAX_BYTES); split the archive or ask an admin.`,
  );
  return new Server({
    path: UPLOADS_PATH,
    datastore: store.datastore,
    locker: store.locker,
    maxSize: maxBytes,
    // same-origin only, like the rest of the API (tus would answer any origin with *)
    allowedOrigins: [],
    // relative: right behind any proxy, and tus clients resolve it against the endpoint
    relativeLocation: true,
    namingFunction: () => `${store.idPrefix}${randomBytes(16).toString('hex')}`,
    generateUrl: (_req, { path: base, id }) => `${base}/${id.slice(store.idPrefix.length)}`,
    getFileIdFromRequest: (_req, lastPath) =>
      lastPath && UPLOAD_ID.test(lastPath) ? `${store.idPrefix}${lastPath}` : undefined,
    async onIncomingRequest(req, id) {
      const actor = actorOf(req);
      if (req.method === 'POST') return;
      let upload: Upload | undefined;
      try {
        upload = await findUpload(store, id);
      } catch (err) {
        deps.log.error({ err, uploadId: id }, 'could not read an upload');
        throw refusal('INTERNAL', 'The upload could not be read on the server; try again.');
      }
      // another actor's upload is not there at all, as far as this one can tell
      if (upload && upload.metadata?.[OWNER] !== ownerOf(actor)) {
        throw refusal('UPLOAD_NOT_FOUND', 'No such upload.');
      }
      if (req.method === 'PATCH' && upload && upload.size === undefined) {
        // a deferred length is declared with a PATCH: the same checks as a length given at creation; until
        // then, bytes sent may run up to BUNDLE_MAX_BYTES, and the disk must have room for that
        const declared = Number.parseInt(req.headers.get('upload-length') ?? '', 10);
        const check = Number.isSafeInteger(declared)
          ? checkRoomFor(deps, actor, declared)
          : checkFreeSpace(deps, Math.max(0, maxBytes - upload.offset));
        await check.catch((err) => {
          throw refusalOf(err);
        });
      }
    },
    async onUploadCreate(req, upload) {
      const actor = actorOf(req);
      const given = upload.metadata?.filename?.trim();
      if (!given) {
        throw refusal('VALIDATION_FAILED', 'Name the file: Upload-Metadata needs "filename".');
      }
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
      if (given.length > 255 || /[\u0000-\u001f/\\]/.test(given)) {
        throw refusal('VALIDATION_FAILED', 'The filename must be a plain file name of at most 255 characters.');
      }
      // invisible and direction-changing characters go (a name must read as what it is)
      const filename = cleanFilename(given);
      // a zip or a program is refused before its bytes are sent, not after (the claim checks the bytes)
      const refusedBy = refusedName(filename);
      if (refusedBy) throw refusal('BUNDLE_TYPE_REFUSED', refusedBy);
      if (upload.size !== undefined) {
        await checkRoomFor(deps, actor, upload.size).catch((err) => {
          throw refusalOf(err);
        });
      } else if (actor.kind === 'contact') {
        // a length declared later is checked then (onIncomingRequest); a customer states it up front
        throw refusal('VALIDATION_FAILED', 'Send Upload-Length: uploads of an unknown length are not accepted.');
      }
      // the owner is the server's word, whatever the client put in the metadata
      return { metadata: { ...upload.metadata, filename, [OWNER]: ownerOf(actor) } };
    },
    onResponseError(_req, err) {
      // tus's own 413 (past maxSize) says it our way; a refusal of ours (a quota) stays as it is
      if ('status_code' in err && err.status_code === 413 && !err.body?.startsWith('{"error"')) return tooLarge;
      if ('status_code' in err) return undefined;
      deps.log.error({ err }, 'upload failed');
      return refusal('INTERNAL', 'The upload failed on the server; try again.');
    },
  });
}

/**
 * The tus endpoints. Order: after registerAuthentication (its onRequest hook must see these
 * routes) and after @fastify/rate-limit; the routes live in their own plugin so that their body
 * parser, which leaves the body to tus, applies to them alone.
 */
export function registerUploads(app: FastifyInstance, deps: Deps): void {
  let tus: Promise<Server> | undefined;
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const handle = async (request: FastifyRequest, reply: FastifyReply) => {
      tus ??= createTusServer(deps);
      actors.set(request.raw, request.actor);
      reply.hijack();
      await (await tus).handle(request.raw, reply.raw);
    };
    const schema = { hide: true } as const;
    const create = {
      schema,
      config: {
        rateLimit: {
          max: CREATIONS_PER_HOUR,
          timeWindow: 60 * 60_000,
          hook: 'preHandler' as const,
          keyGenerator: (request: FastifyRequest) => `uploads:${ownerOf(request.actor)}`,
        },
      },
    };
    scope.post(UPLOADS_PATH, create, handle);
    scope.options(UPLOADS_PATH, { schema }, handle);
    for (const method of ['HEAD', 'PATCH', 'DELETE', 'OPTIONS'] as const) {
      scope.route({ method, url: `${UPLOADS_PATH}/:id`, schema, handler: handle });
    }
  });
}

export interface ClaimedUpload {
  size: number;
  filename: string;
  contentType: string;
}

/**
 * Moves a finished upload of the actor's into bundle storage under key, and forgets the upload.
 * Another actor's upload, one already claimed or swept: UPLOAD_NOT_FOUND; one still going: UPLOAD_INCOMPLETE.
 */
export async function claimUpload(deps: Deps, actor: Actor, uploadId: string, key: string): Promise<ClaimedUpload> {
  const notFound = () => new AppError('UPLOAD_NOT_FOUND', `No upload ${uploadId} of yours.`);
  if (!UPLOAD_ID.test(uploadId)) throw notFound();
  const store = await uploadStoreFor(deps.config);
  const id = `${store.idPrefix}${uploadId}`;
  const lock = store.locker.newLock(id);
  await lock.lock(AbortSignal.timeout(10_000), () => {});
  try {
    const upload = await findUpload(store, id);
    if (!upload || upload.metadata?.[OWNER] !== ownerOf(actor)) throw notFound();
    if (upload.size === undefined || upload.offset < upload.size) {
      throw new AppError(
        'UPLOAD_INCOMPLETE',
        `The upload has ${upload.offset} of ${upload.size ?? 'an unknown number of'} bytes; finish it first.`,
      );
    }
    const claimed: ClaimedUpload = {
      size: upload.size,
      filename: upload.metadata?.filename ?? 'bundle',
      contentType: upload.metadata?.filetype || upload.metadata?.contentType || 'application/octet-stream',
    };
    const storage = deps.bundleStorage;
    if (store.kind === 'disk' && storage.kind === 'disk') {
      const file = path.join(store.directory, id);
      // the info file goes first and atomically: of two claims racing (two processes), one wins
      // a rename costs no space; a copy to another file system does, and must leave the floor free
      const into = (storage as DiskStorage).directory;
      if (await acrossFileSystems(store.directory, into, deps.config.dataDir)) {
        await checkFreeSpace(deps, upload.size, into);
      }
      const claiming = `${file}.claiming`;
      await fsp.rename(`${file}.json`, claiming).catch(() => {
        throw notFound();
      });
      try {
        await storage.putFile(key, file, { move: true });
      } catch (err) {
        await fsp.rename(claiming, `${file}.json`).catch(() => {});
        throw err;
      }
      await fsp.rm(claiming, { force: true });
    } else {
      // swept or claimed by another process meanwhile: S3 has no rename to make the claim atomic
      const source = await Promise.resolve(store.datastore.read(id)).catch((err: { name?: string }) => {
        throw err.name === 'NoSuchKey' ? notFound() : err;
      });
      await storage.putStream(key, source, deps.config.bundleMaxBytes);
      await removeUpload(store, id);
    }
    return claimed;
  } finally {
    await lock.unlock();
  }
}

/** whether moving a file from `from` into `to` (made under dataDir when missing) copies it */
async function acrossFileSystems(from: string, to: string, dataDir: string): Promise<boolean> {
  const device = (dir: string) => fsp.stat(dir).then((s) => s.dev);
  const target = await device(to).catch(() => device(dataDir));
  return (await device(from)) !== target;
}

async function removeUpload(store: UploadStore, id: string): Promise<void> {
  if (store.kind === 'disk') {
    const file = path.join(store.directory, id);
    await Promise.all([fsp.rm(file, { force: true }), fsp.rm(`${file}.json`, { force: true })]);
    return;
  }
  // aborts the multipart upload of an unfinished one; a finished one has none, and S3Store then stops
  // short of deleting the objects, so they are deleted here either way
  await store.datastore.remove(id).catch(() => {});
  const { s3 } = store;
  await s3.client.send(
    new s3.sdk.DeleteObjectsCommand({
      Bucket: s3.bucket,
      Delete: { Objects: [{ Key: id }, { Key: `${id}.info` }, { Key: `${id}.part` }], Quiet: true },
    }),
  );
  await s3.cache.delete(id);
}

const listDir = (directory: string) =>
  fsp.readdir(directory).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
const modifiedAt = (file: string) =>
  fsp.stat(file).then(
    (s) => s.mtimeMs,
    () => undefined,
  );

/**
 * What a process that stopped mid-way leaves behind, once older than UPLOAD_KEEP_MS: a claim's
 * `<id>.claiming` and its data file in DATA_DIR/uploads, disk storage's `.tmp-*` files in DATA_DIR/bundles,
 * and S3 local copies (`pipefitter-bundle-*` in the system's temporary folder). Returns how many went.
 */
async function sweepLeftovers(deps: Deps, stale: (at: number) => boolean): Promise<number> {
  let removed = 0;
  if (deps.config.storage.kind === 'disk') {
    const uploads = path.join(deps.config.dataDir, 'uploads');
    for (const name of await listDir(uploads)) {
      const id = name.endsWith('.claiming') ? name.slice(0, -'.claiming'.length) : undefined;
      if (!id || !UPLOAD_ID.test(id)) continue;
      const file = path.join(uploads, id);
      // a claim copying to another file system keeps writing: its data file's age counts while it is there
      const at = (await modifiedAt(file)) ?? (await modifiedAt(`${file}.claiming`));
      if (at === undefined || !stale(at)) continue;
      await Promise.all([fsp.rm(file, { force: true }), fsp.rm(`${file}.claiming`, { force: true })]);
      removed++;
    }
    const bundles = path.join(deps.config.dataDir, 'bundles');
    for (const name of await listDir(bundles)) {
      if (!name.startsWith('.tmp-')) continue;
      const at = await modifiedAt(path.join(bundles, name));
      if (at === undefined || !stale(at)) continue;
      await fsp.rm(path.join(bundles, name), { force: true });
      removed++;
    }
  } else {
    // other processes' copies share this folder, on real time: a fake clock (tests) must not age them
    const wall = Date.now();
    for (const name of await listDir(os.tmpdir())) {
      if (!name.startsWith('pipefitter-bundle-')) continue;
      const folder = path.join(os.tmpdir(), name);
      const at = await modifiedAt(folder);
      if (at === undefined || !stale(at) || wall - at <= UPLOAD_KEEP_MS) continue;
      await fsp.rm(folder, { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}

/**
 * Removes uploads nobody finished or claimed for UPLOAD_KEEP_MS: on disk counted from the last byte
 * written, on S3 from the upload's creation; then what stopped processes left (sweepLeftovers).
 * Returns how many went.
 */
export async function sweepUploads(deps: Deps): Promise<number> {
  const now = deps.clock.now().getTime();
  const stale = (at: number) => now - at > UPLOAD_KEEP_MS;
  let removed = await sweepLeftovers(deps, stale);
  if (deps.config.storage.kind === 'disk') {
    // the store (and its folder) is opened only when there is something to remove
    const directory = path.join(deps.config.dataDir, 'uploads');
    for (const name of await listDir(directory)) {
      const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : undefined;
      if (!id || !UPLOAD_ID.test(id)) continue;
      // an info file without its data file is stale too
      if (!stale((await modifiedAt(path.join(directory, id))) ?? 0)) continue;
      await removeUpload(await uploadStoreFor(deps.config), id);
      removed++;
    }
    return removed;
  }
  const store = await uploadStoreFor(deps.config);
  if (store.kind !== 's3') throw new Error('STORAGE_URL names S3, the upload store is not');
  const { s3 } = store;
  let token: string | undefined;
  do {
    const page = await s3.client.send(
      new s3.sdk.ListObjectsV2Command({ Bucket: s3.bucket, Prefix: store.idPrefix, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) {
      const id = object.Key?.endsWith('.info') ? object.Key.slice(0, -'.info'.length) : undefined;
      if (!id || !UPLOAD_ID.test(id.slice(store.idPrefix.length))) continue;
      if (!stale(object.LastModified?.getTime() ?? 0)) continue;
      await removeUpload(store, id);
      removed++;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return removed;
}
