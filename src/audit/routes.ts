import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { csvCell, wantsCsv } from '../platform/http/csv.js';
import { errorResponses, Instant } from '../platform/http/schemas.js';
import { type DeskEventFilter, listDeskEvents } from './audit-store.js';
import { AUDIT_CATEGORIES, AUDIT_CATEGORY_NAMES, type AuditCategory } from './categories.js';

// The admins' audit log: what happened outside tickets, newest first, by category, and as CSV for a
// security review. Ticket events stay on each ticket's history.

const EXPORT_MAX = 100_000;
const EXPORT_PAGE = 1_000;

const EventSchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Type.Object({
    kind: Type.Union([Type.Literal('agent'), Type.Literal('contact'), Type.Literal('token'), Type.Literal('system')]),
    id: Type.Union([Type.String(), Type.Null()]),
    name: Type.String(),
  }),
  action: Type.String(),
  category: Type.Union([Type.Enum(AUDIT_CATEGORY_NAMES), Type.Null()]),
  entityType: Type.String(),
  entityId: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
});

const categoryOf = new Map<string, AuditCategory>(
  AUDIT_CATEGORY_NAMES.flatMap((c) => AUDIT_CATEGORIES[c].map((action) => [action, c] as const)),
);

type Row = Awaited<ReturnType<typeof listDeskEvents>>[number];

function present(row: Row) {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { kind: row.actorKind, id: row.actorId, name: row.actorName },
    action: row.action,
    category: categoryOf.get(row.action) ?? null,
    entityType: row.entityType,
    entityId: row.entityId,
    data: row.data,
  };
}

const CSV_HEADER = [
  'id',
  'at',
  'actor_kind',
  'actor_id',
  'actor_name',
  'action',
  'category',
  'entity_type',
  'entity_id',
  'data',
];

function csvLine(row: Row): string {
  const cells = [
    row.id,
    row.at.toISOString(),
    row.actorKind,
    row.actorId,
    row.actorName,
    row.action,
    categoryOf.get(row.action) ?? null,
    row.entityType,
    row.entityId,
    JSON.stringify(row.data),
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function auditRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/api/v1/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log (admin): sign-ins, accounts and roles, two-factor, tokens, settings; JSON or CSV',
        description:
          'Events outside tickets, newest first. Page with `before` (the last id seen). With format=csv (or `Accept: text/csv`) every matching event, up to 100,000, as one CSV file.',
        querystring: Type.Object(
          {
            category: Type.Optional(Type.Enum([...AUDIT_CATEGORY_NAMES, 'all'], { description: 'default all' })),
            actor: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "the actor's id" })),
            since: Type.Optional(Instant),
            until: Type.Optional(Instant),
            before: Type.Optional(Type.Integer({ minimum: 1, description: 'events older than this id' })),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
            format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
          },
          { additionalProperties: false },
        ),
        response: {
          200: {
            description: 'Events, and the id to ask `before` for the next page (null at the end); or CSV',
            content: {
              'application/json': {
                schema: Type.Object({
                  items: Type.Array(EventSchema),
                  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
                }),
              },
              'text/csv': { schema: Type.String() },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      requireAgent(request.actor, 'admin');
      const { category, actor, since, until, before, limit, format } = request.query;
      const filter: DeskEventFilter = {
        ...(category && category !== 'all' ? { actions: AUDIT_CATEGORIES[category] } : {}),
        ...(actor ? { actorId: actor } : {}),
        ...(since ? { since: new Date(since) } : {}),
        ...(until ? { until: new Date(until) } : {}),
        ...(before ? { beforeId: before } : {}),
      };
      if (format === 'csv' || (format === undefined && wantsCsv(request.headers.accept))) {
        const day = deps.clock.now().toISOString().slice(0, 10);
        return (
          reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="audit-${category ?? 'all'}-${day}.csv"`)
            // streamed a page at a time; the schema's string documents the text a client gets
            .send(Readable.from(exportCsv(deps, filter)) as unknown as string)
        );
      }
      const rows = await listDeskEvents(deps.db, filter, limit + 1);
      const page = rows.slice(0, limit);
      return {
        items: page.map(present),
        nextBefore: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  );
}

/** The export, a page of rows at a time, so a large log is never held in memory at once. */
async function* exportCsv(deps: Deps, filter: DeskEventFilter): AsyncGenerator<string> {
  yield `${CSV_HEADER.join(',')}\r\n`;
  let beforeId = filter.beforeId;
  for (let sent = 0; sent < EXPORT_MAX; ) {
    const rows = await listDeskEvents(
      deps.db,
      { ...filter, ...(beforeId ? { beforeId } : {}) },
      Math.min(EXPORT_PAGE, EXPORT_MAX - sent),
    );
    if (rows.length === 0) return;
    yield rows.map(csvLine).join('');
    sent += rows.length;
    beforeId = rows.at(-1)?.id;
    if (rows.length < EXPORT_PAGE) return;
  }
}
