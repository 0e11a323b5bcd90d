import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { errorResponses, Instant, Nullable, Page, PageQuery } from '../platform/http/schemas.js';
import { countUnreadNotifications, listNotifications, UNREAD_CAP } from './list-notifications.js';
import { markAllRead, markRead } from './mark-read.js';
import { getPreferences, setPreference } from './preferences.js';
import { NOTIFICATION_KINDS } from './tables.js';

const Kind = Type.Enum([...NOTIFICATION_KINDS], {
  description: 'assigned · customer-reply · mention (in an internal note) · sla (a warning at 80 % or a breach)',
});
const Notification = Type.Object({
  id: Type.Integer(),
  kind: Kind,
  ticket: Type.Object({ number: Type.Integer(), subject: Type.String(), status: Type.String() }),
  messageId: Nullable(Type.Integer()),
  actor: Nullable(Type.String({ description: 'who did it; null when the desk did (routing, SLA)' })),
  title: Type.String(),
  excerpt: Type.String(),
  createdAt: Instant,
  readAt: Nullable(Instant),
});
const Preference = Type.Object({
  kind: Kind,
  label: Type.String(),
  inApp: Type.Boolean(),
  email: Type.Boolean(),
});

export function notificationRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notifications'];

  api.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'Your notifications, newest first (agents)',
        querystring: Type.Object({
          unread: Type.Optional(Type.Boolean({ description: 'only the unread ones' })),
          ...PageQuery,
        }),
        response: { 200: Page(Notification), ...errorResponses },
      },
    },
    async (request) => listNotifications(deps, request.actor, request.query),
  );
  api.get(
    '/api/v1/notifications/unread-count',
    {
      schema: {
        tags,
        summary: `How many of your notifications are unread, counted up to ${UNREAD_CAP}`,
        response: { 200: Type.Object({ unread: Type.Integer({ maximum: UNREAD_CAP }) }), ...errorResponses },
      },
    },
    async (request) => countUnreadNotifications(deps, request.actor),
  );
  api.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Marks one of your notifications read',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: Notification, ...errorResponses },
      },
    },
    async (request) => markRead(deps, request.actor, request.params.id),
  );
  api.post(
    '/api/v1/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Marks all your notifications read (or those up to throughId, the newest you were shown)',
        querystring: Type.Object({
          throughId: Type.Optional(Type.Integer({ minimum: 1, description: 'the newest notification you were shown' })),
        }),
        response: { 200: Type.Object({ marked: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) => markAllRead(deps, request.actor, request.query.throughId),
  );
  api.get(
    '/api/v1/notifications/preferences',
    {
      schema: {
        tags,
        summary: 'Which notifications you get in the app and by email, per kind',
        description:
          'Defaults: everything in the app; by email when assigned, mentioned, and for SLA warnings and breaches; a customer’s reply not by email.',
        response: { 200: Type.Object({ items: Type.Array(Preference) }), ...errorResponses },
      },
    },
    async (request) => getPreferences(deps, request.actor),
  );
  api.put(
    '/api/v1/notifications/preferences/:kind',
    {
      schema: {
        tags,
        summary: 'Sets whether you get one kind of notification in the app and by email',
        params: Type.Object({ kind: Kind }),
        body: Type.Object({ inApp: Type.Boolean(), email: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Preference, ...errorResponses },
      },
    },
    async (request) => setPreference(deps, request.actor, request.params.kind, request.body),
  );
}
