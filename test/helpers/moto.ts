import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { freePort } from './real-component.js';

// A real S3 API for the tests: moto's server (`pip install 'moto[server]'`, installed by .ci/run),
// on a free loopback port, in memory; stopped, everything it held is gone.

export interface Moto {
  /** a new empty bucket, as a STORAGE_URL value */
  bucket(name: string, prefix?: string): Promise<{ url: string }>;
  stop(): Promise<void>;
}

export function motoUnavailable(): string | undefined {
  if (spawnSync('sh', ['-c', 'command -v moto_server']).status !== 0) {
    return "moto_server is not installed (pip install 'moto[server]')";
  }
  return undefined;
}

export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const up = await fetch(`${endpoint}/`, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGTERM');
      throw new Error(`moto_server did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
  return {
    async bucket(name, prefix = '') {
      await client.send(new CreateBucketCommand({ Bucket: name }));
      const url = `s3://test:test@${name}${prefix ? `/${prefix}` : ''}?endpoint=${encodeURIComponent(endpoint)}&forcePathStyle=true`;
      return { url };
    },
    async stop() {
      client.destroy();
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
