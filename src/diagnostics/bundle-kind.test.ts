import { describe, expect, it } from 'vitest';
import { cleanFilename, looksLikeBundleAttachment, refusedContent, refusedName } from './bundle-kind.js';

describe('which files may become bundles', () => {
  it.each([
    'gitlabsos.gitlab-01_20240501100009.tar.gz',
    'gitlabsos.host.example.com_20240501',
    'bundle.tgz',
    'logs.tar',
    'production_json.log',
    'production_json.log.1',
    'production_json.log.2.gz',
    'current',
    '@400000006632a1b40c2a3f14.s',
    'pg_stat_statements.csv',
    'redis-info.txt',
    'api_json.json',
  ])('accepts %s', (name) => expect(refusedName(name)).toBeUndefined());

  it.each([
    ['gitlab_db_sos.zip', /zip archive/],
    ['setup.exe', /\.exe files are not log bundles/],
    ['screenshot.png', /\.png files/],
  ])('refuses %s by its name', (name, why) => expect(refusedName(name)).toMatch(why));

  it('refuses by the first bytes whatever the name says', () => {
    expect(refusedContent('a.tar.gz', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toMatch(/zip archive/);
    expect(refusedContent('a.log', Buffer.from('MZ\x90\x00'))).toMatch(/Windows program/);
    expect(refusedContent('a.log', Buffer.from('\x7fELF'))).toMatch(/ELF/);
    expect(refusedContent('a.gz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))).toMatch(
      /recompress it with gzip/,
    );
    expect(refusedContent('a.log', Buffer.alloc(0))).toMatch(/empty/);
    expect(refusedContent('a.tar.gz', Buffer.from([0x1f, 0x8b, 8, 0]))).toBeUndefined();
    expect(refusedContent('a.log', Buffer.from('{"time":"2024'))).toBeUndefined();
  });

  it('takes only archives and logs from mail, not every attachment', () => {
    expect(looksLikeBundleAttachment('gitlabsos.tar.gz', 100)).toBe(true);
    expect(looksLikeBundleAttachment('production.log.1', 100)).toBe(true);
    expect(looksLikeBundleAttachment('production.log', 0)).toBe(false);
    expect(looksLikeBundleAttachment('screenshot.png', 100)).toBe(false);
    expect(looksLikeBundleAttachment('notes.txt', 100)).toBe(false);
  });

  it('keeps a name without its path or control characters', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('C:\\logs\\a\r\n.log')).toBe('a__.log');
    expect(cleanFilename('')).toBe('bundle');
  });
});
