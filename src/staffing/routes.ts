import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { errorResponses, Nullable } from '../platform/http/schemas.js';
import { MAX_WEEKS } from './load-plan.js';
import { loadStaffingSettings, type StaffingSettings, saveStaffingSettings } from './settings.js';
import { whatIf } from './what-if.js';
import { whereToHire } from './where-to-hire.js';

const tags = ['staffing'];
const Weeks = Type.Integer({
  minimum: 1,
  maximum: MAX_WEEKS,
  default: 8,
  description: 'simulate over the arrivals of the last this many weeks (recent weeks weigh more)',
});
const Shift = Type.String({
  pattern: '^\\d{1,2}:\\d{2}-\\d{1,2}:\\d{2}$',
  description: 'local hours, e.g. 09:00-17:00',
});
const Day = Type.String({ maxLength: 200 });
const Hours = Type.Union(
  [Shift, Type.Record(Type.String({ pattern: '^(mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}$' }), Day)],
  {
    description: '"07:00-15:00" on the days they work now (Mon–Fri for someone new), or hours per day',
  },
);
const Interval = Type.Object({ start: Type.String(), end: Type.String() });
const Gap = Type.Object({ start: Type.String(), end: Type.String(), missing: Type.Integer() });
const Assumptions = Type.Object({
  occupancy: Type.Number(),
  shrinkage: Type.Number(),
  handleMinutes: Type.Number(),
  firstReplyMinutes: Type.Number(),
  firstReplyInSupportHours: Type.Boolean(),
  firstReplyFrom: Type.String({ description: 'settings, policy (a normal ticket without a plan) or default (4 h)' }),
  halfLifeWeeks: Type.Number(),
  ticketsPerWeek: Type.Number({ description: 'tickets in a typical week, from the weighted weeks' }),
  callsPerWeek: Type.Number({ description: '"call me now" calls in a typical week (Erlang C)' }),
});
const Window = {
  weeks: Type.Integer(),
  from: Type.String({ description: 'start of the simulated weeks' }),
  to: Type.String({ description: 'end of the simulated weeks: now, to the quarter hour' }),
  next: Interval,
  assumptions: Assumptions,
};
const PerSlot = (description: string) =>
  Type.Array(Type.Number(), { description: `${description}; 672 slots of 15 min from Monday 00:00 UTC` });
