// Text that leaves the desk for a public issue tracker: customer names are the agent's to write,
// but addresses, hosts, IPs and secrets are stripped mechanically, and the agent sees what was
// removed before anything is sent.
//
// The text is an agent's paste, so it may be anything, and once it was a denial of service: a
// backtracking regular expression took seconds over 'a.a.a.…'. So nothing here runs a regular
// expression over the text. Each rule makes one pass, visiting runs of the characters it cares
// about a bounded number of times, and the only patterns are tests of short, bounded pieces (an
// octet, a label). The work is counted in `meter.steps`, and the tests hold it to a fixed number of
// steps per character on adversarial inputs.
//
// The rules, in order, each over the text the previous one left (as the regular expressions they
// replace did, e.g. /\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/ for emails; `\b` is a word boundary):
// private keys, tokens (GitLab, GitHub, Slack, AWS, JWT, long hex, long base64), assigned secrets
// (password=…), URLs, emails, IPv4, IPv6, host names.

export interface Redaction {
  text: string;
  removed: { kind: 'email' | 'ip' | 'host' | 'secret' | 'url'; count: number }[];
}

/** Counts the work done, for the tests that hold it linear. */
export interface RedactionMeter {
  steps: number;
}

type Kind = Redaction['removed'][number]['kind'];

const FILE_EXTENSIONS = new Set(
  'rb js ts tsx jsx py go rs java kt php json yml yaml toml ini log txt md sql conf cfg sh bash zsh html htm css scss xml csv tsv pem crt key pub lock gz tgz zip tar exe dll so dylib gemspec erb haml vue svelte c h cpp hpp cs swift scala clj ex exs tf hcl env'.split(
    ' ',
  ),
);

/** Strips what must not reach a public tracker; `publicHosts` (the forge itself) may stay. */
export function redactForPublicIssue(
  input: string,
  publicHosts: string[] = [],
  meter: RedactionMeter = { steps: 0 },
): Redaction {
  const counts: Record<Kind, number> = { email: 0, ip: 0, host: 0, secret: 0, url: 0 };
  const allowed = new Set(publicHosts.map((h) => h.toLowerCase()));
  let text = secretsPass(input, counts, meter);
  text = urls(text, allowed, counts, meter);
  text = emails(text, counts, meter);
  text = ipv4(text, counts, meter);
  text = ipv6(text, counts, meter);
  text = hosts(text, allowed, counts, meter);
  return {
    text,
    removed: (Object.entries(counts) as [Kind, number][])
      .filter(([, n]) => n > 0)
      .map(([kind, count]) => ({ kind, count })),
  };
}

/** Only the secrets (keys, tokens, password=…): for text that goes to a log rather than a tracker. */
export function redactSecrets(input: string): string {
  return secretsPass(input, { email: 0, ip: 0, host: 0, secret: 0, url: 0 }, { steps: 0 });
}

function secretsPass(input: string, counts: Record<Kind, number>, meter: RedactionMeter): string {
  let text = privateKeys(input, counts, meter);
  for (const rule of TOKEN_RULES) text = tokens(text, rule, counts, meter);
  text = jwts(text, counts, meter);
  text = longHex(text, counts, meter);
  text = longBase64(text, counts, meter);
  return assignedSecrets(text, counts, meter);
}

// characters ------------------------------------------------------------------------------------

const code = (text: string, i: number) => (i >= 0 && i < text.length ? text.charCodeAt(i) : -1);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
const isLetter = (c: number) => isUpper(c) || isLower(c);
const isAlnum = (c: number) => isDigit(c) || isLetter(c);
const isWord = (c: number) => isAlnum(c) || c === 95; // \w
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
// \s: ASCII whitespace, NBSP, BOM and the Unicode spaces and separators
const isSpace = (c: number) =>
  (c >= 9 && c <= 13) ||
  c === 32 ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;
/** \b between i-1 and i */
const boundary = (text: string, i: number) => isWord(code(text, i - 1)) !== isWord(code(text, i));
/** i starts a run of word characters: where a \b before a letter or digit can be */
const wordStart = (text: string, i: number) => isWord(code(text, i)) && !isWord(code(text, i - 1));

function startsWithIgnoreCase(text: string, i: number, lower: string): boolean {
  if (i + lower.length > text.length) return false;
  for (let k = 0; k < lower.length; k++) {
    const c = text.charCodeAt(i + k);
    if ((isUpper(c) ? c + 32 : c) !== lower.charCodeAt(k)) return false;
  }
  return true;
}

