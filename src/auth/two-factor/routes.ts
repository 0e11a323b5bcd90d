import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import { errorResponses, IdParams, Nullable } from '../../platform/http/schemas.js';
import type { PasskeyFactor } from '../passkeys/passkey-second-factor.js';
import { Attempt, AuthenticationResponse, Passkey } from '../passkeys/schemas.js';
import { sessionClient, setSessionCookie } from '../session-cookie.js';
import type { SecondFactor } from './check-second-factor.js';
import { completeTwoFactorSignIn } from './complete-sign-in.js';
import { confirmTotp } from './confirm-totp.js';
import { enrolTotp } from './enrol-totp.js';
import { getSecuritySettings, setSecuritySettings } from './policy.js';
import { regenerateRecoveryCodes } from './regenerate-recovery-codes.js';
import { secondFactorsOfAgent } from './second-factors-of-agent.js';
import { totpStatus } from './totp-status.js';
import { resetAgentTotp, turnOffTotp } from './turn-off-totp.js';

const Code = Type.String({
  pattern: '^\\s*[0-9]{3}\\s?[0-9]{3}\\s*$',
  description: 'six digits from the authenticator app',
});
const RecoveryCode = Type.String({ minLength: 1, maxLength: 64, description: 'one of the recovery codes, once' });
const Proof = Type.Object(
  {
    password: Type.Optional(Type.String({ maxLength: 1024 })),
    code: Type.Optional(Code),
  },
  { additionalProperties: false, description: 'the current password, or a code from the current authenticator' },
);
const RecoveryCodes = Type.Object({
  recoveryCodes: Type.Array(Type.String(), { description: 'shown only now; each works once' }),
});
const SecuritySettings = Type.Object(
  { twoFactorRequired: Type.Boolean({ description: 'agents must sign in with a second factor' }) },
  { additionalProperties: false },
);
const rateLimit = { max: 10, timeWindow: 60_000 };

/** Two-factor sign-in (TOTP, recovery codes) and the desk's policy: thin routes over ./ */
export function twoFactorRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/api/v1/auth/sign-in/two-factor',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'The second step of an agent’s sign-in: the challenge and a code (or a recovery code, or a passkey)',
        description:
          'A right code sets the session cookie, as sign-in does. Each challenge takes 5 wrong codes, then the password is needed again. A passkey answers a ceremony from POST /api/v1/auth/sign-in/two-factor/passkey-options.',
        body: Type.Object(
          {
            challenge: Type.String({ minLength: 1, maxLength: 600 }),
            code: Type.Optional(Code),
            recoveryCode: Type.Optional(RecoveryCode),
            passkey: Type.Optional(
              Type.Object({ attempt: Attempt, response: AuthenticationResponse }, { additionalProperties: false }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            actor: Type.Object({}, { additionalProperties: true }),
            csrfToken: Type.String(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { challenge, code, recoveryCode, passkey } = request.body;
      if ([code, recoveryCode, passkey].filter((f) => f !== undefined).length !== 1) {
        throw new AppError('VALIDATION_FAILED', 'Send a code, a recovery code or a passkey.');
      }
      const factor: SecondFactor | PasskeyFactor =
        code !== undefined
          ? { code }
          : recoveryCode !== undefined
            ? { recoveryCode }
            : { passkey: passkey as PasskeyFactor['passkey'] };
      const { session, agent } = await completeTwoFactorSignIn(deps, {
        challenge,
        factor,
        ip: request.ip,
        client: sessionClient(request),
      });
      setSessionCookie(reply, deps, session);
      return {
        actor: { kind: 'agent', agentId: agent.id, role: agent.role, name: agent.name, email: agent.email },
        csrfToken: session.csrfToken,
      };
    },
  );

  api.get(
    '/api/v1/me/totp',
    {
      schema: {
        tags: ['auth'],
        summary: 'Whether the signed-in agent signs in with a second factor',
        response: {
          200: Type.Object({
            enabled: Type.Boolean(),
            enabledAt: Type.Union([Type.String(), Type.Null()]),
            pending: Type.Boolean({ description: 'a new authenticator waits for its first code' }),
            recoveryCodesLeft: Type.Integer(),
            required: Type.Boolean({ description: 'the desk requires a second factor of every agent' }),
            hasPassword: Type.Boolean(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => totpStatus(deps, request.actor),
  );

  api.post(
    '/api/v1/me/totp',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Starts setting up an authenticator app (or moving to a new one) for the signed-in agent',
        description:
          'Returns the secret as an otpauth:// address, in base32 and as a QR code (SVG); the first code confirms it (POST /api/v1/me/totp/confirm). Moving to a new authenticator needs the current password or code.',
        body: Proof,
        response: {
          200: Type.Object({
            uri: Type.String({ description: 'otpauth:// address' }),
            secret: Type.String({ description: 'base32, to type in by hand' }),
            qrSvg: Type.String({ description: 'the address as a QR code, an SVG document' }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => enrolTotp(deps, request.actor, request.body),
  );

  api.post(
    '/api/v1/me/totp/confirm',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Turns the new authenticator on with its first code; answers the recovery codes, once',
        body: Type.Object({ code: Code }, { additionalProperties: false }),
        response: { 200: RecoveryCodes, ...errorResponses },
      },
    },
    async (request) => confirmTotp(deps, request.actor, request.body),
  );

  api.delete(
    '/api/v1/me/totp',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Turns two-factor sign-in off for the signed-in agent (current password or code)',
        description:
          'Refused (409 TWO_FACTOR_REQUIRED) where the desk requires it. A setup not yet confirmed is dropped.',
        body: Proof,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await turnOffTotp(deps, request.actor, request.body);
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/v1/me/totp/recovery-codes',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'New recovery codes for a current code; the old ones stop working',
        body: Type.Object({ code: Code }, { additionalProperties: false }),
        response: { 200: RecoveryCodes, ...errorResponses },
      },
    },
    async (request) => regenerateRecoveryCodes(deps, request.actor, request.body),
  );

  api.get(
    '/api/v1/agents/:id/second-factors',
    {
      schema: {
        tags: ['agents'],
        summary: 'An agent’s second factors, to help one who lost a device: authenticator app, passkeys (admin)',
        params: IdParams,
        response: {
          200: Type.Object({
            authenticatorApp: Type.Object({ enabled: Type.Boolean(), enabledAt: Nullable(Type.String()) }),
            passkeys: Type.Array(Passkey),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => secondFactorsOfAgent(deps, request.actor, request.params.id),
  );

  api.delete(
    '/api/v1/agents/:id/totp',
    {
      schema: {
        tags: ['agents'],
        summary: 'Turns off an agent’s two-factor sign-in, for a lost phone without recovery codes (admin)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await resetAgentTotp(deps, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/v1/settings/security',
    {
      schema: {
        tags: ['settings'],
        summary: 'The desk’s sign-in security settings (admin)',
        response: { 200: SecuritySettings, ...errorResponses },
      },
    },
    async (request) => getSecuritySettings(deps, request.actor),
  );

  api.put(
    '/api/v1/settings/security',
    {
      schema: {
        tags: ['settings'],
        summary: 'Sets the desk’s sign-in security settings (admin)',
        description:
          'With twoFactorRequired, an agent without an authenticator can reach only their own settings until they set one up.',
        body: SecuritySettings,
        response: { 200: SecuritySettings, ...errorResponses },
      },
    },
    async (request) => setSecuritySettings(deps, request.actor, request.body),
  );
}
