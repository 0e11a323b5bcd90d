import { normalisePath } from '../../diagnostics/analyse/nginx.js';
import { normaliseMessage } from '../../diagnostics/analyse/signature.js';

// What a ticket's text says about the failure, in a form that is the same from one customer to the next
// and holds nothing of theirs: exception classes with their messages stripped of numbers, ids, quoted
// values and addresses; the top stack frames without paths' line numbers; failing HTTP requests by
// status and route; Sidekiq job classes; PostgreSQL error codes; the product version. Issue suggestions
// search our own history and the forges with it, and only it ever leaves the desk.
//
// A customer writes the text, so it may be anything: it is read a line at a time, lines and line counts
// are capped, and each line is split into tokens that short anchored patterns test. No pattern runs
// over a whole line with nested repetition.

export interface ErrorSignature {
  exceptions: { errorClass: string; message: string; frames: string[] }[];
  /** failing requests: `500 POST /api/v4/projects/:id/pipeline` */
  requests: string[];
  /** Sidekiq (or ActiveJob) worker classes that appear with a failure */
  jobs: string[];
  /** SQLSTATE codes, e.g. 40P01 */
  postgresCodes: string[];
  /** versions named with a product or as "version x.y.z", e.g. 17.3.1 */
  versions: string[];
}

/**
 * The reading's version: raise it when the reading finds something it did not before, and the
 * background pass reads the tickets kept by an older one again (signatures.ts). 2: Python frames
 * printed before the exception, Go's "fatal error:", the customer's names out of messages.
 */
export const SIGNATURE_READER = 2;

const MAX_CHARS = 256 * 1024;
const MAX_LINE = 1_000;
const MAX_ITEMS = 5;
const MAX_FRAMES = 3;

// a class name: letters and digits, optionally namespaced (Ruby ::, Java/Python/JS dots), that ends like an
// error does; checked on a single token of at most 200 characters
const CLASS = /^(?:[A-Za-z_]\w{0,80}(?:::|\.)){0,8}[A-Z]\w{0,80}$/;
const ERRORISH =
  /(?:Error|Exception|Invalid|Violation|Timeout|TimedOut|Canceled|Cancelled|NotFound|Denied|Failure|Failed|Refused|Unavailable|Deadlock\w*|Panic)$/;
// PG::QueryCanceled, Gitlab::Git::CommandError: the pg gem and GitLab name errors by their namespace too
const ERROR_NAMESPACE = /^(?:PG|Mysql2|Redis|Gitlab::Git|GRPC|Net|Errno|Faraday|OpenSSL::SSL)::\w{1,80}$/;
const CODE_WORDS = new Set(['raise', 'throw', 'new', 'rescue', 'except', 'catch', 'class', 'extends', 'def']);
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const WORKER = /^(?:[A-Z]\w{0,60}::){0,4}[A-Z]\w{0,60}(?:Worker|Job)$/;
const SQLSTATE = /^[0-9A-Z]{5}$/;
const VERSION = /^v?(\d{1,3}\.\d{1,3}(?:\.\d{1,4})?)(?:-(?:ee|ce|rc\d{1,2}))?[,.;:)]?$/;
const PRODUCT_WORDS = new Set(['gitlab', 'runner', 'gitaly', 'version', 'ver', 'release', 'upgraded', 'on']);
// the lines of a Go trace that are not frames: a frame's file and line, the goroutine's header, the signal
const GO_TRACE_LINE =
  /^(?:\s+[\w./@-]{1,300}\.go:\d{1,6}(?: \+0x[0-9a-f]{1,16})?|goroutine \d{1,9} \[[\w ,:]{1,60}\]:|\[signal [^\]]{1,200}\]|created by \S{1,300}(?: in goroutine \d{1,9})?|panic\([^()]{0,200}\))$/;
const GO_GOROUTINE = /^goroutine \d{1,9} \[[\w ,:]{1,60}\]:$/;
const GO_FATAL = /^fatal error: (.{1,300})$/;
const PYTHON_TRACEBACK = 'Traceback (most recent call last):';
// a Go frame: package path, function or (*Type).Method, and arguments as Go prints them (hex words or "...")
const GO_FRAME = /^(?:[\w.@-]{1,100}\/){0,12}([\w-]{1,100}\.(?:\(\*?\w{1,100}\)\.)?[\w.]{1,120})\(([^()]{0,200})\)$/;

