import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { AppError, isAppError } from '../platform/errors.js';
import { Email, ErrorSchema, errorResponses, IdParams } from '../platform/http/schemas.js';
import { SESSION_COOKIE } from './http-auth.js';
import { BUSY_RETRY_SECONDS, closePasswordThreads } from './passwords.js';
import { presentActor } from './present-actor.js';
import { sessionClient } from './session-cookie.js';
import {
  endContactSessions,
  type NewSession,
  redeemSignInLink,
  requestContactSignInLink,
  setPassword,
  signIn,
  signOut,
  signOutEverywhere,
} from './sessions.js';
import { createToken, listTokens, revokeToken } from './tokens.js';

const Role = Type.Union([Type.Literal('agent'), Type.Literal('lead'), Type.Literal('admin')]);
const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'first characters of the secret, to tell tokens apart' }),
  role: Type.Union([Role, Type.Null()]),
  contactId: Type.Union([Type.String(), Type.Null()]),
  contactEmail: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  agentId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  token: Type.Optional(Type.String({ description: 'the secret; returned only when the token is created' })),
});
const busy = Type.Object(ErrorSchema.properties, {
  description: 'SIGN_IN_BUSY: too many password checks queued; try again after Retry-After seconds.',
});
const SessionSchema = Type.Object({
  actor: Type.Object({}, { additionalProperties: true }),
  csrfToken: Type.Union([Type.String(), Type.Null()], {
    description: 'send in the x-csrf-token header with every write made with the session cookie',
  }),
});

const TwoFactorChallenge = Type.Object({
  challenge: Type.String({
    description: 'send to POST /api/v1/auth/sign-in/two-factor with a code: good once, for 5 minutes',
  }),
  methods: Type.Array(Type.Union([Type.Literal('totp'), Type.Literal('recovery'), Type.Literal('passkey')])),
  expiresAt: Type.String(),
});
const TwoFactorStep = Type.Object(
  { twoFactor: TwoFactorChallenge },
  { description: 'The password was right; this agent signs in with a second factor next (no session yet).' },
);

