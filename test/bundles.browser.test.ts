import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, screenshotPath } from './helpers/browser.js';
import { type Journey, startJourney } from './helpers/journey.js';
import { buildTar, generateLog, SOS_PATHS, writeLog } from './helpers/log-generator.js';

// Log bundles in Chromium. Ana uploads a GitLabSOS-shaped tar of ~35 MB (five 8 MB chunks) from Lena's
// ticket; the page is reloaded after two chunks, as a closed laptop or a dropped connection would cut
// it off; she picks the same file again and the upload carries on from the server's offset (no new
// upload, the first PATCH starts at 16 MB). The desk stores exactly the file's bytes; the analysis job
// runs; the panel shows the findings' count and the bundle page the findings, the slow SQL (sorted by
// a click on a column's head) and a row's sample lines. Lena uploads a small log from the portal and
// sees its state, never the findings.

const CHUNK = 8 * 1024 * 1024;
const ROOT = 'gitlabsos.gitlab-01_20240501100009/';
const BUNDLE_NAME = 'gitlabsos.gitlab-01_20240501100009.tar';

// three statement shapes whose order differs by total time and by count
const STATEMENTS = [
  { sql: 'SELECT "projects".* FROM "projects" WHERE "projects"."id" = 12 LIMIT 1', times: 40, ms: 150 },
  {
    sql: `SELECT COUNT(*) FROM "ci_builds" WHERE "ci_builds"."project_id" = 5 AND "ci_builds"."status" = 'running'`,
    times: 5,
    ms: 9_000,
  },
  { sql: `UPDATE "users" SET "last_activity_on" = '2024-05-01' WHERE "users"."id" = 9`, times: 15, ms: 600 },
];

// the root file system 96 % full: the disk-nearly-full rule's finding
const DF_HT = `Filesystem                        Type      Size  Used Avail Use% Mounted on
/dev/mapper/ubuntu--vg-ubuntu--lv ext4       97G   88G  4.5G  96% /
/dev/sdb1                         xfs       500G  310G  190G  62% /var/opt/gitlab
`;

