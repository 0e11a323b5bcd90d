import type { Readable } from 'node:stream';

// Where bundles' bytes live: a folder under DATA_DIR, or an S3-compatible store (STORAGE_URL). The bundles
// module speaks only this interface; keys are ours (`bundles/<id>`), never a user's file name.

export interface StoredObject {
  size: number;
}

export interface BundleStorage {
  readonly kind: 'disk' | 's3';
  /** stores a local file under key; `move` lets disk storage rename it instead of copying */
  putFile(key: string, path: string, options?: { move?: boolean }): Promise<StoredObject>;
  /** stores a stream under key, refusing (and removing what was written) past maxBytes */
  putStream(key: string, stream: Readable, maxBytes: number): Promise<StoredObject>;
  /** a local file to analyse: disk lends its own file; s3 downloads to a temporary file, removed on release */
  localCopy(key: string): Promise<{ path: string; release(): Promise<void> }>;
  /** the bytes, for download */
  read(key: string): Promise<Readable>;
  /** gone, and no error when it was already gone */
  remove(key: string): Promise<void>;
}
