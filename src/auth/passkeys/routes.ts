import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { errorResponses, IdParams, Uuid } from '../../platform/http/schemas.js';
import { SESSION_COOKIE } from '../http-auth.js';
import { sessionClient, setSessionCookie } from '../session-cookie.js';
import { finishPasskeyRegistration } from './finish-registration.js';
import { listPasskeys } from './list-passkeys.js';
import { passkeySecondFactorOptions } from './passkey-second-factor.js';
import { removeAgentPasskey, removePasskey } from './remove-passkey.js';
import { renamePasskey } from './rename-passkey.js';
import { Attempt, AuthenticationResponse, Passkey, PasskeyCeremony, RegistrationResponse } from './schemas.js';
import { signInWithPasskey } from './sign-in-with-passkey.js';
import { startPasskeySignIn } from './start-passkey-sign-in.js';
import { startPasskeyRegistration } from './start-registration.js';

const Name = Type.String({ minLength: 1, maxLength: 100, description: 'how the agent tells their passkeys apart' });
const Proof = Type.Object(
  {
    password: Type.Optional(Type.String({ maxLength: 1024 })),
    code: Type.Optional(Type.String({ pattern: '^\\s*[0-9]{3}\\s?[0-9]{3}\\s*$' })),
  },
  { additionalProperties: false, description: 'the current password, or a code from the authenticator app' },
);
const rateLimit = { max: 10, timeWindow: 60_000 };

/** The session cookie the request was made with; not an API token. */
function sessionSecret(request: FastifyRequest): string | undefined {
  return request.csrfToken !== null ? request.cookies[SESSION_COOKIE] : undefined;
}

/** Passkeys (WebAuthn): an agent's own, a second factor, and a sign-in of their own. Thin routes over ./ */
export function passkeyRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/v1/me/passkeys',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in agent’s passkeys',
        response: { 200: Type.Object({ items: Type.Array(Passkey) }), ...errorResponses },
      },
    },
    async (request) => listPasskeys(deps, request.actor),
  );

  api.post(
    '/api/v1/me/passkeys/registration-options',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Starts adding a passkey: the current password or code, then options for the browser',
        description:
          'Only with a session (not an API token). The answer’s options go to navigator.credentials.create; its attempt, with the browser’s answer, to POST /api/v1/me/passkeys within 5 minutes.',
        body: Proof,
        response: { 200: PasskeyCeremony, ...errorResponses },
      },
    },
    async (request) =>
      startPasskeyRegistration(deps, request.actor, { sessionSecret: sessionSecret(request), proof: request.body }),
  );

  api.post(
    '/api/v1/me/passkeys',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Adds the passkey the browser made for the attempt, with a name',
        body: Type.Object(
          { attempt: Attempt, name: Name, response: RegistrationResponse },
          { additionalProperties: false },
        ),
        response: { 201: Passkey, ...errorResponses },
      },
    },
    async (request, reply) => {
      const passkey = await finishPasskeyRegistration(deps, request.actor, {
        sessionSecret: sessionSecret(request),
        attempt: request.body.attempt,
        name: request.body.name,
        response: request.body.response as RegistrationResponseJSON,
      });
      return reply.status(201).send(passkey);
    },
  );

  api.patch(
    '/api/v1/me/passkeys/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Renames one of the signed-in agent’s passkeys',
        params: IdParams,
        body: Type.Object({ name: Name }, { additionalProperties: false }),
        response: { 200: Passkey, ...errorResponses },
      },
    },
    async (request) => renamePasskey(deps, request.actor, request.params.id, request.body.name),
  );

  api.delete(
    '/api/v1/me/passkeys/:id',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Removes one of the signed-in agent’s passkeys (current password or code)',
        description: 'Where the desk requires two-factor sign-in, an agent’s last second factor stays (409).',
        params: IdParams,
        body: Proof,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removePasskey(deps, request.actor, request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  api.delete(
    '/api/v1/agents/:id/passkeys/:passkeyId',
    {
      schema: {
        tags: ['agents'],
        summary: 'Removes one of an agent’s passkeys, for a lost or stolen device (admin)',
        params: Type.Object({ id: Uuid, passkeyId: Uuid }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeAgentPasskey(deps, request.actor, request.params.id, request.params.passkeyId);
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/v1/auth/passkey/options',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Starts signing in with a passkey alone: options for the browser',
        description: 'The browser offers the passkeys it keeps for this desk; no email is asked.',
        response: { 200: PasskeyCeremony, ...errorResponses },
      },
    },
    async () => startPasskeySignIn(deps),
  );

  api.post(
    '/api/v1/auth/sign-in/passkey',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Signs an agent in with a passkey; sets the session cookie',
        description: 'Works with PASSWORD_SIGN_IN=false too: a passkey is not a password.',
        body: Type.Object({ attempt: Attempt, response: AuthenticationResponse }, { additionalProperties: false }),
        response: {
          200: Type.Object({ actor: Type.Object({}, { additionalProperties: true }), csrfToken: Type.String() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { session, agent } = await signInWithPasskey(deps, {
        attempt: request.body.attempt,
        response: request.body.response as AuthenticationResponseJSON,
        client: sessionClient(request),
      });
      setSessionCookie(reply, deps, session);
      return {
        actor: { kind: 'agent', agentId: agent.id, role: agent.role, name: agent.name, email: agent.email },
        csrfToken: session.csrfToken,
      };
    },
  );

  api.post(
    '/api/v1/auth/sign-in/two-factor/passkey-options',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'At the second step of a sign-in, options to answer with one of the agent’s passkeys',
        description:
          'The answer goes to POST /api/v1/auth/sign-in/two-factor as { challenge, passkey: { attempt, response } }.',
        body: Type.Object(
          { challenge: Type.String({ minLength: 1, maxLength: 600 }) },
          { additionalProperties: false },
        ),
        response: { 200: PasskeyCeremony, ...errorResponses },
      },
    },
    async (request) => passkeySecondFactorOptions(deps, request.body.challenge),
  );
}
