import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';

// The one config object: every setting has a description, a default and a secret flag, and is read
// once at start, then passed in. README's settings table is checked against SETTINGS by a test.

type Parser<T> = (raw: string, key: string) => T;

interface Setting<T> {
  description: string;
  default: string | undefined;
  secret?: boolean;
  parse: Parser<T>;
}

export class ConfigError extends Error {}

const text: Parser<string> = (raw) => raw;
const int =
  (min: number, max: number): Parser<number> =>
  (raw, key) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new ConfigError(`${key} must be a whole number from ${min} to ${max}, got "${raw}"`);
    }
    return n;
  };
const bool: Parser<boolean> = (raw, key) => {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${key} must be true or false, got "${raw}"`);
};
const url: Parser<string> = (raw, key) => {
  try {
    new URL(raw);
  } catch {
    throw new ConfigError(`${key} must be a URL, got "${raw}"`);
  }
  return raw;
};
const email: Parser<string> = (raw, key) => {
  if (!/^[^@\s]+@[^@\s]+$/.test(raw)) throw new ConfigError(`${key} must be an email address, got "${raw}"`);
  return raw.toLowerCase();
};
const emails: Parser<string[]> = (raw, key) =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((address) => email(address, key));
const relays: Parser<{ networks: string[]; authservIds: string[] }> = (raw, key) => {
  const entries = raw
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const networks: string[] = [];
  const authservIds: string[] = [];
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split('/');
    const version = isIP(address ?? '');
    if (version !== 0) {
      const bits = prefix === undefined ? undefined : Number(prefix);
      if (
        extra !== undefined ||
        (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= (version === 4 ? 32 : 128)))
      ) {
        throw new ConfigError(`${key}: "${entry}" is not an IP address or CIDR range`);
      }
      networks.push(entry);
    } else if (/^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?)*$/.test(entry)) {
      authservIds.push(entry);
    } else {
      throw new ConfigError(`${key}: "${entry}" is neither an IP address, a CIDR range nor a host name`);
    }
  }
  return { networks, authservIds };
};
/** Fastify's trustProxy: a hop count, or the addresses of the proxies whose X-Forwarded-For counts */
const proxies: Parser<false | number | string> = (raw, key) => {
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  // "true" used to trust every hop; it now means the one reverse proxy in front of the desk
  if (/^(true|yes|on)$/i.test(raw)) return 1;
  if (/^\d+$/.test(raw)) return int(1, 10)(raw, key);
  const { networks, authservIds } = relays(raw, key);
  if (authservIds.length > 0 || networks.length === 0) {
    throw new ConfigError(`${key} must be false, a number of proxy hops, or IP addresses / CIDR ranges, got "${raw}"`);
  }
  return networks.join(',');
};
const oneOf =
  <T extends string>(...values: T[]): Parser<T> =>
  (raw, key) => {
    if (!(values as string[]).includes(raw)) {
      throw new ConfigError(`${key} must be one of ${values.join(', ')}, got "${raw}"`);
    }
    return raw as T;
  };

/** a comma-separated list of names; blanks dropped */
const names: Parser<string[]> = (raw) =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** an identity provider's address: https, or http for one on this machine (development, tests) */
function loopbackOrHttps(value: string, key: string, raw: string): string {
  const parsed = new URL(value);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new ConfigError(`${key} must be an https URL (http only for a provider on localhost), got "${raw}"`);
  }
  return value;
}

/** X.509 certificates, PEM or bare base64, comma-separated; each read now so a pasting mistake stops the start */
const certificates: Parser<string[]> = (raw, key) =>
  raw
    .replaceAll('\\n', '\n')
    .split(',')
    .map((s) => s.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''))
    .filter(Boolean)
    .map((body) => {
      const pem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`;
      try {
        new X509Certificate(pem);
      } catch {
        throw new ConfigError(`${key} must be X.509 certificates (PEM or base64), comma-separated`);
      }
      return pem;
    });

/** bytes, or a number with KB, MB, GB or TB (powers of 1024): 10GB, 500MB */
const size: Parser<number> = (raw, key) => {
  const match = /^(\d+)\s*(B|KB|MB|GB|TB)?$/i.exec(raw);
  const unit = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 }[
    (match?.[2] ?? 'B').toUpperCase() as 'B'
  ];
  const n = match ? Number(match[1]) * unit : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new ConfigError(`${key} must be a size in bytes, or with KB, MB, GB or TB (e.g. 10GB), got "${raw}"`);
  }
  return n;
};

