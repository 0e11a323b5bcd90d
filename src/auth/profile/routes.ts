import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { errorResponses, IdParams, Nullable } from '../../platform/http/schemas.js';
import { SESSION_COOKIE } from '../http-auth.js';
import { getProfile } from './get-profile.js';
import { type CurrentSession, endMyOtherSessions, endMySession, listMySessions } from './my-sessions.js';
import {
  createPersonalToken,
  listPersonalTokens,
  PERSONAL_TOKEN_DEFAULT_DAYS,
  PERSONAL_TOKEN_MAX_DAYS,
  revokePersonalToken,
} from './personal-tokens.js';
import { updateProfile } from './update-profile.js';

const Role = Type.Union([Type.Literal('agent'), Type.Literal('lead'), Type.Literal('admin')]);
const Scope = Type.Union([Type.Literal('read'), Type.Literal('write')], {
  description: 'read: GET only; write: everything you may do',
});
const Profile = Type.Object({
  kind: Type.Union([Type.Literal('agent'), Type.Literal('contact')]),
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: Type.Optional(Role),
  timeZone: Type.Optional(Type.String()),
  region: Type.Optional(Nullable(Type.String())),
  workingHours: Type.Optional(
    Nullable(Type.Record(Type.String(), Type.String(), { description: 'weekly hours in the agent’s zone' })),
  ),
  schedule: Type.Optional(Type.String({ description: 'the agent’s full schedule (GET, PUT)' })),
  twoFactor: Type.Optional(Type.Object({ enabled: Type.Boolean(), required: Type.Boolean() })),
  signInMethods: Type.Optional(
    Type.Object({
      password: Type.Boolean({ description: 'password sign-in is on here and the agent has a password' }),
      sso: Type.Boolean({ description: 'single sign-on is set up here' }),
    }),
  ),
});
const Session = Type.Object({
  id: Type.String({ description: 'the session’s public id (not its secret)' }),
  via: Type.Union([Type.Literal('password'), Type.Literal('link'), Type.Literal('sso'), Type.Literal('passkey')]),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  lastSeenAt: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  current: Type.Boolean({ description: 'the session making this request' }),
});
const PersonalToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'first characters of the secret, to tell tokens apart' }),
  scope: Scope,
  createdAt: Type.String(),
  expiresAt: Nullable(Type.String()),
  lastUsedAt: Nullable(Type.String()),
  token: Type.Optional(Type.String({ description: 'the secret; returned only when the token is made' })),
});

/** The session cookie the request was authenticated with, if it was (not a token). */
function currentSession(request: FastifyRequest): CurrentSession | undefined {
  const cookie = request.csrfToken !== null ? request.cookies[SESSION_COOKIE] : undefined;
  return cookie ? { sessionSecret: cookie } : undefined;
}

/** The signed-in person's own profile, sessions and personal API tokens: thin routes over ./ */
export function profileRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['me'],
        summary: 'Your profile: name, email, role, time zone, working hours, two-factor, sign-in methods',
        response: { 200: Profile, ...errorResponses },
      },
    },
    async (request) => getProfile(deps, request.actor),
  );

  api.patch(
    '/api/v1/me',
    {
      schema: {
        tags: ['me'],
        summary: 'Changes your name or time zone (an agent; role and email are an admin’s)',
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
            timeZone: Type.Optional(
              Type.String({ minLength: 1, maxLength: 64, description: 'IANA, e.g. Europe/Lisbon' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Profile, ...errorResponses },
      },
    },
    async (request) => updateProfile(deps, request.actor, request.body),
  );

  api.get(
    '/api/v1/me/sessions',
    {
      schema: {
        tags: ['me'],
        summary: 'Your browser sessions, newest first, the one making the request marked',
        response: { 200: Type.Object({ items: Type.Array(Session) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listMySessions(deps, request.actor, currentSession(request)) }),
  );

  api.delete(
    '/api/v1/me/sessions/:id',
    {
      schema: {
        tags: ['me'],
        summary: 'Ends one of your sessions at once',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { wasCurrent } = await endMySession(deps, request.actor, request.params.id, currentSession(request));
      if (wasCurrent) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  api.delete(
    '/api/v1/me/sessions',
    {
      schema: {
        tags: ['me'],
        summary: 'Ends every session of yours but this one',
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await endMyOtherSessions(deps, request.actor, currentSession(request));
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/v1/me/tokens',
    {
      schema: {
        tags: ['me'],
        summary: 'Your personal API tokens (not revoked); secrets are never shown',
        response: { 200: Type.Object({ items: Type.Array(PersonalToken) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listPersonalTokens(deps, request.actor) }),
  );

  api.post(
    '/api/v1/me/tokens',
    {
      config: { rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags: ['me'],
        summary: 'Makes a personal API token acting as you, with your role at each use',
        description: 'Made while signed in (not with a token). The secret is in the answer, once.',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
            scope: Scope,
            expiresInDays: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: PERSONAL_TOKEN_MAX_DAYS,
                default: PERSONAL_TOKEN_DEFAULT_DAYS,
                description: `days until it stops working (at most ${PERSONAL_TOKEN_MAX_DAYS})`,
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: PersonalToken, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createPersonalToken(deps, request.actor, request.body)),
  );

  api.delete(
    '/api/v1/me/tokens/:id',
    {
      schema: {
        tags: ['me'],
        summary: 'Revokes one of your personal API tokens',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await revokePersonalToken(deps, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
