import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildTar, generateLog, SOS_PATHS } from '../../../test/helpers/log-generator.js';
import { analyseFile } from './engine.js';
import { tempDir } from './test-support.js';

// Hostile and damaged uploads: each is refused or cut short with a note, never fatal for the rest, and quickly.

const { write } = tempDir('pf-safety-');

/** a gzip stream of `gb` GB of zeros, ~1 MB compressed per GB: one 64 MB member gzipped once, then repeated
 *  (gunzip reads concatenated members as one stream); the inflated bytes never exist anywhere */
let member: Buffer | undefined;
function zerosBomb(gb: number): Buffer {
  member ??= zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  return Buffer.concat(Array.from({ length: gb * 16 }, () => member as Buffer));
}

describe('damaged uploads', { timeout: 30_000 }, () => {
  it('a truncated gzip keeps what it read, with a note', async () => {
    const { text, truth } = generateLog('production_json', 5_000, 51);
    const gz = zlib.gzipSync(text);
    const results = await analyseFile(write('cut.log.gz', gz.subarray(0, Math.floor(gz.length * 0.6))), {
      filename: 'production_json.log.gz',
    });
    expect(results.notes.join(' ')).toMatch(/ends early/);
    const file = results.files[0];
    expect(file?.kind).toBe('production_json');
    // about 60 % of the lines, the last one possibly cut and counted bad
    expect(file?.lines).toBeGreaterThan(truth.lines * 0.4);
    expect(file?.lines).toBeLessThan(truth.lines);
    expect(file?.badLines).toBeLessThanOrEqual(1);
    expect(results.endpoints.reduce((s, e) => s + e.count, 0)).toBe((file?.lines ?? 0) - (file?.badLines ?? 0));
  });

  it('a truncated tar.gz keeps the entries before the cut', async () => {
    const first = generateLog('gitaly', 2_000, 52);
    const second = generateLog('production_json', 4_000, 53);
    const tarred = await buildTar([
      { name: SOS_PATHS.gitaly, content: first.text },
      { name: SOS_PATHS.production_json, content: second.text },
    ]);
    const gz = zlib.gzipSync(tarred);
    const results = await analyseFile(write('cut.tar.gz', gz.subarray(0, Math.floor(gz.length * 0.7))), {
      filename: 'gitlabsos.tar.gz',
    });
    expect(results.files[0]).toMatchObject({ path: SOS_PATHS.gitaly, kind: 'gitaly', lines: first.truth.lines });
    expect(results.files[1]).toMatchObject({ path: SOS_PATHS.production_json, kind: 'production_json' });
    expect(results.files[1]?.lines).toBeLessThan(second.truth.lines);
    expect(results.notes.join(' ')).toMatch(/ends early/);
  });

  it('an entry whose own gzip is damaged gets a note; the next entries are read', async () => {
    const broken = zlib.gzipSync(generateLog('sidekiq', 1_000, 54).text);
    broken.fill(0x41, 200, 400);
    const after = generateLog('gitaly', 500, 55);
    const tarred = await buildTar([
      { name: 'var/log/gitlab/sidekiq/@400000006630a1b2.s', content: broken },
      { name: SOS_PATHS.gitaly, content: after.text },
    ]);
    const results = await analyseFile(write('damaged.tar', tarred), { filename: 'bundle.tar' });
    expect(results.files[0]?.note).toMatch(/damaged/);
    expect(results.files[1]).toMatchObject({ kind: 'gitaly', lines: after.truth.lines, badLines: 0 });
  });
});

