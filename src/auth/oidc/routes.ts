import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { connectOidcProvider } from './client.js';
import { finishOidcSignIn } from './finish-sign-in.js';
import { signInPages } from './sign-in-pages.js';
import { startOidcSignIn } from './start-sign-in.js';

/** Names this browser's sign-in in flight; sent back only to /auth/oidc/… */
const ATTEMPT_COOKIE = 'pf_oidc';
const ATTEMPT_PATH = '/auth/oidc';

/**
 * Agents' single sign-on: GET /auth/oidc sends the browser to the provider, which sends it back to
 * GET /auth/oidc/callback. Both are pages, not API calls: whatever goes wrong ends on the sign-in
 * page with a code it explains (?sso_error=CODE), never on an error body or a stack trace.
 */
export function oidcRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const provider = deps.config.oidc ? connectOidcProvider(deps.config.oidc) : undefined;
  const { publicUrl } = deps.config;
  const toSignInPage = (reply: FastifyReply, code: string) =>
    reply.redirect(`${publicUrl}/?sso_error=${encodeURIComponent(code)}`, 303);

  api.get(
    '/api/v1/auth/methods',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'How agents sign in here: single sign-on (GET /auth/oidc, GET /auth/saml) and/or email and password',
        response: {
          200: Type.Object({
            oidc: Type.Boolean({ description: 'single sign-on is set up: the sign-in page links to /auth/oidc' }),
            saml: Type.Boolean({ description: 'SAML single sign-on is set up: the sign-in page links to /auth/saml' }),
            password: Type.Boolean({ description: 'agents may sign in with email and password' }),
          }),
          ...errorResponses,
        },
      },
    },
    async () => ({
      oidc: provider !== undefined,
      saml: deps.config.saml !== undefined,
      password: deps.config.passwordSignIn,
    }),
  );

  const notConfigured = () =>
    new AppError('SSO_NOT_CONFIGURED', 'Single sign-on is not set up on this desk.', {
      reason: 'OIDC_ISSUER is unset',
    });
  signInPages(app, deps, {
    path: '/auth/oidc',
    cookie: { name: ATTEMPT_COOKIE, path: ATTEMPT_PATH },
    start: async (request) => {
      if (!provider) throw notConfigured();
      return startOidcSignIn(deps, provider, { returnTo: (request.query as { returnTo?: unknown }).returnTo });
    },
    finish: async (_request, input) => {
      if (!provider) throw notConfigured();
      return finishOidcSignIn(deps, provider, input);
    },
    refused: toSignInPage,
  });
}
