import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../../test/helpers/database.js';
import { loadConfig } from '../config.js';
import { MailAddresses } from '../mail/addresses.js';
import { openRuntime } from '../runtime.js';
import { DeskSecret } from './desk-secret.js';
import { createLogger } from './log.js';
import { KEY_FILE, openDeskSecret, type Reseal } from './secret-key.js';
import { readSetting, writeSetting } from './settings-store.js';

// The desk's key stays out of the database it protects, and the embedded database's files are
// the owner's alone (issue 10, item 6).

const log = createLogger('silent');
const folders: string[] = [];
const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const d of databases.splice(0)) await d.drop();
  for (const f of folders.splice(0)) fs.rmSync(f, { recursive: true, force: true });
});
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipefitter-key-'));
  folders.push(dir);
  return path.join(dir, 'data');
}
async function database() {
  const d = await createTestDatabase();
  databases.push(d);
  return d.database.db;
}

// a stored credential, as the forges and IMAP modules keep theirs
function vault() {
  let sealed = '';
  const reseal: Reseal = async (_db, secret) => {
    if (!secret.isStale(sealed)) return 0;
    sealed = secret.encrypt(secret.decrypt(sealed));
    return 1;
  };
  return {
    reseal,
    put: (secret: DeskSecret, value: string) => {
      sealed = secret.encrypt(value);
    },
    get sealed() {
      return sealed;
    },
  };
}

describe.skipIf(testDatabaseKind() !== 'pglite')('the embedded data folder', () => {
  it('is 0700, its files 0600 at rest, the key among them, and no key in the database', async () => {
    const dataDir = tempDir();
    const runtime = await openRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { log });
    try {
      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(dataDir, KEY_FILE)).mode & 0o777).toBe(0o600);
      expect(await readSetting(runtime.deps.db, 'secret')).toBeUndefined();
    } finally {
      await runtime.close();
    }
    const loose: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        const mode = fs.statSync(full).mode & 0o777;
        if (entry.isDirectory()) {
          if (mode !== 0o700) loose.push(`${full} ${mode.toString(8)}`);
          walk(full);
        } else if (mode & 0o077) loose.push(`${full} ${mode.toString(8)}`);
      }
    };
    walk(dataDir);
    expect(loose).toEqual([]);
  });

  it('an older desk’s readable files are made private at start', async () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    await (await openRuntime(config, { log })).close();
    const someFile = path.join(dataDir, 'pgdata', 'PG_VERSION');
    fs.chmodSync(someFile, 0o666);
    fs.chmodSync(dataDir, 0o755);
    await (await openRuntime(config, { log })).close();
    expect(fs.statSync(someFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
  });
});

describe('the desk key', () => {
  it('an older desk’s key leaves the database: its credentials are sealed with a new key in DATA_DIR/secret.key', async () => {
    const db = await database();
    const legacy = 'the-key-an-older-desk-kept-in-desk_settings';
    await writeSetting(db, 'secret', legacy);
    const old = new DeskSecret(legacy);
    const credential = vault();
    credential.put(old, 'glpat-forge-token');

    const dataDir = tempDir();
    const secret = await openDeskSecret(db, loadConfig({ DATA_DIR: dataDir }), log, [credential.reseal]);
    const key = fs.readFileSync(path.join(dataDir, KEY_FILE), 'utf8').trim();
    expect(key).not.toBe(legacy);
    expect(await readSetting(db, 'secret')).toBeUndefined();
    expect(new DeskSecret(key).decrypt(credential.sealed)).toBe('glpat-forge-token');
    expect(secret.isStale(credential.sealed)).toBe(false);
    // from this start on, what the old key signed buys nothing
    const signedBefore = new MailAddresses(old, ['support@desk.example']).replyAddress(42);
    expect(new MailAddresses(secret, ['support@desk.example']).ticketFromAddress(signedBefore)).toBeUndefined();
    // the next start knows nothing of the old key: what it signed buys nothing any more
    const next = await openDeskSecret(db, loadConfig({ DATA_DIR: dataDir }), log, []);
    const forged = new MailAddresses(old, ['support@desk.example']).replyAddress(42);
    expect(new MailAddresses(next, ['support@desk.example']).ticketFromAddress(forged)).toBeUndefined();
  });

  it('with SECRET_KEY set, the old key becomes the previous one: credentials are sealed again with the new', async () => {
    const db = await database();
    const legacy = 'the-key-an-older-desk-kept-in-desk_settings';
    await writeSetting(db, 'secret', legacy);
    const credential = vault();
    credential.put(new DeskSecret(legacy), 'imap-password');
    const config = loadConfig({ DATA_DIR: tempDir(), SECRET_KEY: 'a-new-key-from-the-environment-0123456789' });
    const secret = await openDeskSecret(db, config, log, [credential.reseal]);
    expect(credential.sealed.startsWith(`v2.${secret.keyId}.`)).toBe(true);
    expect(new DeskSecret(config.secretKey as string).decrypt(credential.sealed)).toBe('imap-password');
    expect(await readSetting(db, 'secret')).toBeUndefined();
  });

  it('a process with another key refuses to start rather than seal with a key nobody else has', async () => {
    const db = await database();
    await openDeskSecret(
      db,
      loadConfig({ DATA_DIR: tempDir(), SECRET_KEY: 'first-machine-key-0123456789abcdef' }),
      log,
      [],
    );
    await expect(
      openDeskSecret(
        db,
        loadConfig({ DATA_DIR: tempDir(), SECRET_KEY: 'second-machine-key-0123456789abcde' }),
        log,
        [],
      ),
    ).rejects.toMatchObject({ code: 'SECRET_KEY_MISMATCH' });
  });

  it('rotation: the new key with the old one as previous seals everything again, and old reply addresses still work', async () => {
    const db = await database();
    const before = 'the-key-before-rotation-0123456789abcdef';
    const after = 'the-key-after-rotation-0123456789abcdefg';
    const credential = vault();
    const first = await openDeskSecret(db, loadConfig({ DATA_DIR: tempDir(), SECRET_KEY: before }), log, []);
    credential.put(first, 'github-token');
    const replyAddress = new MailAddresses(first, ['support@desk.example']).replyAddress(7);
    const rotated = await openDeskSecret(
      db,
      loadConfig({ DATA_DIR: tempDir(), SECRET_KEY: after, SECRET_KEY_PREVIOUS: before }),
      log,
      [credential.reseal],
    );
    expect(credential.sealed.startsWith(`v2.${rotated.keyId}.`)).toBe(true);
    expect(new DeskSecret(after).decrypt(credential.sealed)).toBe('github-token');
    expect(new MailAddresses(rotated, ['support@desk.example']).ticketFromAddress(replyAddress)).toBe(7);
    // and a process still on the old key alone is refused now
    await expect(
      openDeskSecret(db, loadConfig({ DATA_DIR: tempDir(), SECRET_KEY: before }), log, []),
    ).rejects.toMatchObject({ code: 'SECRET_KEY_MISMATCH' });
  });

  it('a tampered signature or sealed value is refused', () => {
    const secret = new DeskSecret('some-key-0123456789abcdef0123456789');
    const addresses = new MailAddresses(secret, ['support@desk.example']);
    const good = addresses.replyAddress(5);
    expect(addresses.ticketFromAddress(good.replace(/-([0-9a-f])/, (_, c) => `-${c === '0' ? '1' : '0'}`))).toBe(
      undefined,
    );
    const sealed = secret.encrypt('token');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('forged').toString('base64');
    expect(() => secret.decrypt(parts.join('.'))).toThrow();
  });
});
