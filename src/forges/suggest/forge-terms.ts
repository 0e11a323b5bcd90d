import type { ErrorSignature } from './error-signature.js';

// What a forge's search may be asked. It is built from an allow-list, not by scrubbing: a customer's
// text can hold anything (their hosts, people, class and package names, tokens), so a term leaves the
// desk only when it is plainly the product's or the language's: an error class of a known library or the
// standard library, plain lower-case words of an error message, an API route's resource names, and
// plain words of the subject that are not the customer's names. The agent sees the terms before any
// search is sent.

// first parts of namespaced classes that name libraries and products, not a customer's own code
const KNOWN_ROOTS = new Set(
  `PG ActiveRecord ActiveModel ActiveSupport ActiveStorage ActiveJob ActionController ActionDispatch ActionView
ActionMailer ActionCable Gitlab Gitaly GRPC Grpc Net Errno Faraday OpenSSL Redis RedisClient Sidekiq Rack Puma
Grape Mysql2 JSON URI IO Encoding Psych Elasticsearch Ci Projects MergeRequests Issues Geo Banzai Prometheus
Kubeclient Octokit Timeout Zlib Aws Seahorse Google Fog Excon HTTParty RestClient Nokogiri Rails Rake Bundler
Gem Oj Addressable Devise Doorkeeper OmniAuth OAuth2 Ldap Rugged Unicorn Labkit Feature Packages`.split(/\s+/),
);
// second parts for the dotted roots that are too wide alone (org.*, com.*, io.*)
const KNOWN_DOTTED =
  /^(?:java|javax|jakarta|kotlin|scala)\.|^org\.(?:springframework|hibernate|apache|postgresql|elasticsearch|jboss)\.|^com\.(?:fasterxml|zaxxer|mysql|amazonaws|google)\.|^io\.(?:grpc|netty|lettuce)\./;

// standard errors of Ruby, Python, JavaScript, Java and Go, which anyone's code raises
const BUILTINS = new Set(
  `StandardError RuntimeError ArgumentError NoMethodError NameError TypeError KeyError IndexError ZeroDivisionError
SystemStackError NotImplementedError LoadError SyntaxError IOError EOFError SocketError SecurityError FrozenError
StopIteration RangeError FloatDomainError RegexpError ThreadError FiberError EncodingError NoMatchingPatternError
ValueError AttributeError ImportError ModuleNotFoundError OSError FileNotFoundError PermissionError ConnectionError
ConnectionRefusedError ConnectionResetError TimeoutError RecursionError MemoryError AssertionError UnicodeDecodeError
UnicodeEncodeError JSONDecodeError OverflowError LookupError BrokenPipeError ReferenceError URIError EvalError
AggregateError AbortError NullPointerException IllegalArgumentException IllegalStateException ClassCastException
OutOfMemoryError StackOverflowError ConcurrentModificationException UnsupportedOperationException
IndexOutOfBoundsException ArrayIndexOutOfBoundsException NumberFormatException SocketTimeoutException
UnknownHostException ConnectException SSLHandshakeException EOFException InterruptedException`.split(/\s+/),
);

// the resources of GitLab's REST API: a route is sent only when every literal part is one of these
const API_RESOURCES = new Set(
  `projects groups users user runners jobs job pipelines pipeline merge_requests issues notes discussions repository
files commits branches tags releases packages registry repositories environments deployments members hooks
variables artifacts trace request approvals approval_rules search snippets keys labels milestones wikis import
export mirror pull_mirror statistics templates namespaces applications application settings metadata version
internal allowed authorized_keys lfs objects batch uploads archive raw blobs tree compare graphql features license
events todos triggers schedules bridges stages test_report coverage vulnerabilities dependencies audit_events
protected_branches protected_tags access_requests invitations epics boards lists iterations clusters agents
terraform state maven npm pypi nuget conan composer generic helm debian rubygems container_registry manifests
catalog tokens personal_access_tokens ssh_keys gpg_keys emails status preferences avatar service_accounts
bulk_imports entities migrations subscriptions pages`.split(/\s+/),
);

const CREDENTIAL = /glpat-|glrt-|gldt-|glptt-|glcbt-|ghp_|gho_|ghs_|ghu_|github_pat_|xox[abprs]-|sk_live|AKIA/i;

