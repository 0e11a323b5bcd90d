import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from './helpers/build-app.js';
import { requireBuild, runCli } from './helpers/desk-processes.js';

// `pipefitter bundle add` as a customer's script runs it: the real command, built, in its own process,
// against a desk over real HTTP; small files as one raw body, large ones by the resumable upload.

const run = (args: string[], env: Record<string, string>) => runCli(args, { LOG_LEVEL: 'silent', ...env });

/** a production_json.log-like file of about `bytes` bytes */
function logFile(dir: string, name: string, bytes: number): string {
  const line = `${JSON.stringify({ time: '2026-12-01T10:00:00.000Z', method: 'GET', path: '/api/v4/projects', status: 200, duration_s: 0.12 })}\n`;
  const file = path.join(dir, name);
  fs.writeFileSync(file, line.repeat(Math.ceil(bytes / line.length)));
  return file;
}

describe('pipefitter bundle add', () => {
  let desk: TestDesk;
  let dir: string;
  let env: Record<string, string>;
  let ticket: number;

  beforeAll(async () => {
    requireBuild();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipefitter-bundle-cli-'));
    desk = await createTestDesk({ env: { DATA_DIR: dir } });
    const url = await desk.app.listen({ host: '127.0.0.1', port: 0 });
    env = { PIPEFITTER_URL: `${url}/`, PIPEFITTER_TOKEN: await desk.agentTokenFor('ana@desk.example'), DATA_DIR: dir };
    const opened = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Slow merge requests', body: 'Logs attached.', requesterEmail: 'cy@acme.example' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    ticket = opened.json().number;
  });
  afterAll(async () => {
    await desk?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const storedBytes = async (id: string) => {
    const res = await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/bundles/${id}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { filename: string; size: number; source: string };
  };

  it('sends a small file as one raw body and prints the bundle', async () => {
    const file = logFile(dir, 'production_json.log', 200 * 1024);
    const result = await run(['bundle', 'add', '--ticket', String(ticket), file], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const id = /^Bundle ([0-9a-f-]{36}) on ticket #(\d+): (queued|analysing|done)\n$/.exec(result.stdout);
    expect(id, result.stdout).not.toBeNull();
    expect(Number(id?.[2])).toBe(ticket);
    expect(await storedBytes(id?.[1] as string)).toMatchObject({
      filename: 'production_json.log',
      size: fs.statSync(file).size,
      source: 'api',
    });
  }, 60_000);

  it('uploads a file of 16 MB or more resumably, then attaches it, byte for byte', async () => {
    const file = logFile(dir, 'api_json.log', 17 * 1024 * 1024);
    const result = await run(['bundle', 'add', '--ticket', String(ticket), file], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('resumable');
    const id = /^Bundle ([0-9a-f-]{36}) on ticket/.exec(result.stdout)?.[1] as string;
    expect(await storedBytes(id)).toMatchObject({
      filename: 'api_json.log',
      size: fs.statSync(file).size,
      source: 'upload',
    });
    const download = await desk.deps.bundleStorage.read(`bundles/${id}`);
    expect((await buffer(download)).equals(fs.readFileSync(file))).toBe(true);
  }, 60_000);

  it('says what is wrong and exits non-zero', async () => {
    const file = logFile(dir, 'sidekiq.log', 1024);
    const unset = await run(['bundle', 'add', '--ticket', String(ticket), file], { DATA_DIR: dir });
    expect(unset.code).toBe(78);
    expect(unset.stderr).toContain('PIPEFITTER_URL');
    const badToken = await run(['bundle', 'add', '--ticket', String(ticket), file], {
      ...env,
      PIPEFITTER_TOKEN: 'pf_not_a_token',
    });
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toMatch(/401/);
    const noTicket = await run(['bundle', 'add', '--ticket', '999999', file], env);
    expect(noTicket.code).toBe(1);
    expect(noTicket.stderr).toMatch(/404 .*TICKET_NOT_FOUND/);
    const noFile = await run(['bundle', 'add', '--ticket', String(ticket), path.join(dir, 'nope.tar.gz')], env);
    expect(noFile.code).toBe(66);
    expect(noFile.stderr).toContain('cannot read');
  }, 60_000);
});