/** The end of the run of `accept` characters from i, counting each one visited. */
function runEnd(text: string, i: number, accept: (c: number) => boolean, meter: RedactionMeter): number {
  let end = i;
  while (end < text.length && accept(text.charCodeAt(end))) end++;
  meter.steps += end - i + 1;
  return end;
}

/** A pattern test of text[start, end): anchored, and only ever of a piece of at most `max` characters. */
function test(pattern: RegExp, text: string, start: number, end: number, max: number, meter: RedactionMeter) {
  if (end - start > max) return false;
  meter.steps += end - start + 1;
  return pattern.test(text.slice(start, end));
}

/** Builds the new text from the matches a pass found, in order. */
class Edits {
  private parts: string[] = [];
  private at = 0;
  constructor(private readonly text: string) {}
  replace(start: number, end: number, by: string) {
    this.parts.push(this.text.slice(this.at, start), by);
    this.at = end;
  }
  done(): string {
    return this.parts.length === 0 ? this.text : this.parts.join('') + this.text.slice(this.at);
  }
}

// private keys ----------------------------------------------------------------------------------

/** -----BEGIN [A-Z ]*PRIVATE KEY----- at i: the header's end, or -1. */
function keyHeader(text: string, i: number, opening: string, meter: RedactionMeter): number {
  if (!text.startsWith(opening, i)) return -1;
  const end = runEnd(text, i + opening.length, (c) => isUpper(c) || c === 32, meter);
  // "[A-Z ]*PRIVATE KEY" ends where the run ends: the dashes after it are not in the run
  const tail = 'PRIVATE KEY-----';
  return end - 11 >= i + opening.length && text.startsWith(tail, end - 11) ? end - 11 + tail.length : -1;
}

function privateKeys(text: string, counts: Record<Kind, number>, meter: RedactionMeter): string {
  const edits = new Edits(text);
  let from = 0;
  for (;;) {
    const begin = text.indexOf('-----BEGIN ', from);
    meter.steps += (begin < 0 ? text.length : begin) - from + 1;
    if (begin < 0) break;
    const body = keyHeader(text, begin, '-----BEGIN ', meter);
    if (body < 0) {
      from = begin + 1;
      continue;
    }
    let search = body;
    let end = -1;
    while (end < 0) {
      const found = text.indexOf('-----END ', search);
      meter.steps += (found < 0 ? text.length : found) - search + 1;
      if (found < 0) break;
      end = keyHeader(text, found, '-----END ', meter);
      search = found + 1;
    }
    // no end after this key: none after a later one either, so stop rather than search again
    if (end < 0) break;
    edits.replace(begin, end, '[secret]');
    counts.secret++;
    from = end;
  }
  return edits.done();
}

// tokens ----------------------------------------------------------------------------------------

interface TokenRule {
  prefixes: string[];
  body: (c: number) => boolean;
  min: number;
  max?: number;
}

const TOKEN_RULES: TokenRule[] = [
  // GitLab: \b(glpat|glptt|gldt|glrt|glsoat)-[\w-]{20,}\b
  { prefixes: ['glpat-', 'glptt-', 'gldt-', 'glrt-', 'glsoat-'], body: (c) => isWord(c) || c === 45, min: 20 },
  // GitHub: \b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\b and \bgithub_pat_[A-Za-z0-9_]{40,}\b
  { prefixes: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], body: isAlnum, min: 30 },
  { prefixes: ['github_pat_'], body: isWord, min: 40 },
  // Slack: \bxox[abprs]-[\w-]{10,}\b
  { prefixes: ['xoxa-', 'xoxb-', 'xoxp-', 'xoxr-', 'xoxs-'], body: (c) => isWord(c) || c === 45, min: 10 },
  // AWS access key id: \bAKIA[0-9A-Z]{16}\b
  { prefixes: ['AKIA'], body: (c) => isDigit(c) || isUpper(c), min: 16, max: 16 },
];

/**
 * \b prefix body{min,max} \b. A start is a \b before a letter, so the start of a run of word
 * characters. The body is taken greedily, then given back to the last \b, as a backtracking
 * matcher would. If that fails, every later start in the same body fails too (same end, shorter
 * body), so the scan skips past it: each character is visited a bounded number of times.
 */