describe('hostile uploads', { timeout: 30_000 }, () => {
  it('a tar with traversal, absolute, NUL, over-long names and links: refused one by one, the good entries read', async () => {
    const good = generateLog('production_json', 1_000, 61);
    const secret = 'root:x:0:0:SECRET-CONTENT-MARKER:/root:/bin/bash\n';
    const tarred = await buildTar([
      { name: '../../etc/passwd', content: secret },
      { name: '/etc/shadow', content: secret },
      { name: 'innocent', pax: { path: 'logs/evil\u0000.log' }, content: secret },
      { name: 'long', pax: { path: `${'deep/'.repeat(300)}x.log` }, content: secret },
      { name: 'gitlab-rails/production_json.log.lnk', type: 'symlink', linkname: '/etc/passwd' },
      { name: 'hard', type: 'link', linkname: '../../etc/passwd' },
      { name: 'dev', type: 'character-device' },
      { name: 'var/log/gitlab/gitlab-rails/', type: 'directory' },
      { name: SOS_PATHS.production_json, content: good.text },
    ]);
    const results = await analyseFile(write('hostile.tar', tarred), { filename: 'bundle.tar' });
    const byPath = (p: string) => results.files.find((f) => f.path.startsWith(p));
    expect(byPath('../../etc/passwd')).toMatchObject({ kind: 'refused', note: expect.stringMatching(/climbs out/) });
    expect(byPath('/etc/shadow')).toMatchObject({ kind: 'refused', note: expect.stringMatching(/absolute/) });
    expect(byPath('logs/evil\\x01.log')).toMatchObject({ kind: 'refused', note: expect.stringMatching(/NUL/) });
    expect(byPath('deep/deep/')).toMatchObject({ kind: 'refused', note: expect.stringMatching(/longer than/) });
    expect(byPath('gitlab-rails/production_json.log.lnk')).toMatchObject({
      kind: 'skipped',
      note: expect.stringMatching(/symlink/),
    });
    expect(byPath('hard')).toMatchObject({ kind: 'skipped' });
    expect(byPath('dev')).toMatchObject({ kind: 'skipped' });
    expect(byPath(SOS_PATHS.production_json)).toMatchObject({
      kind: 'production_json',
      lines: good.truth.lines,
      badLines: 0,
    });
    expect(results.endpoints.reduce((s, e) => s + e.count, 0)).toBe(good.truth.lines);
    expect(JSON.stringify(results)).not.toContain('SECRET-CONTENT-MARKER');
  });

  it('a zip bomb (10 GB of zeros in a 10 MB gzip) is stopped by the inflate ratio within seconds', async () => {
    const bomb = zerosBomb(10);
    expect(bomb.length).toBeLessThan(12 * 1024 * 1024);
    const started = Date.now();
    const results = await analyseFile(write('bomb.log.gz', bomb), { filename: 'production_json.log.gz' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(results.notes.join(' ')).toMatch(/inflates more than 200×.*zip bomb/);
    expect(results.stats.inflatedBytes).toBeLessThan(1024 ** 3);
  }, 30_000);

  it('a bomb inside a tar entry is stopped too, and a cap on inflated bytes stops a plain big archive', async () => {
    const tarred = await buildTar([
      { name: SOS_PATHS.gitaly, content: generateLog('gitaly', 100, 62).text },
      { name: 'var/log/gitlab/gitlab-rails/production_json.log.2.gz', content: zerosBomb(2) },
    ]);
    const results = await analyseFile(write('bomb.tar', tarred), { filename: 'bundle.tar' });
    expect(results.notes.join(' ')).toMatch(/zip bomb/);
    expect(results.files[0]).toMatchObject({ kind: 'gitaly', lines: 100 });

    const { text } = generateLog('production_json', 4_000, 63);
    const capped = await analyseFile(write('capped.log.gz', zlib.gzipSync(text)), {
      filename: 'production_json.log.gz',
      limits: { maxInflatedBytes: 2 * 1024 * 1024 },
    });
    expect(capped.notes.join(' ')).toMatch(/more than 2\.0 MB inflated/);
    expect(capped.stats.inflatedBytes).toBeLessThan(3 * 1024 * 1024);
  }, 30_000);

  it('too big, too many entries, over-long lines, too slow: refused or stopped with a note', async () => {
    const file = write('p.log', generateLog('production_json', 200, 64).text);
    const big = await analyseFile(file, { filename: 'production_json.log', limits: { maxInputBytes: 1000 } });
    expect(big.notes[0]).toMatch(/^refused: the file is .* more than the 1000 bytes limit/);
    expect(big.files[0]).toMatchObject({ kind: 'refused' });

    const many = await buildTar(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}.txt`, content: 'x\n' })));
    const stopped = await analyseFile(write('many.tar', many), { filename: 'many.tar', limits: { maxEntries: 5 } });
    expect(stopped.notes.join(' ')).toMatch(/more than 5 entries/);
    expect(stopped.files.length).toBe(5);

    const long = `${generateLog('gitaly', 10, 65).text}{"grpc.method":"X","x":"${'a'.repeat(100_000)}"}\n`;
    const cut = await analyseFile(write('gitaly.log', long), { filename: 'gitaly.log' });
    expect(cut.files[0]).toMatchObject({
      lines: 11,
      badLines: 1,
      note: expect.stringMatching(/1 lines longer than 64\.0 KB/),
    });

    const slow = await analyseFile(file, { filename: 'production_json.log', limits: { maxMs: -1 } });
    expect(slow.notes.join(' ')).toMatch(/the time limit/);
  });

  it('a zip is refused with a clear note', async () => {
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200)]);
    const results = await analyseFile(write('sos.zip', zip), { filename: 'sos.zip' });
    expect(results.notes).toEqual([expect.stringMatching(/^refused: a zip archive/)]);
    expect(results.files).toEqual([expect.objectContaining({ path: 'sos.zip', kind: 'refused' })]);
  });

  it('an abort rejects the run', async () => {
    const file = write('a.log', generateLog('production_json', 200, 66).text);
    const controller = new AbortController();
    controller.abort();
    await expect(analyseFile(file, { filename: 'production_json.log', signal: controller.signal })).rejects.toThrow(
      /abort/i,
    );
  });
});