const Outcome = Type.Object({
  slaAttainment: Type.Number({ description: 'share of first replies in time in the simulated typical week' }),
  gapHours: Type.Number({ description: 'person-hours missing against the coverage target in the coming week' }),
  gaps: Type.Array(Gap),
  headsPerSlot: PerSlot('engineers at work (a weighted mean over the weeks)'),
  backlogPerSlot: PerSlot('tickets waiting at the end of the slot'),
  missedPerSlot: PerSlot('tickets arriving in the slot that miss the first-reply target'),
  gapSlots: Type.Array(Type.Integer(), { description: 'slots (0–671) where tickets wait and nobody is at work' }),
  callAttainment: Type.Optional(Type.Number()),
});
const Settings = Type.Object(
  {
    occupancy: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
    shrinkage: Type.Number({ minimum: 0, exclusiveMaximum: 1 }),
    handleMinutes: Type.Number({ exclusiveMinimum: 0, maximum: 1440 }),
    firstReplyMinutes: Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 43_200 })),
    halfLifeWeeks: Type.Number({ exclusiveMinimum: 0, maximum: 52 }),
    calls: Type.Object(
      {
        handleMinutes: Type.Number({ exclusiveMinimum: 0, maximum: 1440 }),
        answerMinutes: Type.Number({ minimum: 0, maximum: 1440 }),
        serviceLevel: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const iso = (d: Date) => d.toISOString();
const presentGap = (g: { start: Date; end: Date; missing: number }) => ({
  start: iso(g.start),
  end: iso(g.end),
  missing: g.missing,
});
const presentWindow = (r: { weeks: number; from: Date; to: Date; next: { from: Date; to: Date } }) => ({
  weeks: r.weeks,
  from: iso(r.from),
  to: iso(r.to),
  next: { start: iso(r.next.from), end: iso(r.next.to) },
});

export function staffingRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/v1/staffing/where-to-hire',
    {
      schema: {
        tags,
        summary:
          'Where one more engineer helps most (lead): candidate zones ranked by first replies in time, then gap hours closed',
        querystring: Type.Object({ weeks: Weeks, hours: Type.Optional(Shift) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            ...Window,
            slaAttainmentNow: Type.Number(),
            gapHoursNow: Type.Number(),
            candidates: Type.Array(
              Type.Object({
                zone: Type.String(),
                region: Type.String(),
                country: Type.String({ description: 'whose public holidays the candidate keeps' }),
                hours: Type.String({ description: 'local hours, Monday to Friday' }),
                gapHoursClosed: Type.Number({ description: 'person-hours of the coming week’s gaps they close' }),
                slaAttainmentBefore: Type.Number(),
                slaAttainmentAfter: Type.Number(),
                closes: Type.Array(Interval, { description: 'the coming week’s gap slots they cover' }),
                entry: Type.Object(
                  {
                    timeZone: Type.String(),
                    country: Type.String(),
                    region: Type.String(),
                    hours: Type.Record(Type.String(), Type.String()),
                  },
                  { description: 'the candidate as an `add` entry for what-if' },
                ),
              }),
              { description: 'best first' },
            ),
            gapsNow: Type.Array(Gap, { description: 'the coming week’s gaps against the coverage target' }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const r = await whereToHire(deps, request.actor, request.query);
      return {
        ...r,
        ...presentWindow(r),
        candidates: r.candidates.map((c) => ({
          ...c,
          closes: c.closes.map((i) => ({ start: iso(i.start), end: iso(i.end) })),
        })),
        gapsNow: r.gapsNow.map(presentGap),
      };
    },
  );

  api.post(
    '/api/v1/staffing/what-if',
    {
      schema: {
        tags,
        summary:
          'The roster with engineers added, removed or moved (lead): heads, gaps and first replies in time, before and after',
        body: Type.Object(
          {
            weeks: Type.Optional(Weeks),
            add: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    email: Type.Optional(Type.String({ maxLength: 320 })),
                    name: Type.Optional(Type.String({ maxLength: 200 })),
                    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
                    hours: Type.Optional(Hours),
                    country: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 16 }))),
                    region: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
                  },
                  { additionalProperties: false },
                ),
                { maxItems: 50 },
              ),
            ),
            remove: Type.Optional(Type.Array(Type.String({ maxLength: 320 }), { maxItems: 200 })),
            change: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    email: Type.String({ maxLength: 320 }),
                    hours: Type.Optional(Hours),
                    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
                    country: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 16 }))),
                  },
                  { additionalProperties: false },
                ),
                { maxItems: 200 },
              ),
            ),
            settings: Type.Optional(
              Type.Partial(Type.Pick(Settings, ['occupancy', 'shrinkage', 'handleMinutes', 'firstReplyMinutes']), {
                additionalProperties: false,
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            ...Window,
            arrivalsPerSlot: PerSlot('tickets arriving (weighted mean)'),
            before: Outcome,
            after: Outcome,
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const r = await whatIf(deps, request.actor, request.body);
      return {
        ...r,
        ...presentWindow(r),
        before: { ...r.before, gaps: r.before.gaps.map(presentGap) },
        after: { ...r.after, gaps: r.after.gaps.map(presentGap) },
      };
    },
  );

  api.get(
    '/api/v1/staffing/settings',
    { schema: { tags, summary: 'The staffing model’s assumptions', response: { 200: Settings, ...errorResponses } } },
    async (request) => {
      requireAgent(request.actor, 'lead');
      return loadStaffingSettings(deps);
    },
  );
  api.put(
    '/api/v1/staffing/settings',
    {
      schema: {
        tags,
        summary: 'Sets the staffing model’s assumptions (lead)',
        body: Settings,
        response: { 200: Settings, ...errorResponses },
      },
    },
    async (request) => {
      requireAgent(request.actor, 'lead');
      return saveStaffingSettings(deps, request.body as StaffingSettings);
    },
  );
}