function tokens(text: string, rule: TokenRule, counts: Record<Kind, number>, meter: RedactionMeter): string {
  const edits = new Edits(text);
  let i = 0;
  while (i < text.length) {
    meter.steps++;
    const prefix = wordStart(text, i) ? rule.prefixes.find((p) => text.startsWith(p, i)) : undefined;
    if (!prefix) {
      i++;
      continue;
    }
    const bodyStart = i + prefix.length;
    let greedy = bodyStart;
    while (greedy < text.length && rule.body(text.charCodeAt(greedy)) && greedy - bodyStart < (rule.max ?? Infinity))
      greedy++;
    meter.steps += greedy - bodyStart;
    let end = greedy;
    while (end - bodyStart >= rule.min && !boundary(text, end)) end--;
    meter.steps += greedy - end;
    if (end - bodyStart >= rule.min) {
      edits.replace(i, end, '[secret]');
      counts.secret++;
      i = end;
    } else {
      i = Math.max(i + 1, greedy);
    }
  }
  return edits.done();
}

const isTokenChar = (c: number) => isWord(c) || c === 45; // [\w-]

/** \beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}\b: three runs of [\w-] joined by single dots. */
function jwts(text: string, counts: Record<Kind, number>, meter: RedactionMeter): string {
  const edits = new Edits(text);
  let i = 0;
  while (i < text.length) {
    meter.steps++;
    if (!(wordStart(text, i) && text.startsWith('eyJ', i))) {
      i++;
      continue;
    }
    // each part runs to the first character outside [\w-]; the first two must end in a dot
    const first = runEnd(text, i + 3, isTokenChar, meter);
    let end = -1;
    if (first - (i + 3) >= 8 && code(text, first) === 46) {
      const second = runEnd(text, first + 1, isTokenChar, meter);
      if (second - (first + 1) >= 8 && code(text, second) === 46) {
        let third = runEnd(text, second + 1, isTokenChar, meter);
        while (third - (second + 1) >= 8 && !boundary(text, third)) third--;
        if (third - (second + 1) >= 8) end = third;
      }
    }
    if (end > 0) {
      edits.replace(i, end, '[secret]');
      counts.secret++;
      i = end;
    } else {
      // a later start inside the first part meets the same dots: it cannot do better
      i = Math.max(i + 1, first);
    }
  }
  return edits.done();
}

/** \b[a-f0-9]{40,}\b (any case): a whole run of word characters that is all hex, 40 or more. */
function longHex(text: string, counts: Record<Kind, number>, meter: RedactionMeter): string {
  const edits = new Edits(text);
  let i = 0;
  while (i < text.length) {
    if (!wordStart(text, i)) {
      meter.steps++;
      i++;
      continue;
    }
    const end = runEnd(text, i, isWord, meter);
    const hexEnd = runEnd(text, i, isHex, meter);
    if (hexEnd === end && end - i >= 40) {
      edits.replace(i, end, '[secret]');
      counts.secret++;
    }
    i = end;
  }
  return edits.done();
}

const isBase64 = (c: number) => isAlnum(c) || c === 43 || c === 47; // [A-Za-z0-9+/]

/**
 * \b[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=]): from the first \b in a run of base64 characters to
 * the run's end, then at most two '=' and nothing base64 after them.
 */
function longBase64(text: string, counts: Record<Kind, number>, meter: RedactionMeter): string {
  const edits = new Edits(text);
  let i = 0;
  while (i < text.length) {
    if (!isBase64(text.charCodeAt(i))) {
      meter.steps++;
      i++;
      continue;
    }
    const end = runEnd(text, i, isBase64, meter);
    let start = i;
    while (start < end && !boundary(text, start)) start++;
    meter.steps += start - i;
    const padEnd = runEnd(text, end, (c) => c === 61, meter);
    const after = code(text, padEnd);
    if (end - start >= 40 && padEnd - end <= 2 && !isBase64(after)) {
      edits.replace(start, padEnd, '[secret]');
      counts.secret++;
    }
    i = padEnd;
  }
  return edits.done();
}

// assigned secrets ------------------------------------------------------------------------------