/** days a bundle is kept: a default and per organization plan ("30,enterprise=90") */
export interface RetentionSetting {
  days: number;
  byPlan: Record<string, number>;
}

/** "30,enterprise=90": a number for every plan, then exceptions by plan name */
function perPlan(raw: string, key: string, parse: (value: string, key: string) => number, what: string) {
  let fallback: number | undefined;
  const byPlan: Record<string, number> = {};
  for (const part of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [plan, value] = part.includes('=') ? part.split('=', 2).map((s) => s.trim()) : [undefined, part];
    if (plan === undefined) {
      if (fallback !== undefined) throw new ConfigError(`${key} has two default ${what}: "${raw}"`);
      fallback = parse(value ?? '', key);
    } else if (!plan) throw new ConfigError(`${key}: "${part}" names no plan`);
    else byPlan[plan] = parse(value ?? '', key);
  }
  return { fallback, byPlan };
}

const retention: Parser<RetentionSetting> = (raw, key) => {
  const { fallback, byPlan } = perPlan(raw, key, int(1, 36500), 'numbers of days');
  return { days: fallback ?? 30, byPlan };
};

/** named support contacts an organization may have: a default, then per plan ("5,premium=20") */
export interface ContactLimitsSetting {
  default: number;
  byPlan: Record<string, number>;
}

const contactLimits: Parser<ContactLimitsSetting> = (raw, key) => {
  const { fallback, byPlan } = perPlan(raw, key, int(0, 100_000), 'limits');
  return { default: fallback ?? 5, byPlan };
};

/** Where bundles are kept: a folder under DATA_DIR, or an S3-compatible bucket (with a key prefix). */
export type StorageSetting =
  | { kind: 'disk' }
  | {
      kind: 's3';
      bucket: string;
      /** '' or ending in '/' */
      prefix: string;
      region: string;
      endpoint: string | undefined;
      forcePathStyle: boolean;
      /** unset: the AWS SDK's own chain (environment, profile, instance role) */
      accessKeyId: string | undefined;
      secretAccessKey: string | undefined;
    };

const storage: Parser<StorageSetting> = (raw, key) => {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${key} must be s3://[KEY:SECRET@]bucket[/prefix][?endpoint=…&region=…], got a non-URL`);
  }
  if (parsed.protocol !== 's3:' || !parsed.hostname) {
    throw new ConfigError(`${key} must be s3://[KEY:SECRET@]bucket[/prefix][?endpoint=…&region=…]`);
  }
  const known = new Set(['endpoint', 'region', 'forcePathStyle']);
  for (const name of parsed.searchParams.keys()) {
    if (!known.has(name))
      throw new ConfigError(`${key}: unknown parameter "${name}" (endpoint, region, forcePathStyle)`);
  }
  const endpoint = parsed.searchParams.get('endpoint') ?? undefined;
  if (endpoint !== undefined) url(endpoint, `${key} endpoint`);
  const prefix = decodeURIComponent(parsed.pathname).replace(/^\/+|\/+$/g, '');
  return {
    kind: 's3',
    bucket: parsed.hostname,
    prefix: prefix ? `${prefix}/` : '',
    region: parsed.searchParams.get('region') ?? 'us-east-1',
    endpoint,
    forcePathStyle: bool(parsed.searchParams.get('forcePathStyle') ?? 'false', `${key} forcePathStyle`),
    accessKeyId: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    secretAccessKey: parsed.password ? decodeURIComponent(parsed.password) : undefined,
  };
};

