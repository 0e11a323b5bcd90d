import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db } from './db.js';
import { DeskSecret } from './desk-secret.js';
import { AppError } from './errors.js';
import { deleteSetting, readSetting, writeSetting } from './settings-store.js';

// Where the master key comes from, in order: SECRET_KEY, then DATA_DIR/secret.key (0600), made at
// first start. Desks from before kept their key in desk_settings, beside the credentials it
// encrypts (and in the WAL, and in every backup): that key is retired, not moved. The credentials
// are sealed again with the new key at the first start, and the old key is forgotten; replies to
// mail sent before still find their ticket by its Message-ID, which the desk keeps.
// The database keeps only the key's id, so a process started with another key stops instead of
// sealing with a key nobody else has. Values sealed with a previous key are sealed again at start.

export const KEY_FILE = 'secret.key';
export const PREVIOUS_KEY_FILE = 'secret.key.previous';
const LEGACY_SETTING = 'secret';
const KEY_ID_SETTING = 'secret-key-id';
const LOCK_KEY = 7_240_302;

/** Seals again, with the current key, the values its module keeps under a previous one. */
export type Reseal = (db: Db, secret: DeskSecret) => Promise<number>;

export function newKey(): string {
  return randomBytes(32).toString('base64url');
}

function readKeyFile(dataDir: string, name: string, log: Logger): string | undefined {
  const file = path.join(dataDir, name);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if ((fs.statSync(file).mode & 0o077) !== 0) {
    fs.chmodSync(file, 0o600);
    log.warn({ file }, 'the key file was readable by others; it is 0600 now');
  }
  return text || undefined;
}

export function writeKeyFile(dataDir: string, name: string, key: string, options: { replace?: boolean } = {}): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, name);
  if (options.replace) {
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${key}\n`, { mode: 0o600 });
    fs.renameSync(temp, file);
  } else {
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  }
}

export async function openDeskSecret(db: Db, config: Config, log: Logger, reseals: Reseal[]): Promise<DeskSecret> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
    const legacy = await readSetting(tx as unknown as Db, LEGACY_SETTING);
    let current = config.secretKey ?? readKeyFile(config.dataDir, KEY_FILE, log);
    if (!current) {
      current = newKey();
      try {
        writeKeyFile(config.dataDir, KEY_FILE, current);
      } catch (err) {
        throw new AppError(
          'SECRET_KEY_MISSING',
          `Could not write the desk's key to ${path.join(config.dataDir, KEY_FILE)} (${(err as Error).message}). Set SECRET_KEY, or DATA_DIR to a folder this process may write.`,
        );
      }
      log.info({ file: path.join(config.dataDir, KEY_FILE) }, 'the desk key is in its own file now; back it up');
    }
    const previous = [config.secretKeyPrevious, readKeyFile(config.dataDir, PREVIOUS_KEY_FILE, log)].filter(
      (k): k is string => k !== undefined && k !== current,
    );
    const secret = new DeskSecret(current, previous);
    // the retired key only opens what it sealed, to seal it again; it verifies nothing from now on
    const resealing = legacy && legacy !== current ? new DeskSecret(current, [...previous, legacy]) : secret;
    const known = await readSetting(tx as unknown as Db, KEY_ID_SETTING);
    if (known && !secret.knows(known)) {
      throw new AppError(
        'SECRET_KEY_MISMATCH',
        `This process's key (id ${secret.keyId}) is not the desk's (id ${known}). Every process of a desk needs the same key: copy ${KEY_FILE} from the first machine, or set SECRET_KEY. After a rotation, give the old key in SECRET_KEY_PREVIOUS.`,
      );
    }
    let resealed = 0;
    for (const reseal of reseals) resealed += await reseal(tx as unknown as Db, resealing);
    if (resealed > 0) log.info({ resealed }, 'stored credentials encrypted again with the current key');
    if (known !== secret.keyId) await writeSetting(tx as unknown as Db, KEY_ID_SETTING, secret.keyId);
    if (legacy !== undefined) await deleteSetting(tx as unknown as Db, LEGACY_SETTING);
    return secret;
  });
}

/**
 * `pipefitter secret rotate`: a new key in DATA_DIR/secret.key, the one before it kept in
 * secret.key.previous (reply addresses already sent keep working; delete it once they no longer
 * matter). The next openDeskSecret seals every credential again with the new key.
 */
export function rotateKeyFile(config: Config): void {
  if (config.secretKey) {
    throw new AppError(
      'VALIDATION_FAILED',
      'SECRET_KEY is set, so the key is yours to rotate: put the new key in SECRET_KEY and the old one in SECRET_KEY_PREVIOUS, then start the desk; it seals every credential again at start.',
    );
  }
  const current = fs.readFileSync(path.join(config.dataDir, KEY_FILE), 'utf8').trim();
  writeKeyFile(config.dataDir, PREVIOUS_KEY_FILE, current, { replace: true });
  writeKeyFile(config.dataDir, KEY_FILE, newKey(), { replace: true });
}