// \b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|auth)\s*[:=]\s*
// then a value of 4+ characters out of [^\s"',;], in matching quotes or none; replaced, quotes and
// all, by [secret] (a value that is [secret] already is left alone)
const KEYWORDS = [
  'password',
  'passwd',
  'pwd',
  'secret',
  'token',
  'apikey',
  'api_key',
  'api-key',
  'accesskey',
  'access_key',
  'access-key',
  'privatekey',
  'private_key',
  'private-key',
  'auth',
];
const isValueChar = (c: number) => c >= 0 && !isSpace(c) && c !== 34 && c !== 39 && c !== 44 && c !== 59;

function assignedSecrets(text: string, counts: Record<Kind, number>, meter: RedactionMeter): string {
  const edits = new Edits(text);
  let i = 0;
  while (i < text.length) {
    meter.steps++;
    const keyword = wordStart(text, i) ? KEYWORDS.find((k) => startsWithIgnoreCase(text, i, k)) : undefined;
    if (!keyword) {
      i++;
      continue;
    }
    const sign = runEnd(text, i + keyword.length, isSpace, meter);
    const mark = code(text, sign);
    if (mark !== 58 && mark !== 61) {
      i = Math.max(i + 1, sign);
      continue;
    }
    const valueStart = runEnd(text, sign + 1, isSpace, meter);
    const quote = code(text, valueStart);
    const quoted = quote === 34 || quote === 39;
    const from = quoted ? valueStart + 1 : valueStart;
    const to = runEnd(text, from, isValueChar, meter);
    const closed = !quoted || code(text, to) === quote;
    if (to - from >= 4 && closed && !text.startsWith('[secret]', from)) {
      edits.replace(valueStart, quoted ? to + 1 : to, '[secret]');
      counts.secret++;
      i = quoted ? to + 1 : to;
    } else {
      i = Math.max(valueStart, i + 1);
    }
  }
  return edits.done();
}

// URLs ------------------------------------------------------------------------------------------

const isUrlChar = (c: number) => c >= 0 && !isSpace(c) && !'<>()"\''.includes(String.fromCharCode(c));

/** \bhttps?://[^\s<>()"']+ (any case); a URL on a public host stays. */
function urls(text: string, allowed: Set<string>, counts: Record<Kind, number>, meter: RedactionMeter): string {
  const edits = new Edits(text);
  let i = 0;
  while (i < text.length) {
    meter.steps++;
    const scheme = wordStart(text, i)
      ? startsWithIgnoreCase(text, i, 'https://')
        ? 8
        : startsWithIgnoreCase(text, i, 'http://')
          ? 7
          : 0
      : 0;
    const end = scheme ? runEnd(text, i + scheme, isUrlChar, meter) : 0;
    if (!scheme || end === i + scheme) {
      i++;
      continue;
    }
    const url = text.slice(i, end);
    meter.steps += url.length;
    if (!allowed.has(hostnameOf(url))) {
      edits.replace(i, end, '[url]');
      counts.url++;
    }
    i = end;
  }
  return edits.done();
}

function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return ''; // not a URL after all
  }
}

// emails ----------------------------------------------------------------------------------------

const isLocalChar = (c: number) => isWord(c) || c === 46 || c === 43 || c === 45; // [\w.+-]

/**
 * \b[\w.+-]+@[\w-]+(\.[\w-]+)+\b, found from each '@': the local part is the run of [\w.+-] before
 * it, from its first \b; the domain is labels of [\w-] after it, ending on a word character.
 */
function emails(text: string, counts: Record<Kind, number>, meter: RedactionMeter): string {
  const edits = new Edits(text);
  let resume = 0;
  let from = 0;
  for (;;) {
    const at = text.indexOf('@', from);
    meter.steps += (at < 0 ? text.length : at) - from + 1;
    if (at < 0) break;
    from = at + 1;
    let start = at;
    while (start > resume && isLocalChar(text.charCodeAt(start - 1))) start--;
    meter.steps += at - start;
    while (start < at && !boundary(text, start)) start++;
    meter.steps += at - start;
    if (start === at) continue;
    // labels: the first, then ".label" as long as one follows
    let end = runEnd(text, at + 1, isTokenChar, meter);
    if (end === at + 1) continue;
    const labelEnds = [end];
    while (code(text, end) === 46 && isTokenChar(code(text, end + 1))) {
      end = runEnd(text, end + 1, isTokenChar, meter);
      labelEnds.push(end);
    }
    // give back to the last \b: trailing '-' of the last label, or a last label of only '-'
    let last = labelEnds.length - 1;
    let stop = -1;
    while (last >= 1 && stop < 0) {
      const labelStart = last === 0 ? at + 1 : (labelEnds[last - 1] as number) + 1;
      let e = labelEnds[last] as number;
      while (e > labelStart && !boundary(text, e)) e--;
      meter.steps += (labelEnds[last] as number) - e + 1;
      if (e > labelStart) stop = e;
      else last--;
    }
    if (stop < 0) continue;
    edits.replace(start, stop, '[email]');
    counts.email++;
    resume = stop;
    from = stop;
  }
  return edits.done();
}

