import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { SESSION_COOKIE } from './http-auth.js';
import type { NewSession, SessionClient } from './sessions.js';

/** The browser's session cookie, as every sign-in sets it (password, link, single sign-on). */
export function setSessionCookie(reply: FastifyReply, deps: Pick<Deps, 'config' | 'clock'>, session: NewSession) {
  reply.setCookie(SESSION_COOKIE, session.secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.publicUrl.startsWith('https:'),
    // Max-Age, not Expires: the browser counts from when it got the cookie, so a browser whose clock
    // differs from the desk's keeps the session exactly as long as the desk does
    maxAge: Math.max(0, Math.floor((session.expiresAt.getTime() - deps.clock.now().getTime()) / 1000)),
  });
}

/** What a new session keeps of the request that started it: request.ip follows TRUST_PROXY. */
export function sessionClient(request: FastifyRequest): SessionClient {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip || null, userAgent: typeof userAgent === 'string' && userAgent ? userAgent : null };
}
