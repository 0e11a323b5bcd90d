// Text that leaves the desk for a public issue tracker: customer names are the agent's to write,
// but addresses, hosts, IPs and secrets are stripped mechanically, and the agent sees what was
// removed before anything is sent.

export interface Redaction {
  text: string;
  removed: { kind: 'email' | 'ip' | 'host' | 'secret' | 'url'; count: number }[];
}

const FILE_EXTENSIONS = new Set(
  'rb js ts tsx jsx py go rs java kt php json yml yaml toml ini log txt md sql conf cfg sh bash zsh html htm css scss xml csv tsv pem crt key pub lock gz tgz zip tar exe dll so dylib gemspec erb haml vue svelte c h cpp hpp cs swift scala clj ex exs tf hcl env'.split(
    ' ',
  ),
);

const SECRET_PATTERNS: RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  /\b(glpat|glptt|gldt|glrt|glsoat)-[\w-]{20,}\b/g, // GitLab tokens
  /\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\b/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{40,}\b/g,
  /\bxox[abprs]-[\w-]{10,}\b/g, // Slack
  /\bAKIA[0-9A-Z]{16}\b/g, // AWS access key id
  /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}\b/g, // JWT
  /\b[a-f0-9]{40,}\b/gi, // long hex: keys, hashes of secrets
  /\b[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=])/g, // long base64
];
const ASSIGNED_SECRET =
  /\b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|auth)(\s*[:=]\s*)(["']?)(?!\[secret\])[^\s"',;]{4,}\3/gi;
const URL = /\bhttps?:\/\/[^\s<>()"']+/gi;
const EMAIL = /\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g;
const IPV4 = /\b(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;
const IPV6 = /\b(?:[0-9a-f]{1,4}:){1,7}(?::?[0-9a-f]{1,4}){1,7}\b/gi;
const HOST = /\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z][a-z0-9-]{1,23})\b/gi;

/** Strips what must not reach a public tracker; `publicHosts` (the forge itself) may stay. */
export function redactForPublicIssue(input: string, publicHosts: string[] = []): Redaction {
  const counts = { email: 0, ip: 0, host: 0, secret: 0, url: 0 };
  const allowed = new Set(publicHosts.map((h) => h.toLowerCase()));
  let text = input;
  for (const pattern of SECRET_PATTERNS) {
    text = text.replace(pattern, () => {
      counts.secret++;
      return '[secret]';
    });
  }
  text = text.replace(ASSIGNED_SECRET, (_m, name: string, separator: string) => {
    counts.secret++;
    return `${name}${separator}[secret]`;
  });
  text = text.replace(URL, (url) => {
    try {
      if (allowed.has(new globalThis.URL(url).hostname.toLowerCase())) return url;
    } catch {
      // not a URL after all
    }
    counts.url++;
    return '[url]';
  });
  text = text.replace(EMAIL, () => {
    counts.email++;
    return '[email]';
  });
  text = text.replace(IPV4, () => {
    counts.ip++;
    return '[ip]';
  });
  text = text.replace(IPV6, (match) => {
    if (!/[a-f]/i.test(match) && match.split(':').length < 4) return match; // a time like 10:30:00
    counts.ip++;
    return '[ip]';
  });
  text = text.replace(HOST, (match, tld: string) => {
    if (FILE_EXTENSIONS.has(tld.toLowerCase()) || allowed.has(match.toLowerCase())) return match;
    if (/^\d/.test(tld)) return match;
    counts.host++;
    return '[host]';
  });
  return {
    text,
    removed: (Object.entries(counts) as [Redaction['removed'][number]['kind'], number][])
      .filter(([, n]) => n > 0)
      .map(([kind, count]) => ({ kind, count })),
  };
}
