import fs from 'node:fs';
import path from 'node:path';

// The embedded database lives in one folder that only one process may open. The lock file names the
// holder; a lock left by a process that died is taken over.

export interface LockHolder {
  pid: number;
  startedAt: string;
  /** the control socket through which the CLI works while the desk runs */
  socket: string | null;
}

export interface DataDirLock {
  release(): void;
  setSocket(socket: string): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockPath(dataDir: string): string {
  return path.join(dataDir, 'pipefitter.lock');
}

/** The live process holding the data folder, if any. */
export function readLockHolder(dataDir: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(fs.readFileSync(lockPath(dataDir), 'utf8')) as LockHolder;
    return isAlive(holder.pid) && holder.pid !== process.pid ? holder : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The data folder holds the whole desk (and its key): only its owner may enter it (0700). Files in
 * it are made 0600 too, at start and at stop: PGlite sets its own files' modes (0666) while it runs,
 * past any umask, so the folder's mode is what keeps other users out meanwhile.
 */
export function makeDataDirPrivate(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const walk = (dir: string) => {
    fs.chmodSync(dir, 0o700);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) fs.chmodSync(full, 0o600);
    }
  };
  walk(dataDir);
}

/** Takes the data folder, or returns the live holder that has it. */
export function acquireDataDirLock(dataDir: string): DataDirLock | { heldBy: LockHolder } {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = lockPath(dataDir);
  const holder: LockHolder = { pid: process.pid, startedAt: new Date().toISOString(), socket: null };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(holder), { flag: 'wx', mode: 0o600 });
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
            if (current.pid === process.pid) fs.unlinkSync(file);
          } catch {
            // already gone
          }
        },
        setSocket(socket) {
          holder.socket = socket;
          fs.writeFileSync(file, JSON.stringify(holder), { mode: 0o600 });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const live = readLockHolder(dataDir);
      if (live) return { heldBy: live };
      // stale: its process is gone
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
