import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { buildSosArchive, exactQuantile, generateLog, SOS_PATHS } from '../../test/helpers/log-generator.js';
import { DAY_MS, FakeClock } from '../platform/clock.js';
import { queryOne } from '../platform/db.js';
import { fingerprintSql } from './analyse/sql-fingerprint.js';

// Log bundles through the HTTP API on the real database: a GitLabSOS-shaped archive uploaded as a raw body,
// analysed by the job in its worker thread (numbers checked against the generator's truth), summarised in an
// internal note; who sees what (a customer never the results, another organization nothing); refusals by
// name, bytes, size and the scan; deletion, retention, and a bundle mailed as an attachment.

const clock = new FakeClock('2026-03-02T09:00:00Z');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-bundles-'));
// a stand-in virus scanner: refuses a file that carries the EICAR marker, as clamdscan would
const scanner = path.join(scratch, 'scan.mjs');
fs.writeFileSync(
  scanner,
  `import fs from 'node:fs';
   const file = process.argv[2];
   if (fs.readFileSync(file).includes('EICAR-STANDARD-ANTIVIRUS-TEST-FILE')) {
     console.log(file + ': Eicar-Test-Signature FOUND');
     process.exit(1);
   }`,
);

let desk: TestDesk;
let agent: string;
let lena: { organizationId: string; contactId: string; token: string };
let tom: { contactId: string; token: string };
let stranger: { organizationId: string; contactId: string; token: string };
let ticket: number;
const drain = () => desk.runtime.createWorker().drain();
const storedFiles = () =>
  fs.readdirSync(path.join(desk.deps.config.dataDir, 'bundles')).filter((f) => !f.startsWith('.'));

