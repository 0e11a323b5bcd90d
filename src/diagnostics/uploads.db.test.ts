import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { Upload } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { type Moto, motoUnavailable, startMoto } from '../../test/helpers/moto.js';
import { missingComponent } from '../../test/helpers/real-component.js';
import type { Actor } from '../auth/actor.js';
import { SYSTEM } from '../auth/actor.js';
import { authenticateToken } from '../auth/authenticate.js';
import { hashPassword } from '../auth/passwords.js';
import { createAgent } from '../people/index.js';
import { FakeClock, HOUR_MS } from '../platform/clock.js';
import { claimUpload, sweepUploads, UPLOAD_KEEP_MS } from './upload-server.js';

const KB = 1024;

/** Uploads with tus-js-client in Node, as the CLI and any script would; resolves with the upload URL. */
function tusUpload(
  endpoint: string,
  token: string,
  bytes: Buffer,
  options: {
    uploadUrl?: string;
    chunkSize?: number;
    metadata?: Record<string, string>;
    /** aborts once this many bytes are on their way */
    abortAfter?: number;
    onPatch?: (offset: number) => void;
  } = {},
): Promise<{ url: string; aborted: boolean }> {
  return new Promise((resolve, reject) => {
    let aborted = false;
    const upload: Upload = new Upload(bytes, {
      endpoint,
      uploadUrl: options.uploadUrl ?? null,
      chunkSize: options.chunkSize ?? 64 * KB,
      retryDelays: null,
      headers: { authorization: `Bearer ${token}` },
      metadata: options.metadata ?? { filename: 'gitlabsos.tar.gz', filetype: 'application/gzip' },
      onBeforeRequest(req) {
        if (req.getMethod() === 'PATCH') options.onPatch?.(Number(req.getHeader('Upload-Offset')));
      },
      onProgress(sent) {
        if (!aborted && options.abortAfter !== undefined && sent >= options.abortAfter) {
          aborted = true;
          // the connection drops in the middle of a chunk, as a laptop's Wi-Fi does
          void upload.abort().then(() => resolve({ url: upload.url as string, aborted }), reject);
        }
      },
      onSuccess: () => resolve({ url: upload.url as string, aborted }),
      onError: reject,
    });
    upload.start();
  });
}

