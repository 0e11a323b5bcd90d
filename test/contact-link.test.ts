import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProgram } from '../src/cli/program.js';
import { createTestDesk, type TestDesk } from './helpers/build-app.js';
import { testDatabaseKind } from './helpers/database.js';
import { requireBuild, runCli } from './helpers/desk-processes.js';

// `pipefitter contact link --email E`: a newcomer tries the portal before mail is set up. The
// program runs against a test desk (what the command does); then the real command, built, as a
// process, says so when there is no such contact.

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

async function pipefitter(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runProgram(
    args,
    { out: (t) => (stdout += t), err: (t) => (stderr += t), readStdin: async () => Buffer.alloc(0) },
    async () => desk.deps,
  );
  return { code, stdout, stderr };
}

describe('pipefitter contact link', () => {
  it('prints a portal sign-in link that signs the contact in once, to their own tickets', async () => {
    const lena = await desk.customer('Link Acme', 'lena@link-acme.example');
    await desk.as(lena.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Runner stuck', body: 'Since 09:00.' },
    });

    const run = await pipefitter(['contact', 'link', '--email', 'Lena@Link-Acme.example']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Portal sign-in link for lena@link-acme.example');
    const url = run.stdout.trim();
    expect(url).toMatch(/^http:\/\/localhost:8080\/auth\/link\?token=pfl_\S+$/);

    const token = new URL(url).searchParams.get('token');
    const redeemed = await desk.as(undefined, { method: 'POST', url: '/api/v1/auth/redeem', payload: { token } });
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    expect(redeemed.json().kind).toBe('contact');
    const cookie = String(redeemed.headers['set-cookie']).split(';')[0] as string;
    const tickets = await desk.as(undefined, { method: 'GET', url: '/api/v1/tickets', headers: { cookie } });
    expect(tickets.json().items.map((t: { subject: string }) => t.subject)).toEqual(['Runner stuck']);

    // once only
    const again = await desk.as(undefined, { method: 'POST', url: '/api/v1/auth/redeem', payload: { token } });
    expect(again.json().error.code).toBe('SIGN_IN_LINK_INVALID');
  });

  it('exits non-zero and says so when there is no such contact, or no address', async () => {
    const unknown = await pipefitter(['contact', 'link', '--email', 'nobody@link-none.example']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No contact with the email nobody@link-none.example');
    expect(unknown.stdout).toBe('');
    const bad = await pipefitter(['contact', 'link', '--email', 'not-an-address']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('is not an email address');
    const missing = await pipefitter(['contact', 'link']);
    expect(missing.code).toBe(2);
  });
});

describe.skipIf(testDatabaseKind() !== 'pglite')('pipefitter contact link, the command', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipefitter-contact-link-'));
    requireBuild();
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('works on the data folder and exits 1 with a message for an unknown contact', async () => {
    const result = await runCli(['contact', 'link', '--email', 'nobody@desk.example'], { DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No contact with the email nobody@desk.example');
    expect(result.stdout).toBe('');
  }, 120_000);
});
