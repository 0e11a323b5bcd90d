import { describe, expect, it } from 'vitest';
import { checkEntryName } from './engine.js';
import { JsonFields } from './json-fields.js';
import { LineSplitter } from './lines.js';
import { errorSignature } from './signature.js';
import { parseTime } from './time.js';

describe('JsonFields', () => {
  const f = new JsonFields(['a', 'b', 'c', 'n']);
  const [a, b, c, n] = ['a', 'b', 'c', 'n'].map((k) => f.slot(k)) as [number, number, number, number];

  it('reads the wanted top-level fields and skips the rest, nested ones included', () => {
    expect(f.scan('{"x":{"a":"inner","b":[1,{"c":"}"}]},"a":"top","b":2.5,"n":null,"c":"q\\"uote"}')).toBe(true);
    expect(f.str(a)).toBe('top');
    expect(f.num(b)).toBe(2.5);
    expect(f.str(c)).toBe('q"uote');
    expect(f.str(n)).toBeUndefined();
  });

  it('refuses what JSON.parse refuses: cut lines, bare text, trailing garbage', () => {
    for (const bad of ['{"a":"cut', '{"a":1,', 'Started GET /', '{"a":1} extra', '{"a" 1}', '{a:1}', '']) {
      expect(f.scan(bad), bad).toBe(false);
    }
  });

  it('skips a prefix before the object (svlogd time, kubeSOS token) and keeps escaped backslashes', () => {
    expect(f.scan('2024-05-01_10:00:00.12345 {"a":"c:\\\\dir\\\\","b":"7"}')).toBe(true);
    expect(f.str(a)).toBe('c:\\dir\\');
    expect(f.num(b)).toBe(7);
    expect(f.eq(a, 'c:\\\\dir\\\\')).toBe(true);
  });
});

describe('parseTime', () => {
  it.each([
    ['2024-05-01T10:00:02.120Z', Date.UTC(2024, 4, 1, 10, 0, 2, 120)],
    ['2024-05-01T12:00:02.120+02:00', Date.UTC(2024, 4, 1, 10, 0, 2, 120)],
    ['2024-05-01 10:00:07.512 UTC', Date.UTC(2024, 4, 1, 10, 0, 7, 512)],
    ['2024-05-01_10:00:07.51234', Date.UTC(2024, 4, 1, 10, 0, 7, 512)],
    ['2024-05-01T10:00:02Z', Date.UTC(2024, 4, 1, 10, 0, 2)],
    ['2024-05-01T05:00:02-0500', Date.UTC(2024, 4, 1, 10, 0, 2)],
  ])('%s', (text, ms) => {
    expect(parseTime(text)).toBe(ms);
  });
  it('gives NaN for what is not a time', () => {
    expect(parseTime('yesterday-ish')).toBeNaN();
    expect(parseTime('')).toBeNaN();
  });
});

describe('errorSignature', () => {
  it('replaces what changes between occurrences', () => {
    expect(errorSignature('ActiveRecord::RecordNotFound', "Couldn't find Project with 'id'=42")).toBe(
      "ActiveRecord::RecordNotFound: Couldn't find Project with '?'=<n>",
    );
    expect(
      errorSignature(
        'X',
        'job 0b6f3e55-3b9e-4c51-a2f4-4b0e7f0a6c11 of ana@corp.example at 10.1.2.3:8080 sha 9fceb02d0ae598e95dc970b74767f19372d61af8',
      ),
    ).toBe('X: job <uuid> of <email> at <ip> sha <hex>');
    expect(errorSignature(undefined, undefined)).toBe('Error');
  });
});

describe('LineSplitter', () => {
  it('splits across chunks, drops CR, cuts and counts over-long lines', () => {
    const lines: string[] = [];
    const s = new LineSplitter(10, (l) => lines.push(l));
    for (const part of ['ab', 'c\r\nde', 'f\n', 'x'.repeat(8), 'y'.repeat(8), '\nok\n', 'z'.repeat(30), '\nlast']) {
      s.push(Buffer.from(part));
    }
    s.end();
    expect(lines).toEqual(['abc', 'def', 'ok', 'last']);
    expect(s.cut).toBe(2);
  });

  it('decodes multi-byte characters split between chunks', () => {
    const lines: string[] = [];
    const s = new LineSplitter(100, (l) => lines.push(l));
    const bytes = Buffer.from('héllo ✓\n');
    s.push(bytes.subarray(0, 2));
    s.push(bytes.subarray(2, 8));
    s.push(bytes.subarray(8));
    s.end();
    expect(lines).toEqual(['héllo ✓']);
  });
});

describe('checkEntryName', () => {
  it.each([
    ['../../etc/passwd', 'climbs out'],
    ['logs/../../x', 'climbs out'],
    ['/etc/passwd', 'absolute'],
    ['C:\\Windows\\win.ini', 'absolute'],
    ['a\u0000b', 'NUL'],
    [`${'a/'.repeat(600)}x`, 'longer than'],
  ])('refuses a bad name (%#)', (name, why) => {
    const r = checkEntryName(name);
    expect('refused' in r && r.refused).toContain(why);
  });
  it('normalises the good ones', () => {
    expect(checkEntryName('./gitlabsos.x_1//var/log/gitlab/gitaly/current')).toEqual({
      path: 'gitlabsos.x_1/var/log/gitlab/gitaly/current',
    });
  });
});
