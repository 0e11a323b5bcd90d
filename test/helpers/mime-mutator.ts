// A seeded MIME mutator for fuzzing the inbound pipeline. Every mutation is small and named, and a
// mutant is a pure function of (seed message, seed number): a failure names both, and
// `mutateMessage(raw, seed)` gives back the very same bytes to debug with.

export type Random = () => number;

/** mulberry32: tiny, fast, and the same sequence on every machine */
export function prng(seed: number): Random {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (random: Random, n: number) => Math.floor(random() * n);
const pick = <T>(random: Random, list: readonly T[]): T => list[int(random, list.length)] as T;

// Mail is bytes; latin1 maps each byte to one char and back, so string edits keep every byte
const text = (raw: Buffer) => raw.toString('latin1');
const bytes = (s: string) => Buffer.from(s, 'latin1');

interface Split {
  /** header fields, each with its continuation lines, without the final line break */
  fields: string[];
  /** the separator (blank line) and everything after it */
  rest: string;
  eol: string;
}

function split(raw: Buffer): Split {
  const s = text(raw);
  const end = /\r?\n\r?\n/.exec(s);
  const head = end ? s.slice(0, end.index) : s;
  const rest = end ? s.slice(end.index) : '';
  const eol = head.includes('\r\n') ? '\r\n' : '\n';
  const fields: string[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && fields.length > 0) fields[fields.length - 1] += `${eol}${line}`;
    else fields.push(line);
  }
  return { fields, rest, eol };
}

function join({ fields, rest, eol }: Split): Buffer {
  return bytes(`${fields.join(eol)}${rest || `${eol}${eol}`}`);
}

const isField = (name: string) => (field: string) => field.toLowerCase().startsWith(`${name.toLowerCase()}:`);

/** the message with its top-level Content-Type (and transfer encoding) replaced, and a new body */
function replaceBody(raw: Buffer, contentType: string, body: string): Buffer {
  const parts = split(raw);
  const fields = parts.fields.filter((f) => !isField('content-type')(f) && !isField('content-transfer-encoding')(f));
  fields.push(`Content-Type: ${contentType}`);
  return join({ fields, rest: `${parts.eol}${parts.eol}${body}`, eol: parts.eol });
}

function setHeader(raw: Buffer, name: string, value: string): Buffer {
  const parts = split(raw);
  const fields = parts.fields.filter((f) => !isField(name)(f));
  fields.push(`${name}: ${value}`);
  return join({ ...parts, fields });
}

/** inserts `insert` at a random point of the body (or of the whole message when it has none) */
function intoBody(raw: Buffer, random: Random, insert: string): Buffer {
  const s = text(raw);
  const end = /\r?\n\r?\n/.exec(s);
  const start = end ? end.index + end[0].length : 0;
  const at = start + int(random, s.length - start + 1);
  return bytes(`${s.slice(0, at)}${insert}${s.slice(at)}`);
}

/** replaces the matches of a pattern in the raw text */
function replaceIn(raw: Buffer, pattern: RegExp, replace: (match: string) => string): Buffer {
  return bytes(text(raw).replace(pattern, replace));
}

const boundaryOf = (raw: Buffer) => /boundary="?([^";\r\n]+)"?/i.exec(text(raw))?.[1];

const addresses = (n: number, domain: string) =>
  Array.from({ length: n }, (_, i) => `"Person ${i}" <p${i}@${domain}>`).join(`,\r\n `);

export interface Mutation {
  name: string;
  apply(raw: Buffer, random: Random): Buffer;
}

