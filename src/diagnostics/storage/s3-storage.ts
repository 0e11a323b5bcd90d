import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { StorageSetting } from '../../config.js';
import { AppError } from '../../platform/errors.js';
import { countBytes } from './count-bytes.js';
import type { BundleStorage, StoredObject } from './storage.js';

type S3Setting = Extract<StorageSetting, { kind: 's3' }>;

// S3 takes at most 10,000 parts to an object: parts grow with the size so that 10 GB (or more) fits.
const MIN_PART_BYTES = 8 * 1024 * 1024;
const partSizeFor = (bytes: number) => Math.max(MIN_PART_BYTES, Math.ceil(bytes / 9000));

// The AWS SDK is loaded when S3 is first used: a desk on disk never pays its start-up time and memory.
export const loadS3 = () => import('@aws-sdk/client-s3');

export function s3ClientConfig(setting: S3Setting): S3ClientConfig {
  return {
    region: setting.region,
    endpoint: setting.endpoint,
    forcePathStyle: setting.forcePathStyle,
    credentials:
      setting.accessKeyId && setting.secretAccessKey
        ? { accessKeyId: setting.accessKeyId, secretAccessKey: setting.secretAccessKey }
        : undefined,
  };
}

/** Bundles as objects under STORAGE_URL's prefix; lib-storage's Upload streams big ones in parts. */
export class S3Storage implements BundleStorage {
  readonly kind = 's3' as const;
  #client: Promise<S3Client> | undefined;

  constructor(readonly setting: S3Setting) {}

  client(): Promise<S3Client> {
    this.#client ??= loadS3().then(({ S3Client }) => new S3Client(s3ClientConfig(this.setting)));
    return this.#client;
  }

  objectKey(key: string): string {
    return `${this.setting.prefix}${key}`;
  }

  async putFile(key: string, file: string, options: { move?: boolean } = {}): Promise<StoredObject> {
    const { size } = await fsp.stat(file);
    await this.upload(key, fs.createReadStream(file), size);
    if (options.move) await fsp.rm(file, { force: true });
    return { size };
  }

  async putStream(key: string, stream: Readable, maxBytes: number): Promise<StoredObject> {
    const counted = countBytes(stream, maxBytes);
    await this.upload(key, counted.stream, maxBytes);
    return { size: counted.size() };
  }

  async localCopy(key: string): Promise<{ path: string; release(): Promise<void> }> {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'pipefitter-bundle-'));
    const release = () => fsp.rm(dir, { recursive: true, force: true });
    try {
      const file = path.join(dir, 'bundle');
      await pipeline(await this.read(key), fs.createWriteStream(file, { mode: 0o600 }));
      return { path: file, release };
    } catch (err) {
      await release();
      throw err;
    }
  }

  async read(key: string): Promise<Readable> {
    try {
      const { GetObjectCommand } = await loadS3();
      const { Body } = await (await this.client()).send(
        new GetObjectCommand({ Bucket: this.setting.bucket, Key: this.objectKey(key) }),
      );
      return Body as Readable;
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchKey') {
        throw new AppError('BUNDLE_NOT_FOUND', `No stored bundle ${key}.`);
      }
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    // S3 answers 204 whether or not the object was there
    const { DeleteObjectCommand } = await loadS3();
    await (await this.client()).send(
      new DeleteObjectCommand({ Bucket: this.setting.bucket, Key: this.objectKey(key) }),
    );
  }

  private async upload(key: string, body: Readable, expectedBytes: number): Promise<void> {
    const { Upload } = await import('@aws-sdk/lib-storage');
    const upload = new Upload({
      client: await this.client(),
      params: { Bucket: this.setting.bucket, Key: this.objectKey(key), Body: body },
      partSize: partSizeFor(expectedBytes),
      queueSize: 4,
    });
    // a refused or broken source stops the upload; lib-storage then aborts the multipart upload
    const stop = () => void upload.abort().catch(() => {});
    body.once('error', stop);
    try {
      await upload.done();
    } catch (err) {
      // the source's own error (BUNDLE_TOO_LARGE) says more than lib-storage's "Upload aborted"
      const cause = (body as { errored?: Error | null }).errored;
      throw cause ?? err;
    } finally {
      body.off('error', stop);
    }
  }
}