export const SETTINGS = {
  PORT: { description: 'HTTP port of the desk (API, web app, webhooks).', default: '8080', parse: int(0, 65535) },
  HOST: {
    description: 'Address the HTTP server binds to. Use 0.0.0.0 to accept connections from other hosts.',
    default: '127.0.0.1',
    parse: text,
  },
  PUBLIC_URL: {
    description:
      "The URL people use to reach the desk; used in sign-in links and mail, and as the passkeys' relying party (its host name is the RP ID). Default: http://localhost:PORT.",
    default: undefined,
    parse: url,
  },
  DATA_DIR: {
    description: 'Folder for the embedded database (PGlite) and the control socket, used when DATABASE_URL is unset.',
    default: './data',
    parse: text,
  },
  DATABASE_URL: {
    description: 'PostgreSQL connection string. When set, the desk uses this server instead of the embedded database.',
    default: undefined,
    secret: true,
    parse: url,
  },
  DATABASE_POOL_SIZE: {
    description: 'Connections per process in the PostgreSQL pool.',
    default: '10',
    parse: int(1, 200),
  },
  LOG_LEVEL: {
    description: 'Log level: fatal, error, warn, info, debug, trace or silent. Logs are JSON lines on stdout.',
    default: 'info',
    parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
  },
  RUN_JOBS: {
    description:
      'Run the job worker inside the web process. Set false on web processes when `pipefitter worker` runs separately.',
    default: 'true',
    parse: bool,
  },
  JOB_CONCURRENCY: { description: 'Jobs one worker runs at the same time.', default: '4', parse: int(1, 64) },
  JOB_POLL_MS: {
    description: 'How often an idle worker looks for due jobs, in milliseconds.',
    default: '1000',
    parse: int(10, 60000),
  },
  JOB_LEASE_MS: {
    description:
      'How long a claimed job stays its worker’s while the worker says nothing, in milliseconds: a job of a process that died is taken over after this; a running job renews it.',
    default: '60000',
    parse: int(1000, 3600000),
  },
  SESSION_DAYS: { description: 'How long a browser session lasts, in days.', default: '14', parse: int(1, 365) },
  SIGN_IN_LINK_MINUTES: {
    description: 'How long a one-time sign-in link emailed to a customer stays valid, in minutes.',
    default: '30',
    parse: int(1, 10080),
  },
  OIDC_ISSUER: {
    description:
      'Single sign-on for agents: the OpenID Connect issuer URL of your identity provider (https; http only on localhost), e.g. https://login.example.com/realms/staff. Register PUBLIC_URL/auth/oidc/callback there as the redirect URI. Unset: no single sign-on.',
    default: undefined,
    // as given: the provider's metadata must name exactly this issuer
    parse: (raw, key) => loopbackOrHttps(url(raw, key), key, raw),
  },
  OIDC_CLIENT_ID: {
    description: 'The client id the identity provider gave the desk (needed with OIDC_ISSUER).',
    default: undefined,
    parse: text,
  },
  OIDC_CLIENT_SECRET: {
    description:
      'The client secret the identity provider gave the desk (sent as client_secret_basic). Unset: a public client, PKCE only.',
    default: undefined,
    secret: true,
    parse: text,
  },
  OIDC_ROLE_CLAIM: {
    description: 'The claim (in the ID token or userinfo) that lists the groups a person is in.',
    default: 'groups',
    parse: text,
  },
  OIDC_ADMIN_GROUPS: {
    description:
      'Groups whose members are admins, comma-separated; names match exactly. The role is set at every sign-in.',
    default: '',
    parse: names,
  },
  OIDC_AGENT_GROUPS: {
    description:
      "Groups whose members may sign in as agents, comma-separated (admin and lead groups may too). Set, anyone else the provider knows is refused; unset, everyone the provider lets through the desk's app is an agent (limit that at the provider).",
    default: '',
    parse: names,
  },
  OIDC_LEAD_GROUPS: {
    description:
      'Groups whose members are leads (unless an admin group says admin), comma-separated. Everyone else is an agent.',
    default: '',
    parse: names,
  },
  SAML_IDP_SSO_URL: {
    description:
      "Single sign-on for agents with SAML 2.0: your identity provider's SingleSignOnService URL for the HTTP-Redirect binding (https; http only on localhost). Needs SAML_IDP_ENTITY_ID and SAML_IDP_CERT. Unset: no SAML.",
    default: undefined,
    parse: (raw, key) => loopbackOrHttps(url(raw, key), key, raw),
  },
  SAML_IDP_ENTITY_ID: {
    description:
      "The identity provider's entity ID (its metadata's entityID): every assertion must be issued by it, and agents are known by it and their NameID.",
    default: undefined,
    parse: text,
  },
  SAML_IDP_CERT: {
    description:
      "The identity provider's signing certificate: PEM, or the base64 body its metadata shows; several comma-separated while it rolls its key over. Every assertion must be signed by one of them.",
    default: undefined,
    parse: certificates,
  },
  SAML_SP_ENTITY_ID: {
    description:
      "The desk's entity ID at the identity provider, and the audience every assertion must name. Unset: PUBLIC_URL/auth/saml/metadata.",
    default: undefined,
    parse: text,
  },
  SAML_ROLE_ATTRIBUTE: {
    description: 'The SAML attribute (its Name) that lists the groups a person is in.',
    default: 'groups',
    parse: text,
  },
  SAML_ADMIN_GROUPS: {
    description: 'Groups whose members are admins, comma-separated; names match exactly. Set at every SAML sign-in.',
    default: '',
    parse: names,
  },
  SAML_LEAD_GROUPS: {
    description:
      'Groups whose members are leads (unless an admin group says admin), comma-separated. Everyone else is an agent.',
    default: '',
    parse: names,
  },
  SAML_AGENT_GROUPS: {
    description:
      'Groups whose members may sign in as agents with SAML, comma-separated (admin and lead groups may too). Set, anyone else is refused; unset, everyone the identity provider lets through is an agent.',
    default: '',
    parse: names,
  },
  SAML_LINK_BY_EMAIL: {
    description:
      "Whether an agent who existed before SAML is linked by the email attribute at their first SAML sign-in. Turn on only when people cannot choose their own address at the identity provider: SAML has no verified-email flag, and taking an address would take that agent's account.",
    default: 'false',
    parse: bool,
  },
  PASSWORD_SIGN_IN: {
    description:
      'Whether agents may sign in with email and password. false once single sign-on works (needs OIDC_ISSUER or SAML_IDP_SSO_URL); one-time sign-in links from `pipefitter admin link` and API tokens keep working.',
    default: 'true',
    parse: bool,
  },
  PENDING_REMINDER_DAYS: {
    description: 'Days a ticket stays pending before the requester gets a reminder.',
    default: '7',
    parse: int(1, 365),
  },
  PENDING_SOLVE_DAYS: {
    description: 'Days a ticket stays pending before it is solved automatically.',
    default: '14',
    parse: int(1, 365),
  },
  SOLVED_CLOSE_DAYS: {
    description: 'Days a solved ticket waits before it is closed; a reply after that opens a follow-up.',
    default: '7',
    parse: int(1, 365),
  },
  SUPPORT_ADDRESS: {
    description: 'The support mail address: the From of mail the desk sends.',
    default: 'support@localhost',
    parse: email,
  },
  SUPPORT_NAME: { description: 'Display name on mail the desk sends.', default: 'Support', parse: text },
  SUPPORT_ADDRESSES: {
    description:
      'More addresses the desk receives mail for, comma-separated (SUPPORT_ADDRESS and its +tag variants always count).',
    default: '',
    parse: emails,
  },
  SMTP_PORT: {
    description: 'Port of the built-in SMTP listener that receives mail for the support addresses; 0 turns it off.',
    default: '2525',
    parse: int(0, 65535),
  },
  SMTP_HOST: {
    description: 'Address the SMTP listener binds to. Default: the same as HOST.',
    default: undefined,
    parse: text,
  },
  MAIL_MAX_MB: {
    description: 'Largest message the desk accepts, in megabytes; larger mail is refused during the SMTP session.',
    default: '30',
    parse: int(1, 2048),
  },
  MAIL_ACKNOWLEDGE: {
    description: 'Send an acknowledgement with the ticket number when mail opens a new ticket.',
    default: 'true',
    parse: bool,
  },
  ACK_MAX_PER_HOUR: {
    description: 'Most acknowledgements one sender gets in an hour, so two auto-responders cannot loop.',
    default: '3',
    parse: int(0, 1000),
  },
  SENDER_VERIFICATION: {
    description:
      "How far a mail's From is believed (SPF, DKIM, DMARC): dmarc (a DMARC failure gets no entitlement, no page, no threading by subject tag or Message-ID, and is flagged) or strict (the same for every sender whose domain does not vouch for the message).",
    default: 'dmarc',
    parse: oneOf('dmarc', 'strict'),
  },
  TRUSTED_RELAYS: {
    description:
      "Mail servers the desk takes at their word, comma-separated: IP addresses or CIDR ranges of relays that hand mail to the SMTP listener, and the host names (authserv-ids) whose Authentication-Results header counts, e.g. your relay's name, or mx.google.com for an IMAP mailbox at Gmail.",
    default: '',
    parse: relays,
  },
  MAIL_UNKNOWN_REPLY: {
    description:
      'A reply to a ticket from someone who is not one of its participants: new-ticket (opens a ticket of its own that points at the other) or quarantine (waits for an admin to accept it onto the ticket).',
    default: 'new-ticket',
    parse: oneOf('new-ticket', 'quarantine'),
  },
  SMTP_MAX_CLIENTS: {
    description: "Most SMTP connections the listener holds at once; more wait in the sender's queue (421).",
    default: '100',
    parse: int(1, 10000),
  },
  SMTP_MAX_CLIENTS_PER_IP: {
    description: 'Most SMTP connections from one address at once.',
    default: '10',
    parse: int(1, 10000),
  },
  ENTITLEMENT_POLICY: {
    description:
      'Mail from someone who is not a support contact of an organization: accept, low-priority (accept at low priority) or reject (a polite notice explains how to get access). A sender at a mail domain an organization owns is mailed a link to ask it to be entitled instead; under reject, their ticket is kept at low priority meanwhile.',
    default: 'accept',
    parse: oneOf('accept', 'low-priority', 'reject'),
  },
  PLAN_CONTACT_LIMITS: {
    description:
      "How many named support contacts an organization may have: a default for any plan, then plan=limit, e.g. 5,premium=20,enterprise=100. An agent may set an organization's own limit on its page.",
    default: '5,standard=5,premium=20,enterprise=100',
    parse: contactLimits,
  },
  IMAP_POLL_SECONDS: {
    description: 'How often IMAP mailboxes are checked when the server does not push new mail (IDLE).',
    default: '60',
    parse: int(5, 3600),
  },
  OUTBOUND_SMTP_URL: {
    description:
      'SMTP server for outgoing mail, e.g. smtp://user:pass@mail.example.com:587. While unset, mail waits in the outbox.',
    default: undefined,
    secret: true,
    parse: url,
  },
  ATTACHMENT_MAX_MB: {
    description: 'Largest attachment the desk stores, in megabytes; larger ones are refused with a clear error.',
    default: '25',
    parse: int(1, 2048),
  },
  STORAGE_URL: {
    description:
      'Where log bundles are kept: s3://[KEY:SECRET@]bucket[/prefix]?endpoint=…&region=…&forcePathStyle=true for an S3-compatible store (without KEY:SECRET the AWS SDK finds credentials itself). Unset: DATA_DIR/bundles, with uploads in progress in DATA_DIR/uploads.',
    default: undefined,
    secret: true,
    parse: storage,
  },
  BUNDLE_MAX_BYTES: {
    description: 'Largest log bundle the desk accepts: bytes, or with KB, MB, GB or TB (powers of 1024).',
    default: '10GB',
    parse: size,
  },
  BUNDLE_FREE_MIN: {
    description:
      'Free space DATA_DIR keeps (the database lives there): a bundle or upload that would leave less is refused (507). Bytes, or with KB, MB, GB or TB. Disk storage only.',
    default: '5GB',
    parse: size,
  },
  BUNDLE_CUSTOMER_QUOTA: {
    description:
      'Bytes of bundles an organization’s contacts may keep on its tickets at once (a contact without an organization: on their own); agents are not limited. Bytes, or with KB, MB, GB or TB.',
    default: '20GB',
    parse: size,
  },
  BUNDLE_RETENTION_DAYS: {
    description:
      'Days a log bundle is kept before it is deleted: a default, then plan=days for organizations on a plan, e.g. 30,enterprise=90.',
    default: '30,enterprise=90',
    parse: retention,
  },
  BUNDLE_SCAN_COMMAND: {
    description:
      'A virus scan run on every bundle before it is analysed, with the file path as its last argument (e.g. clamdscan --no-summary). A non-zero exit refuses the bundle with the command’s output. Unset: no scan.',
    default: undefined,
    parse: text,
  },
  ROUTING: {
    description:
      'How new and reopened tickets find an agent on shift: least-open (fewest open tickets), round-robin, or off (tickets wait in the unassigned queue).',
    default: 'least-open',
    parse: oneOf('least-open', 'round-robin', 'off'),
  },
  HANDOVER_AWAY_MINUTES: {
    description:
      'An assignee off shift for at least this long hands their unanswered tickets to someone on shift (a lunch break does not).',
    default: '120',
    parse: int(15, 10080),
  },
  WEBHOOK_URL: {
    description:
      'Where the desk POSTs its events as JSON (SLA warnings and breaches, pages to the on-call engineer). Unset: no webhooks.',
    default: undefined,
    parse: url,
  },
  WEBHOOK_SECRET: {
    description: 'Signs each webhook body: X-Pipefitter-Signature is sha256= and the HMAC-SHA256 of the body in hex.',
    default: undefined,
    secret: true,
    parse: text,
  },
  EMERGENCY_ADDRESS: {
    description:
      'Mail to this address opens an urgent ticket and pages the on-call engineer. Unset: no emergency address.',
    default: undefined,
    parse: email,
  },
  ONCALL_PLANS: {
    description: 'Organization plans whose urgent tickets page the on-call engineer, comma-separated.',
    default: 'enterprise',
    parse: (raw) =>
      raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
  },
  ONCALL_ACK_MINUTES: {
    description: 'Minutes a page waits for an acknowledgement before it escalates to the next person on call.',
    default: '5',
    parse: int(1, 1440),
  },
  CALL_COUNTS_AS_REPLY: {
    description:
      'Whether booking a call with the customer counts as the next reply for the SLA (the call is the answer).',
    default: 'true',
    parse: bool,
  },
  CALL_OFFER_DAYS: {
    description: 'Days a booking link offered from a ticket stays valid.',
    default: '7',
    parse: int(1, 60),
  },
  CALENDAR_ALLOW_PRIVATE: {
    description:
      'Whether agents’ calendars may be on private, loopback or link-local addresses (a Nextcloud on the office network). Off: the desk reaches only public addresses for them.',
    default: 'false',
    parse: bool,
  },
  CALL_ROOM_URL_TEMPLATE: {
    description:
      'Video room for "call me now" emergencies when the on-call engineer has no personal room: a URL with {room}, e.g. https://meet.example.com/support-{room} (meet.jit.si needs a signed-in moderator).',
    default: undefined,
    parse: url,
  },
  TRUST_PROXY: {
    description:
      "Behind a reverse proxy: how many proxy hops to trust (1 for one proxy; true means 1), or the proxies' IP addresses / CIDR ranges, comma-separated. The client address (rate limits, logs) is read from X-Forwarded-For only through these. false: the connection's own address.",
    default: 'false',
    parse: proxies,
  },
  SECRET_KEY: {
    description:
      'The master key that signs reply addresses and Message-IDs and encrypts stored forge tokens and IMAP passwords (32+ characters). Unset: DATA_DIR/secret.key, made at first start. Every process of one desk needs the same key; back it up apart from the database.',
    default: undefined,
    secret: true,
    parse: (raw, key) => {
      if (raw.length < 32) throw new ConfigError(`${key} needs at least 32 characters (e.g. openssl rand -base64 32)`);
      return raw;
    },
  },
  SECRET_KEY_PREVIOUS: {
    description:
      'After rotating SECRET_KEY: the old key, so reply addresses already sent keep working and `pipefitter secret rotate` can re-encrypt stored credentials.',
    default: undefined,
    secret: true,
    parse: text,
  },
} satisfies Record<string, Setting<unknown>>;