export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'byte-flips',
    apply(raw, random) {
      const out = Buffer.from(raw);
      if (out.length === 0) return out;
      for (let i = 0, n = 1 + int(random, 1 + out.length / 200); i < n; i++)
        out[int(random, out.length)] = int(random, 256);
      return out;
    },
  },
  { name: 'truncated', apply: (raw, random) => raw.subarray(0, int(random, raw.length + 1)) },
  {
    name: 'header-duplicated',
    apply(raw, random) {
      const parts = split(raw);
      const field = pick(random, parts.fields);
      const copies = Array.from({ length: 1 + int(random, 50) }, () => field);
      return join({ ...parts, fields: [...parts.fields, ...copies] });
    },
  },
  {
    name: 'header-removed',
    apply(raw, random) {
      const parts = split(raw);
      const at = int(random, parts.fields.length);
      return join({ ...parts, fields: parts.fields.filter((_, i) => i !== at) });
    },
  },
  {
    name: 'header-overlong',
    apply(raw, random) {
      const name = pick(random, ['Subject', 'X-Long', 'References', 'Content-Type', 'From', 'Received']);
      const value =
        name === 'References'
          ? Array.from({ length: 5000 }, (_, i) => `<r${i}@x.example>`).join(' ')
          : name === 'Content-Type'
            ? `text/plain; ${Array.from({ length: 5000 }, (_, i) => `p${i}=v${i}`).join('; ')}`
            : 'x'.repeat(16 * 1024 + int(random, 100 * 1024));
      return setHeader(raw, name, value);
    },
  },
  {
    name: 'headers-many',
    apply(raw) {
      const parts = split(raw);
      const extra = Array.from({ length: 5000 }, (_, i) => `X-Fuzz-${i}: ${i}`);
      return join({ ...parts, fields: [...extra, ...parts.fields] });
    },
  },
  {
    name: 'header-without-colon',
    apply(raw, random) {
      const parts = split(raw);
      const at = int(random, parts.fields.length + 1);
      const fields = [...parts.fields];
      fields.splice(at, 0, pick(random, ['Nonsense header line', ' leading continuation', ':', 'Bad Name: x']));
      return join({ ...parts, fields });
    },
  },
  {
    name: 'boundary-close-missing',
    apply(raw) {
      const boundary = boundaryOf(raw);
      if (!boundary) return raw;
      return bytes(text(raw).split(`--${boundary}--`).join(''));
    },
  },
  {
    name: 'boundary-changed',
    apply: (raw) => replaceIn(raw, /boundary="?([^";\r\n]+)"?/i, (m) => m.replace(/boundary="?/i, 'boundary="broken-')),
  },
  {
    name: 'boundary-in-body',
    apply(raw, random) {
      const boundary = boundaryOf(raw) ?? 'b';
      return intoBody(raw, random, `\r\n--${boundary}\r\nContent-Type: text/plain\r\n\r\ninjected\r\n--${boundary}`);
    },
  },
  {
    name: 'multipart-nested-50',
    apply(raw, random) {
      const depth = 50;
      const close = random() < 0.5; // half without their closing delimiters
      let body = 'Content-Type: text/plain; charset=utf-8\r\n\r\nthe innermost part\r\n';
      for (let i = depth - 1; i >= 0; i--) {
        const inner = `--n${i}\r\n${body}${close ? `--n${i}--\r\n` : ''}`;
        body = i === 0 ? inner : `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n${inner}`;
      }
      return replaceBody(raw, 'multipart/mixed; boundary="n0"', body);
    },
  },
  {
    name: 'multipart-without-boundary',
    apply: (raw) => replaceBody(raw, 'multipart/mixed', `--x\r\nContent-Type: text/plain\r\n\r\nhello\r\n--x--\r\n`),
  },
  {
    name: 'charset-unknown',
    apply(raw, random) {
      const charset = pick(random, ['x-no-such-charset', 'utf-7', 'iso-2022-jp-3', '', '"', 'utf-8; charset=koi8-r']);
      const s = text(raw);
      if (/charset=/i.test(s)) return bytes(s.replace(/charset="?[^";\r\n]*"?/gi, `charset=${charset}`));
      return setHeader(raw, 'Content-Type', `text/plain; charset=${charset}`);
    },
  },
  {
    name: 'base64-invalid',
    apply(raw, random) {
      const junk = pick(random, ['!!!@@@###', '====', 'QUJD=RE', 'A', '\u00ff\u00fe\u0080', 'SGVsbG8gV29ybGQ']);
      const s = text(raw);
      if (/base64/i.test(s)) return intoBody(raw, random, junk);
      const parts = split(raw);
      const fields = parts.fields.filter((f) => !isField('content-transfer-encoding')(f));
      fields.push('Content-Transfer-Encoding: base64');
      return join({ ...parts, fields, rest: `${parts.eol}${parts.eol}${junk}${parts.rest}` });
    },
  },
  {
    name: 'quoted-printable-invalid',
    apply(raw, random) {
      const parts = split(raw);
      const fields = parts.fields.filter((f) => !isField('content-transfer-encoding')(f));
      fields.push('Content-Transfer-Encoding: quoted-printable');
      const junk = pick(random, ['=ZZ=\r\n=', '=\r\n=\r\n=', '=E2=82', `${'=41'.repeat(30000)}`, 'soft=\r\n=\r\nend=']);
      return join({ ...parts, fields, rest: `${parts.rest}${junk}` });
    },
  },
  {
    name: 'transfer-encoding-unknown',
    apply: (raw, random) =>
      setHeader(raw, 'Content-Transfer-Encoding', pick(random, ['x-uuencode', 'binary', '8bit; junk', 'base-64', ''])),
  },
  {
    name: 'header-8bit',
    apply(raw, random) {
      const name = pick(random, ['Subject', 'From', 'To', 'Message-ID', 'Content-Type']);
      const junk = pick(random, ['\u00e9t\u00e9', '\u00ff\u00fe\u00fd\u0080\u0081', '\u00c3\u0028', '\u00e2\u0082']);
      return setHeader(raw, name, name === 'From' ? `${junk} <x${junk}@exa\u00e9mple.com>` : `${junk} ${junk}`);
    },
  },
  {
    name: 'encoded-word-malformed',
    apply(raw, random) {
      const word = pick(random, [
        '=?utf-8?B?###?=',
        '=?x-unknown?Q?abc?=',
        '=?utf-8?X?abc?=',
        '=?utf-8?q?unterminated',
        '=??B??=',
        '=?utf-8*?B?SGk=?=',
        `${'=?utf-8?B?w6k=?='.repeat(5000)}`,
        '=?utf-8?B?wq?= =?utf-8?B?g==?=',
      ]);
      const name = pick(random, ['Subject', 'From', 'To']);
      return setHeader(raw, name, name === 'Subject' ? word : `${word} <person@example.com>`);
    },
  },
  {
    name: 'line-huge',
    apply: (raw, random) => intoBody(raw, random, 'y'.repeat(128 * 1024 + int(random, 256 * 1024))),
  },
  {
    name: 'nul-bytes',
    apply(raw, random) {
      let out = raw;
      for (let i = 0, n = 1 + int(random, 20); i < n; i++) {
        const s = text(out);
        const at = int(random, s.length + 1);
        out = bytes(`${s.slice(0, at)}\u0000${s.slice(at)}`);
      }
      return setHeader(out, pick(random, ['Subject', 'Message-ID', 'X-Nul']), 'a\u0000b <x\u0000@y>');
    },
  },
  {
    name: 'content-type-params-wrong',
    apply: (raw, random) =>
      setHeader(
        raw,
        'Content-Type',
        pick(random, [
          "text/html; charset=; boundary; name*=''%%; =;;;",
          'multipart/alternative; boundary=""',
          "text/plain; charset*=utf-8''%E2%82",
          '/; ;',
          'multipart/report; report-type=',
          'message/rfc822',
          'application/octet-stream; name="a\u0000b"',
          'TEXT/HTML; CHARSET="UTF-8"; format=flowed; delsp=yes; delsp=no',
        ]),
      ),
  },
  {
    name: 'from-missing',
    apply(raw) {
      const parts = split(raw);
      return join({ ...parts, fields: parts.fields.filter((f) => !isField('from')(f) && !isField('sender')(f)) });
    },
  },
  {
    name: 'message-id-missing',
    apply(raw) {
      const parts = split(raw);
      return join({ ...parts, fields: parts.fields.filter((f) => !isField('message-id')(f)) });
    },
  },
  {
    name: 'addresses-1000',
    apply: (raw, random) =>
      setHeader(raw, pick(random, ['To', 'Cc', 'From', 'Reply-To']), addresses(1000, 'many.example')),
  },
  {
    name: 'html-deep-10000',
    apply(raw, random) {
      // closed or left open, and past the 1 MB the desk renders, where only its start is read
      const variant = pick(random, ['closed', 'open', 'oversized']);
      const padding = variant === 'oversized' ? '<p>padding</p>'.repeat(80_000) : '';
      const html = `<html><body>${'<div>'.repeat(10_000)}deep${variant === 'open' ? '' : '</div>'.repeat(10_000)}${padding}</body></html>`;
      return replaceBody(raw, 'text/html; charset=utf-8', html);
    },
  },
  {
    name: 'line-ends-mangled',
    apply: (raw, random) => bytes(text(raw).replace(/\r?\n/g, pick(random, ['\r', '\n\n', '\r\r\n', '\n\r']))),
  },
  {
    name: 'body-only',
    apply(raw) {
      const parts = split(raw);
      return bytes(`X-Only: header\r\n${parts.rest.replace(/^\r?\n\r?\n/, '')}`);
    },
  },
];

export interface Mutant {
  raw: Buffer;
  /** the mutations applied, in order */
  applied: string[];
}

/** One to three mutations chosen by the seed, applied in turn to the seed message. */
export function mutateMessage(raw: Buffer, seed: number): Mutant {
  const random = prng(seed);
  let out = raw;
  const applied: string[] = [];
  for (let i = 0, n = 1 + int(random, 3); i < n; i++) {
    const mutation = pick(random, MUTATIONS);
    out = mutation.apply(out, random);
    applied.push(mutation.name);
  }
  return { raw: out, applied };
}
