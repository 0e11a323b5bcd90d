import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors.js';
import { DiskStorage } from './disk-storage.js';

describe('DiskStorage', () => {
  let dataDir: string;
  let storage: DiskStorage;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipefitter-disk-storage-'));
    storage = new DiskStorage(dataDir);
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const leftovers = () => fs.readdirSync(path.join(dataDir, 'bundles')).filter((name) => name.startsWith('.tmp-'));

  it('stores a stream as DATA_DIR/bundles/<id>, private to the desk, and reads it back', async () => {
    const bytes = randomBytes(300_000);
    expect(
      await storage.putStream('bundles/a1', Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), 1e6),
    ).toEqual({ size: 300_000 });
    const file = path.join(dataDir, 'bundles', 'a1');
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const copy = await storage.localCopy('bundles/a1');
    expect(copy.path).toBe(file);
    expect((await buffer(await storage.read('bundles/a1'))).equals(bytes)).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a stream past maxBytes, keeps nothing, and leaves the source usable', async () => {
    const source = new PassThrough();
    const stored = storage.putStream('bundles/big', source, 10);
    source.write(Buffer.alloc(8));
    source.write(Buffer.alloc(8));
    const err = await stored.catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('BUNDLE_TOO_LARGE');
    expect(fs.existsSync(path.join(dataDir, 'bundles', 'big'))).toBe(false);
    expect(leftovers()).toEqual([]);
    // an HTTP route still owns its request: refusing did not destroy it
    expect(source.destroyed).toBe(false);
  });

  it('fails, keeping nothing, when the source breaks off', async () => {
    const source = new PassThrough();
    const stored = storage.putStream('bundles/cut', source, 1e6);
    source.write(Buffer.alloc(100));
    source.destroy(new Error('connection reset'));
    await expect(stored).rejects.toThrow(/connection reset/);
    expect(fs.existsSync(path.join(dataDir, 'bundles', 'cut'))).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('moves a file into place, or copies it and leaves the original', async () => {
    const source = path.join(dataDir, 'upload.bin');
    fs.writeFileSync(source, 'hello bundle');
    expect(await storage.putFile('bundles/copied', source)).toEqual({ size: 12 });
    expect(fs.existsSync(source)).toBe(true);
    expect(await storage.putFile('bundles/moved', source, { move: true })).toEqual({ size: 12 });
    expect(fs.existsSync(source)).toBe(false);
    expect(fs.readFileSync(path.join(dataDir, 'bundles', 'moved'), 'utf8')).toBe('hello bundle');
    expect(fs.statSync(path.join(dataDir, 'bundles', 'moved')).mode & 0o777).toBe(0o600);
  });

  it('removes quietly, answers BUNDLE_NOT_FOUND for a missing key, and refuses keys outside bundles/', async () => {
    await storage.putStream('bundles/gone', Readable.from([Buffer.from('x')]), 10);
    await storage.remove('bundles/gone');
    await storage.remove('bundles/gone');
    await expect(storage.read('bundles/gone')).rejects.toMatchObject({ code: 'BUNDLE_NOT_FOUND' });
    await expect(storage.localCopy('bundles/gone')).rejects.toMatchObject({ code: 'BUNDLE_NOT_FOUND' });
    expect(() => storage.pathOf('bundles/../secret.key')).toThrow();
    expect(() => storage.pathOf('uploads/x')).toThrow();
  });
});
