import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from './helpers/database.js';
import { builtCli, requireBuild, root, runCli as run } from './helpers/desk-processes.js';

// The operator's view: the real `pipefitter` command, built as npm installs it, and `npm start`'s server
// as processes, on the embedded database, talking over real HTTP and the control socket.

const embedded = testDatabaseKind() === 'pglite';

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipefitter-cli-'));
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!embedded)('pipefitter, the command', () => {
  beforeAll(requireBuild);

  it('explains wrong arguments and exits non-zero', async () => {
    const env = { DATA_DIR: dataDir };
    const unknown = await run(['frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const neither = await run(['token', 'create', '--name', 'x'], env);
    expect(neither.code).toBe(1);
    expect(neither.stderr).toContain('Give either --role admin|lead|agent or --contact EMAIL');
    const badRole = await run(['token', 'create', '--name', 'x', '--role', 'root'], env);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('Allowed choices are admin, lead, agent');
    const badConfig = await run(['migrate'], { DATA_DIR: dataDir, PORT: 'many' });
    expect(badConfig.code).toBe(78);
    expect(badConfig.stderr).toContain('PORT must be a whole number');
  }, 60_000);

  it('works on the data folder directly when no desk runs', async () => {
    const env = { DATA_DIR: dataDir };
    const admin = await run(['admin', 'create', '--email', 'root@desk.example', '--time-zone', 'Europe/Lisbon'], env);
    expect(admin.stderr).toBe('');
    expect(admin.code).toBe(0);
    expect(admin.stdout).toMatch(/Admin root@desk\.example created/);
    expect(admin.stdout).toMatch(/http:\/\/localhost:8080\/auth\/link\?token=pfl_\S+/);
    const again = await run(['admin', 'create', '--email', 'root@desk.example'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const mail =
      'From: lena@acme.example\nTo: support@localhost\nSubject: piped\nMessage-ID: <piped-1@acme.example>\n\nBy the MTA pipe.\n';
    const delivered = await run(['mail', 'deliver'], env, mail);
    expect(delivered.code, delivered.stderr).toBe(0);
    expect(delivered.stdout).toMatch(/Stored as inbound mail \d+/);
    const garbage = await run(['mail', 'deliver'], env, 'this is not mail at all');
    expect(garbage.code).toBe(65); // EX_DATAERR: the MTA bounces it rather than retrying forever
    const migrate = await run(['migrate'], env);
    expect(migrate.stdout).toContain('up to date');
    expect(fs.existsSync(path.join(dataDir, 'pipefitter.lock'))).toBe(false); // released
  }, 120_000);

  describe('while the desk runs', () => {
    let server: ChildProcess;
    let base = '';
    let serverLog = '';
    const env = () => ({ DATA_DIR: dataDir, PORT: '0', SMTP_PORT: '0', LOG_LEVEL: 'info' });

    beforeAll(async () => {
      server = spawn(process.execPath, [builtCli, 'serve'], { env: { ...process.env, ...env() }, cwd: root });
      server.stdout?.on('data', (d) => (serverLog += d));
      server.stderr?.on('data', (d) => (serverLog += d));
      const deadline = Date.now() + 60_000;
      while (!/Pipefitter is ready/.test(serverLog) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      base = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(serverLog)?.[1] ?? '';
      expect(base, serverLog).not.toBe('');
    }, 90_000);
    afterAll(() => {
      if (server.exitCode === null) server.kill('SIGKILL');
    });

    async function api(token: string, method: string, url: string, body?: unknown) {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    }

    it('the newcomer creates an admin token through the running desk and works the API over HTTP', async () => {
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      const created = await run(['token', 'create', '--name', 'newcomer', '--role', 'admin'], env());
      expect(created.code, created.stderr).toBe(0);
      const admin = created.stdout.trim();
      expect(admin).toMatch(/^pf_/);

      const acme = await api(admin, 'POST', '/api/v1/organizations', { name: 'Acme' });
      const globex = await api(admin, 'POST', '/api/v1/organizations', { name: 'Globex' });
      await api(admin, 'POST', '/api/v1/contacts', { email: 'lena@acme.example', organizationId: acme.json.id });
      await api(admin, 'POST', '/api/v1/contacts', { email: 'hank@globex.example', organizationId: globex.json.id });
      const lena = (
        await run(['token', 'create', '--name', 'lena', '--contact', 'lena@acme.example'], env())
      ).stdout.trim();
      const hank = (await api(admin, 'POST', '/api/v1/tokens', { name: 'hank', contactEmail: 'hank@globex.example' }))
        .json.token as string;

      const ticket = await api(lena, 'POST', '/api/v1/tickets', {
        subject: 'Slow merge request page',
        body: 'It takes 30 s.',
      });
      expect(ticket.status).toBe(201);
      const number = ticket.json.number as number;
      const reply = await api(admin, 'POST', `/api/v1/tickets/${number}/messages`, {
        body: 'Send the performance bar output.',
      });
      expect(reply.status).toBe(201);
      expect((await api(lena, 'GET', `/api/v1/tickets/${number}/messages`)).json.items).toHaveLength(2);
      const foreign = await api(hank, 'GET', `/api/v1/tickets/${number}`);
      expect(foreign.status).toBe(404);
      expect(foreign.json.error).toMatchObject({ code: 'TICKET_NOT_FOUND' });
      // the same search finds the ticket for its requester and nothing for another organization
      const found = (await api(lena, 'GET', '/api/v1/search?q=merge')).json.items as { ticket: { number: number } }[];
      expect(found.map((hit) => hit.ticket.number)).toEqual([number]);
      expect((await api(hank, 'GET', '/api/v1/search?q=merge')).json.items).toEqual([]);
    }, 60_000);

    it('seeds the demo desk through the running desk', async () => {
      const demo = await run(['demo', '--tickets', '40'], env());
      expect(demo.code, demo.stderr).toBe(0);
      expect(demo.stdout).toContain('12 agents');
      const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ana@desk.example', password: 'pipefitter-demo' }),
      });
      expect(signIn.status).toBe(200);
      const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
      const list = await fetch(`${base}/api/v1/tickets?limit=100`, { headers: { cookie } });
      const items = ((await list.json()) as { items: { status: string }[] }).items;
      expect(items.length).toBeGreaterThanOrEqual(40);
      expect(new Set(items.map((t) => t.status)).size).toBeGreaterThanOrEqual(5);
    }, 120_000);

    it('takes piped mail through the running desk', async () => {
      const mail =
        'From: tom@acme.example\nTo: support@localhost\nSubject: piped while running\nMessage-ID: <piped-2@acme.example>\n\nHello.\n';
      const delivered = await run(['mail', 'deliver'], env(), mail);
      expect(delivered.code, delivered.stderr).toBe(0);
      const again = await run(['mail', 'deliver'], env(), mail);
      expect(again.stdout).toContain('delivered before');
    }, 60_000);

    it('imports a roster file and prints the week’s coverage through the running desk', async () => {
      const file = path.join(dataDir, 'roster.yaml');
      fs.writeFileSync(
        file,
        'agents:\n  - email: mia@desk.example\n    name: Mia\n    timeZone: Australia/Sydney\n    region: APAC\n  - email: bad@desk.example\n    name: Bad\n    timeZone: Nowhere/Else\n',
      );
      const refused = await run(['roster', 'import', file], env());
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('line 6');
      expect(refused.stderr).toContain('Nowhere/Else');
      fs.writeFileSync(
        file,
        'agents:\n  - email: mia@desk.example\n    name: Mia\n    timeZone: Australia/Sydney\n    region: APAC\n    hours: { sun: "20:00-23:00" }\n',
      );
      const imported = await run(['roster', 'import', file], env());
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toContain('Roster imported: 1 agents created, 0 updated.');
      const coverage = await run(['coverage', '--week', '2026-W50', '--zone', 'UTC'], env());
      expect(coverage.code, coverage.stderr).toBe(0);
      // Mia works Sunday evenings in Sydney, 20:00–23:00 AEDT (UTC+11) = Sunday 09:00–12:00 UTC, when
      // nobody else does: three hours of Sunday show her, and Sunday is outside the 24/5 target
      expect(coverage.stdout).toMatch(/^Sun 2026-12-13 {2}(· {2}){9}1 {2}1 {2}1 {2}· /m);
      expect(coverage.stdout).toContain('Target: at least 1 engineer, mon 00:00-24:00');
      const badWeek = await run(['coverage', '--week', 'next'], env());
      expect(badWeek.code).not.toBe(0);
      expect(badWeek.stderr).toContain('"next" is not an ISO week like 2026-W49');
    }, 60_000);

    it('refuses a second process on the embedded database with a clear message', async () => {
      const worker = await run(['worker'], env());
      expect(worker.code).toBe(1);
      expect(worker.stderr).toContain('is in use by another Pipefitter process');
      // nor is the key rotated under a running desk, which holds the old one
      const rotate = await run(['secret', 'rotate'], env());
      expect(rotate.code).toBe(1);
      expect(rotate.stderr).toContain('is in use by another Pipefitter process');
    }, 60_000);

    it('stops gracefully on SIGTERM and releases the data folder', async () => {
      const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(serverLog).toContain('shutting down');
      expect(fs.existsSync(path.join(dataDir, 'pipefitter.lock'))).toBe(false);
      expect(serverLog).not.toMatch(/pf_[A-Za-z0-9_-]{20}/); // no secret in the log
      expect(serverLog).not.toContain(fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8').trim());
    }, 60_000);

    it('rotates the desk key once the desk is stopped, keeping the old one for mail already sent', async () => {
      const before = fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8');
      const rotate = await run(['secret', 'rotate'], env());
      expect(rotate.stderr).toBe('');
      expect(rotate.code).toBe(0);
      expect(rotate.stdout).toContain('The desk key is new');
      expect(fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8')).not.toBe(before);
      expect(fs.readFileSync(path.join(dataDir, 'secret.key.previous'), 'utf8')).toBe(before);
      expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
      const migrate = await run(['migrate'], env());
      expect(migrate.code, migrate.stderr).toBe(0);
    }, 60_000);
  });
});
