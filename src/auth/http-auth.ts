import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { authenticateSyncToken, isSyncTokenSecret, type SyncTokenCaller } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { sameSecret } from '../platform/secrets.js';
import type { Actor } from './actor.js';
import { authenticateSession, authenticateToken } from './authenticate.js';
import { openWhileEnrolling } from './two-factor/policy.js';

export const SESSION_COOKIE = 'pf_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** set when the request came with a session cookie */
    csrfToken: string | null;
    /** set instead of `actor` when a route that takes them got an organization's sync token */
    syncCaller?: SyncTokenCaller;
  }
  interface FastifyContextConfig {
    /** open to anyone: sign-in, health, the OpenAPI document, webhooks with their own signatures */
    public?: boolean;
    /** also takes an organization's named-contact sync token (PUT /organizations/{id}/named-contacts only) */
    syncToken?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** what a token with the 'read' scope may send */
const READ_METHODS = new Set(['GET', 'HEAD']);
const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Authenticates the request's credential again, as it stands now: a response that outlasts its
 * request (the live stream) asks now and then whether its caller may still hear it.
 */
export function reauthenticate(deps: Deps, request: FastifyRequest): () => Promise<Actor> {
  const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) return () => authenticateToken(deps, bearer);
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) {
    return async () => {
      const { actor } = await authenticateSession(deps, cookie);
      // held to two-factor enrolment since the stream opened (the admin's rule turned on): it hears no more
      if (actor.kind === 'agent' && actor.twoFactorEnrolmentRequired) {
        throw new AppError('TWO_FACTOR_ENROLMENT_REQUIRED', 'Set up two-factor sign-in first.');
      }
      return actor;
    };
  }
  return () => Promise.reject(new AppError('UNAUTHENTICATED', 'Sign in, or send "Authorization: Bearer <token>".'));
}

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
      const match = BEARER.exec(header);
      if (!match) throw new AppError('UNAUTHENTICATED', 'Use "Authorization: Bearer <token>".');
      // a sync token opens its one route and nothing else; it never becomes an actor
      if (isSyncTokenSecret(match[1] as string)) {
        if (!request.routeOptions.config?.syncToken) {
          throw new AppError('TOKEN_SCOPE', "A sync token only sends an organization's named contacts.");
        }
        request.syncCaller = await authenticateSyncToken(deps, match[1] as string);
        return;
      }
      const actor = await authenticateToken(deps, match[1] as string);
      if (actor.kind === 'agent' && actor.tokenScope === 'read' && !READ_METHODS.has(request.method)) {
        throw new AppError('TOKEN_SCOPE', 'This API token may only read (GET); make a write token for changes.');
      }
      request.actor = actor;
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
      if (actor.kind === 'agent' && actor.twoFactorEnrolmentRequired && !openWhileEnrolling(request.routeOptions.url)) {
        throw new AppError(
          'TWO_FACTOR_ENROLMENT_REQUIRED',
          'This desk requires two-factor sign-in: set up an authenticator app first (POST /api/v1/me/totp).',
        );
      }
      request.actor = actor;
      request.csrfToken = csrfToken;
      return;
    }
    throw new AppError('UNAUTHENTICATED', 'Sign in, or send "Authorization: Bearer <token>".');
  });
}
