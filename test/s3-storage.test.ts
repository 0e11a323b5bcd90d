import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { openBundleStorage } from '../src/diagnostics/storage/open-storage.js';
import type { S3Storage } from '../src/diagnostics/storage/s3-storage.js';
import { isAppError } from '../src/platform/errors.js';
import { type Moto, motoUnavailable, startMoto } from './helpers/moto.js';
import { missingComponent } from './helpers/real-component.js';

const skip = missingComponent('S3 (moto_server)', motoUnavailable());

describe.skipIf(skip)('S3 bundle storage against moto', () => {
  let moto: Moto;
  let storage: S3Storage;
  let tmp: string;
  beforeAll(async () => {
    moto = await startMoto();
    const { url } = await moto.bucket('bundles-test', 'desk-1');
    // through STORAGE_URL, as an operator configures it
    const config = loadConfig({ STORAGE_URL: url, DATA_DIR: '/nonexistent' });
    expect(config.storage).toMatchObject({
      kind: 's3',
      bucket: 'bundles-test',
      prefix: 'desk-1/',
      forcePathStyle: true,
    });
    storage = openBundleStorage(config) as S3Storage;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pipefitter-s3-test-'));
  }, 60_000);
  afterAll(async () => {
    await moto?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const keys = async () =>
    (await (await storage.client()).send(new ListObjectsV2Command({ Bucket: 'bundles-test' }))).Contents?.map(
      (object) => object.Key,
    ) ?? [];

  it('streams a multi-part bundle under the prefix and reads the same bytes back', async () => {
    // 20 MB: more than two of the 8 MB parts, so lib-storage's multipart path runs
    const bytes = randomBytes(20 * 1024 * 1024);
    const chunks = Array.from({ length: 20 }, (_, i) => bytes.subarray(i * 1024 * 1024, (i + 1) * 1024 * 1024));
    expect(await storage.putStream('bundles/b1', Readable.from(chunks), 30 * 1024 * 1024)).toEqual({
      size: bytes.length,
    });
    expect(await keys()).toContain('desk-1/bundles/b1');
    expect((await buffer(await storage.read('bundles/b1'))).equals(bytes)).toBe(true);
    const copy = await storage.localCopy('bundles/b1');
    expect(fs.readFileSync(copy.path).equals(bytes)).toBe(true);
    await copy.release();
    expect(fs.existsSync(copy.path)).toBe(false);
  });

  it('refuses a stream past maxBytes and keeps no object', async () => {
    const source = new PassThrough();
    const stored = storage.putStream('bundles/big', source, 1000);
    source.write(Buffer.alloc(600));
    source.write(Buffer.alloc(600));
    const err = await stored.catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('BUNDLE_TOO_LARGE');
    expect(await keys()).not.toContain('desk-1/bundles/big');
    expect(source.destroyed).toBe(false);
  });

  it('stores a local file, moving it away when asked; removes quietly; a missing key is BUNDLE_NOT_FOUND', async () => {
    const file = path.join(tmp, 'mail-attachment.tar.gz');
    fs.writeFileSync(file, 'small bundle');
    expect(await storage.putFile('bundles/f1', file, { move: true })).toEqual({ size: 12 });
    expect(fs.existsSync(file)).toBe(false);
    expect((await buffer(await storage.read('bundles/f1'))).toString()).toBe('small bundle');
    await storage.remove('bundles/f1');
    await storage.remove('bundles/f1');
    await expect(storage.read('bundles/f1')).rejects.toMatchObject({ code: 'BUNDLE_NOT_FOUND' });
  });
});