/** An error class a forge may be asked about, or undefined when it may be the customer's own. */
export function knownErrorClass(name: string): string | undefined {
  if (name.length > 120 || CREDENTIAL.test(name)) return undefined;
  if (BUILTINS.has(name)) return name;
  if (name.includes('::')) return KNOWN_ROOTS.has(name.split('::')[0] as string) ? name : undefined;
  return name.includes('.') && KNOWN_DOTTED.test(name) ? name : undefined;
}

/** plain lower-case words of an error message: no names, ids, identifiers or addresses get through */
function messageWords(message: string, theirs: Set<string>): string[] {
  return message
    .split(/\s+/)
    .filter((w, i, all) => /^[a-z]{4,20}$/.test(w) && !theirs.has(w) && !SEVERITIES.has(w) && all.indexOf(w) === i)
    .slice(0, 3);
}
const SEVERITIES = new Set(['error', 'fatal', 'panic', 'warn', 'warning', 'detail', 'hint']);

/** "500 POST /api/v4/projects/:id/pipeline" → projects, pipeline; undefined for any other path */
function apiRoute(request: string): string[] | undefined {
  const path = request.split(' ')[2] ?? '';
  if (!path.startsWith('/api/')) return undefined;
  const parts = path.split(/[/?]+/).filter((p) => p && !p.startsWith(':') && !/^(?:api|v\d)$/.test(p));
  if (parts.length === 0 || !parts.every((p) => API_RESOURCES.has(p))) return undefined;
  return parts.slice(-3);
}

/** "Outer::Error: Inner::Error: message" → the inner error and its message */
export function wrapped(message: string): { errorClass: string; message: string } | undefined {
  const m = /^((?:[A-Z]\w{0,80}::)+[A-Z]\w{0,80}):\s*(.*)$/.exec(message);
  return m
    ? { errorClass: m[1] as string, message: (m[2] as string).replace(/^(?:ERROR|FATAL|PANIC):\s*/, '') }
    : undefined;
}

/**
 * What a forge's search would be asked, strongest first (at most three queries of a few terms): a known
 * error class with words of its message, then an API route or a known worker, then two plain words of
 * the subject. `theirs` holds the customer's names (organization, people, domains) in lower case.
 */
export function plannedQueries(signature: ErrorSignature, subjectWords: string[], theirs: Set<string>): string[][] {
  const queries: string[][] = [];
  const push = (terms: string[]) => {
    const clean = terms.filter((t) => t.length > 0 && !CREDENTIAL.test(t)).slice(0, 4);
    if (clean.length > 0 && !queries.some((q) => q.join(' ') === clean.join(' '))) queries.push(clean);
  };
  let errorClass: string | undefined;
  for (const e of signature.exceptions) {
    const inner = wrapped(e.message);
    const known = (inner && knownErrorClass(inner.errorClass)) || knownErrorClass(e.errorClass);
    if (!known) continue;
    errorClass = known;
    push([known, ...messageWords(inner && known === inner.errorClass ? inner.message : e.message, theirs)]);
    break;
  }
  const route = signature.requests.map(apiRoute).find((r) => r !== undefined);
  const job = signature.jobs.map((j) => (j.includes('::') ? knownErrorClass(j) : undefined)).find(Boolean);
  if (route) push(route);
  else if (job) push([job]);
  else if (errorClass) push([errorClass]);
  const words = subjectWords.filter((w) => !theirs.has(w) && /^[a-z]{4,20}$/.test(w));
  // two words: a forge's search wants every term, and three of a customer's words rarely all appear
  if (queries.length < 3 && words.length >= 2) push(words.slice(0, 2));
  return queries.slice(0, 3);
}

/** The customer's names as words to keep out: each word of each name, and each name run together. */
export function theirNames(names: string[]): Set<string> {
  const out = new Set<string>();
  for (const name of names) {
    const lower = name.toLowerCase();
    for (const word of lower.split(/[^a-z0-9]+/)) if (word.length >= 3) out.add(word);
    out.add(lower.replace(/[^a-z0-9]/g, ''));
  }
  return out;
}
