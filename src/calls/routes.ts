import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { ErrorSchema, errorResponses, Nullable, Uuid } from '../platform/http/schemas.js';
import {
  getAgentCalendar,
  refreshAgentCalendar,
  removeAgentCalendar,
  setAgentCalendar,
  setAgentRoom,
} from './agent-calendar.js';
import { bookCall } from './book-call.js';
import { callNow } from './call-now.js';
import { createCallType, listCallTypes, updateCallType } from './call-types.js';
import { cancelCall, rescheduleCall } from './change-call.js';
import { followJoinLink, joinPage } from './join-call.js';
import { callLoad, listCalls, listTicketCalls, ticketCallSlots, ticketCallTypes } from './list-calls.js';
import { describeOffer, offerTimes } from './offer-times.js';
import { readOffer } from './offers.js';
import { recordOutcome } from './record-outcome.js';

const NumberParams = Type.Object({ number: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
const Zone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Lisbon' });
const Instant = Type.String({ format: 'date-time' });
const Minutes = (max: number) => Type.Integer({ minimum: 0, maximum: max });

const CallTypeFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  durationMinutes: Type.Integer({ minimum: 5, maximum: 480 }),
  bufferBeforeMinutes: Type.Optional(Minutes(240)),
  bufferAfterMinutes: Type.Optional(Minutes(240)),
  minNoticeMinutes: Type.Optional(Minutes(30 * 24 * 60)),
  horizonDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  maxPerAgentPerDay: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 50 }))),
  hosts: Type.Union([Type.Literal('assignee'), Type.Literal('round-robin')], {
    description: 'the ticket’s assignee, or any agent of the team / region / skill',
  }),
  distribution: Type.Optional(
    Type.Union([Type.Literal('available'), Type.Literal('equal')], {
      description: 'round robin: first available (least recently booked), or equal distribution (fewest calls)',
    }),
  ),
  team: Type.Optional(Nullable(Uuid)),
  region: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  skill: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  plans: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50, description: 'empty: every plan' })),
  video: Type.Optional(Type.Union([Type.Literal('template'), Type.Literal('personal'), Type.Literal('none')])),
  videoUrlTemplate: Type.Optional(
    Nullable(
      Type.String({
        maxLength: 500,
        description: 'a room per call: a URL with {room}, e.g. https://meet.example.com/support-{room}',
      }),
    ),
  ),
  active: Type.Optional(Type.Boolean()),
};
const CallType = Type.Object({
  id: Uuid,
  name: Type.String(),
  durationMinutes: Type.Integer(),
  bufferBeforeMinutes: Type.Integer(),
  bufferAfterMinutes: Type.Integer(),
  minNoticeMinutes: Type.Integer(),
  horizonDays: Type.Integer(),
  maxPerAgentPerDay: Nullable(Type.Integer()),
  hosts: Type.String(),
  distribution: Type.String(),
  team: Nullable(Type.String()),
  region: Nullable(Type.String()),
  skill: Nullable(Type.String()),
  plans: Type.Array(Type.String()),
  video: Type.String(),
  videoUrlTemplate: Nullable(Type.String()),
  active: Type.Boolean(),
});
const Person = Type.Object({ email: Type.String(), name: Type.String() });
const Slot = Type.Object({ start: Type.String(), end: Type.String(), agent: Person });
const Call = Type.Object({
  id: Uuid,
  ticket: Type.Integer(),
  type: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  start: Type.String(),
  end: Type.String(),
  status: Type.Union([
    Type.Literal('booked'),
    Type.Literal('cancelled'),
    Type.Literal('done'),
    Type.Literal('no-show'),
  ]),
  agent: Person,
  videoUrl: Nullable(Type.String({ description: 'for customers, their join link (it tells the desk they came)' })),
  customerEmail: Type.String(),
  customerZone: Nullable(Type.String()),
  emergency: Type.Boolean(),
  customerJoinedAt: Nullable(Type.String()),
  outcomeAt: Nullable(Type.String()),
  outcomeNotes: Nullable(Type.String()),
});
const SlotTaken = Type.Object({
  error: ErrorSchema.properties.error,
  nextSlots: Type.Optional(Type.Array(Slot, { description: 'the next free times, when the slot was taken' })),
});
const Calendar = Type.Object({
  calendar: Nullable(
    Type.Object({
      kind: Type.String(),
      url: Type.String(),
      username: Nullable(Type.String()),
      hasPassword: Type.Boolean(),
      refreshedAt: Nullable(Type.String()),
      lastError: Nullable(Type.String()),
    }),
  ),
  roomUrl: Nullable(Type.String()),
});
const AgentParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 320, description: 'agent id, email, or me' }),
});
const TokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 600 }) });

