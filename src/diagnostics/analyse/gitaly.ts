import type { Aggregates } from './aggregates.js';
import type { FileAnalyser, FileReader } from './analyser.js';
import { JsonFields } from './json-fields.js';
import { errorSignature } from './signature.js';
import { parseTime } from './time.js';

// Gitaly's JSON log (gitaly/current, kubeSOS gitaly.log): a line per finished RPC with grpc.method, grpc.code
// and grpc.time_ms; non-OK codes are its errors (ResourceExhausted: too many git processes; Canceled: the
// client gave up; DeadlineExceeded…). The start-up line tells the version.

const KEYS = [
  'time',
  'grpc.method',
  'grpc.service',
  'grpc.code',
  'grpc.time_ms',
  'grpc.request.glProjectPath',
  'username',
  'error',
  'msg',
  'version',
] as const;

class GitalyReader implements FileReader {
  private readonly f = new JsonFields(KEYS);
  private readonly s = {
    time: this.f.slot('time'),
    method: this.f.slot('grpc.method'),
    service: this.f.slot('grpc.service'),
    code: this.f.slot('grpc.code'),
    ms: this.f.slot('grpc.time_ms'),
    project: this.f.slot('grpc.request.glProjectPath'),
    user: this.f.slot('username'),
    error: this.f.slot('error'),
    msg: this.f.slot('msg'),
    version: this.f.slot('version'),
  };

  constructor(private readonly into: Aggregates) {}

  line(text: string): boolean {
    const f = this.f;
    const s = this.s;
    if (!f.scan(text)) return false;
    const into = this.into;
    if (f.has(s.version) && !into.system.gitalyVersion && f.str(s.msg)?.includes('Starting Gitaly')) {
      into.system.gitalyVersion = f.str(s.version);
    }
    const method = f.str(s.method);
    const ms = f.num(s.ms);
    if (!method || Number.isNaN(ms)) return true;
    const at = parseTime(f.str(s.time) ?? '');
    into.seen(at);
    const stat = into.stat('gitaly', method);
    stat.add(ms);
    stat.sample(ms, text);
    if (f.has(s.code) && !f.eq(s.code, 'OK')) {
      const code = f.str(s.code) ?? 'Unknown';
      stat.bump('errors');
      into.tick(at, 'errors');
      const error = f.str(s.error);
      const signature = errorSignature(`GRPC::${code}`, error ? `${method}: ${error}` : method);
      into.error(signature, at, text);
    }
    const durationS = ms / 1000;
    const project = f.str(s.project);
    if (project) into.count('projects', project, durationS);
    const user = f.str(s.user);
    if (user) into.count('users', user, durationS);
    return true;
  }
}

const PATH = /(?:^|\/)gitaly\/(?:current|@[^/]*\.[su])$|(?:^|\/)gitaly[^/]*\.log(?:\.\d+)?$/;

export const gitaly: FileAnalyser = {
  kind: 'gitaly',
  accepts: (path, firstLine) =>
    PATH.test(path) ||
    (firstLine.startsWith('{') &&
      (firstLine.includes('"grpc.method":') || firstLine.includes('"msg":"Starting Gitaly'))),
  open: (_path, into) => new GitalyReader(into),
};