beforeAll(async () => {
  desk = await createTestDesk({
    clock,
    env: {
      SUPPORT_ADDRESS: 'support@desk.example',
      BUNDLE_MAX_BYTES: '1MB',
      BUNDLE_SCAN_COMMAND: `${process.execPath} ${scanner}`,
    },
  });
  agent = await desk.agentTokenFor('ana@desk.example');
  lena = await desk.customer('Acme', 'lena@acme.example', { shareTickets: true });
  tom = await desk.contactIn(lena.organizationId, 'tom@acme.example');
  stranger = await desk.customer('Initech', 'peter@initech.example');
  const opened = await desk.as(lena.token, {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { subject: 'Pipelines are slow since the upgrade', body: 'Everything is slow.' },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  ticket = opened.json().number;
}, 60_000);
afterAll(async () => {
  await desk?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

function upload(token: string, filename: string, payload: Buffer, contentType = 'application/gzip', number = ticket) {
  return desk.as(token, {
    method: 'POST',
    url: `/api/v1/tickets/${number}/bundles?filename=${encodeURIComponent(filename)}`,
    headers: { 'content-type': contentType },
    payload,
  });
}

// a slow statement shape whose numbers the test knows: 7 runs, durations 100 ms … 700 ms
const SLOW_SQL = 'SELECT "ci_builds".* FROM "ci_builds" WHERE "ci_builds"."project_id" = 42 ORDER BY "id" DESC';
const SQL_MS = [100, 200, 300, 400, 500, 600, 700];
const postgresLog = `${SQL_MS.map(
  (ms, i) =>
    `2024-05-01 10:0${i}:00.000 UTC [4821${i}] LOG:  duration: ${ms.toFixed(3)} ms  statement: ${SLOW_SQL.replace('42', String(40 + i))}`,
).join('\n')}\n`;
const DF = `Filesystem                        Type      Size  Used Avail Use% Mounted on
/dev/sda1                         ext4       97G   95G  2.0G  98% /
/dev/sdb1                         xfs       500G  310G  190G  62% /var/opt/gitlab
`;

describe('a GitLabSOS archive uploaded as a raw body', () => {
  const production = generateLog('production_json', 1200, { seed: 5 });
  const sidekiq = generateLog('sidekiq', 600, { seed: 6 });
  let id: string;

  it('is stored, analysed by the job, and its numbers are the generator’s', { timeout: 60_000 }, async () => {
    const archive = await buildSosArchive([
      { name: SOS_PATHS.production_json, content: production.text },
      { name: SOS_PATHS.sidekiq, content: sidekiq.text },
      { name: 'var/log/gitlab/postgresql/current', content: postgresLog },
      { name: 'df_hT', content: DF },
    ]);
    expect(archive.length).toBeLessThan(1024 * 1024);
    const res = await upload(agent, 'gitlabsos.gitlab-example_20240501.tar.gz', archive);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    id = created.id;
    expect(created).toMatchObject({
      state: 'queued',
      size: archive.length,
      source: 'api',
      filename: 'gitlabsos.gitlab-example_20240501.tar.gz',
      uploadedBy: { kind: 'agent', name: 'ana' },
      // a customer on the standard plan: 30 days
      expiresAt: new Date(clock.now().getTime() + 30 * DAY_MS).toISOString(),
    });

    await drain();
    const bundle = (await desk.as(agent, { method: 'GET', url: `/api/v1/bundles/${id}` })).json();
    expect(bundle.state, bundle.error).toBe('done');
    expect(bundle.progress).toBe(1);
    expect(bundle.files.map((f: { kind: string }) => f.kind).sort()).toEqual(
      ['df', 'postgresql', 'production_json', 'sidekiq'].sort(),
    );
    // endpoints: counts exact, p99 within DDSketch's 1 %
    expect(bundle.endpoints.length).toBe(production.truth.endpoints.size);
    for (const [route, t] of production.truth.endpoints) {
      const row = bundle.endpoints.find((e: { route: string }) => e.route === route);
      expect(row?.count, route).toBe(t.count);
      expect(Math.abs(row.p99Ms - exactQuantile(t.values, 0.99))).toBeLessThanOrEqual(
        exactQuantile(t.values, 0.99) * 0.01 + 0.001,
      );
    }
    expect(bundle.sidekiq.reduce((s: number, r: { count: number }) => s + r.count, 0)).toBe(
      [...sidekiq.truth.sidekiq.values()].reduce((s, t) => s + t.count, 0),
    );
    // the seven statements are one fingerprint: 7 runs, 2800 ms in all, 400 ms on average
    const sql = bundle.sql.find((g: { fingerprint: string }) => g.fingerprint === fingerprintSql(SLOW_SQL).fingerprint);
    expect(sql).toMatchObject({ count: 7, totalMs: 2800, meanMs: 400 });
    // the full disk is the critical finding
    expect(bundle.findings[0]).toMatchObject({ rule: 'disk-nearly-full', severity: 'critical' });
    expect(bundle.findings[0].message).toContain('98 %');

    const list = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${ticket}/bundles` })).json();
    expect(list.items).toEqual([
      expect.objectContaining({ id, state: 'done', findingCount: bundle.findings.length, criticalCount: 1 }),
    ]);
  });

  it('posts an internal note with the findings that matter most and a link to the bundle’s page', async () => {
    const thread = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${ticket}/messages` })).json().items;
    const note = thread.find((m: { text: string }) => m.text.startsWith('Log bundle'));
    expect(note).toMatchObject({ internal: true });
    expect(note.text).toContain('CRITICAL: / is 98 % full');
    expect(note.text).toContain(`/tickets/${ticket}/bundles/${id}`);
    // the customer does not see it
    const theirs = (await desk.as(lena.token, { method: 'GET', url: `/api/v1/tickets/${ticket}/messages` })).json();
    expect(theirs.items.some((m: { text: string }) => m.text.startsWith('Log bundle'))).toBe(false);
    // a second run of the job changes nothing: one note
    await desk.deps.enqueue(desk.deps.db, 'diagnostics.analyse-bundle', { bundleId: id });
    await drain();
    const again = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${ticket}/messages` })).json().items;
    expect(again.filter((m: { text: string }) => m.text.startsWith('Log bundle')).length).toBe(1);
  });

  it('the ticket’s contacts see its state and files, never the results; they may download it', async () => {
    const seen = await desk.as(tom.token, { method: 'GET', url: `/api/v1/bundles/${id}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ id, state: 'done' });
    expect(seen.json().files.length).toBe(4);
    for (const key of ['findings', 'sql', 'sidekiq', 'endpoints', 'errors', 'samples', 'top', 'system']) {
      expect(seen.json(), key).not.toHaveProperty(key);
    }
    const listed = (await desk.as(tom.token, { method: 'GET', url: `/api/v1/tickets/${ticket}/bundles` })).json();
    expect(listed.items[0]).not.toHaveProperty('findingCount');
    const file = await desk.as(lena.token, { method: 'GET', url: `/api/v1/bundles/${id}/file` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/octet-stream');
    expect(file.headers['content-disposition']).toContain(
      'attachment; filename="gitlabsos.gitlab-example_20240501.tar.gz"',
    );
    expect(zlib.gunzipSync(file.rawPayload).length).toBeGreaterThan(0);
  });

  it('a contact of another organization finds nothing', async () => {
    for (const url of [`/api/v1/bundles/${id}`, `/api/v1/bundles/${id}/file`]) {
      const res = await desk.as(stranger.token, { method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('BUNDLE_NOT_FOUND');
    }
    expect((await desk.as(stranger.token, { method: 'DELETE', url: `/api/v1/bundles/${id}` })).statusCode).toBe(404);
    const upload404 = await upload(stranger.token, 'mine.log', Buffer.from('hello\n'), 'application/octet-stream');
    expect(upload404.statusCode).toBe(404);
    expect(
      (await desk.as(stranger.token, { method: 'GET', url: `/api/v1/tickets/${ticket}/bundles` })).statusCode,
    ).toBe(404);
  });
});

describe('refusals', () => {
  it('a zip by its name, and a zip named .tar.gz by its bytes: 415, nothing kept', async () => {
    const before = storedFiles().length;
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
    const byName = await upload(lena.token, 'gitlab_db_sos.zip', zip, 'application/octet-stream');
    expect(byName.statusCode).toBe(415);
    expect(byName.json().error.code).toBe('BUNDLE_TYPE_REFUSED');
    const byBytes = await upload(lena.token, 'logs.tar.gz', zip);
    expect(byBytes.statusCode).toBe(415);
    expect(byBytes.json().error.message).toContain('zip archive');
    const exe = await upload(lena.token, 'setup.exe', Buffer.from('MZ....'), 'application/octet-stream');
    expect(exe.statusCode).toBe(415);
    expect(storedFiles().length).toBe(before);
  });

  it('an upload id nobody finished or owns: 404 UPLOAD_NOT_FOUND; neither a body nor an id: 400', async () => {
    const res = await desk.as(lena.token, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket}/bundles`,
      payload: { uploadId: 'no-such-upload' },
    });
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json().error.code).toBe('UPLOAD_NOT_FOUND');
    const empty = await desk.as(lena.token, { method: 'POST', url: `/api/v1/tickets/${ticket}/bundles`, payload: {} });
    expect(empty.statusCode).toBe(400);
  });

  it('past BUNDLE_MAX_BYTES: 413, nothing kept', async () => {
    const before = storedFiles().length;
    const big = Buffer.alloc(1024 * 1024 + 10, 'a');
    const res = await upload(lena.token, 'huge.log', big, 'application/octet-stream');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('BUNDLE_TOO_LARGE');
    expect(storedFiles().length).toBe(before);
  });

  it('refused by the scan: the bundle fails with the scanner’s words and is not analysed', async () => {
    const res = await upload(
      lena.token,
      'production.log',
      Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*\n'),
      'application/octet-stream',
    );
    expect(res.statusCode, res.body).toBe(201);
    await drain();
    const bundle = (await desk.as(agent, { method: 'GET', url: `/api/v1/bundles/${res.json().id}` })).json();
    expect(bundle.state).toBe('failed');
    expect(bundle.error).toMatch(/^refused by the scan: .*Eicar-Test-Signature FOUND/);
    expect(bundle.files).toEqual([]);
    // its bytes are gone: nobody can download what the scan refused
    expect(bundle.downloadable).toBe(false);
    expect(storedFiles()).not.toContain(bundle.id);
    const download = await desk.as(lena.token, { method: 'GET', url: `/api/v1/bundles/${bundle.id}/file` });
    expect(download.statusCode).toBe(404);
    expect(download.json().error.message).toContain('virus scan refused it');
    // the customer hears what happened, not the scanner's output and paths
    const theirs = (await desk.as(lena.token, { method: 'GET', url: `/api/v1/bundles/${bundle.id}` })).json();
    expect(theirs.error).toBe('The bundle was refused by the virus scan.');
    expect(JSON.stringify(theirs)).not.toContain('Eicar');
  });

  it('with a scan configured, nobody downloads a bundle before the scan has passed (409 BUNDLE_NOT_READY)', async () => {
    const res = await upload(lena.token, 'sidekiq.log', Buffer.from(generateLog('sidekiq', 20, 3).text));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect(res.json()).toMatchObject({ state: 'queued', downloadable: false });
    for (const token of [lena.token, agent]) {
      const early = await desk.as(token, { method: 'GET', url: `/api/v1/bundles/${id}/file` });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.code).toBe('BUNDLE_NOT_READY');
    }
    await drain();
    const listed = (await desk.as(lena.token, { method: 'GET', url: `/api/v1/tickets/${ticket}/bundles` })).json();
    expect(listed.items.find((b: { id: string }) => b.id === id)).toMatchObject({ state: 'done', downloadable: true });
    expect((await desk.as(lena.token, { method: 'GET', url: `/api/v1/bundles/${id}/file` })).statusCode).toBe(200);
    await desk.as(agent, { method: 'DELETE', url: `/api/v1/bundles/${id}` });
  });

  it('a scan that cannot run is no pass: the bundle fails and is not served', async () => {
    const command = desk.deps.config.bundleScanCommand;
    desk.deps.config.bundleScanCommand = path.join(scratch, 'no-such-scanner');
    try {
      const res = await upload(lena.token, 'sidekiq.log', Buffer.from(generateLog('sidekiq', 20, 4).text));
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id;
      await drain();
      const bundle = (await desk.as(agent, { method: 'GET', url: `/api/v1/bundles/${id}` })).json();
      expect(bundle).toMatchObject({ state: 'failed', downloadable: false });
      expect(bundle.error).toMatch(/the scan could not run/);
      const download = await desk.as(lena.token, { method: 'GET', url: `/api/v1/bundles/${id}/file` });
      expect(download.statusCode).toBe(409);
      expect(download.json().error.message).toContain('has not passed the virus scan');
      await desk.as(agent, { method: 'DELETE', url: `/api/v1/bundles/${id}` });
    } finally {
      desk.deps.config.bundleScanCommand = command;
    }
  });

  it('a disk that would keep less than BUNDLE_FREE_MIN free: 507 STORAGE_FULL before a byte is stored', async () => {
    const before = storedFiles().length;
    const floor = desk.deps.config.bundleFreeMinBytes;
    // the disk "has" less free than the floor: as when uploads have filled DATA_DIR
    desk.deps.config.bundleFreeMinBytes = 1024 ** 5;
    try {
      const res = await upload(agent, 'production.log', Buffer.from('a line\n'), 'application/octet-stream');
      expect(res.statusCode).toBe(507);
      expect(res.json().error).toMatchObject({ code: 'STORAGE_FULL' });
      expect(res.json().error.message).toMatch(/short of disk space/);
    } finally {
      desk.deps.config.bundleFreeMinBytes = floor;
    }
    expect(storedFiles().length).toBe(before);
  });

  it('an organization over BUNDLE_CUSTOMER_QUOTA: its contacts are refused (413), agents are not', async () => {
    const items = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${ticket}/bundles` })).json().items;
    const used = items.reduce((sum: number, b: { size: number; downloadable: boolean }) => sum + b.size, 0);
    const quota = desk.deps.config.bundleCustomerQuotaBytes;
    desk.deps.config.bundleCustomerQuotaBytes = used + 100;
    try {
      const log = Buffer.from(generateLog('sidekiq', 20, 4).text);
      // tom is another contact of the same organization: the quota is the organization's
      const byTom = await upload(tom.token, 'sidekiq.log', log);
      expect(byTom.statusCode).toBe(413);
      expect(byTom.json().error.code).toBe('BUNDLE_QUOTA_EXCEEDED');
      expect(byTom.json().error.message).toMatch(/Your organization’s bundles take .* Delete old bundles/);
      const byAgent = await upload(agent, 'sidekiq.log', log);
      expect(byAgent.statusCode, byAgent.body).toBe(201);
      await desk.as(agent, { method: 'DELETE', url: `/api/v1/bundles/${byAgent.json().id}` });
      // another organization's quota is its own
      const theirs = await desk.as(stranger.token, {
        method: 'POST',
        url: '/api/v1/tickets',
        payload: { subject: 'Slow', body: 'Slow.' },
      });
      const mine = await upload(stranger.token, 'sidekiq.log', log, 'application/gzip', theirs.json().number);
      expect(mine.statusCode, mine.body).toBe(201);
    } finally {
      desk.deps.config.bundleCustomerQuotaBytes = quota;
    }
  });

  it('limits raw bodies per person, not per address', async () => {
    const busy = await desk.agentTokenFor('busy@desk.example');
    const calm = await desk.agentTokenFor('calm@desk.example');
    const post = (token: string) =>
      desk.as(token, { method: 'POST', url: `/api/v1/tickets/${ticket}/bundles`, payload: {} });
    for (let i = 0; i < 30; i++) expect((await post(busy)).statusCode).toBe(400);
    const refused = await post(busy);
    expect(refused.statusCode).toBe(429);
    // the same address, someone else: not held back
    expect((await post(calm)).statusCode).toBe(400);
  });

  it('strips invisible and direction-changing characters from a name', async () => {
    const log = Buffer.from(generateLog('sidekiq', 10, 5).text);
    // U+202E shows "sos\u202Ezg.rat.log" as "sosgol.tar.gz"
    const res = await upload(agent, '\u200bsos\u202ezg.rat\u2066.log\ufeff', log);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().filename).toBe('soszg.rat.log');
    await desk.as(agent, { method: 'DELETE', url: `/api/v1/bundles/${res.json().id}` });
  });
});