/** The failure's signature in a ticket's text (subject, messages, attachments' text). */
export function extractErrorSignature(text: string): ErrorSignature {
  const out: ErrorSignature = { exceptions: [], requests: [], jobs: [], postgresCodes: [], versions: [] };
  const lines = (text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text).split('\n');
  let current: ErrorSignature['exceptions'][number] | undefined;
  // Python prints the frames first, most recent call last, and the exception after them: they wait here
  let pythonFrames: string[] | undefined;
  // Go's "fatal error:" (a concurrent map write, out of memory) counts only when a goroutine trace follows
  let goFatal: string | undefined;
  for (const raw of lines) {
    const line = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
    if (goFatal !== undefined && GO_GOROUTINE.test(line)) {
      current = addException(out, { errorClass: 'fatal error', message: goFatal });
      goFatal = undefined;
      continue;
    }
    if (GO_TRACE_LINE.test(line)) continue;
    const trimmed = line.trim();
    if (trimmed === PYTHON_TRACEBACK) {
      pythonFrames = [];
      current = undefined;
      continue;
    }
    const frame = stackFrame(line);
    if (frame !== undefined) {
      if (pythonFrames && trimmed.startsWith('File "')) {
        // the last ones are where it happened; the rest of a deep trace is not kept
        pythonFrames.push(frame);
        if (pythonFrames.length > MAX_FRAMES) pythonFrames.shift();
      } else if (frame && current && current.frames.length < MAX_FRAMES && !current.frames.includes(frame)) {
        current.frames.push(frame);
      }
      continue;
    }
    const fatal = GO_FATAL.exec(trimmed);
    if (fatal) goFatal = normaliseMessage(fatal[1] as string);
    else if (/\w/.test(line)) goFatal = undefined;
    const exception = exceptionOn(line);
    if (exception) {
      current = addException(out, exception);
      // innermost first, as the other languages print them
      if (current && pythonFrames && current.frames.length === 0) {
        current.frames.push(...[...new Set(pythonFrames.filter(Boolean))].reverse());
      }
      pythonFrames = undefined;
    } else if (/[\w]/.test(line) && !(pythonFrames && /^\s/.test(line))) {
      // a line of words ends the trace (inside a Python traceback, the indented source lines do not);
      // blank lines and a closing "):" do not
      current = undefined;
      if (!/^\s/.test(line)) pythonFrames = undefined;
    }
    const tokens = tokensOf(line);
    addUnique(out.requests, failingRequest(line, tokens));
    for (const candidate of [jsonField(line, 'class'), jsonField(line, 'job_class'), ...tokens]) {
      const bare = candidate === undefined ? '' : unquote(candidate);
      if (bare.length <= 120 && WORKER.test(bare) && bare !== 'ActiveJob') addUnique(out.jobs, bare);
    }
    addUnique(out.postgresCodes, sqlState(line, tokens));
    versionsOn(tokens, out.versions);
  }
  return out;
}

/** The exception as listed (the one seen before, if it was), or undefined once five are. */
function addException(out: ErrorSignature, exception: { errorClass: string; message: string }) {
  const seen = out.exceptions.find((e) => e.errorClass === exception.errorClass && e.message === exception.message);
  const current = seen ?? (out.exceptions.length < MAX_ITEMS ? { ...exception, frames: [] } : undefined);
  if (current && !seen) out.exceptions.push(current);
  return current;
}

/** The words a forge search gets: the signature's own, in the order that says most (at most `max`). */
export function searchTerms(signature: ErrorSignature, max = 8): string[] {
  const terms: string[] = [];
  for (const e of signature.exceptions) {
    addUnique(terms, e.errorClass, max);
    // the message's words without the placeholders the normalising put in
    const words = e.message
      .replace(/<\w+>|\?|…/g, ' ')
      .split(/[^A-Za-z_]+/)
      .filter((w) => w.length > 3);
    for (const w of words.slice(0, 4)) addUnique(terms, w, max);
  }
  for (const job of signature.jobs) addUnique(terms, job, max);
  for (const code of signature.postgresCodes) addUnique(terms, code, max);
  return terms;
}

function addUnique(list: string[], value: string | undefined, max = MAX_ITEMS) {
  if (value !== undefined && list.length < max && !list.includes(value)) list.push(value);
}

function tokensOf(line: string): string[] {
  return line.split(/[\s=]+/).filter((t) => t.length > 0 && t.length <= 200);
}

/**
 * `Class: message`, `Class (message)`, a log's `"exception.class":"…","exception.message":"…"`, a Go
 * `panic: message`, or a gRPC failure as Go services (Gitaly, Workhorse) log it.
 */