// IP addresses ----------------------------------------------------------------------------------

const OCTET = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

/**
 * \b(octet)(\.octet){3}\b, octet 0-255 as (25[0-5]|2[0-4]\d|1?\d?\d): four whole digit groups joined
 * by single dots, starting after a non-word character and not followed by a word character.
 */
function ipv4(text: string, counts: Record<Kind, number>, meter: RedactionMeter): string {
  const edits = new Edits(text);
  let i = 0;
  while (i < text.length) {
    meter.steps++;
    if (!(isDigit(text.charCodeAt(i)) && boundary(text, i))) {
      i++;
      continue;
    }
    let at = i;
    let groups = 0;
    let firstEnd = -1;
    for (; groups < 4; groups++) {
      const end = runEnd(text, at, isDigit, meter);
      if (firstEnd < 0) firstEnd = end;
      if (end === at || !test(OCTET, text, at, end, 3, meter)) break;
      if (groups < 3) {
        if (code(text, end) !== 46) break;
        at = end + 1;
      } else at = end;
    }
    if (groups === 4 && !isWord(code(text, at))) {
      edits.replace(i, at, '[ip]');
      counts.ip++;
      i = at;
    } else {
      i = firstEnd > i ? firstEnd : i + 1;
    }
  }
  return edits.done();
}

const isHexOrColon = (c: number) => isHex(c) || c === 58;

/**
 * IPv6 (and MAC) addresses: a run of hex digits and colons between non-word characters, groups of
 * at most 4 hex digits, at most 8 of them and at least 3 parts ('::' counting as one). Digits only
 * in fewer than 4 parts are times (10:30:00) and stay. Unlike the expression this replaces, a pair
 * like "ab:cd" is not taken for an address, nor is a run touching a letter outside a-f.
 */
function ipv6(text: string, counts: Record<Kind, number>, meter: RedactionMeter): string {
  const edits = new Edits(text);
  let i = 0;
  while (i < text.length) {
    if (!isHexOrColon(text.charCodeAt(i))) {
      meter.steps++;
      i++;
      continue;
    }
    const runStart = i;
    const runStop = runEnd(text, i, isHexOrColon, meter);
    i = runStop;
    // colons at either end are not part of it, unless they are a '::' (2001:db8::)
    let start = runStart;
    let end = runStop;
    while (start < end && text.charCodeAt(start) === 58) start++;
    while (end > start && text.charCodeAt(end - 1) === 58) end--;
    meter.steps += runStop - runStart;
    if (end - start > 39) continue;
    if (start - runStart >= 2) start -= 2;
    if (runStop - end >= 2) end += 2;
    if (isWord(code(text, start - 1)) || isWord(code(text, end))) continue;
    let colons = 0;
    for (let k = start; k < end; k++) if (text.charCodeAt(k) === 58) colons++;
    meter.steps += end - start;
    if (colons < 2) continue;
    const piece = text.slice(start, end);
    meter.steps += piece.length;
    const compressed = piece.indexOf('::');
    if (compressed !== piece.lastIndexOf('::')) continue; // two of them, or ':::'
    const groups = (compressed < 0 ? [piece] : [piece.slice(0, compressed), piece.slice(compressed + 2)])
      .filter((side) => side !== '')
      .flatMap((side) => side.split(':'));
    const parts = groups.length + (compressed < 0 ? 0 : 1);
    if (groups.some((g) => g === '' || g.length > 4) || groups.length > 8 || parts < 3) continue;
    if (!/[a-f]/i.test(piece) && piece.split(':').length < 4) continue;
    edits.replace(start, end, '[ip]');
    counts.ip++;
  }
  return edits.done();
}

// host names ------------------------------------------------------------------------------------

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const isHostChar = (c: number) => isWord(c) || c === 45 || c === 46; // [\w.-]

