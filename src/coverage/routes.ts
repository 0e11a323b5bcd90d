import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { errorResponses, Nullable, Uuid } from '../platform/http/schemas.js';
import { importRoster, parseRosterCsv, parseRosterJson, parseRosterYaml } from './import-roster.js';
import { coverageReport, presentCoverage } from './report.js';
import { addTimeOff, getSchedule, listTimeOff, removeTimeOff, setSchedule } from './roster.js';
import { type CoverageSettings, loadCoverageSettings, saveCoverageSettings } from './settings.js';

const Day = Type.String({
  maxLength: 200,
  description: '"09:00-17:00", split shifts "09:00-12:00,13:00-17:00"; "" or "off" for a day off',
});
const Hours = Type.Record(Type.String({ pattern: '^(mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}$' }), Day, {
  description: 'weekly hours in the agent’s own zone; unlisted days are off',
  maxProperties: 7,
});
const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Person = Type.Object({ email: Type.String(), name: Type.String() });
const Schedule = Type.Object({
  agentId: Type.String(),
  email: Type.String(),
  timeZone: Type.String(),
  region: Nullable(Type.String()),
  country: Nullable(Type.String({ description: 'public holidays come from it, e.g. PT or AU-NSW' })),
  hours: Hours,
  skills: Type.Array(Type.String()),
  timeOff: Type.Array(Type.Unknown()),
  onShift: Type.Boolean(),
  nextShiftStart: Nullable(Type.String()),
  handOverDefault: Type.Boolean({
    description:
      'hand over when my day ends: tickets assigned to this agent by hand move at handover too (false: they stay, pinned)',
  }),
});
const TimeOff = Type.Object({
  id: Type.String(),
  agentId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  reason: Nullable(Type.String()),
});
const HoursSpec = {
  timeZone: Type.String({ minLength: 1, maxLength: 64 }),
  hours: Hours,
  holidays: Type.Optional(
    Nullable(Type.String({ maxLength: 16, description: 'country or subdivision whose public holidays close support' })),
  ),
};
const Settings = Type.Object(
  {
    target: Type.Object(
      { ...HoursSpec, minAgents: Type.Integer({ minimum: 1, maximum: 1000 }) },
      { additionalProperties: false },
    ),
    supportHours: Nullable(Type.Object(HoursSpec, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
const RosterResult = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  agents: Type.Array(Type.String()),
});

export function coverageRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  // a roster file may be posted as it is
  for (const type of ['text/yaml', 'application/yaml', 'text/csv']) {
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_request, body, done) =>
      done(null, body),
    );
  }

  api.get(
    '/api/v1/agents/:id/schedule',
    {
      schema: {
        tags: ['roster'],
        summary: 'An agent’s zone, weekly hours, holidays country, skills and time off; whether they are on shift now',
        params: Type.Object({ id: Type.String({ description: 'agent id or email' }) }),
        response: { 200: Schedule, ...errorResponses },
      },
    },
    async (request) => getSchedule(deps, request.actor, request.params.id),
  );
  api.put(
    '/api/v1/agents/:id/schedule',
    {
      schema: {
        tags: ['roster'],
        summary: 'Changes an agent’s schedule (their own, or anyone’s as a lead)',
        params: Type.Object({ id: Type.String() }),
        body: Type.Object(
          {
            timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            region: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 32 }))),
            country: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 16 }))),
            hours: Type.Optional(Hours),
            skills: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100 })),
            handOverDefault: Type.Optional(
              Type.Boolean({ description: 'the default for tickets assigned to them by hand from now on' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Schedule, ...errorResponses },
      },
    },
    async (request) => setSchedule(deps, request.actor, request.params.id, request.body),
  );

  api.post(
    '/api/v1/time-off',
    {
      schema: {
        tags: ['roster'],
        summary: 'Records time off: whole local days, inclusive',
        body: Type.Object(
          {
            agent: Type.String({ description: 'agent id or email' }),
            from: LocalDate,
            to: LocalDate,
            reason: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: TimeOff, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await addTimeOff(deps, request.actor, request.body)),
  );
  api.get(
    '/api/v1/time-off',
    {
      schema: {
        tags: ['roster'],
        summary: 'Lists time off, of one agent or everyone, ending on or after `from`',
        querystring: Type.Object(
          { agent: Type.Optional(Type.String()), from: Type.Optional(LocalDate) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(TimeOff) }), ...errorResponses },
      },
    },
    async (request) => listTimeOff(deps, request.actor, request.query),
  );
  api.delete(
    '/api/v1/time-off/:id',
    {
      schema: {
        tags: ['roster'],
        params: Type.Object({ id: Uuid }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeTimeOff(deps, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/roster',
    {
      schema: {
        tags: ['roster'],
        summary: 'Imports a roster (lead): JSON {agents:[…]}, or a YAML or CSV file; all or nothing',
        description:
          'Agents are matched by email. A lead sets existing agents’ schedules (zone, region, country, hours, skills, time off); adding agents, changing names of others or roles needs an admin. Problems come back as ROSTER_INVALID with details.problems: [{entry, line?, message}].',
        body: Type.Unknown(),
        response: { 200: RosterResult, ...errorResponses },
      },
    },
    async (request) => {
      requireAgent(request.actor, 'lead');
      const type = String(request.headers['content-type'] ?? '');
      const body = request.body;
      const entries =
        typeof body === 'string'
          ? type.includes('csv')
            ? parseRosterCsv(body)
            : parseRosterYaml(body)
          : parseRosterJson(body);
      return importRoster(deps, request.actor, entries);
    },
  );

  api.get(
    '/api/v1/coverage',
    {
      schema: {
        tags: ['coverage'],
        summary: 'Who is at work in every 15 minutes from `from` to `to`, and the gaps against the coverage target',
        querystring: Type.Object(
          {
            from: Type.String({ description: 'ISO 8601 instant' }),
            to: Type.String({ description: 'ISO 8601 instant; at most 62 days after from' }),
            zone: Type.Optional(Type.String({ description: 'IANA zone the times are written in; default UTC' })),
            arrivals: Type.Optional(
              Type.Boolean({
                description:
                  'add to each slot the mean tickets arriving in that slot of the week over past weeks (recent weeks weigh more)',
              }),
            ),
            weeks: Type.Optional(
              Type.Integer({ minimum: 1, maximum: 26, description: 'weeks of arrivals to average; default 8' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            zone: Type.String(),
            from: Type.String(),
            to: Type.String(),
            target: Settings.properties.target,
            slots: Type.Array(
              Type.Object({
                start: Type.String(),
                end: Type.String(),
                count: Type.Integer(),
                agents: Type.Array(Type.String(), { description: 'emails; see people for names' }),
                people: Type.Array(Person),
                inTarget: Type.Boolean({ description: 'inside the coverage target’s hours' }),
                arrivals: Type.Optional(
                  Type.Number({ description: 'with arrivals=true: mean tickets arriving in this slot of the week' }),
                ),
              }),
            ),
            gaps: Type.Array(Type.Object({ start: Type.String(), end: Type.String(), missing: Type.Integer() })),
            gapsInWords: Type.Array(
              Type.Object({
                days: Type.Array(Type.String()),
                start: Type.String({ description: 'HH:mm in zone' }),
                end: Type.String({ description: 'HH:mm in zone; 00:00 is midnight' }),
                missing: Type.Integer(),
                nobody: Type.Boolean(),
                text: Type.String({ description: 'e.g. "Mon–Fri 22:00–00:00 UTC: nobody"' }),
              }),
              { description: 'the gaps with the same hours on several weekdays said once' },
            ),
            holidays: Type.Array(
              Type.Object({
                country: Type.String(),
                date: Type.String({ description: 'local date in that country' }),
                name: Type.String(),
                people: Type.Array(Person),
              }),
              { description: 'public holidays in the range of the countries of people on the roster' },
            ),
            timeOff: Type.Array(
              Type.Object({
                email: Type.String(),
                name: Type.String(),
                from: LocalDate,
                to: LocalDate,
              }),
              { description: 'time off overlapping the range; local dates, inclusive' },
            ),
            arrivalsFrom: Type.Optional(
              Type.Object({
                from: Type.String(),
                to: Type.String(),
                weeks: Type.Integer(),
                halfLifeWeeks: Type.Number(),
              }),
            ),
            summary: Type.Object({ slots: Type.Integer(), gapMinutes: Type.Number() }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => presentCoverage(await coverageReport(deps, request.actor, request.query)),
  );
  api.get(
    '/api/v1/coverage/settings',
    {
      schema: {
        tags: ['coverage'],
        summary: 'The coverage target, and support hours when they differ from it',
        response: { 200: Settings, ...errorResponses },
      },
    },
    async (request) => {
      requireAgent(request.actor);
      return loadCoverageSettings(deps);
    },
  );
  api.put(
    '/api/v1/coverage/settings',
    {
      schema: {
        tags: ['coverage'],
        summary: 'Sets the coverage target and support hours (admin)',
        body: Settings,
        response: { 200: Settings, ...errorResponses },
      },
    },
    async (request) => {
      requireAgent(request.actor, 'admin');
      const settings = request.body as CoverageSettings;
      if (settings.target.minAgents < 1) throw new AppError('VALIDATION_FAILED', 'minAgents is at least 1.');
      await saveCoverageSettings(deps, settings);
      return loadCoverageSettings(deps);
    },
  );
}