function exceptionOn(line: string): { errorClass: string; message: string } | undefined {
  const json = jsonException(line);
  if (json) return json;
  const trimmed = line.trim();
  const panic = /^panic: (.{1,500}?)(?: \[recovered\])?$/.exec(trimmed);
  if (panic) return { errorClass: 'panic', message: normaliseMessage(panic[1] as string) };
  // a class named on the line says more than the gRPC code it wraps
  return namedClass(trimmed) ?? grpcFailure(trimmed);
}

function namedClass(trimmed: string): { errorClass: string; message: string } | undefined {
  // a log line's prefix (time, severity, pid) comes first: the class is the first token that looks like one
  const tokens = trimmed.split(/\s+/, 12);
  let offset = 0;
  for (const [i, token] of tokens.entries()) {
    const start = trimmed.indexOf(token, offset);
    offset = start + token.length;
    const bare = token.replace(/^[([{"']+/, '').replace(/(?::|\(.*)$/, '');
    if (!looksLikeErrorClass(bare)) continue;
    // code that names an error is not the error: `raise TimeoutError(…)`, `rescue Foo::Error => e`
    if (CODE_WORDS.has(tokens[i - 1] ?? '')) return undefined;
    const after = trimmed.slice(start + token.indexOf(bare) + bare.length);
    if (!/^(?::|\s*\(|$)/.test(after)) continue;
    // `Class (message)` ends at its closing parenthesis; the sentence may go on after it
    const paren = /^\s*\(([^()]{0,300})\)/.exec(after);
    const message = (
      paren ? (paren[1] as string) : /^\s*\(/.test(after) ? after.replace(/^\s*\(/, '') : after.replace(/^:\s*/, '')
    ).trim();
    // "PG::QueryCanceled: ERROR:  canceling statement…": the severity prefix is not part of the message
    return { errorClass: bare, message: normaliseMessage(message.replace(/^(?:ERROR|FATAL|PANIC):\s*/, '')) };
  }
  return undefined;
}

/**
 * Go's `rpc error: code = Unavailable desc = connection refused`, in plain text, logfmt or JSON, is the
 * failure Ruby logs as `GRPC::Unavailable`: the same class, so both find the same issues.
 */
function grpcFailure(line: string): { errorClass: string; message: string } | undefined {
  const at = line.indexOf('rpc error: code = ');
  if (at < 0) return undefined;
  const m = /^rpc error: code = ([A-Z][A-Za-z]{1,40}) desc = /.exec(line.slice(at, at + 80));
  if (!m) return undefined;
  let desc = line.slice(at + m[0].length, at + m[0].length + 500);
  // a logfmt or JSON value ends at its closing quote
  const end = desc.search(/(?<!\\)"/);
  if (end >= 0) desc = desc.slice(0, end);
  return { errorClass: `GRPC::${m[1]}`, message: normaliseMessage(desc.replace(/\\(.)/g, '$1').trim()) };
}

function looksLikeErrorClass(token: string): boolean {
  if (token.length < 5 || token.length > 200 || !CLASS.test(token)) return false;
  // "Completed 500 Internal Server Error", "503 Service Unavailable": a bare word is not a class
  if (!/[:.]/.test(token) && (token.match(/[A-Z]/g) ?? []).length < 2) return false;
  return ERRORISH.test(token) || ERROR_NAMESPACE.test(token);
}

function jsonException(line: string): { errorClass: string; message: string } | undefined {
  const cls = jsonField(line, 'exception.class') ?? jsonField(line, 'error_class');
  if (!cls || !CLASS.test(cls)) return undefined;
  const message = jsonField(line, 'exception.message') ?? jsonField(line, 'error_message') ?? '';
  return { errorClass: cls, message: normaliseMessage(message) };
}

/** A JSON string field's value on a log line, without parsing the line (it may be cut or not JSON at all). */
function jsonField(line: string, name: string): string | undefined {
  const key = `"${name}":"`;
  const at = line.indexOf(key);
  if (at < 0) return undefined;
  const start = at + key.length;
  let end = start;
  while (end < line.length && line[end] !== '"') end += line[end] === '\\' ? 2 : 1;
  // an escaped newline or tab is a space, as in the plain log: both give the same signature
  return line
    .slice(start, Math.min(end, start + 500))
    .replace(/\\[nrt]/g, ' ')
    .replace(/\\(.)/g, '$1');
}

/**
 * A stack frame, reduced to where it is in the code without line numbers or the machine's paths:
 * Ruby `app/models/ci/build.rb:42:in 'run'`, Java `at com.acme.Foo.bar(Foo.java:42)`, JS
 * `at run (/srv/app/lib/x.js:1:2)`, Python `File "/usr/lib/x/y.py", line 3, in f`, Go `main.run(...)`.
 */
function stackFrame(line: string): string | undefined {
  const t = line.trim();
  if (t.length > 400) return undefined;
  let m = /^(?:from\s+)?([\w./-]{1,200}\.(?:rb|erb|rake)):\d{1,6}:in [`'‘]([^`'’]{1,120})['’]/.exec(t);
  if (m) return `${tail(m[1] as string)} in ${(m[2] as string).replace(/^block (?:\(\d+ levels\) )?in /, '')}`;
  m = /^at ([\w$.<>]{1,200})\(([\w.]{1,120}?)(?::\d{1,6})?\)$/.exec(t);
  if (m) return m[1] as string;
  m = /^at (?:async )?([\w$.<>[\] ]{1,120}) \(([^()]{1,300})\)$/.exec(t);
  if (m) return `${m[1]} (${tail((m[2] as string).replace(/:\d+:\d+$/, ''))})`;
  m = /^File "([^"]{1,300})", line \d{1,6}, in ([\w<>]{1,120})$/.exec(t);
  if (m) return `${tail(m[1] as string)} in ${m[2]}`;
  // Go: gitlab.com/gitlab-org/gitaly/v16/internal/git/catfile.(*objectReader).Object(0xc000a1, ...)
  m = GO_FRAME.exec(t);
  if (m && (m[2] === '' || m[2] === '...' || (m[2] as string).includes('0x'))) {
    // Go's own runtime frames are where every panic passes, not where it happened: part of the trace, not kept
    return (m[1] as string).startsWith('runtime.') ? '' : m[1];
  }
  return undefined;
}

/** the last two parts of a path: app/models/ci/build.rb → ci/build.rb (the machine's own folders stay home) */
function tail(path: string): string {
  // Windows paths too: C:\Users\kyle\sync.py
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.slice(-2).join('/');
}

/** `500 POST /api/v4/…` from `POST /api/v4/… 500`, `"status":500,"method":"POST","path":"/api…"` and the like. */
function failingRequest(line: string, tokens: string[]): string | undefined {
  const status = jsonNumber(line, 'status') ?? statusToken(tokens);
  if (status === undefined || status < 400 || status > 599) return undefined;
  const method = jsonField(line, 'method') ?? tokens.map(unquote).find((t) => METHODS.has(t));
  const path = jsonField(line, 'path') ?? jsonField(line, 'uri') ?? tokens.map(unquote).find((t) => t.startsWith('/'));
  if (!method || !METHODS.has(method) || !path?.startsWith('/') || path.length > 300) return undefined;
  return `${status} ${method} ${normalisePath(path)}`;
}

function unquote(token: string): string {
  return token.replace(/^["'[(]+|["',;)\]]+$/g, '');
}

function statusToken(tokens: string[]): number | undefined {
  // an HTTP status stands alone (not a duration, size or port): "500", "status 500", "HTTP/1.1" 502
  for (const token of tokens) {
    const t = unquote(token);
    if (/^[45]\d\d$/.test(t)) return Number(t);
  }
  return undefined;
}

function jsonNumber(line: string, name: string): number | undefined {
  const key = `"${name}":`;
  const at = line.indexOf(key);
  if (at < 0) return undefined;
  const m = /^\s*(\d{3})\b/.exec(line.slice(at + key.length, at + key.length + 8));
  return m ? Number(m[1]) : undefined;
}

/** `SQLSTATE 40P01`, `SQLSTATE[23505]`, `(SQLSTATE 57014)`, `"sqlstate":"40001"` */
function sqlState(line: string, tokens: string[]): string | undefined {
  const json = jsonField(line, 'sqlstate') ?? jsonField(line, 'error_code');
  if (json && SQLSTATE.test(json) && /\d/.test(json)) return json;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const bracket = /^\(?SQLSTATE\[([0-9A-Z]{5})\]/i.exec(token);
    if (bracket) return bracket[1];
    if (/^\(?SQLSTATE:?$/i.test(token)) {
      const next = unquote(tokens[i + 1] ?? '');
      if (SQLSTATE.test(next) && /\d/.test(next)) return next;
    }
  }
  return undefined;
}

/** versions after a product word or "version": `GitLab 17.3.1-ee`, `version 16.11`, `runner v17.2.0` */
function versionsOn(tokens: string[], into: string[]) {
  for (let i = 1; i < tokens.length; i++) {
    const m = VERSION.exec(tokens[i] as string);
    if (!m) continue;
    const before = (tokens[i - 1] as string).toLowerCase().replace(/[:,]$/, '');
    if (PRODUCT_WORDS.has(before) || (tokens[i] as string).startsWith('v')) addUnique(into, m[1]);
  }
}
