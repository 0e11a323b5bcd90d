import type { Config } from '../../config.js';
import { DiskStorage } from './disk-storage.js';
import { S3Storage } from './s3-storage.js';
import type { BundleStorage } from './storage.js';

/** The bundle storage STORAGE_URL names: S3, or DATA_DIR/bundles when unset. Opening touches nothing. */
export function openBundleStorage(config: Pick<Config, 'storage' | 'dataDir'>): BundleStorage {
  return config.storage.kind === 's3' ? new S3Storage(config.storage) : new DiskStorage(config.dataDir);
}
