import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { isAppError } from '../../platform/errors.js';
import { sessionClient, setSessionCookie } from '../session-cookie.js';
import type { NewSession, SessionClient } from '../sessions.js';
import { ATTEMPT_MINUTES } from './attempt.js';

// The two pages of a sign-in at an OpenID provider: the first sends the browser there with an
// attempt cookie, the second takes it back. Pages, not API calls: whatever goes wrong ends on a
// sign-in page with a code it explains, never on an error body or a stack trace.

export interface SignInPages {
  /** e.g. /auth/oidc; the callback is this plus /callback, and the attempt cookie is sent only below it */
  path: string;
  cookie: { name: string; path: string };
  start(request: FastifyRequest): Promise<{ authorizationUrl: string; attemptSecret: string }>;
  finish(
    request: FastifyRequest,
    input: { attemptSecret: string | undefined; query: string; client: SessionClient },
  ): Promise<{ session: NewSession; returnTo: string }>;
  /** where a refusal ends: the sign-in page with ?sso_error=CODE */
  refused(reply: FastifyReply, code: string): FastifyReply;
}

export function signInPages(app: FastifyInstance, deps: Deps, pages: SignInPages): void {
  const attemptCookie = {
    path: pages.cookie.path,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.publicUrl.startsWith('https:'),
  };
  // a sign-in takes two of these; ten sign-ins a minute from one address, as with passwords
  const page = { public: true, rateLimit: { max: 20, timeWindow: 60_000 } };

  app.get(pages.path, { config: page, schema: { hide: true } }, async (request, reply) => {
    try {
      const attempt = await pages.start(request);
      reply.setCookie(pages.cookie.name, attempt.attemptSecret, { ...attemptCookie, maxAge: ATTEMPT_MINUTES * 60 });
      return reply.redirect(attempt.authorizationUrl, 302);
    } catch (err) {
      if (!isAppError(err)) throw err;
      request.log.warn({ code: err.code, details: err.details }, 'single sign-on could not start');
      return pages.refused(reply, err.code);
    }
  });

  app.get(`${pages.path}/callback`, { config: page, schema: { hide: true } }, async (request, reply) => {
    const attemptSecret = request.cookies[pages.cookie.name];
    reply.clearCookie(pages.cookie.name, attemptCookie);
    // the query exactly as the provider sent it
    const at = request.url.indexOf('?');
    try {
      const { session, returnTo } = await pages.finish(request, {
        attemptSecret,
        query: at < 0 ? '' : request.url.slice(at),
        client: sessionClient(request),
      });
      setSessionCookie(reply, deps, session);
      return reply.redirect(`${deps.config.publicUrl}${returnTo}`, 303);
    } catch (err) {
      if (!isAppError(err)) throw err;
      request.log.info({ code: err.code, details: err.details }, 'single sign-on refused');
      return pages.refused(reply, err.code);
    }
  });
}
