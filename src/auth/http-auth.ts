import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { sameSecret } from '../platform/secrets.js';
import type { Actor } from './actor.js';
import { authenticateSession, authenticateToken } from './authenticate.js';

export const SESSION_COOKIE = 'pf_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** set when the request came with a session cookie */
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** open to anyone: sign-in, health, the OpenAPI document, webhooks with their own signatures */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every request before validation or handler run, unless the route is marked public.
 * Bearer tokens for integrations; the session cookie for browsers, whose writes must carry the
 * session's CSRF token in a header (a cross-site form cannot set one).
 */
export function registerAuthentication(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    if (request.routeOptions.config?.public) return;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw new AppError('UNAUTHENTICATED', 'Use "Authorization: Bearer <token>".');
      request.actor = await authenticateToken(deps, match[1] as string);
      return;
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (cookie) {
      const { actor, csrfToken } = await authenticateSession(deps, cookie);
      if (!SAFE_METHODS.has(request.method)) {
        const sent = request.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !sameSecret(sent, csrfToken)) {
          throw new AppError('CSRF_FAILED', `Send the session's CSRF token in the ${CSRF_HEADER} header.`);
        }
      }
      request.actor = actor;
      request.csrfToken = csrfToken;
      return;
    }
    throw new AppError('UNAUTHENTICATED', 'Sign in, or send "Authorization: Bearer <token>".');
  });
}