export function authRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const secureCookie = deps.config.publicUrl.startsWith('https:');
  app.addHook('onClose', closePasswordThreads);
  // random emails must not get around the per-email limits: each address has its own budget too
  const signInsPerAddress = limitPerAddress(app, { max: 30, timeWindow: 60_000 });
  const linksPerAddress = limitPerAddress(app, { max: 20, timeWindow: 15 * 60_000 });

  function setSessionCookie(reply: FastifyReply, session: NewSession) {
    reply.setCookie(SESSION_COOKIE, session.secret, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookie,
      // Max-Age, not Expires: the browser counts from when it got the cookie, so a browser whose clock
      // differs from the desk's keeps the session exactly as long as the desk does
      maxAge: Math.max(0, Math.floor((session.expiresAt.getTime() - deps.clock.now().getTime()) / 1000)),
    });
  }

  api.post(
    '/api/v1/auth/sign-in',
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: 60_000, hook: 'preHandler', keyGenerator: signInKey } },
      onRequest: signInsPerAddress,
      onError: retryWhenBusy,
      schema: {
        tags: ['auth'],
        summary: 'Agent sign-in with email and password; sets the session cookie',
        body: Type.Object(
          { email: Email, password: Type.String({ minLength: 1, maxLength: 1024 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Union([SessionSchema, TwoFactorStep]), ...errorResponses, 503: busy },
      },
    },
    async (request, reply) => {
      const result = await signIn(deps, request.body, sessionClient(request));
      if (result.twoFactor) return { twoFactor: result.twoFactor };
      const { session, agent } = result;
      setSessionCookie(reply, session);
      return {
        actor: {
          kind: 'agent',
          agentId: agent.id,
          role: agent.role,
          name: agent.name,
          email: agent.email,
          // the desk requires a second factor and this agent has none yet: only their settings until then
          ...(result.enrolmentRequired ? { twoFactorEnrolmentRequired: true } : {}),
        },
        csrfToken: session.csrfToken,
      };
    },
  );

  api.post(
    '/api/v1/auth/sign-out',
    {
      schema: {
        tags: ['auth'],
        summary: 'Ends the browser session',
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) await signOut(deps, cookie);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/v1/auth/sign-out-everywhere',
    {
      schema: {
        tags: ['auth'],
        summary: 'Ends every session of the signed-in agent or contact, on every device',
        description: 'API tokens stay valid; an admin revokes those.',
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await signOutEverywhere(deps, request.actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  api.delete(
    '/api/v1/contacts/:id/sessions',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Ends every session of a contact and cancels their unused sign-in links (lead)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await endContactSessions(deps, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/v1/auth/session',
    { schema: { tags: ['auth'], summary: 'Who am I', response: { 200: SessionSchema, ...errorResponses } } },
    async (request) => ({ actor: presentActor(request.actor), csrfToken: request.csrfToken }),
  );

  api.post(
    '/api/v1/auth/sign-in-link',
    {
      config: {
        public: true,
        rateLimit: { max: 5, timeWindow: 15 * 60_000, hook: 'preHandler', keyGenerator: signInKey },
      },
      onRequest: linksPerAddress,
      schema: {
        tags: ['auth'],
        summary: 'A customer asks for a one-time sign-in link by email',
        description: 'Always 202: the answer never tells whether the address belongs to a contact.',
        body: Type.Object({ email: Email }, { additionalProperties: false }),
        response: { 202: Type.Object({ sent: Type.Boolean() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      await requestContactSignInLink(deps, request.body.email);
      return reply.status(202).send({ sent: true });
    },
  );

  api.post(
    '/api/v1/auth/redeem',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Exchanges a one-time sign-in link token for a session',
        body: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            kind: Type.String(),
            csrfToken: Type.Optional(Type.String({ description: 'absent when the agent gives a second factor next' })),
            twoFactor: Type.Optional(TwoFactorChallenge),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await redeemSignInLink(deps, request.body.token, sessionClient(request));
      if (result.twoFactor) return { kind: result.kind, twoFactor: result.twoFactor };
      setSessionCookie(reply, result.session);
      return { kind: result.kind, csrfToken: result.session.csrfToken };
    },
  );

  api.put(
    '/api/v1/me/password',
    {
      config: { rateLimit: { max: 10, timeWindow: 60_000 } },
      onError: retryWhenBusy,
      schema: {
        tags: ['auth'],
        summary: 'Sets the signed-in agent’s password (at least 12 characters); ends their other sessions',
        body: Type.Object(
          {
            currentPassword: Type.Optional(Type.String({ maxLength: 1024 })),
            newPassword: Type.String({ minLength: 12, maxLength: 1024 }),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errorResponses, 503: busy },
      },
    },
    async (request, reply) => {
      // the session making the change keeps going; every other one ends
      const cookie = request.csrfToken !== null ? request.cookies[SESSION_COOKIE] : undefined;
      await setPassword(deps, request.actor, request.body, cookie ? { sessionSecret: cookie } : undefined);
      return reply.status(204).send(null);
    },
  );

  // API tokens -----------------------------------------------------------------------------------

  api.post(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Creates an API token for an agent role or for one contact (admin)',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            role: Type.Optional(Role),
            contactEmail: Type.Optional(Email),
            agentEmail: Type.Optional(Email),
            expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: TokenSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { expiresAt, ...rest } = request.body;
      const token = await createToken(deps, request.actor, {
        ...rest,
        ...(expiresAt ? { expiresAt: new Date(expiresAt) } : {}),
      });
      return reply.status(201).send(token);
    },
  );

  api.get(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Lists active API tokens (admin); secrets are never shown',
        response: { 200: Type.Object({ items: Type.Array(TokenSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listTokens(deps, request.actor) }),
  );

  api.delete(
    '/api/v1/tokens/:id',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revokes an API token (admin)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await revokeToken(deps, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
}

function signInKey(request: { ip: string; body?: unknown }): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return `${request.ip}:${typeof email === 'string' ? email.toLowerCase() : ''}`;
}

/** A limit per client address, checked before the body is read; the route's own limit still applies. */
export function limitPerAddress(app: FastifyInstance, options: { max: number; timeWindow: number }) {
  const limit = app.createRateLimit(options);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await limit(request);
    if (result.isAllowed || !result.isExceeded) return;
    reply.header('retry-after', String(result.ttlInSeconds));
    throw new AppError('RATE_LIMITED', `Too many attempts from this address; try again in ${result.ttlInSeconds} s.`);
  };
}

/** The password workers' queue is full: say when to come back. */
async function retryWhenBusy(_request: FastifyRequest, reply: FastifyReply, error: FastifyError) {
  if (isAppError(error) && error.code === 'SIGN_IN_BUSY') reply.header('retry-after', String(BUSY_RETRY_SECONDS));
}