type Settings = typeof SETTINGS;
type Key = keyof Settings;
type Value<K extends Key> = ReturnType<Settings[K]['parse']>;

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  logLevel: Value<'LOG_LEVEL'>;
  runJobs: boolean;
  jobConcurrency: number;
  jobPollMs: number;
  jobLeaseMs: number;
  sessionDays: number;
  signInLinkMinutes: number;
  /** agents' single sign-on; undefined when OIDC_ISSUER is unset */
  oidc: OidcSettings | undefined;
  /** agents' single sign-on with SAML 2.0; undefined when SAML_IDP_SSO_URL is unset */
  saml: SamlSettings | undefined;
  passwordSignIn: boolean;
  pendingReminderDays: number;
  pendingSolveDays: number;
  solvedCloseDays: number;
  supportAddress: string;
  supportName: string;
  /** every address the desk receives mail for, SUPPORT_ADDRESS first */
  supportAddresses: string[];
  smtpPort: number;
  smtpHost: string;
  mailMaxBytes: number;
  mailAcknowledge: boolean;
  ackMaxPerHour: number;
  entitlementPolicy: 'accept' | 'low-priority' | 'reject';
  planContactLimits: ContactLimitsSetting;
  senderVerification: 'dmarc' | 'strict';
  trustedRelays: { networks: string[]; authservIds: string[] };
  mailUnknownReply: 'new-ticket' | 'quarantine';
  smtpMaxClients: number;
  smtpMaxClientsPerIp: number;
  secretKey: string | undefined;
  secretKeyPrevious: string | undefined;
  imapPollSeconds: number;
  outboundSmtpUrl: string | undefined;
  attachmentMaxBytes: number;
  storage: StorageSetting;
  bundleMaxBytes: number;
  bundleRetention: RetentionSetting;
  bundleFreeMinBytes: number;
  bundleCustomerQuotaBytes: number;
  bundleScanCommand: string | undefined;
  trustProxy: false | number | string;
  routing: 'least-open' | 'round-robin' | 'off';
  handoverAwayMinutes: number;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  emergencyAddress: string | undefined;
  oncallPlans: string[];
  oncallAckMinutes: number;
  callCountsAsReply: boolean;
  callOfferDays: number;
  callRoomUrlTemplate: string | undefined;
  calendarAllowPrivate: boolean;
}