function postgresLog(statements = STATEMENTS, start = Date.UTC(2024, 4, 1, 10, 5, 0)): string {
  const lines: string[] = [];
  let i = 0;
  for (const s of statements) {
    for (let n = 0; n < s.times; n++, i++) {
      const at = new Date(start + i * 7_000).toISOString().replace('T', ' ').slice(0, 23);
      lines.push(`${at} UTC [48222] LOG:  duration: ${s.ms.toFixed(3)} ms  statement: ${s.sql}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-bundles-browser-'));
const bundlePath = path.join(dir, BUNDLE_NAME);
let journey: Journey;
let number: number;
let ana: Page;
let bundleId: string;

const admin = (method: 'GET' | 'DELETE', url: string) =>
  journey.served.desk.as(journey.served.desk.adminToken, { method, url });
const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');
const isUploads = (r: Request) => new URL(r.url()).pathname.startsWith('/api/v1/uploads');

beforeAll(async () => {
  journey = await startJourney();
  number = await journey.mailIn(
    'From: Lena <lena@acme.example>\nTo: support@desk.example\nSubject: Every page is slow since the upgrade\nMessage-ID: <slow-1@acme.example>\n\nMerge requests take ten seconds to open.\n',
  );
  const log = path.join(dir, 'production_json.log');
  writeLog(log, 'production_json', 34 * 1024 * 1024, { seed: 14 });
  fs.writeFileSync(
    bundlePath,
    await buildTar([
      { name: ROOT + SOS_PATHS.production_json, content: fs.readFileSync(log) },
      { name: `${ROOT}var/log/gitlab/postgresql/current`, content: postgresLog() },
      { name: `${ROOT}df_hT`, content: DF_HT },
    ]),
  );
  fs.rmSync(log);
  expect(fs.statSync(bundlePath).size).toBeGreaterThan(4 * CHUNK);
}, 180_000);
afterAll(async () => {
  await journey?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a log bundle on a ticket', () => {
  it('an upload cut off by a reload resumes where the server stopped when the same file is picked again', async () => {
    ana = await journey.signInAgent('ana@desk.example');
    await ana.goto(`${journey.served.base}/tickets/${number}`);
    let panel = ana.getByRole('region', { name: 'Log bundles' });
    await panel.getByText('No bundle on this ticket yet.').waitFor();

    // the third chunk never gets an answer: the upload stands still after two, until the reload
    let patches = 0;
    await ana.route(
      (url) => url.pathname.startsWith('/api/v1/uploads'),
      async (route) => {
        if (route.request().method() === 'PATCH' && ++patches > 2) return;
        await route.continue();
      },
    );
    const created = ana.waitForResponse((r) => isUploads(r.request()) && r.request().method() === 'POST');
    await panel.getByLabel('Upload a bundle').setInputFiles(bundlePath);
    const location = (await created).headers().location as string;
    expect(location).toMatch(/\/api\/v1\/uploads\/[^/]+$/);
    await expect.poll(() => patches, { timeout: 30_000 }).toBe(3);
    await panel.getByRole('button', { name: 'Pause' }).waitFor();
    expect(await panel.getByRole('progressbar').getAttribute('value')).not.toBe('100');
    // the server holds two chunks of it
    const offset = await ana.evaluate(async (url) => {
      const res = await fetch(url, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } });
      return res.headers.get('upload-offset');
    }, location);
    expect(offset).toBe(String(2 * CHUNK));

    await ana.reload();
    await ana.unrouteAll({ behavior: 'ignoreErrors' });
    panel = ana.getByRole('region', { name: 'Log bundles' });
    await panel.getByText(`Unfinished upload: ${BUNDLE_NAME}`).waitFor();

    const sent: { method: string; offset: string | undefined }[] = [];
    ana.on('request', (r) => {
      if (isUploads(r)) sent.push({ method: r.method(), offset: r.headers()['upload-offset'] });
    });
    await panel.getByLabel('Upload a bundle').setInputFiles(bundlePath);
    const item = panel.getByRole('listitem').filter({ hasText: BUNDLE_NAME });
    await item.getByText('waiting for analysis').waitFor({ timeout: 30_000 });
    // no new upload: the same one, on from 16 MB
    expect(sent.filter((s) => s.method === 'POST')).toEqual([]);
    expect(sent.find((s) => s.method === 'PATCH')?.offset).toBe(String(2 * CHUNK));
    expect(await item.textContent()).toContain('Ana');
    // once attached, the browser forgets the upload: the same file again would be a new bundle
    expect(await panel.getByText(/^Unfinished upload/).count()).toBe(0);

    const list = await admin('GET', `/api/v1/tickets/${number}/bundles`);
    expect(list.statusCode, list.body).toBe(200);
    const bundles = list.json().items as { id: string; filename: string; size: number; uploadedBy: { name: string } }[];
    expect(bundles.map((b) => b.filename)).toEqual([BUNDLE_NAME]);
    bundleId = (bundles[0] as { id: string }).id;
    expect(bundles[0]?.size).toBe(fs.statSync(bundlePath).size);
    // the desk keeps exactly the file's bytes
    const stored = await journey.served.desk.deps.bundleStorage.read(`bundles/${bundleId}`);
    const chunks: Buffer[] = [];
    for await (const c of stored) chunks.push(c as Buffer);
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(fs.readFileSync(bundlePath)));
  }, 120_000);

  it('once analysed, the panel counts the findings and the bundle page shows them and the slow SQL', async () => {
    await journey.worker.drain();
    const panel = ana.getByRole('region', { name: 'Log bundles' });
    const item = panel.getByRole('listitem').filter({ hasText: BUNDLE_NAME });
    // the panel polls while the bundle waits: it turns to analysed by itself
    await item.getByText('analysed').waitFor({ timeout: 15_000 });
    await item.getByText(/\d+ findings?/).waitFor();
    await panel.screenshot({ path: screenshotPath('bundle-panel') });
    await item.getByRole('link', { name: BUNDLE_NAME }).click();

    await ana.getByRole('heading', { name: BUNDLE_NAME }).waitFor();
    expect(new URL(ana.url()).pathname).toBe(`/tickets/${number}/bundles/${bundleId}`);
    const findings = ana.getByRole('region', { name: 'Findings' });
    await findings
      .getByText(/96\s?%/)
      .first()
      .waitFor();
    expect(await findings.getByRole('listitem').filter({ hasText: 'disk-nearly-full' }).count()).toBe(1);

    const sql = ana.getByRole('region', { name: 'Slow SQL by fingerprint' });
    await sql.waitFor();
    const firstQuery = async () =>
      ((await sql.locator('tbody tr').first().locator('td').first().textContent()) ?? '').trim();
    // by total time first: five COUNTs of 9 s outweigh forty lookups of 150 ms
    expect(await sql.locator('tbody tr').count()).toBe(3);
    expect(await firstQuery()).toContain('ci_builds');
    const countHead = sql.getByRole('columnheader', { name: /Count/ });
    expect(await countHead.getAttribute('aria-sort')).toBe('none');
    await countHead.getByRole('button').click();
    expect(await countHead.getAttribute('aria-sort')).toBe('descending');
    expect(await firstQuery()).toContain('projects');
    await countHead.getByRole('button').click();
    expect(await countHead.getAttribute('aria-sort')).toBe('ascending');
    expect(await firstQuery()).toContain('ci_builds');

    // a row opens its sample lines
    const open = sql.getByRole('button', { name: /ci_builds/ });
    await open.click();
    expect(await open.getAttribute('aria-expanded')).toBe('true');
    const samples = (await sql.locator('pre.samples').textContent()) ?? '';
    expect(samples).toContain('duration: 9000.000 ms');

    // the endpoints from production_json.log, and the timeline drawn from the same logs
    await ana.getByRole('tab', { name: 'Endpoints' }).click();
    const endpoints = ana.getByRole('region', { name: 'Endpoints' });
    await endpoints.locator('tbody tr').first().waitFor();
    expect(await endpoints.locator('tbody tr').count()).toBeGreaterThan(3);
    await ana.getByRole('tab', { name: 'Timeline' }).click();
    await ana
      .getByRole('img', { name: /^Chart: Requests, errors/ })
      .locator('svg')
      .waitFor();

    await ana.getByRole('tab', { name: 'Slow SQL' }).click();
    await sql.waitFor();
    await ana.screenshot({ path: screenshotPath('bundle-page'), fullPage: true });
    expect(await accessibilityProblems(ana)).toEqual([]);
  }, 120_000);

  it('compares two bundles of the ticket: before and after, rows matched by query', async () => {
    // a week later, after an index: the COUNT runs once, in 900 ms; the lookups as before
    const after = STATEMENTS.map((s) => (s.sql.includes('ci_builds') ? { ...s, times: 1, ms: 900 } : s));
    const raw = await journey.served.desk.as(journey.served.desk.adminToken, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/bundles?filename=after-the-index.tar`,
      headers: { 'content-type': 'application/x-tar' },
      payload: await buildTar([
        { name: `${ROOT}var/log/gitlab/postgresql/current`, content: postgresLog(after, Date.UTC(2024, 4, 8, 10)) },
      ]),
    });
    expect(raw.statusCode, raw.body).toBe(201);
    await journey.worker.drain();
    await ana.reload();
    const compare = ana.getByLabel('Compare with');
    // the choices come with the ticket's list of bundles, after the page itself
    await compare.locator('option', { hasText: 'after-the-index.tar' }).waitFor({ state: 'attached' });
    expect(await compare.locator('option').allTextContents()).toEqual([
      'no other bundle',
      expect.stringMatching(/^after-the-index\.tar \(/),
    ]);
    await compare.selectOption(raw.json().id);
    expect(new URL(ana.url()).searchParams.get('with')).toBe(raw.json().id);
    // whichever tab the last test left open (it is kept in the address), the comparison is on Slow SQL
    await ana.getByRole('tab', { name: 'Slow SQL' }).click();
    const sql = ana.getByRole('region', { name: 'Slow SQL, before and after' });
    const row = sql.locator('tbody tr').filter({ hasText: 'ci_builds' });
    await row.waitFor();
    // 5 → 1 is −80 %, 9 s → 900 ms about −90 % (p99s are DDSketch's, within 1 %)
    const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
    expect(cells.slice(1, 3)).toEqual(['5 → 1', '-80 %']);
    expect(cells[3]).toMatch(/^9\.\d+ s → 9\d\d ms$/);
    expect(cells[4]).toMatch(/^-(89|90|91) %$/);
    expect((await sql.locator('tbody tr').filter({ hasText: 'projects' }).locator('td').allTextContents())[2]).toBe(
      '0 %',
    );
  }, 120_000);

  it('a customer uploads a small log from the portal and sees its state, not the findings', async () => {
    const lena = await journey.signInCustomer('lena@acme.example');
    await lena.goto(`${journey.served.base}/portal/tickets/${number}`);
    const panel = lena.getByRole('region', { name: 'Log bundles' });
    // Ana's bundle: its name and state, nothing drawn from it; the file itself she may download
    const anas = panel.getByRole('listitem').filter({ hasText: BUNDLE_NAME });
    await anas.getByText('analysed').waitFor();
    expect(await anas.getByRole('link').allTextContents()).toEqual(['Download']);
    expect(await anas.getByRole('button', { name: /Delete/ }).count()).toBe(0);

    await panel.getByLabel('Upload a bundle').setInputFiles({
      name: 'sidekiq-current.log',
      mimeType: 'text/plain',
      buffer: Buffer.from(generateLog('sidekiq', 400, 5).text),
    });
    const hers = panel.getByRole('listitem').filter({ hasText: 'sidekiq-current.log' });
    await hers.getByText('waiting for analysis').waitFor({ timeout: 30_000 });
    await journey.worker.drain();
    await hers.getByText('analysed').waitFor({ timeout: 15_000 });
    expect(await panel.getByText(/finding/).count()).toBe(0);
    await lena.screenshot({ path: screenshotPath('bundle-portal'), fullPage: true });
    expect(await accessibilityProblems(lena)).toEqual([]);

    // the API tells her no more than the page
    const id = (
      (await admin('GET', `/api/v1/tickets/${number}/bundles`)).json().items as { id: string; filename: string }[]
    ).find((b) => b.filename === 'sidekiq-current.log')?.id as string;
    const asLena = await journey.served.desk.as(journey.acme.token, { method: 'GET', url: `/api/v1/bundles/${id}` });
    expect(asLena.statusCode, asLena.body).toBe(200);
    expect(asLena.json().state).toBe('done');
    expect(asLena.json().findings).toBeUndefined();
    expect(asLena.json().sidekiq).toBeUndefined();
  }, 120_000);
});
