import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { isAppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { sessionClient, setSessionCookie } from '../session-cookie.js';
import { connectOidcProvider } from './client.js';
import { finishOidcSignIn } from './finish-sign-in.js';
import { ATTEMPT_MINUTES, startOidcSignIn } from './start-sign-in.js';

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
  const attemptCookie = {
    path: ATTEMPT_PATH,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: publicUrl.startsWith('https:'),
  };
  // a sign-in takes two of these; ten sign-ins a minute from one address, as with passwords
  const page = { public: true, rateLimit: { max: 20, timeWindow: 60_000 } };
  const toSignInPage = (reply: FastifyReply, code: string) =>
    reply.redirect(`${publicUrl}/?sso_error=${encodeURIComponent(code)}`, 303);

  api.get(
    '/api/v1/auth/methods',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'How agents sign in here: single sign-on (GET /auth/oidc) and/or email and password',
        response: {
          200: Type.Object({
            oidc: Type.Boolean({ description: 'single sign-on is set up: the sign-in page links to /auth/oidc' }),
            password: Type.Boolean({ description: 'agents may sign in with email and password' }),
          }),
          ...errorResponses,
        },
      },
    },
    async () => ({ oidc: provider !== undefined, password: deps.config.passwordSignIn }),
  );

  app.get('/auth/oidc', { config: page, schema: { hide: true } }, async (request, reply) => {
    if (!provider) return toSignInPage(reply, 'SSO_NOT_CONFIGURED');
    try {
      const { returnTo } = request.query as { returnTo?: unknown };
      const attempt = await startOidcSignIn(deps, provider, { returnTo });
      reply.setCookie(ATTEMPT_COOKIE, attempt.attemptSecret, { ...attemptCookie, maxAge: ATTEMPT_MINUTES * 60 });
      return reply.redirect(attempt.authorizationUrl, 302);
    } catch (err) {
      if (!isAppError(err)) throw err;
      request.log.warn({ code: err.code, details: err.details }, 'single sign-on could not start');
      return toSignInPage(reply, err.code);
    }
  });

  app.get('/auth/oidc/callback', { config: page, schema: { hide: true } }, async (request, reply) => {
    const attemptSecret = request.cookies[ATTEMPT_COOKIE];
    reply.clearCookie(ATTEMPT_COOKIE, attemptCookie);
    if (!provider) return toSignInPage(reply, 'SSO_NOT_CONFIGURED');
    // the query exactly as the provider sent it
    const at = request.url.indexOf('?');
    try {
      const { session, returnTo } = await finishOidcSignIn(deps, provider, {
        attemptSecret,
        query: at < 0 ? '' : request.url.slice(at),
        client: sessionClient(request),
      });
      setSessionCookie(reply, deps, session);
      return reply.redirect(`${publicUrl}${returnTo}`, 303);
    } catch (err) {
      if (!isAppError(err)) throw err;
      request.log.info({ code: err.code, details: err.details }, 'single sign-on refused');
      return toSignInPage(reply, err.code);
    }
  });
}
