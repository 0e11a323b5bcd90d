import { Type } from 'typebox';
import { FieldValuesSchema, fieldFilterParams } from '../fields/schemas.js';
import { Email, Nullable } from '../platform/http/schemas.js';
import { TICKET_PRIORITIES, TICKET_STATUSES } from './status-rules.js';

export const Status = Type.Enum(TICKET_STATUSES);
export const Priority = Type.Enum(TICKET_PRIORITIES);
const Tag = Type.String({ minLength: 1, maxLength: 64, pattern: '^[^,\\s]+$' });
export const Tags = Type.Array(Tag, { maxItems: 50 });

const Person = Type.Object({ id: Type.String(), email: Type.String(), name: Nullable(Type.String()) });
const Ref = Type.Object({ id: Type.String(), name: Type.String() });

export const Ticket = Type.Object({
  number: Type.Integer(),
  id: Type.Optional(Type.Integer({ description: 'same as number' })),
  subject: Type.String(),
  status: Status,
  priority: Priority,
  requester: Nullable(Person),
  organization: Nullable(Ref),
  ccs: Type.Optional(Type.Array(Person)),
  assignee: Nullable(
    Type.Object({ id: Type.Optional(Type.String()), email: Type.Optional(Type.String()), name: Type.String() }),
  ),
  team: Type.Optional(Nullable(Ref)),
  region: Type.Optional(Nullable(Type.String())),
  tags: Type.Optional(Type.Array(Type.String())),
  followUpOf: Nullable(Type.Integer({ description: 'the closed ticket this one follows up' })),
  mergedInto: Type.Optional(
    Nullable(Type.Integer({ description: 'a merged ticket is closed: its conversation continues on this ticket' })),
  ),
  channel: Type.String(),
  autoClose: Type.Optional(
    Type.Boolean({ description: 'false opts out of the pending reminder, auto-solve and auto-close' }),
  ),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  statusChangedAt: Type.Optional(Type.String()),
  slaDueAt: Type.Optional(Nullable(Type.String({ description: 'when the next running SLA clock breaches' }))),
  waitingForShiftUntil: Type.Optional(
    Nullable(Type.String({ description: 'nobody was on shift: routing waits until this shift starts' })),
  ),
  handovers: Type.Optional(Type.Integer({ description: 'handovers between regions since the last public reply' })),
  severity: Type.Optional(
    Nullable(Type.Integer({ minimum: 1, maximum: 4, description: 'the severity the customer chose (1 is the worst)' })),
  ),
  customerUpdatedAt: Type.Optional(
    Type.String({ description: 'agents: what the customer sees as the last update (customers see it as updatedAt)' }),
  ),
  handOver: Type.Optional(
    Type.Boolean({
      description:
        'true: when the assignee’s day ends, handover moves the ticket to someone on shift (routed tickets, or the assignee opted in); false: pinned, it stays with its assignee (assigned by hand)',
    }),
  ),
  lookAgainAt: Type.Optional(
    Nullable(Type.String({ description: 'watching without a linked issue: the ticket reopens at this time' })),
  ),
  solvedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
});

export const Attachment = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  contentId: Nullable(Type.String()),
  url: Type.String(),
});

export const Message = Type.Object({
  id: Type.Integer(),
  ticketNumber: Type.Integer(),
  internal: Type.Boolean({ description: 'an internal note, never shown to customers' }),
  author: Type.Object({
    kind: Type.Union([Type.Literal('contact'), Type.Literal('agent'), Type.Literal('system')]),
    name: Type.String(),
    agentId: Type.Optional(Nullable(Type.String())),
    contactId: Type.Optional(Nullable(Type.String())),
  }),
  channel: Type.String(),
  text: Type.String(),
  html: Type.String({ description: 'sanitized HTML, safe to show' }),
  attachments: Type.Array(Attachment),
  delivery: Type.Optional(
    Type.Array(
      Type.Object({
        to: Type.Array(Type.String()),
        state: Type.Enum(['queued', 'sent', 'failed']),
        error: Nullable(Type.String()),
        sentAt: Nullable(Type.String()),
      }),
      { description: 'agents only: the mail that carried this message, and whether it went out' },
    ),
  ),
  sender: Type.Optional(
    Nullable(
      Type.Object(
        {
          verdict: Nullable(Type.Enum(['pass', 'fail', 'none'])),
          detail: Nullable(Type.String()),
        },
        {
          description:
            'agents only, for mail that came in: pass (the From domain vouches for it: DMARC or an aligned DKIM signature), fail (it fails its domain’s DMARC: the From is likely forged), none (nothing either way)',
        },
      ),
    ),
  ),
  createdAt: Type.String(),
});

export const AttachmentInput = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 255 }),
    contentType: Type.Optional(Type.String({ maxLength: 255 })),
    content: Type.String({ description: 'base64', contentEncoding: 'base64' }),
    contentId: Type.Optional(Type.String({ maxLength: 255 })),
  },
  { additionalProperties: false },
);

const Body = Type.String({ minLength: 1, maxLength: 1_000_000 });
const Format = Type.Enum(['text', 'markdown'], {
  default: 'text',
  description: 'markdown: the body is Markdown (code fences, lists, links, quotes), rendered to safe HTML',
});