export interface OidcSettings {
  /** as configured; discovery and every ID token must name this issuer */
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  roleClaim: string;
  adminGroups: string[];
  leadGroups: string[];
  /** empty: anyone the provider lets in */
  agentGroups: string[];
}

export interface SamlSettings {
  idpSsoUrl: string;
  idpEntityId: string;
  /** PEM; an assertion signed by any of them is believed */
  idpCerts: string[];
  spEntityId: string;
  roleAttribute: string;
  adminGroups: string[];
  leadGroups: string[];
  /** empty: anyone the identity provider lets in */
  agentGroups: string[];
  linkByEmail: boolean;
}

function samlSettings(
  get: <K extends Key>(key: K) => Value<K> | undefined,
  publicUrl: string,
): SamlSettings | undefined {
  const idpSsoUrl = get('SAML_IDP_SSO_URL');
  if (idpSsoUrl === undefined) return undefined;
  const idpEntityId = get('SAML_IDP_ENTITY_ID');
  const idpCerts = get('SAML_IDP_CERT') ?? [];
  if (!idpEntityId)
    throw new ConfigError("SAML_IDP_SSO_URL needs SAML_IDP_ENTITY_ID, the identity provider's entity ID");
  if (idpCerts.length === 0) {
    throw new ConfigError("SAML_IDP_SSO_URL needs SAML_IDP_CERT, the identity provider's signing certificate");
  }
  return {
    idpSsoUrl,
    idpEntityId,
    idpCerts,
    spEntityId: get('SAML_SP_ENTITY_ID') ?? `${publicUrl}/auth/saml/metadata`,
    roleAttribute: get('SAML_ROLE_ATTRIBUTE') as string,
    adminGroups: get('SAML_ADMIN_GROUPS') as string[],
    leadGroups: get('SAML_LEAD_GROUPS') as string[],
    agentGroups: get('SAML_AGENT_GROUPS') as string[],
    linkByEmail: get('SAML_LINK_BY_EMAIL') as boolean,
  };
}

