// Secrets and personal data out of everything a bundle's results show: sample lines, and every key (routes,
// users, error signatures, SQL). Applied when a sample is kept and when the results are built, never on the hot
// path. What goes: GitLab tokens (glpat- and the other gl*- prefixes), Bearer/Basic credentials, Authorization
// and Cookie headers, session cookies, secret-looking query/JSON/form parameters (password, token, private_token,
// secret, key…), passwords in URLs (user:pass@host) and email local parts (the domain stays: it tells whose
// users they are). IP addresses are masked partly, see maskIp.

const R = '[REDACTED]';

// GitLab token prefixes (personal, OAuth, deploy, runner, trigger, feed, incoming mail, agent, CI job, SCIM…)
const GITLAB_TOKEN =
  /\b(?:glpat|gloas|gldt|glrt|glrtr|glptt|glft|glimt|glagent|glcbt|glsoat|glffct|glwt|gltst|glsa)-[A-Za-z0-9_.-]{8,}/g;
const RUNNER_REGISTRATION = /\bGR1348941[A-Za-z0-9_-]{8,}/g;
const BEARER = /\b(Bearer|Basic|token)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const HEADER =
  /\b(authorization|cookie|set-cookie|x-gitlab-token|private-token|job-token)(["']?\s*[:=]\s*["']?)[^"'\r\n]*/gi;
const SESSION_COOKIE = /\b(_gitlab_session|remember_user_token|known_sign_in|_gitlab_csrf)=[^;\s"'&]+/gi;
// key=value in query strings, form bodies and logfmt; "key":"value" in JSON
const SECRET_NAMES =
  '(?:password|passwd|pwd|secret|private_token|access_token|refresh_token|id_token|api_key|apikey|auth_token|token|' +
  'client_secret|otp_attempt|sharedSecret|signature|X-Amz-Signature|X-Amz-Credential|_key|-key|passphrase|credentials?)';
const SECRET_PARAM = new RegExp(`([?&;,\\s]${SECRET_NAMES}=)[^&\\s"';,]+`, 'gi');
const SECRET_PARAM_START = new RegExp(`^(${SECRET_NAMES}=)[^&\\s"';,]+`, 'gi');
const SECRET_JSON = new RegExp(`("[\\w.-]*${SECRET_NAMES}[\\w.-]*"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
// Lograge's params: [{"key":"password","value":"…"}]
const SECRET_KEY_VALUE = new RegExp(
  `("key"\\s*:\\s*"[\\w.-]*${SECRET_NAMES}[\\w.-]*"\\s*,\\s*"value"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`,
  'gi',
);
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"']+):[^\s@/"']+@/gi;
const EMAIL = /\b[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})\b/g;
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;
// full and compressed forms; at least two colons and a hex group, not a time like 10:00:02
const IPV6 = /(?<![\w:.])(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?::[0-9a-f]{1,4})*(?![\w:])/gi;

/** a log line or any text shown: secrets and personal data replaced; IPs partly masked */
export function redactLine(text: string): string {
  return maskIps(redactSecrets(text));
}

/** a key shown in a table (a route, a user, a project, a signature): the same rules as lines */
export function redactKey(key: string): string {
  return redactLine(key);
}

/** secrets and email local parts only (IPs left alone) */
export function redactSecrets(text: string): string {
  let s = text;
  if (s.includes('gl') || s.includes('GR1348941')) {
    s = s.replace(GITLAB_TOKEN, R).replace(RUNNER_REGISTRATION, R);
  }
  s = s
    .replace(HEADER, (_m, name: string, sep: string) => `${name}${sep}${R}`)
    .replace(BEARER, (_m, scheme: string) => `${scheme} ${R}`)
    .replace(SESSION_COOKIE, (_m, name: string) => `${name}=${R}`)
    .replace(URL_PASSWORD, (_m, head: string) => `${head}:${R}@`)
    .replace(SECRET_PARAM, (_m, head: string) => `${head}${R}`)
    .replace(SECRET_PARAM_START, (_m, head: string) => `${head}${R}`)
    .replace(SECRET_JSON, (_m, head: string) => `${head}"${R}"`)
    .replace(SECRET_KEY_VALUE, (_m, head: string) => `${head}"${R}"`);
  if (s.includes('@')) s = s.replace(EMAIL, (_m, domain: string) => `…@${domain}`);
  return s;
}

// Our choice for IPs: public addresses keep their network part (IPv4 /24, IPv6 /48) — enough to tell one
// client network, a load balancer or a runner fleet from another — and lose the host part; private, loopback
// and link-local addresses (10/8, 172.16/12, 192.168/16, 127/8, 169.254/16, fc00::/7, fe80::/10, ::1) are the
// customer's own infrastructure, not people, and stay whole.
export function maskIp(ip: string): string {
  if (ip.includes(':')) {
    const lower = ip.toLowerCase();
    if (lower === '::1' || /^f[cd]|^fe[89ab]/.test(lower)) return ip;
    const groups = expandIpv6(lower);
    if (!groups) return ip;
    return `${groups.slice(0, 3).join(':')}::x`;
  }
  const parts = ip.split('.');
  if (parts.length !== 4) return ip;
  const [a, b] = [Number(parts[0]), Number(parts[1])];
  if (
    a === 10 ||
    a === 127 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254)
  ) {
    return ip;
  }
  return `${parts[0]}.${parts[1]}.${parts[2]}.x`;
}

export function maskIps(text: string): string {
  let s = text;
  if (/\d\.\d/.test(s)) s = s.replace(IPV4, maskIp);
  if (s.includes(':')) {
    s = s.replace(IPV6, (m) => (expandIpv6(m.toLowerCase()) ? maskIp(m) : m));
  }
  return s;
}

function expandIpv6(ip: string): string[] | undefined {
  const halves = ip.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  if (halves.length === 1 && head.length !== 8) return undefined;
  if (halves.length === 2 && head.length + tail.length > 7) return undefined;
  if (![...head, ...tail].every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  const zeros = Array.from({ length: 8 - head.length - tail.length }, () => '0');
  return [...head, ...zeros, ...tail];
}