/** A taken slot answers 409 with the next free times beside the error, as booking clients expect. */
async function orSlotTaken<T>(reply: FastifyReply, work: () => Promise<T>) {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError && (err.code === 'SLOT_TAKEN' || err.code === 'SLOT_UNAVAILABLE')) {
      const nextSlots = (err.details as { nextSlots?: unknown[] } | undefined)?.nextSlots ?? [];
      return reply.status(409).send({ error: { code: err.code, message: err.message }, nextSlots });
    }
    throw err;
  }
}

export function callRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['calls'];

  api.get(
    '/api/v1/call-types',
    {
      schema: {
        tags,
        summary: 'Call types (admins and leads: all; agents: the active ones)',
        response: { 200: Type.Object({ items: Type.Array(CallType) }), ...errorResponses },
      },
    },
    async (request) => listCallTypes(deps, request.actor),
  );
  api.post(
    '/api/v1/call-types',
    {
      schema: {
        tags,
        summary: 'Creates a call type (admin)',
        body: Type.Object(CallTypeFields, { additionalProperties: false }),
        response: { 201: CallType, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createCallType(deps, request.actor, request.body)),
  );
  api.patch(
    '/api/v1/call-types/:id',
    {
      schema: {
        tags,
        summary: 'Changes a call type (admin); active: false retires it',
        params: Type.Object({ id: Uuid }),
        body: Type.Partial(Type.Object(CallTypeFields), { additionalProperties: false }),
        response: { 200: CallType, ...errorResponses },
      },
    },
    async (request) => updateCallType(deps, request.actor, request.params.id, request.body),
  );

  api.get(
    '/api/v1/agents/:id/calendar',
    {
      schema: {
        tags,
        summary: 'An agent’s calendar and video room (own, or a lead)',
        params: AgentParams,
        response: { 200: Calendar, ...errorResponses },
      },
    },
    async (request) => getAgentCalendar(deps, request.actor, request.params.id),
  );
  api.put(
    '/api/v1/agents/:id/calendar',
    {
      config: { rateLimit: { max: 5, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Sets an agent’s calendar: CalDAV (busy time read, calls written) or a published ICS feed (read only)',
        description:
          'Checked before it is kept: a calendar the desk cannot read answers 422 CALENDAR_UNREACHABLE. The password is sealed and never shown again; leave it out to keep the stored one.',
        params: AgentParams,
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('caldav'), Type.Literal('ics')]),
            url: Type.String({
              minLength: 8,
              maxLength: 1000,
              description: 'CalDAV: the calendar collection URL; ics: the feed URL',
            }),
            username: Type.Optional(Nullable(Type.String({ maxLength: 320 }))),
            password: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: Calendar, ...errorResponses, 422: ErrorSchema },
      },
    },
    async (request) => setAgentCalendar(deps, request.actor, request.params.id, request.body),
  );
  api.post(
    '/api/v1/agents/:id/calendar/refresh',
    {
      config: { rateLimit: { max: 5, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Reads the agent’s calendar now',
        params: AgentParams,
        response: { 200: Calendar, ...errorResponses },
      },
    },
    async (request) => refreshAgentCalendar(deps, request.actor, request.params.id),
  );
  api.delete(
    '/api/v1/agents/:id/calendar',
    {
      schema: {
        tags,
        summary: 'Forgets the agent’s calendar',
        params: AgentParams,
        response: { 200: Calendar, ...errorResponses },
      },
    },
    async (request) => removeAgentCalendar(deps, request.actor, request.params.id),
  );
  api.put(
    '/api/v1/agents/:id/room',
    {
      schema: {
        tags,
        summary: 'Sets the agent’s personal video room (Zoom personal link, Meet link); null removes it',
        params: AgentParams,
        body: Type.Object({ url: Nullable(Type.String({ maxLength: 1000 })) }, { additionalProperties: false }),
        response: { 200: Calendar, ...errorResponses },
      },
    },
    async (request) => setAgentRoom(deps, request.actor, request.params.id, request.body),
  );

  api.get(
    '/api/v1/tickets/:number/call-types',
    {
      schema: {
        tags,
        summary: 'Call types that may be booked on this ticket (customers: their plan’s)',
        params: NumberParams,
        response: { 200: Type.Object({ items: Type.Array(CallType) }), ...errorResponses },
      },
    },
    async (request) => ticketCallTypes(deps, request.actor, request.params.number),
  );
  api.get(
    '/api/v1/tickets/:number/call-slots',
    {
      config: { rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Free times for a call on this ticket (its agents and its customer), as UTC instants',
        params: NumberParams,
        querystring: Type.Object({
          type: Uuid,
          from: Type.Optional(Instant),
          to: Type.Optional(Instant),
          zone: Type.Optional(Zone),
        }),
        response: { 200: Type.Object({ zone: Type.String(), slots: Type.Array(Slot) }), ...errorResponses },
      },
    },
    async (request) => ticketCallSlots(deps, request.actor, request.params.number, request.query),
  );
  api.get(
    '/api/v1/tickets/:number/calls',
    {
      schema: {
        tags,
        summary: 'The ticket’s calls',
        params: NumberParams,
        response: { 200: Type.Object({ items: Type.Array(Call) }), ...errorResponses },
      },
    },
    async (request) => listTicketCalls(deps, request.actor, request.params.number),
  );
  api.post(
    '/api/v1/tickets/:number/calls',
    {
      config: { rateLimit: { max: 120, timeWindow: 60_000 } },
      schema: {
        tags,
        summary:
          'Books a call (an agent, or the ticket’s customer); a taken time answers 409 SLOT_TAKEN with nextSlots',
        params: NumberParams,
        body: Type.Object(
          {
            type: Uuid,
            start: Instant,
            agentEmail: Type.Optional(Type.String({ maxLength: 320 })),
            zone: Type.Optional(Zone),
          },
          { additionalProperties: false },
        ),
        response: { 201: Call, ...errorResponses, 409: SlotTaken },
      },
    },
    async (request, reply) =>
      orSlotTaken(reply, async () =>
        reply.status(201).send(await bookCall(deps, { actor: request.actor }, request.params.number, request.body)),
      ),
  );
  api.post(
    '/api/v1/tickets/:number/call-offers',
    {
      schema: {
        tags,
        summary: 'Offers times: posts a signed, expiring booking link in the thread (mailed to the customer)',
        params: NumberParams,
        body: Type.Object(
          { type: Uuid, message: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ url: Type.String(), expiresAt: Type.String(), messageId: Type.Integer() }),
          ...errorResponses,
          409: SlotTaken,
        },
      },
    },
    async (request, reply) =>
      orSlotTaken(reply, async () =>
        reply.status(201).send(await offerTimes(deps, request.actor, request.params.number, request.body)),
      ),
  );
  api.post(
    '/api/v1/tickets/:number/call-now',
    {
      config: { rateLimit: { max: 5, timeWindow: 60_000 } },
      schema: {
        tags,
        summary:
          'Call me now (customer, urgent ticket on an on-call plan): pages the on-call engineer with a live room',
        params: NumberParams,
        response: { 201: Call, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await callNow(deps, request.actor, request.params.number)),
  );

  api.get(
    '/api/v1/calls',
    {
      schema: {
        tags,
        summary: 'Calls in a range (default the next 7 days), of one agent (id, email or me) or everyone',
        querystring: Type.Object({
          from: Type.Optional(Instant),
          to: Type.Optional(Instant),
          agent: Type.Optional(Type.String({ maxLength: 320 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(Call) }), ...errorResponses },
      },
    },
    async (request) => listCalls(deps, request.actor, request.query),
  );
  api.get(
    '/api/v1/calls/load',
    {
      schema: {
        tags,
        summary: 'Call load per agent over a range (lead): calls, minutes, no-shows',
        querystring: Type.Object({ from: Type.Optional(Instant), to: Type.Optional(Instant) }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({ agent: Person, calls: Type.Integer(), minutes: Type.Integer(), noShows: Type.Integer() }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => callLoad(deps, request.actor, request.query),
  );
  api.patch(
    '/api/v1/calls/:id',
    {
      schema: {
        tags,
        summary: 'Moves a call to another free time of the same host (agent, or the ticket’s customer)',
        params: Type.Object({ id: Uuid }),
        body: Type.Object({ start: Instant, zone: Type.Optional(Zone) }, { additionalProperties: false }),
        response: { 200: Call, ...errorResponses, 409: SlotTaken },
      },
    },
    async (request, reply) =>
      orSlotTaken(reply, () => rescheduleCall(deps, request.actor, request.params.id, request.body)),
  );
  api.delete(
    '/api/v1/calls/:id',
    {
      schema: {
        tags,
        summary: 'Cancels a call (agent, or the ticket’s customer): attendees get a METHOD:CANCEL',
        params: Type.Object({ id: Uuid }),
        querystring: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }),
        response: { 200: Call, ...errorResponses },
      },
    },
    async (request) => cancelCall(deps, request.actor, request.params.id, request.query),
  );
  api.post(
    '/api/v1/calls/:id/outcome',
    {
      schema: {
        tags,
        summary:
          'After the call (agent): done with notes (an internal note), or no-show (the customer gets a link to book again)',
        params: Type.Object({ id: Uuid }),
        body: Type.Object(
          {
            outcome: Type.Union([Type.Literal('done'), Type.Literal('no-show')]),
            notes: Type.Optional(Type.String({ maxLength: 20_000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Call, ...errorResponses },
      },
    },
    async (request) => recordOutcome(deps, request.actor, request.params.id, request.body),
  );

  // what a booking link shows and books, without signing in: the signed link is the permission
  const offerLimit = { public: true, rateLimit: { max: 60, timeWindow: 60_000 } };
  api.get(
    '/api/v1/call-offers/:token',
    {
      config: offerLimit,
      schema: {
        tags,
        summary:
          'A booking link: the ticket, the call type and the free times (no sign-in: the link is the permission)',
        security: [],
        params: TokenParams,
        querystring: Type.Object({ from: Type.Optional(Instant), to: Type.Optional(Instant) }),
        response: {
          200: Type.Object({
            ticket: Type.Object({ number: Type.Integer(), subject: Type.String() }),
            type: Type.Object({ id: Type.String(), name: Type.String(), durationMinutes: Type.Integer() }),
            expiresAt: Type.String(),
            slots: Type.Array(
              Type.Object({ start: Type.String(), end: Type.String(), agent: Type.Object({ name: Type.String() }) }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => describeOffer(deps, request.params.token, request.query),
  );
  api.post(
    '/api/v1/call-offers/:token/calls',
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Books from a booking link; a taken time answers 409 SLOT_TAKEN with nextSlots',
        security: [],
        params: TokenParams,
        body: Type.Object({ start: Instant, zone: Type.Optional(Zone) }, { additionalProperties: false }),
        response: { 201: Call, ...errorResponses, 409: SlotTaken },
      },
    },
    async (request, reply) => {
      const offer = readOffer(deps, request.params.token);
      return orSlotTaken(reply, async () =>
        reply.status(201).send(await bookCall(deps, { offer }, offer.t, { type: offer.c, ...request.body })),
      );
    },
  );

  // a join link from an invitation: a page with a button; its POST is recorded, then on to the room
  app.register(async (scope) => {
    // the button's form posts an empty urlencoded body
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_r, _b, done) => done(null, {}),
    );
    const limit = { public: true, rateLimit: { max: 30, timeWindow: 60_000 } };
    scope.get<{ Params: { token: string } }>(
      '/calls/join/:token',
      { config: limit, schema: { hide: true } },
      async (request, reply) => {
        const page = await joinPage(deps, request.params.token);
        if ('redirect' in page) return reply.redirect(page.redirect, 303);
        return reply
          .header(
            'content-security-policy',
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
          )
          .header('referrer-policy', 'no-referrer')
          .type('text/html; charset=utf-8')
          .send(page.html);
      },
    );
    scope.post<{ Params: { token: string } }>(
      '/calls/join/:token',
      { config: limit, schema: { hide: true } },
      async (request, reply) => reply.redirect(await followJoinLink(deps, request.params.token), 303),
    );
  });
}