function oidcSettings(get: <K extends Key>(key: K) => Value<K> | undefined): OidcSettings | undefined {
  const issuer = get('OIDC_ISSUER');
  if (issuer === undefined) {
    if (get('PASSWORD_SIGN_IN') === false && get('SAML_IDP_SSO_URL') === undefined) {
      throw new ConfigError(
        'PASSWORD_SIGN_IN=false needs single sign-on: set OIDC_ISSUER and OIDC_CLIENT_ID, or SAML_IDP_SSO_URL, too',
      );
    }
    return undefined;
  }
  const clientId = get('OIDC_CLIENT_ID');
  if (!clientId) throw new ConfigError('OIDC_ISSUER needs OIDC_CLIENT_ID, the client id the provider gave the desk');
  return {
    issuer,
    clientId,
    clientSecret: get('OIDC_CLIENT_SECRET'),
    roleClaim: get('OIDC_ROLE_CLAIM') as string,
    adminGroups: get('OIDC_ADMIN_GROUPS') as string[],
    leadGroups: get('OIDC_LEAD_GROUPS') as string[],
    agentGroups: get('OIDC_AGENT_GROUPS') as string[],
  };
}

/** Reads and validates the environment once. Throws ConfigError naming the bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  function get<K extends Key>(key: K): Value<K> | undefined {
    const setting = SETTINGS[key] as Setting<Value<K>>;
    const raw = env[key]?.trim() || setting.default;
    return raw === undefined ? undefined : setting.parse(raw, key);
  }
  const port = get('PORT') as number;
  return {
    port,
    host: get('HOST') as string,
    publicUrl: (get('PUBLIC_URL') ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    dataDir: path.resolve(get('DATA_DIR') as string),
    databaseUrl: get('DATABASE_URL'),
    databasePoolSize: get('DATABASE_POOL_SIZE') as number,
    logLevel: get('LOG_LEVEL') as Value<'LOG_LEVEL'>,
    runJobs: get('RUN_JOBS') as boolean,
    jobConcurrency: get('JOB_CONCURRENCY') as number,
    jobPollMs: get('JOB_POLL_MS') as number,
    jobLeaseMs: get('JOB_LEASE_MS') as number,
    sessionDays: get('SESSION_DAYS') as number,
    signInLinkMinutes: get('SIGN_IN_LINK_MINUTES') as number,
    oidc: oidcSettings(get),
    saml: samlSettings(get, (get('PUBLIC_URL') ?? `http://localhost:${port}`).replace(/\/+$/, '')),
    passwordSignIn: get('PASSWORD_SIGN_IN') as boolean,
    pendingReminderDays: get('PENDING_REMINDER_DAYS') as number,
    pendingSolveDays: get('PENDING_SOLVE_DAYS') as number,
    solvedCloseDays: get('SOLVED_CLOSE_DAYS') as number,
    supportAddress: get('SUPPORT_ADDRESS') as string,
    supportName: get('SUPPORT_NAME') as string,
    supportAddresses: [
      ...new Set([
        get('SUPPORT_ADDRESS') as string,
        ...((get('SUPPORT_ADDRESSES') as string[] | undefined) ?? []),
        ...(get('EMERGENCY_ADDRESS') ? [get('EMERGENCY_ADDRESS') as string] : []),
      ]),
    ],
    smtpPort: get('SMTP_PORT') as number,
    smtpHost: (get('SMTP_HOST') as string | undefined) ?? (get('HOST') as string),
    mailMaxBytes: (get('MAIL_MAX_MB') as number) * 1024 * 1024,
    mailAcknowledge: get('MAIL_ACKNOWLEDGE') as boolean,
    ackMaxPerHour: get('ACK_MAX_PER_HOUR') as number,
    entitlementPolicy: get('ENTITLEMENT_POLICY') as Config['entitlementPolicy'],
    planContactLimits: get('PLAN_CONTACT_LIMITS') as ContactLimitsSetting,
    senderVerification: get('SENDER_VERIFICATION') as Config['senderVerification'],
    trustedRelays: get('TRUSTED_RELAYS') as Config['trustedRelays'],
    mailUnknownReply: get('MAIL_UNKNOWN_REPLY') as Config['mailUnknownReply'],
    smtpMaxClients: get('SMTP_MAX_CLIENTS') as number,
    smtpMaxClientsPerIp: get('SMTP_MAX_CLIENTS_PER_IP') as number,
    secretKey: get('SECRET_KEY'),
    secretKeyPrevious: get('SECRET_KEY_PREVIOUS'),
    imapPollSeconds: get('IMAP_POLL_SECONDS') as number,
    outboundSmtpUrl: get('OUTBOUND_SMTP_URL'),
    attachmentMaxBytes: (get('ATTACHMENT_MAX_MB') as number) * 1024 * 1024,
    storage: get('STORAGE_URL') ?? { kind: 'disk' },
    bundleMaxBytes: get('BUNDLE_MAX_BYTES') as number,
    bundleRetention: get('BUNDLE_RETENTION_DAYS') as RetentionSetting,
    bundleFreeMinBytes: get('BUNDLE_FREE_MIN') as number,
    bundleCustomerQuotaBytes: get('BUNDLE_CUSTOMER_QUOTA') as number,
    bundleScanCommand: get('BUNDLE_SCAN_COMMAND'),
    trustProxy: get('TRUST_PROXY') as Config['trustProxy'],
    routing: get('ROUTING') as Config['routing'],
    handoverAwayMinutes: get('HANDOVER_AWAY_MINUTES') as number,
    webhookUrl: get('WEBHOOK_URL'),
    webhookSecret: get('WEBHOOK_SECRET'),
    emergencyAddress: get('EMERGENCY_ADDRESS'),
    oncallPlans: get('ONCALL_PLANS') as string[],
    oncallAckMinutes: get('ONCALL_ACK_MINUTES') as number,
    callCountsAsReply: get('CALL_COUNTS_AS_REPLY') as boolean,
    callOfferDays: get('CALL_OFFER_DAYS') as number,
    callRoomUrlTemplate: get('CALL_ROOM_URL_TEMPLATE'),
    calendarAllowPrivate: get('CALENDAR_ALLOW_PRIVATE') as boolean,
  };
}
