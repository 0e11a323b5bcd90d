import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { Email, errorResponses } from '../../platform/http/schemas.js';
import { limitPerAddress } from '../routes.js';
import { sessionClient, setSessionCookie } from '../session-cookie.js';
import { confirmPasswordReset } from './confirm-password-reset.js';
import { requestPasswordReset } from './request-password-reset.js';

/** Password reset by mail for agents: thin routes over ./ */
export function passwordResetRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  // per client address, before the body is read; the route's own limit is per email address, so
  // nobody fills an agent's mailbox from many addresses
  const requestsPerAddress = limitPerAddress(app, { max: 10, timeWindow: 15 * 60_000 });
  const confirmsPerAddress = limitPerAddress(app, { max: 20, timeWindow: 15 * 60_000 });

  api.post(
    '/api/v1/auth/password-reset',
    {
      config: {
        public: true,
        rateLimit: { max: 5, timeWindow: 60 * 60_000, hook: 'preHandler', keyGenerator: emailKey },
      },
      onRequest: requestsPerAddress,
      schema: {
        tags: ['auth'],
        summary: 'An agent who forgot their password asks for a reset link by mail',
        description:
          'Always 202: the answer never tells whether the address is an agent’s. The link works once, for an hour.',
        body: Type.Object({ email: Email }, { additionalProperties: false }),
        response: { 202: Type.Object({ sent: Type.Boolean() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(deps, { email: request.body.email, ip: request.ip });
      return reply.status(202).send({ sent: true });
    },
  );

  api.post(
    '/api/v1/auth/password-reset/confirm',
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: 60_000 } },
      onRequest: confirmsPerAddress,
      schema: {
        tags: ['auth'],
        summary: 'Sets a new password with the mailed link; ends every session of the agent',
        description:
          'Signs the agent in (sets the session cookie) unless they have two-factor sign-in: then signedIn is false and they sign in with the new password and a code.',
        body: Type.Object(
          {
            token: Type.String({ minLength: 1, maxLength: 200 }),
            password: Type.String({ minLength: 12, maxLength: 1024 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            signedIn: Type.Boolean(),
            actor: Type.Optional(Type.Object({}, { additionalProperties: true })),
            csrfToken: Type.Optional(Type.String()),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await confirmPasswordReset(deps, request.body, sessionClient(request));
      if (!result.session) return { signedIn: false };
      setSessionCookie(reply, deps, result.session);
      const { agent } = result;
      return {
        signedIn: true,
        actor: {
          kind: 'agent',
          agentId: agent.id,
          role: agent.role,
          name: agent.name,
          email: agent.email,
          ...(result.enrolmentRequired ? { twoFactorEnrolmentRequired: true } : {}),
        },
        csrfToken: result.session.csrfToken,
      };
    },
  );
}

function emailKey(request: { body?: unknown }): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return `password-reset:${typeof email === 'string' ? email.toLowerCase() : ''}`;
}
