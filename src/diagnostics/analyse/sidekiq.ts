import type { Aggregates } from './aggregates.js';
import type { FileAnalyser, FileReader } from './analyser.js';
import { JsonFields } from './json-fields.js';
import { errorSignature } from './signature.js';
import { parseTime } from './time.js';

// Sidekiq's JSON log (sidekiq/current, kubeSOS sidekiq.log): each job logs `start`, then `done` or `fail`.
// Only done/fail lines count (no double counting) and they carry all we need: duration_s, scheduling_latency_s
// (queued time) and the error. They also give the queue depth over time: a job finished at `time` started at
// time − duration and was enqueued at start − latency, so each adds one to the depth from enqueue to start.
// Start lines are by far the most frequent kind after done: a substring probe skips them before any parsing.

const KEYS = [
  'time',
  'class',
  'job_status',
  'duration_s',
  'scheduling_latency_s',
  'error_class',
  'error_message',
  'meta.user',
  'meta.project',
] as const;

const START = '"job_status":"start"';

class SidekiqReader implements FileReader {
  private readonly f = new JsonFields(KEYS);
  private readonly s = {
    time: this.f.slot('time'),
    cls: this.f.slot('class'),
    status: this.f.slot('job_status'),
    duration: this.f.slot('duration_s'),
    latency: this.f.slot('scheduling_latency_s'),
    errorClass: this.f.slot('error_class'),
    errorMessage: this.f.slot('error_message'),
    user: this.f.slot('meta.user'),
    project: this.f.slot('meta.project'),
  };

  constructor(private readonly into: Aggregates) {}

  line(text: string): boolean {
    if (text.includes(START)) return text.includes('{') && text.endsWith('}');
    const f = this.f;
    const s = this.s;
    if (!f.scan(text)) return false;
    const done = f.eq(s.status, 'done');
    if (!done && !f.eq(s.status, 'fail')) return true;
    const cls = f.str(s.cls);
    const durationS = f.num(s.duration);
    if (!cls || Number.isNaN(durationS)) return false;
    const into = this.into;
    const at = parseTime(f.str(s.time) ?? '');
    into.seen(at);
    const ms = durationS * 1000;
    const stat = into.stat('sidekiq', cls);
    stat.add(ms);
    stat.sample(ms, text);
    const latencyMs = f.num(s.latency) * 1000;
    if (latencyMs >= 0) stat.addTo('queue', latencyMs);
    into.tick(at, 'sidekiqJobs');
    if (!Number.isNaN(at) && latencyMs >= 0) {
      into.tick(at - ms - latencyMs, 'enqueued');
      into.tick(at - ms, 'started');
    }
    if (!done) {
      stat.bump('failures');
      into.tick(at, 'errors');
      const signature = errorSignature(f.str(s.errorClass), f.str(s.errorMessage));
      into.error(signature, at, text);
    }
    const user = f.str(s.user);
    if (user) into.count('users', user, durationS);
    const project = f.str(s.project);
    if (project) into.count('projects', project, durationS);
    return true;
  }
}

const PATH = /(?:^|\/)sidekiq\/(?:current|@[^/]*\.[su])$|(?:^|\/)sidekiq(?:_json)?\.log(?:\.\d+)?$/;

export const sidekiq: FileAnalyser = {
  kind: 'sidekiq',
  accepts: (path, firstLine) =>
    PATH.test(path) ||
    (firstLine.includes('"jid":') && firstLine.includes('"class":') && firstLine.includes('"queue":')),
  open: (_path, into) => new SidekiqReader(into),
};
