import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../platform/errors.js';
import { countBytes } from './count-bytes.js';
import type { BundleStorage, StoredObject } from './storage.js';

// Bundles as files under DATA_DIR: key `bundles/<id>` is DATA_DIR/bundles/<id>, readable by the desk's
// user only. Every write goes to a temporary name in the same folder and is renamed into place, so a
// key never names half a file.

const KEY = /^bundles\/[A-Za-z0-9][A-Za-z0-9._-]*$/;

export class DiskStorage implements BundleStorage {
  readonly kind = 'disk' as const;
  readonly directory: string;

  constructor(dataDir: string) {
    this.directory = path.join(dataDir, 'bundles');
  }

  pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a bundle storage key: ${key}`);
    return path.join(this.directory, key.slice('bundles/'.length));
  }

  async putFile(key: string, source: string, options: { move?: boolean } = {}): Promise<StoredObject> {
    const target = this.pathOf(key);
    const temp = await this.tempName();
    try {
      if (options.move) {
        try {
          await fsp.rename(source, temp);
        } catch (err) {
          // another file system (DATA_DIR/uploads on its own volume): copy, then remove the source
          if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
          await this.copy(source, temp);
          await fsp.rm(source, { force: true });
        }
        await fsp.chmod(temp, 0o600);
      } else {
        await this.copy(source, temp);
      }
      await fsp.rename(temp, target);
    } catch (err) {
      await fsp.rm(temp, { force: true });
      throw err;
    }
    return { size: (await fsp.stat(target)).size };
  }

  async putStream(key: string, stream: Readable, maxBytes: number): Promise<StoredObject> {
    const target = this.pathOf(key);
    const counted = countBytes(stream, maxBytes);
    const temp = await this.tempName();
    try {
      await pipeline(counted.stream, fs.createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true }));
      await fsp.rename(temp, target);
    } catch (err) {
      await fsp.rm(temp, { force: true });
      throw err;
    }
    return { size: counted.size() };
  }

  async localCopy(key: string): Promise<{ path: string; release(): Promise<void> }> {
    const file = this.pathOf(key);
    await this.mustExist(key, file);
    return { path: file, release: async () => {} };
  }

  async read(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    await this.mustExist(key, file);
    return fs.createReadStream(file);
  }

  async remove(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }

  private async tempName(): Promise<string> {
    await fsp.mkdir(this.directory, { recursive: true, mode: 0o700 });
    return path.join(this.directory, `.tmp-${randomBytes(12).toString('hex')}`);
  }

  private async copy(source: string, temp: string): Promise<void> {
    await pipeline(fs.createReadStream(source), fs.createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true }));
  }

  private async mustExist(key: string, file: string): Promise<void> {
    try {
      await fsp.access(file);
    } catch {
      throw new AppError('BUNDLE_NOT_FOUND', `No stored bundle ${key}.`);
    }
  }
}