export const OpenTicketBody = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 500 }),
    body: Body,
    format: Type.Optional(Format),
    html: Type.Optional(Type.String({ maxLength: 2_000_000 })),
    requesterEmail: Type.Optional(Email),
    requesterName: Type.Optional(Type.String({ maxLength: 200 })),
    priority: Type.Optional(Priority),
    tags: Type.Optional(Tags),
    ccEmails: Type.Optional(Type.Array(Email, { maxItems: 50 })),
    assignee: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 320, description: 'agent id or email' }))),
    team: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200, description: 'team id or name' }))),
    status: Type.Optional(Status),
    region: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
    channel: Type.Optional(Type.Enum(['web', 'email', 'phone', 'api', 'chat'])),
    attachments: Type.Optional(Type.Array(AttachmentInput, { maxItems: 20 })),
    severity: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 4,
        description: 'how bad it is (GET /api/v1/severities has the definitions); sets the priority by the desk table',
      }),
    ),
    fields: Type.Optional(FieldValuesSchema),
    firstMessageInternal: Type.Optional(
      Type.Boolean({
        description: 'agents: the first message is an internal note (e.g. what was said on a call), mailed to nobody',
      }),
    ),
    notify: Type.Optional(
      Type.Boolean({
        description:
          'agents: a public first message is mailed to the requester and CCs; false records it without mailing (imports)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const UpdateTicketBody = Type.Object(
  {
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    status: Type.Optional(Status),
    priority: Type.Optional(Priority),
    assignee: Type.Optional(
      Nullable(Type.String({ minLength: 1, maxLength: 320, description: 'agent id or email; null unassigns' })),
    ),
    team: Type.Optional(
      Nullable(Type.String({ minLength: 1, maxLength: 200, description: 'team id or name; null clears' })),
    ),
    tags: Type.Optional(Tags),
    ccEmails: Type.Optional(Type.Array(Email, { maxItems: 50, description: 'replaces the CC list' })),
    region: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
    autoClose: Type.Optional(Type.Boolean()),
    handOver: Type.Optional(
      Type.Boolean({
        description:
          'hand over when my day ends: true lets handover move it; false pins it to its assignee. Assigning by hand sets it to the assignee’s default (false unless they opted in)',
      }),
    ),
    lookAgainAt: Type.Optional(
      Nullable(
        Type.String({
          format: 'date-time',
          description:
            'with status watching: the ticket reopens at this time; watching needs it or a linked issue (WATCHING_NEEDS_LINK)',
        }),
      ),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const AddMessageBody = Type.Object(
  {
    body: Body,
    format: Type.Optional(Format),
    html: Type.Optional(Type.String({ maxLength: 2_000_000 })),
    internal: Type.Optional(Type.Boolean({ default: false, description: 'true: an internal note for agents only' })),
    status: Type.Optional(Status),
    attachments: Type.Optional(Type.Array(AttachmentInput, { maxItems: 20 })),
    notify: Type.Optional(
      Type.Boolean({ default: true, description: 'false records a public reply without mailing it (imports)' }),
    ),
  },
  { additionalProperties: false },
);

const Sort = Type.Enum(['updated', '-updated', 'created', '-created', 'number', '-number', 'priority', '-priority'], {
  default: '-updated',
});

export const TicketFilters = {
  status: Type.Optional(Type.String({ maxLength: 200, description: 'one or more statuses, comma-separated' })),
  priority: Type.Optional(Type.String({ maxLength: 100, description: 'one or more priorities, comma-separated' })),
  assignee: Type.Optional(
    Type.String({ maxLength: 320, description: 'me, none, on-shift (whoever is at work now), an agent id or email' }),
  ),
  team: Type.Optional(Type.String({ maxLength: 200, description: 'none, a team id or name' })),
  organization: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'an organization id or name' })),
  requester: Type.Optional(Type.String({ maxLength: 320, description: 'a contact id or email' })),
  tag: Type.Optional(Type.String({ maxLength: 500, description: 'tickets with all these tags, comma-separated' })),
  q: Type.Optional(Type.String({ maxLength: 500, description: 'words in the subject, or a ticket number' })),
  createdFrom: Type.Optional(
    Type.String({ maxLength: 40, description: 'created on or after: a date (UTC) or instant' }),
  ),
  createdTo: Type.Optional(
    Type.String({ maxLength: 40, description: 'created before this instant, or on or before this date' }),
  ),
  updatedFrom: Type.Optional(
    Type.String({ maxLength: 40, description: 'updated on or after: a date (UTC) or instant' }),
  ),
  updatedTo: Type.Optional(
    Type.String({ maxLength: 40, description: 'updated before this instant, or on or before this date' }),
  ),
};

export const ListTicketsQuery = Type.Object(
  {
    ...TicketFilters,
    sort: Sort,
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  },
  { additionalProperties: false, ...fieldFilterParams },
);

export const ViewBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    filters: Type.Object(TicketFilters, { additionalProperties: false, ...fieldFilterParams }),
    sort: Type.Optional(Sort),
    shared: Type.Optional(Type.Boolean({ description: 'visible to every agent (lead)' })),
    team: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: "a team's id or name: visible to its members" }),
    ),
  },
  { additionalProperties: false },
);

export const View = Type.Object({
  id: Type.String(),
  name: Type.String(),
  filters: Type.Object({}, { additionalProperties: true }),
  sort: Type.String(),
  shared: Type.Boolean({ description: 'not personal: a team view or everyone’s' }),
  scope: Type.Optional(Type.Enum(['personal', 'team', 'everyone'])),
  team: Type.Optional(Nullable(Ref)),
  createdAt: Type.String(),
});