describe('resumable uploads (tus) on disk', () => {
  let desk: TestDesk;
  let dataDir: string;
  let endpoint: string;
  let agentToken: string;
  let agent: Actor;
  let contact: { token: string; actor: Actor };
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipefitter-uploads-'));
    desk = await createTestDesk({
      clock,
      env: { DATA_DIR: dataDir, BUNDLE_MAX_BYTES: '1MB', BUNDLE_CUSTOMER_QUOTA: '512KB' },
    });
    const address = await desk.app.listen({ host: '127.0.0.1', port: 0 });
    endpoint = `${address}/api/v1/uploads`;
    agentToken = await desk.agentTokenFor('ana@desk.example');
    agent = await authenticateToken(desk.deps, agentToken);
    const customer = await desk.customer('Acme', 'cy@acme.example');
    contact = { token: customer.token, actor: await authenticateToken(desk.deps, customer.token) };
  });
  afterAll(async () => {
    await desk?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const idOf = (url: string) => url.split('/').pop() as string;
  const head = (url: string, token: string) =>
    fetch(new URL(url, endpoint), {
      method: 'HEAD',
      headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' },
    });

  it('an upload interrupted mid-chunk resumes from the offset the server has, and the claimed bytes are identical', async () => {
    const bytes = randomBytes(700 * KB);
    const first = await tusUpload(endpoint, agentToken, bytes, { chunkSize: 128 * KB, abortAfter: 300 * KB });
    expect(first.aborted).toBe(true);
    const offset = Number((await head(first.url, agentToken)).headers.get('upload-offset'));
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(bytes.length);

    const patches: number[] = [];
    await tusUpload(endpoint, agentToken, bytes, {
      uploadUrl: first.url,
      chunkSize: 128 * KB,
      onPatch: (at) => patches.push(at),
    });
    // the second session sent nothing the server already had
    expect(patches[0]).toBe(offset);

    const key = `bundles/${randomUUID()}`;
    expect(await claimUpload(desk.deps, agent, idOf(first.url), key)).toEqual({
      size: bytes.length,
      filename: 'gitlabsos.tar.gz',
      contentType: 'application/gzip',
    });
    expect((await buffer(await desk.deps.bundleStorage.read(key))).equals(bytes)).toBe(true);
    // claimed once: the upload is gone, from tus's view too
    await expect(claimUpload(desk.deps, agent, idOf(first.url), `bundles/${randomUUID()}`)).rejects.toMatchObject({
      code: 'UPLOAD_NOT_FOUND',
    });
    expect((await head(first.url, agentToken)).status).toBe(404);
    expect(fs.readdirSync(path.join(dataDir, 'uploads'))).toEqual([]);
  });

  it("another actor can neither see, resume, delete nor claim someone's upload; an unfinished one is not claimable", async () => {
    const bytes = randomBytes(300 * KB);
    const { url } = await tusUpload(endpoint, agentToken, bytes, { chunkSize: 100 * KB, abortAfter: 150 * KB });
    expect((await head(url, contact.token)).status).toBe(404);
    const patch = await fetch(new URL(url, endpoint), {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${contact.token}`,
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
      body: 'overwrite',
    });
    expect(patch.status).toBe(404);
    expect((await patch.json()).error.code).toBe('UPLOAD_NOT_FOUND');
    const del = await fetch(new URL(url, endpoint), {
      method: 'DELETE',
      headers: { authorization: `Bearer ${contact.token}`, 'tus-resumable': '1.0.0' },
    });
    expect(del.status).toBe(404);
    await expect(claimUpload(desk.deps, contact.actor, idOf(url), 'bundles/x1')).rejects.toMatchObject({
      code: 'UPLOAD_NOT_FOUND',
    });
    await expect(claimUpload(desk.deps, agent, idOf(url), 'bundles/x2')).rejects.toMatchObject({
      code: 'UPLOAD_INCOMPLETE',
    });
    // the owner still can: it is all there after the others' attempts
    await tusUpload(endpoint, agentToken, bytes, { uploadUrl: url, chunkSize: 100 * KB });
    await claimUpload(desk.deps, agent, idOf(url), 'bundles/x3');
    expect((await buffer(await desk.deps.bundleStorage.read('bundles/x3'))).equals(bytes)).toBe(true);
  });

  it('the owner is the server’s word, not the metadata’s', async () => {
    const { url } = await tusUpload(endpoint, contact.token, randomBytes(10 * KB), {
      metadata: { filename: 'redis-info.txt', owner: `agent:${(agent as { agentId: string }).agentId}` },
    });
    await expect(claimUpload(desk.deps, agent, idOf(url), 'bundles/y1')).rejects.toMatchObject({
      code: 'UPLOAD_NOT_FOUND',
    });
    expect((await claimUpload(desk.deps, contact.actor, idOf(url), 'bundles/y2')).filename).toBe('redis-info.txt');
  });

  it('refuses the unauthenticated (401 JSON), a cookie write without its CSRF token, too large an upload and a nameless one', async () => {
    const create = (headers: Record<string, string>) =>
      fetch(endpoint, {
        method: 'POST',
        headers: {
          'tus-resumable': '1.0.0',
          'upload-length': '100',
          'upload-metadata': `filename ${Buffer.from('a.log').toString('base64')}`,
          ...headers,
        },
      });
    const anonymous = await create({});
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('UNAUTHENTICATED');

    await createAgent(desk.deps, SYSTEM, {
      email: 'bo@desk.example',
      name: 'Bo',
      role: 'agent',
      timeZone: 'UTC',
      passwordHash: await hashPassword('correct horse battery'),
    });
    const signIn = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'bo@desk.example', password: 'correct horse battery' },
    });
    const cookie = `pf_session=${signIn.cookies.find((c) => c.name === 'pf_session')?.value}`;
    const withoutCsrf = await create({ cookie });
    expect(withoutCsrf.status).toBe(403);
    expect((await withoutCsrf.json()).error.code).toBe('CSRF_FAILED');
    const withCsrf = await create({ cookie, 'x-csrf-token': signIn.json().csrfToken, origin: 'https://evil.example' });
    expect(withCsrf.status).toBe(201);
    expect(withCsrf.headers.get('access-control-allow-origin')).toBeNull();
    expect(withCsrf.headers.get('location')).toMatch(/^\/api\/v1\/uploads\/[0-9a-f]{32}$/);

    const tooLarge = await create({ authorization: `Bearer ${agentToken}`, 'upload-length': String(1024 * KB + 1) });
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(await tooLarge.text()).error).toMatchObject({ code: 'BUNDLE_TOO_LARGE' });
    expect(fs.readdirSync(path.join(dataDir, 'uploads')).filter((f) => f.endsWith('.json'))).toHaveLength(1);

    const nameless = await create({
      authorization: `Bearer ${agentToken}`,
      'upload-metadata': `ticket ${Buffer.from('12').toString('base64')}`,
    });
    expect(nameless.status).toBe(400);
    expect(JSON.parse(await nameless.text()).error.message).toMatch(/filename/);

    // a zip is refused by its name before a byte of it is sent, not after the whole upload
    const zip = await create({
      authorization: `Bearer ${agentToken}`,
      'upload-metadata': `filename ${Buffer.from('logs.zip').toString('base64')}`,
    });
    expect(zip.status).toBe(415);
    expect(JSON.parse(await zip.text()).error).toMatchObject({
      code: 'BUNDLE_TYPE_REFUSED',
      message: expect.stringMatching(/zip archive.*\.tar\.gz/),
    });
  });

  const create = (token: string, headers: Record<string, string> = {}) =>
    desk.as(token, {
      method: 'POST',
      url: '/api/v1/uploads',
      headers: {
        'tus-resumable': '1.0.0',
        'upload-metadata': `filename ${Buffer.from('a.log').toString('base64')}`,
        ...headers,
      },
    });
  const patch = (token: string, location: string, headers: Record<string, string>, body = 'x') =>
    desk.as(token, {
      method: 'PATCH',
      url: location,
      headers: {
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        ...headers,
      },
      payload: body,
    });
  const withFloor = async (bytes: number, run: () => Promise<void>) => {
    const floor = desk.deps.config.bundleFreeMinBytes;
    desk.deps.config.bundleFreeMinBytes = bytes;
    try {
      await run();
    } finally {
      desk.deps.config.bundleFreeMinBytes = floor;
    }
  };

  it('a contact cannot promise more than the organization’s quota; an agent can', async () => {
    const over = await create(contact.token, { 'upload-length': String(600 * KB) });
    expect(over.statusCode).toBe(413);
    expect(over.json().error.code).toBe('BUNDLE_QUOTA_EXCEEDED');
    expect(over.json().error.message).toMatch(/Your organization’s bundles take 0\.0 KB of the 512\.0 KB allowed/);
    expect((await create(agentToken, { 'upload-length': String(600 * KB) })).statusCode).toBe(201);
    // a length left for later would dodge it: customers state it up front
    const deferred = await create(contact.token, { 'upload-defer-length': '1' });
    expect(deferred.statusCode).toBe(400);
  });

  it('no upload may eat into BUNDLE_FREE_MIN, nor one whose length comes later', async () => {
    // an agent's upload of a length told later, started while there is room
    const started = await create(agentToken, { 'upload-defer-length': '1' });
    expect(started.statusCode, started.body).toBe(201);
    const location = started.headers.location as string;
    // the disk is "full": less free than the floor
    await withFloor(1024 ** 5, async () => {
      const refused = await create(agentToken, { 'upload-length': '100' });
      expect(refused.statusCode).toBe(507);
      expect(refused.json().error).toMatchObject({ code: 'STORAGE_FULL' });
      // declaring the length is checked like a creation, and so are bytes sent before it
      const declared = await patch(agentToken, location, { 'upload-length': '10' });
      expect(declared.statusCode).toBe(507);
      expect(declared.json().error.code).toBe('STORAGE_FULL');
      expect((await patch(agentToken, location, {})).statusCode).toBe(507);
    });
    expect((await patch(agentToken, location, { 'upload-length': '1' })).statusCode).toBe(204);
  });

  it('a store that cannot read an upload refuses the request instead of letting another actor through', async () => {
    const { url } = await tusUpload(endpoint, agentToken, randomBytes(10 * KB), { abortAfter: 1 });
    const file = path.join(dataDir, 'uploads', idOf(url));
    // its data file unreadable (a loop): not "no such upload"
    fs.rmSync(file);
    fs.symlinkSync(file, file);
    const del = await fetch(new URL(url, endpoint), {
      method: 'DELETE',
      headers: { authorization: `Bearer ${contact.token}`, 'tus-resumable': '1.0.0' },
    });
    expect(del.status).toBe(500);
    expect((await del.json()).error.code).toBe('INTERNAL');
    expect(fs.existsSync(`${file}.json`)).toBe(true);
    await expect(claimUpload(desk.deps, agent, idOf(url), 'bundles/z1')).rejects.toMatchObject({ code: 'ELOOP' });
    fs.rmSync(file);
    fs.writeFileSync(file, '');
  });

  it('strips invisible and direction-changing characters from an upload’s name', async () => {
    const { url } = await tusUpload(endpoint, agentToken, randomBytes(KB), {
      metadata: { filename: '\u200bsos\u202ezg.rat\u2069.log' },
    });
    expect((await claimUpload(desk.deps, agent, idOf(url), 'bundles/n1')).filename).toBe('soszg.rat.log');
  });

  it('limits how many uploads one actor starts in an hour', async () => {
    const token = await desk.agentTokenFor('busy@desk.example');
    const start = () => create(token, { 'upload-length': '10' });
    for (let i = 0; i < 60; i++) expect((await start()).statusCode).toBe(201);
    const refused = await start();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    // someone else is not held back by it
    expect((await tusUpload(endpoint, agentToken, randomBytes(KB))).url).toMatch(/[0-9a-f]{32}$/);
  });

  it('sweeps uploads a day after their last byte, finished or not, and leaves younger ones', async () => {
    const before = fs.readdirSync(path.join(dataDir, 'uploads')).filter((f) => f.endsWith('.json')).length;
    expect(before).toBeGreaterThan(0);
    expect(await sweepUploads(desk.deps)).toBe(0);
    clock.advance(UPLOAD_KEEP_MS - HOUR_MS);
    expect(await sweepUploads(desk.deps)).toBe(0);
    clock.advance(2 * HOUR_MS);
    expect(await sweepUploads(desk.deps)).toBe(before);
    expect(fs.readdirSync(path.join(dataDir, 'uploads'))).toEqual([]);
  });

  it('sweeps what stopped processes left a day ago: claims cut off, storage temporaries', async () => {
    const uploads = path.join(dataDir, 'uploads');
    const bundles = path.join(dataDir, 'bundles');
    fs.mkdirSync(bundles, { recursive: true });
    const old = new Date(clock.now().getTime() - UPLOAD_KEEP_MS - HOUR_MS);
    const young = new Date(clock.now().getTime() - HOUR_MS);
    const leave = (file: string, at: Date) => {
      fs.writeFileSync(file, 'x');
      fs.utimesSync(file, at, at);
    };
    const [a, b] = ['a'.repeat(32), 'b'.repeat(32)];
    leave(path.join(uploads, a), old);
    leave(path.join(uploads, `${a}.claiming`), old);
    leave(path.join(uploads, `${b}.claiming`), young);
    leave(path.join(bundles, '.tmp-0123456789ab'), old);
    leave(path.join(bundles, '.tmp-ba9876543210'), young);
    leave(path.join(bundles, 'kept-bundle'), old);
    expect(await sweepUploads(desk.deps)).toBe(2);
    expect(fs.readdirSync(uploads)).toEqual([`${b}.claiming`]);
    const names = fs.readdirSync(bundles);
    expect(names.filter((n) => n.startsWith('.tmp-'))).toEqual(['.tmp-ba9876543210']);
    expect(names).toContain('kept-bundle');
  });
});

const skipS3 = missingComponent('S3 (moto_server)', motoUnavailable());

describe.skipIf(skipS3)('resumable uploads (tus) on S3', () => {
  let moto: Moto;
  let desk: TestDesk;
  let endpoint: string;
  let token: string;
  let agent: Actor;

  beforeAll(async () => {
    moto = await startMoto();
    const { url } = await moto.bucket('desk-bundles', 'eu-desk');
    desk = await createTestDesk({ env: { STORAGE_URL: url } });
    endpoint = `${await desk.app.listen({ host: '127.0.0.1', port: 0 })}/api/v1/uploads`;
    token = await desk.agentTokenFor('ana@desk.example');
    agent = await authenticateToken(desk.deps, token);
  }, 60_000);
  afterAll(async () => {
    await desk?.close();
    await moto?.stop();
  });

  it('an interrupted multi-part upload resumes and is claimed into bundle storage byte for byte', async () => {
    // S3 parts are 5 MB at least: 4 MB chunks exercise tus's incomplete parts
    const bytes = randomBytes(11 * 1024 * KB);
    const first = await tusUpload(endpoint, token, bytes, { chunkSize: 4 * 1024 * KB, abortAfter: 5 * 1024 * KB });
    await tusUpload(endpoint, token, bytes, { uploadUrl: first.url, chunkSize: 4 * 1024 * KB });
    const id = first.url.split('/').pop() as string;
    const key = `bundles/${randomUUID()}`;
    expect((await claimUpload(desk.deps, agent, id, key)).size).toBe(bytes.length);
    expect((await buffer(await desk.deps.bundleStorage.read(key))).equals(bytes)).toBe(true);
    await expect(claimUpload(desk.deps, agent, id, `bundles/${randomUUID()}`)).rejects.toMatchObject({
      code: 'UPLOAD_NOT_FOUND',
    });
  });
});
