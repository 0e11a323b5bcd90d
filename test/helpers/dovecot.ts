import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './real-component.js';

// A real IMAP server for the tests: Debian's Dovecot (dovecot-imapd, installed by .ci/run), started
// with its own configuration in a temporary folder on a free port, one user "support" / "secret".

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

export function dovecotUnavailable(): string | undefined {
  if (spawnSync('sh', ['-c', 'command -v dovecot']).status !== 0)
    return 'dovecot is not installed (apt-get install dovecot-imapd)';
  if (process.getuid?.() !== 0) return 'starting Dovecot with its own configuration needs root';
  return undefined;
}

export async function startDovecot(): Promise<Dovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipefitter-dovecot-'));
  for (const sub of ['run', 'state', 'mail', 'home']) fs.mkdirSync(path.join(dir, sub));
  const nobody = 65534;
  fs.chownSync(path.join(dir, 'mail'), nobody, nobody);
  fs.chownSync(path.join(dir, 'home'), nobody, nobody);
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const config = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(
    config,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
first_valid_uid = 1
passdb {
  driver = static
  args = password=secret
}
userdb {
  driver = static
  args = uid=${nobody} gid=${nobody} home=${dir}/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
default_internal_user = dovecot
default_login_user = dovenull
`,
  );
  const child: ChildProcess = spawn('dovecot', ['-c', config, '-F'], { stdio: 'ignore' });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.createConnection(port, '127.0.0.1');
      socket.once('data', (d) => {
        socket.destroy();
        resolve(d.toString().startsWith('* OK'));
      });
      socket.once('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error(
        `dovecot did not start: ${fs.existsSync(path.join(dir, 'dovecot.log')) ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8') : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    user: 'support',
    password: 'secret',
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
