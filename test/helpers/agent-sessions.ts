import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { SYSTEM } from '../../src/auth/actor.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { createAgent } from '../../src/people/index.js';
import type { TestDesk } from './build-app.js';
import { addresses } from './single-sign-on.js';

// Agents signing in through the HTTP API with a password, as the browser does, for the tests of the
// agent's own settings (profile, two-factor, passkeys).

export const PASSWORD = 'correct horse battery staple';

export interface Session {
  cookie: string;
  csrf: string;
}

/** The session cookie and CSRF token a successful sign-in answers with. */
export function sessionOf(res: LightMyRequestResponse): Session {
  const cookie = res.cookies.find((c) => c.name === 'pf_session');
  expect(cookie, `a session cookie: ${res.body}`).toBeDefined();
  return { cookie: `pf_session=${cookie?.value}`, csrf: res.json().csrfToken };
}

/**
 * Requests to the desk (given late: tests build it in beforeAll), each from an address of its own
 * under addressPrefix ("10.77"): the per-address limits are not what these tests are about.
 */
export function agentSessions(desk: () => TestDesk, addressPrefix: string) {
  const nextAddress = addresses(addressPrefix);

  function inject(options: InjectOptions) {
    return desk().app.inject({ remoteAddress: nextAddress(), ...options });
  }

  /** A new agent with PASSWORD; their email. */
  async function agentNamed(name: string, role: 'agent' | 'lead' | 'admin' = 'agent'): Promise<string> {
    const email = `${name}@desk.example`;
    await createAgent(desk().deps, SYSTEM, {
      email,
      name,
      role,
      timeZone: 'Europe/Lisbon',
      passwordHash: await hashPassword(PASSWORD),
    });
    return email;
  }

  function signIn(email: string, password = PASSWORD, userAgent?: string) {
    return inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      ...(userAgent ? { headers: { 'user-agent': userAgent } } : {}),
      payload: { email, password },
    });
  }

  /** Signed in with the password and no second factor asked for. */
  async function signedIn(email: string, userAgent?: string): Promise<Session> {
    const res = await signIn(email, PASSWORD, userAgent);
    expect(res.statusCode, res.body).toBe(200);
    return sessionOf(res);
  }

  /** A request in the session, with its CSRF token. */
  function call(session: Session, method: InjectOptions['method'], url: string, payload?: object) {
    return inject({
      method,
      url,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
      ...(payload ? { payload } : {}),
    });
  }

  return { inject, agentNamed, signIn, signedIn, call };
}