/**
 * \b(?:label\.)+tld\b with label [a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])? and tld [a-z][a-z0-9-]{1,23}.
 * Within a run of [\w.-], split at dots: a match is a chain of valid labels, each followed by a
 * dot, then a tld at the start of the next label. The longest chain wins (the greedy `+`), then
 * the last label in it where a tld can end on a \b. Found for every start at once from two
 * arrays, so a long chain of labels that never ends in a tld ('a.a.a.…') is walked once, not once
 * per label.
 */
function hosts(text: string, allowed: Set<string>, counts: Record<Kind, number>, meter: RedactionMeter): string {
  const edits = new Edits(text);
  let i = 0;
  while (i < text.length) {
    if (!isHostChar(text.charCodeAt(i))) {
      meter.steps++;
      i++;
      continue;
    }
    const end = runEnd(text, i, isHostChar, meter);
    hostsInRun(text, i, end, allowed, counts, edits, meter);
    i = end;
  }
  return edits.done();
}

function hostsInRun(
  text: string,
  runStart: number,
  runStop: number,
  allowed: Set<string>,
  counts: Record<Kind, number>,
  edits: Edits,
  meter: RedactionMeter,
) {
  const starts: number[] = [];
  const stops: number[] = [];
  for (let at = runStart; ; ) {
    let stop = at;
    while (stop < runStop && text.charCodeAt(stop) !== 46) stop++;
    meter.steps += stop - at + 1;
    starts.push(at);
    stops.push(stop);
    if (stop >= runStop) break;
    at = stop + 1;
  }
  const n = starts.length;
  // tldEnd[k]: where the longest tld ([a-z][a-z0-9-]{1,23}) at the start of label k ends on a \b, or -1
  const tldEnd = starts.map((s, k) => {
    if (!isLetter(code(text, s))) return -1;
    const limit = Math.min(stops[k] as number, s + 24);
    let longest = s + 1;
    while (longest < limit && (isAlnum(text.charCodeAt(longest)) || text.charCodeAt(longest) === 45)) longest++;
    meter.steps += longest - s;
    for (let e = longest; e >= s + 2; e--) {
      meter.steps++;
      if (boundary(text, e)) return e;
    }
    return -1;
  });
  // chain[k]: how many labels from k on are valid and followed by a dot (the last label is not)
  const chain = new Array<number>(n + 1).fill(0);
  for (let k = n - 2; k >= 0; k--) {
    chain[k] = test(LABEL, text, starts[k] as number, stops[k] as number, 63, meter) ? (chain[k + 1] as number) + 1 : 0;
  }
  // lastTld[k]: the last label at or before k where a tld ends, or -1
  const lastTld = new Array<number>(n).fill(-1);
  for (let k = 0; k < n; k++) lastTld[k] = (tldEnd[k] as number) >= 0 ? k : k > 0 ? (lastTld[k - 1] as number) : -1;

  let k = 0;
  let from = runStart; // the matcher resumes here, inside label k after a match that ended in it
  while (k < n - 1) {
    const start = firstLabelStart(text, Math.max(from, starts[k] as number), stops[k] as number, meter);
    if (start < 0) {
      k++;
      continue;
    }
    const length = 1 + (chain[k + 1] as number);
    const last = lastTld[Math.min(k + length, n - 1)] as number;
    if (last <= k) {
      k++;
      continue;
    }
    const end = tldEnd[last] as number;
    const match = text.slice(start, end);
    const tld = text.slice(starts[last], end);
    meter.steps += match.length;
    if (!(FILE_EXTENSIONS.has(tld.toLowerCase()) || allowed.has(match.toLowerCase()))) {
      edits.replace(start, end, '[host]');
      counts.host++;
    }
    k = last;
    from = end;
  }
}

/**
 * The first place in a label, at or after `from`, where a match can start: a \b (the label's start,
 * or just after a '-') from which the rest of the label is a valid label, i.e. no '_' after it, an
 * alphanumeric end, at most 63 characters.
 */
function firstLabelStart(text: string, from: number, stop: number, meter: RedactionMeter): number {
  if (from >= stop || !isAlnum(text.charCodeAt(stop - 1))) return -1;
  let after = from; // past the last '_'
  for (let s = from; s < stop; s++) if (text.charCodeAt(s) === 95) after = s + 1;
  meter.steps += stop - from;
  for (let s = Math.max(after, stop - 63); s < stop; s++) {
    meter.steps++;
    if (isAlnum(text.charCodeAt(s)) && boundary(text, s)) return s;
  }
  return -1;
}
