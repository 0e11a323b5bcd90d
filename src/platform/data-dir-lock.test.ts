import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { acquireDataDirLock, lockPath, readLockHolder } from './data-dir-lock.js';

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'pipefitter-lock-'));
}

it('one holder at a time; released on request', () => {
  const dir = tempDir();
  const first = acquireDataDirLock(dir);
  expect('release' in first).toBe(true);
  // another live process (here: our parent) holding the folder is named, not overridden
  fs.writeFileSync(lockPath(dir), JSON.stringify({ pid: process.ppid, startedAt: '', socket: '/x.sock' }));
  const second = acquireDataDirLock(dir);
  expect(second).toEqual({ heldBy: { pid: process.ppid, startedAt: '', socket: '/x.sock' } });
  fs.rmSync(dir, { recursive: true });
});

it('takes over a lock left by a process that died', () => {
  const dir = tempDir();
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  fs.writeFileSync(lockPath(dir), JSON.stringify({ pid: Number(dead), startedAt: '', socket: null }));
  expect(readLockHolder(dir)).toBeUndefined();
  const lock = acquireDataDirLock(dir);
  expect('release' in lock).toBe(true);
  if ('release' in lock) lock.release();
  expect(fs.existsSync(lockPath(dir))).toBe(false);
  fs.rmSync(dir, { recursive: true });
});
