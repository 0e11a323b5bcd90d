import type { Aggregates } from './aggregates.js';
import type { FileAnalyser, FileReader } from './analyser.js';
import { JsonFields } from './json-fields.js';
import { errorSignature } from './signature.js';
import { parseTime } from './time.js';

// Rails request logs: production_json.log (controllers, via Lograge) and api_json.log (Grape), and kubeSOS's
// webservice.log where both come multiplexed, told apart by `subcomponent`. One line = one request: its
// endpoint (controller#action, or the API's templated route), status, duration, database share, who and from
// where, and the exception if it failed. Units are normalised by key name: `*_s` seconds; the older `duration`
// and `db` are milliseconds.

const KEYS = [
  'time',
  'controller',
  'action',
  'route',
  'method',
  'path',
  'status',
  'duration_s',
  'duration',
  'db_duration_s',
  'db',
  'meta.user',
  'username',
  'meta.project',
  'remote_ip',
  'meta.remote_ip',
  'ua',
  'exception.class',
  'exception.message',
  'exception',
  'meta.caller_id',
  'subcomponent',
] as const;

const ID_SEGMENT = /\/(?:\d+|[0-9a-f]{7,}|[0-9a-f-]{36})(?=\/|$)/gi;

/** an unknown request path as a key: query dropped, numeric and hex segments as :id */
function pathKey(method: string | undefined, path: string | undefined): string {
  const p = (path ?? '?').split('?')[0]!.replace(ID_SEGMENT, '/:id');
  return `${method ?? ''} ${p.length > 120 ? `${p.slice(0, 120)}…` : p}`.trim();
}

class RailsReader implements FileReader {
  private readonly f = new JsonFields(KEYS);
  private readonly s = {
    time: this.f.slot('time'),
    controller: this.f.slot('controller'),
    action: this.f.slot('action'),
    route: this.f.slot('route'),
    method: this.f.slot('method'),
    path: this.f.slot('path'),
    status: this.f.slot('status'),
    durationS: this.f.slot('duration_s'),
    durationMs: this.f.slot('duration'),
    dbS: this.f.slot('db_duration_s'),
    dbMs: this.f.slot('db'),
    metaUser: this.f.slot('meta.user'),
    username: this.f.slot('username'),
    project: this.f.slot('meta.project'),
    ip: this.f.slot('remote_ip'),
    metaIp: this.f.slot('meta.remote_ip'),
    ua: this.f.slot('ua'),
    exClass: this.f.slot('exception.class'),
    exMessage: this.f.slot('exception.message'),
    exception: this.f.slot('exception'),
    callerId: this.f.slot('meta.caller_id'),
    subcomponent: this.f.slot('subcomponent'),
  };

  constructor(private readonly into: Aggregates) {}

  line(text: string): boolean {
    const f = this.f;
    const s = this.s;
    if (!f.scan(text)) return false;
    // kubeSOS multiplexes other Rails logs (application_json, graphql_json…) into the same stream: not ours
    if (f.has(s.subcomponent) && !f.eq(s.subcomponent, 'production_json') && !f.eq(s.subcomponent, 'api_json')) {
      return true;
    }
    let ms = f.num(s.durationS) * 1000;
    if (Number.isNaN(ms)) ms = f.num(s.durationMs);
    // a JSON line that is not a request (a Rack::Attack event, a boot message): read, nothing to count
    if (Number.isNaN(ms)) return true;
    const into = this.into;
    const at = parseTime(f.str(s.time) ?? '');
    into.seen(at);

    let key: string;
    if (f.has(s.route)) key = `${f.str(s.method) ?? ''} ${f.str(s.route)}`.trim();
    else if (f.has(s.controller)) key = `${f.str(s.controller)}#${f.str(s.action) ?? ''}`;
    else key = f.str(s.callerId) ?? pathKey(f.str(s.method), f.str(s.path));

    const status = f.num(s.status);
    const failed = status >= 500;
    const stat = into.stat('endpoints', key);
    stat.add(ms);
    stat.sample(ms, text);
    if (failed) stat.bump('errors');
    let dbMs = f.num(s.dbS) * 1000;
    if (Number.isNaN(dbMs)) dbMs = f.num(s.dbMs);
    if (dbMs >= 0) stat.bump('dbMs', dbMs);
    into.tick(at, 'requests');
    if (failed) into.tick(at, 'errors');

    const durationS = ms / 1000;
    const user = f.str(s.metaUser) ?? f.str(s.username);
    if (user) into.count('users', user, durationS);
    const project = f.str(s.project);
    if (project) into.count('projects', project, durationS);
    const ip = f.str(s.ip) ?? f.str(s.metaIp);
    if (ip) into.count('ips', ip, durationS);
    const ua = f.str(s.ua);
    if (ua) into.count('agents', ua, durationS);

    let exClass = f.str(s.exClass);
    let exMessage = f.str(s.exMessage);
    if (!exClass && f.has(s.exception)) {
      // older or hand-made lines nest it: "exception": {"class": …, "message": …}
      try {
        const ex = JSON.parse(f.str(s.exception) ?? '') as { class?: unknown; message?: unknown };
        if (typeof ex.class === 'string') exClass = ex.class;
        if (typeof ex.message === 'string') exMessage = ex.message;
      } catch {
        // a string, not an object: the message alone
        exMessage = f.str(s.exception);
      }
    }
    if (exClass || exMessage) {
      const signature = errorSignature(exClass, exMessage);
      into.error(signature, at, text);
    }
    return true;
  }
}

const PRODUCTION_PATH = /(?:^|\/)production_json\.log(?:\.\d+)?$/;
const API_PATH = /(?:^|\/)api_json\.log(?:\.\d+)?$/;
const WEBSERVICE_PATH = /(?:^|\/)webservice(?:\.log)?$/;

function looksLikeController(firstLine: string): boolean {
  return firstLine.includes('"controller":') && firstLine.includes('"action":') && firstLine.includes('"status":');
}

function looksLikeApi(firstLine: string): boolean {
  return firstLine.includes('"route":') && firstLine.includes('"status":') && firstLine.includes('"duration');
}

export const productionJson: FileAnalyser = {
  kind: 'production_json',
  accepts: (path, firstLine) => PRODUCTION_PATH.test(path) || (!API_PATH.test(path) && looksLikeController(firstLine)),
  open: (_path, into) => new RailsReader(into),
};

/** kubeSOS: the webservice pod's stream, production_json and api_json lines told apart by `subcomponent` */
export const webservice: FileAnalyser = {
  kind: 'webservice',
  accepts: (path) => WEBSERVICE_PATH.test(path),
  open: (_path, into) => new RailsReader(into),
};

export const apiJson: FileAnalyser = {
  kind: 'api_json',
  accepts: (path, firstLine) => API_PATH.test(path) || looksLikeApi(firstLine),
  open: (_path, into) => new RailsReader(into),
};
