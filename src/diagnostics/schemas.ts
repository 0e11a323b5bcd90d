import { Type } from 'typebox';
import { Instant, Nullable, Uuid } from '../platform/http/schemas.js';

// The shapes of the bundle routes (issue 14's contract, with more fields). Results are agents' only:
// a customer who uploaded a bundle sees its state and files, never the findings drawn from it.

const Num = Type.Number();
const Int = Type.Integer();

export const BundleState = Type.Union(
  [Type.Literal('queued'), Type.Literal('analysing'), Type.Literal('done'), Type.Literal('failed')],
  { description: 'queued → analysing → done, or failed with `error`' },
);

const BundleFile = Type.Object({
  path: Type.String(),
  kind: Type.String({
    description: 'what it was read as (production_json, sidekiq, postgresql, …), skipped or refused',
  }),
  bytes: Num,
  lines: Num,
  badLines: Num,
  note: Type.Optional(Type.String()),
});

const Finding = Type.Object({
  rule: Type.String({ description: 'the rule’s id: src/diagnostics/rules/<rule>.ts' }),
  severity: Type.Union([Type.Literal('critical'), Type.Literal('warning'), Type.Literal('info')]),
  message: Type.String(),
  docs: Type.Optional(Type.String()),
  evidence: Type.Optional(Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()]))),
});

const SqlGroup = Type.Object({
  fingerprint: Type.String(),
  query: Type.String(),
  count: Num,
  totalMs: Num,
  meanMs: Num,
  p99Ms: Num,
  sources: Type.Array(Type.String()),
  p99Basis: Type.Optional(Type.Union([Type.Literal('samples'), Type.Literal('summary')])),
});

const SidekiqGroup = Type.Object({
  class: Type.String(),
  count: Num,
  p99DurationS: Num,
  p99QueueLatencyS: Num,
  failures: Num,
});

const EndpointGroup = Type.Object({
  route: Type.String(),
  count: Num,
  p50Ms: Num,
  p99Ms: Num,
  errorRate: Num,
  meanDbMs: Type.Optional(Num),
});

const GitalyGroup = Type.Object({ rpc: Type.String(), count: Num, p99Ms: Num, errors: Num });

const ErrorGroup = Type.Object({
  signature: Type.String(),
  count: Num,
  firstSeen: Type.String(),
  lastSeen: Type.String(),
  spikes: Type.Optional(Type.Array(Num)),
});

const TopEntry = Type.Object({ key: Type.String(), count: Num, durationS: Num });

const TimelineBucket = Type.Object({
  at: Type.String(),
  requests: Num,
  errors: Num,
  sidekiqJobs: Num,
  queueDepth: Type.Optional(Num),
  slowSql: Num,
});

const Uploader = Type.Object({
  kind: Type.Union([Type.Literal('agent'), Type.Literal('contact'), Type.Literal('system')]),
  name: Type.String(),
});

/** What anyone who sees the ticket sees of a bundle. */
const bundleSummaryFields = {
  id: Uuid,
  ticketNumber: Int,
  filename: Type.String(),
  size: Num,
  contentType: Type.String(),
  source: Type.Union([Type.Literal('upload'), Type.Literal('api'), Type.Literal('mail')], {
    description: 'a resumable upload, a raw body (scripts, the CLI), or a mail attachment',
  }),
  state: BundleState,
  progress: Type.Number({ minimum: 0, maximum: 1, description: 'share of the bundle read so far' }),
  uploadedBy: Uploader,
  createdAt: Instant,
  analysedAt: Nullable(Instant),
  expiresAt: Instant,
  error: Nullable(
    Type.String({ description: 'why the analysis failed (customers: a short reason, not the scanner’s output)' }),
  ),
  downloadable: Type.Boolean({
    description: 'whether GET /api/v1/bundles/{id}/file serves it now: its file is kept and, with a virus scan, passed',
  }),
};

export const BundleSummary = Type.Object({
  ...bundleSummaryFields,
  findingCount: Type.Optional(Type.Integer({ description: 'agents only' })),
  criticalCount: Type.Optional(Type.Integer({ description: 'agents only' })),
});

export const Bundle = Type.Object({
  ...bundleSummaryFields,
  files: Type.Array(BundleFile),
  // the analysis, for agents only (absent for customers, empty until done)
  findings: Type.Optional(Type.Array(Finding)),
  sql: Type.Optional(Type.Array(SqlGroup)),
  sidekiq: Type.Optional(Type.Array(SidekiqGroup)),
  endpoints: Type.Optional(Type.Array(EndpointGroup)),
  gitaly: Type.Optional(Type.Array(GitalyGroup)),
  errors: Type.Optional(Type.Array(ErrorGroup)),
  top: Type.Optional(
    Type.Object({
      users: Type.Array(TopEntry),
      projects: Type.Array(TopEntry),
      ips: Type.Array(TopEntry),
      agents: Type.Array(TopEntry),
    }),
  ),
  timeline: Type.Optional(Type.Array(TimelineBucket)),
  bucketS: Type.Optional(Num),
  window: Type.Optional(Type.Object({ from: Type.String(), to: Type.String() })),
  system: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  samples: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
  stats: Type.Optional(Type.Object({ bytesRead: Num, inflatedBytes: Num, lines: Num, ms: Num })),
  notes: Type.Optional(Type.Array(Type.String())),
});

export const BundleList = Type.Object({ items: Type.Array(BundleSummary) });

export const AttachUpload = Type.Object({
  uploadId: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'the last segment of the tus upload’s Location (/api/v1/uploads/{uploadId})',
  }),
});

export const RawBundleQuery = Type.Object({
  filename: Type.String({ minLength: 1, maxLength: 255 }),
});

export const BundleParams = Type.Object({ id: Uuid });
export const TicketParams = Type.Object({
  number: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
});

export const BundleLimits = Type.Object({
  maxBytes: Num,
  rawMaxBytes: Num,
  retentionDays: Int,
  accepted: Type.Array(Type.String(), { description: 'file kinds the analysis recognises' }),
});

export { Instant };
