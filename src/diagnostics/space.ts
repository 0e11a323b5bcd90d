import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { sumStoredBundleBytes } from './bundle-store.js';

// What keeps bundles from filling the desk's disk or one customer from taking all of it: a free-space floor
// on DATA_DIR (the embedded database lives there too) and a quota of stored bytes per organization.

/** 12.3 GB, 450.0 MB, 3.2 KB: what a person reads in a refusal */
function human(bytes: number): string {
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * Bytes promised to uploads in progress on disk: each one's declared length minus what it holds. Creating
 * an upload writes nothing yet, so without this sixty creations would each see the same free space.
 */
async function reservedByUploads(uploads: string): Promise<number> {
  const names = await fsp.readdir(uploads).catch(() => [] as string[]);
  let reserved = 0;
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const info = await fsp
      .readFile(path.join(uploads, name), 'utf8')
      .then((text) => JSON.parse(text) as { size?: number })
      .catch(() => undefined);
    if (typeof info?.size !== 'number') continue;
    const held = await fsp.stat(path.join(uploads, name.slice(0, -'.json'.length))).then(
      (s) => s.size,
      () => 0,
    );
    reserved += Math.max(0, info.size - held);
  }
  return reserved;
}

/**
 * STORAGE_FULL when storing `incomingBytes` more under `directory` (DATA_DIR unless told) would leave less
 * than BUNDLE_FREE_MIN free, counting what uploads in progress will still write. S3 storage: no check.
 */
export async function checkFreeSpace(deps: Deps, incomingBytes: number, directory?: string): Promise<void> {
  if (deps.bundleStorage.kind !== 'disk') return;
  const dataDir = deps.config.dataDir;
  // a folder not made yet is on DATA_DIR's file system
  const stats = await fsp.statfs(directory ?? dataDir).catch(() => fsp.statfs(dataDir));
  const free = stats.bavail * stats.bsize;
  const reserved = await reservedByUploads(path.join(dataDir, 'uploads'));
  const floor = deps.config.bundleFreeMinBytes;
  if (free - reserved - incomingBytes < floor) {
    deps.log.warn({ free, reserved, incomingBytes, floor }, 'a bundle was refused: the disk is nearly full');
    throw new AppError(
      'STORAGE_FULL',
      `The desk is short of disk space for a bundle of ${human(incomingBytes)} (it keeps ${human(floor)} free, BUNDLE_FREE_MIN). Try again later, or ask an admin to free space.`,
    );
  }
}

/**
 * BUNDLE_QUOTA_EXCEEDED when a contact's organization (or the contact alone, without one) would keep more
 * than BUNDLE_CUSTOMER_QUOTA bytes of bundles with `incomingBytes` more. Agents and the desk are not limited.
 */
export async function checkCustomerQuota(deps: Deps, actor: Actor, incomingBytes: number): Promise<void> {
  if (actor.kind !== 'contact') return;
  const quota = deps.config.bundleCustomerQuotaBytes;
  const used = await sumStoredBundleBytes(
    deps.db,
    actor.organizationId ? { organizationId: actor.organizationId } : { requesterId: actor.contactId },
  );
  if (used + incomingBytes > quota) {
    const whose = actor.organizationId ? 'Your organization’s bundles take' : 'Your bundles take';
    throw new AppError(
      'BUNDLE_QUOTA_EXCEEDED',
      `${whose} ${human(used)} of the ${human(quota)} allowed; this one (${human(incomingBytes)}) does not fit. Delete old bundles, or ask the agent on your ticket.`,
    );
  }
}
