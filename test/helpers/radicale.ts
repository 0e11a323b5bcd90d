import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './real-component.js';

// A real CalDAV server for the tests: Debian's Radicale (3.1.8, installed by .ci/run), started on a
// free loopback port with its own storage folder and one htpasswd user, ana / secret. `--config ""`
// keeps it from reading /etc/radicale/config. The `radicale` script, not `python3 -m radicale`:
// the script's #!/usr/bin/python3 finds Debian's module whatever python3 comes first on PATH.

export interface Radicale {
  /** http://127.0.0.1:<port> */
  url: string;
  user: string;
  password: string;
  /** MKCALENDAR at `path` (e.g. "ana/calendar/"), as ana; returns the collection URL */
  makeCalendar(path: string): Promise<string>;
  stop(): Promise<void>;
}

export function radicaleUnavailable(): string | undefined {
  if (spawnSync('sh', ['-c', 'command -v radicale']).status !== 0)
    return 'radicale is not installed (apt-get install radicale)';
  return undefined;
}

export async function startRadicale(): Promise<Radicale> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipefitter-radicale-'));
  const users = path.join(dir, 'users');
  fs.writeFileSync(users, 'ana:secret\n');
  fs.mkdirSync(path.join(dir, 'collections'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn(
    'radicale',
    [
      '--config',
      '',
      '--server-hosts',
      `127.0.0.1:${port}`,
      '--storage-filesystem-folder',
      path.join(dir, 'collections'),
      '--auth-type',
      'htpasswd',
      '--auth-htpasswd-filename',
      users,
      '--auth-htpasswd-encryption',
      'plain',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const up = await fetch(`${url}/.web/`, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.status < 500,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`radicale did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const authorization = `Basic ${Buffer.from('ana:secret').toString('base64')}`;
  return {
    url,
    user: 'ana',
    password: 'secret',
    async makeCalendar(collection) {
      const target = new URL(collection.endsWith('/') ? collection : `${collection}/`, `${url}/`).href;
      const response = await fetch(target, { method: 'MKCALENDAR', headers: { authorization } });
      if (response.status !== 201) throw new Error(`MKCALENDAR ${target}: ${response.status} ${await response.text()}`);
      return target;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