describe('deletion and retention', () => {
  it('the contact who uploaded a bundle may delete it (another may not): its file leaves the storage', async () => {
    const res = await upload(lena.token, 'sidekiq.log', Buffer.from(generateLog('sidekiq', 50, 9).text));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect(storedFiles()).toContain(id);
    const byTom = await desk.as(tom.token, { method: 'DELETE', url: `/api/v1/bundles/${id}` });
    expect(byTom.statusCode).toBe(403);
    const byLena = await desk.as(lena.token, { method: 'DELETE', url: `/api/v1/bundles/${id}` });
    expect(byLena.statusCode).toBe(204);
    expect(storedFiles()).not.toContain(id);
    expect((await desk.as(agent, { method: 'GET', url: `/api/v1/bundles/${id}` })).statusCode).toBe(404);
    // the queued analysis finds nothing to do
    await drain();
    const history = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${ticket}/events` })).json();
    expect(history.items.map((e: { summary: string }) => e.summary)).toContain(
      'lena deleted the log bundle sidekiq.log',
    );
  });

  it('deleting an analysed bundle empties its summary note, in the thread and in search', async () => {
    const res = await upload(agent, 'production_json.log', Buffer.from(generateLog('production_json', 80, 11).text));
    const id = res.json().id;
    await drain();
    const noteOf = async () =>
      (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${ticket}/messages` }))
        .json()
        .items.filter((m: { text: string }) => m.text.includes('production_json.log'));
    expect((await noteOf())[0].text).toMatch(/^Log bundle production_json\.log analysed/);
    expect((await desk.as(agent, { method: 'DELETE', url: `/api/v1/bundles/${id}` })).statusCode).toBe(204);
    const notes = await noteOf();
    expect(notes.map((m: { text: string; html: string }) => m.text)).toEqual([
      'The summary of production_json.log was removed with the bundle on 2026-03-02.',
    ]);
    expect(JSON.stringify(notes)).not.toContain('/bundles/');
    // what full-text search reads of it is the new text
    const indexed = await queryOne<{ old: boolean; now: boolean }>(
      desk.deps.db,
      sql`SELECT search_vector @@ plainto_tsquery('english', 'analysed') AS old,
                 search_vector @@ plainto_tsquery('english', 'removed') AS now FROM messages WHERE id = ${notes[0].id}`,
    );
    expect(indexed).toEqual({ old: false, now: true });
  });

  it('the hourly sweep removes bundles past their retention period', async () => {
    const res = await upload(agent, 'api_json.log', Buffer.from(generateLog('api_json', 50, 10).text));
    const id = res.json().id;
    await drain();
    clock.advance(29 * DAY_MS);
    await drain();
    expect(storedFiles()).toContain(id);
    clock.advance(2 * DAY_MS);
    await drain();
    expect(storedFiles()).not.toContain(id);
    expect((await desk.as(agent, { method: 'GET', url: `/api/v1/bundles/${id}` })).statusCode).toBe(404);
    // every bundle of this ticket was older: none is left
    const list = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${ticket}/bundles` })).json();
    expect(list.items).toEqual([]);
  });
});

describe('mail', () => {
  it('a log attached to a customer’s mail becomes a bundle of the ticket, analysed the same way', async () => {
    const log = generateLog('sidekiq', 300, 12);
    const attachment = zlib.gzipSync(log.text).toString('base64').replace(/.{76}/g, '$&\r\n');
    const raw = [
      'From: Lena <lena@acme.example>',
      'To: support@desk.example',
      'Subject: Sidekiq is behind',
      'Message-ID: <bundle-mail-1@acme.example>',
      `Date: ${clock.now().toUTCString()}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The Sidekiq log is attached.',
      '--b1',
      'Content-Type: application/gzip; name="sidekiq-current.log.gz"',
      'Content-Disposition: attachment; filename="sidekiq-current.log.gz"',
      'Content-Transfer-Encoding: base64',
      '',
      attachment,
      '--b1--',
      '',
    ].join('\r\n');
    const res = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/mail/inbound',
      headers: { 'content-type': 'message/rfc822' },
      payload: Buffer.from(raw),
    });
    expect(res.statusCode, res.body).toBe(202);
    await drain();
    const inbound = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/mail/inbound' })).json().items;
    const number = inbound.find((i: { id: number }) => i.id === res.json().id).ticketNumber;
    expect(number).toBeGreaterThan(0);
    const list = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}/bundles` })).json();
    expect(list.items).toEqual([
      expect.objectContaining({
        filename: 'sidekiq-current.log.gz',
        source: 'mail',
        state: 'done',
        uploadedBy: { kind: 'contact', name: 'lena' },
      }),
    ]);
    const bundle = (await desk.as(agent, { method: 'GET', url: `/api/v1/bundles/${list.items[0].id}` })).json();
    expect(bundle.sidekiq.reduce((s: number, r: { count: number }) => s + r.count, 0)).toBe(
      [...log.truth.sidekiq.values()].reduce((s, t) => s + t.count, 0),
    );
    // the attachment is taken once, however often its job runs: the job again, under a key of its own
    const job = await queryOne<{ payload: unknown }>(
      desk.deps.db,
      sql`SELECT payload FROM jobs WHERE name = 'diagnostics.bundle-from-attachment' ORDER BY id DESC LIMIT 1`,
    );
    await desk.deps.enqueue(desk.deps.db, 'diagnostics.bundle-from-attachment', job?.payload as never, {
      key: 'bundle-from-attachment:again',
    });
    await drain();
    expect(
      (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}/bundles` })).json().items.length,
    ).toBe(1);
    // …and quietly: the second run finds the bundle, it does not fail on the unique attachment
    const again = await queryOne<{ state: string }>(
      desk.deps.db,
      sql`SELECT state FROM jobs WHERE key = 'bundle-from-attachment:again'`,
    );
    expect(again?.state).toBe('done');
  });
});
