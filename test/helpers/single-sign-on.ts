import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { auditEvents } from '../../src/audit/tables.js';
import { findAgentByEmail } from '../../src/people/index.js';
import { createTestDesk, type TestDesk } from './build-app.js';

// What the single sign-on tests (OpenID Connect, SAML) ask of the desk after the provider sent the
// browser back: whose session started, or that it ended on the sign-in page; and the audit trail.

/** Each sign-in from an address of its own: the sign-in routes are rate limited per address. */
export function addresses(prefix: string): () => string {
  let n = 0;
  return () => {
    n++;
    return `${prefix}.${Math.floor(n / 250)}.${n % 250}`;
  };
}

/** Where a sign-in may send the browser back to, and where it does: the desk's paths, never elsewhere. */
const RETURN_PATHS: [string, string][] = [
  ['/tickets/12?tab=sla#latest', '/tickets/12?tab=sla#latest'],
  ['//evil.example', '/'],
  ['https://evil.example', '/'],
  ['/\\evil.example', '/'],
  ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
  ['javascript:alert(1)', '/'],
];

/**
 * On a desk without single sign-on: the sign-in page is told so, and the start path leads back to it
 * with the reason. `also` asks the plain desk more before it closes.
 */
export async function expectNotConfigured(startPath: string, also?: (plain: TestDesk) => Promise<void>) {
  const plain = await createTestDesk();
  try {
    const methods = await plain.app.inject({ method: 'GET', url: '/api/v1/auth/methods' });
    expect(methods.statusCode).toBe(200);
    expect(methods.json()).toEqual({ oidc: false, saml: false, password: true });
    const start = await plain.app.inject({ method: 'GET', url: startPath });
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe('http://localhost:8080/?sso_error=SSO_NOT_CONFIGURED');
    await also?.(plain);
  } finally {
    await plain.close();
  }
}

export function signInChecks(deskOf: () => TestDesk, base: string) {
  const nextAddress = addresses('10.7');

  /** GET the start path as a new browser: the redirect to the provider, and the cookie that binds it. */
  async function startSignIn(startPath: string, cookieName: string, returnTo?: string) {
    const remoteAddress = nextAddress();
    const res = await deskOf().app.inject({
      method: 'GET',
      url: returnTo === undefined ? startPath : `${startPath}?returnTo=${encodeURIComponent(returnTo)}`,
      remoteAddress,
    });
    expect(res.statusCode, res.body).toBe(302);
    const cookie = res.cookies.find((c) => c.name === cookieName)?.value;
    expect(cookie).toBeTruthy();
    return { location: String(res.headers.location), cookie: cookie as string, remoteAddress };
  }

  /** The first sign-in made the agent, with this role, and the audit trail says who signed in how. */
  async function expectNewAgent(
    res: LightMyRequestResponse,
    want: { email: string; name: string | undefined; role: string; data: Record<string, unknown> },
  ) {
    expect(res.statusCode, `${want.email}: ${res.headers.location}`).toBe(303);
    expect(res.headers.location).toBe(`${base}/`);
    expect(sessionCookie(res)).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const actor = await whoAmI(res);
    expect(actor).toMatchObject({ kind: 'agent', role: want.role });
    const agent = await findAgentByEmail(deskOf().deps.db, want.email);
    expect(agent).toMatchObject({ id: actor.agentId, role: want.role, active: true, passwordHash: null });
    expect(agent?.name).toBe(want.name);
    expect(await auditOf('agent.created', agent?.id)).toHaveLength(1);
    const signedIn = await auditOf('agent.signed-in', agent?.id);
    expect(signedIn).toHaveLength(1);
    expect(signedIn[0]).toMatchObject({ actorKind: 'agent', actorId: agent?.id, data: want.data });
    return actor;
  }

  /** An admin deactivates the agent. */
  async function deactivate(agentId: string) {
    const desk = deskOf();
    const off = await desk.as(desk.adminToken, {
      method: 'PATCH',
      url: `/api/v1/agents/${agentId}`,
      payload: { active: false },
    });
    expect(off.statusCode, off.body).toBe(200);
  }

  /** Single sign-on changed the agent's role through these, one step at a time, and said so. */
  async function expectRoleChanges(agentId: string, roles: string[]) {
    const changes = await auditOf('agent.updated', agentId);
    expect(changes.map((e) => [e.actorName, e.data])).toEqual(
      roles.slice(1).map((to, i) => ['Single sign-on', { changes: { role: { from: roles[i], to } } }]),
    );
  }

  /** Signing in with each return path lands on the desk's path, or the inbox. */
  async function expectSafeReturns(signInWith: (returnTo: string) => Promise<LightMyRequestResponse>) {
    for (const [returnTo, landing] of RETURN_PATHS) {
      const res = await signInWith(returnTo);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location, returnTo).toBe(`${base}${landing}`);
      expect(new URL(String(res.headers.location)).origin).toBe(base);
    }
  }

  const sessionCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'pf_session' && c.value);

  /** Who the session that was started belongs to, as the desk sees it. */
  async function whoAmI(res: LightMyRequestResponse) {
    const cookie = sessionCookie(res);
    expect(cookie, `a session cookie (the desk answered ${res.statusCode} ${res.headers.location})`).toBeDefined();
    const me = await deskOf().app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { cookie: `pf_session=${cookie?.value}` },
    });
    expect(me.statusCode, me.body).toBe(200);
    return me.json().actor as { kind: string; agentId: string; role: string; name: string };
  }

  /** The sign-in page with the code the page explains, and no session. */
  function expectRefused(res: LightMyRequestResponse, code: string) {
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`${base}/?sso_error=${code}`);
    expect(sessionCookie(res)).toBeUndefined();
    // a page, never an error body or a stack trace
    expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
  }

  async function auditOf(action: string, entityId?: string) {
    return deskOf()
      .deps.db.select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), entityId ? eq(auditEvents.entityId, entityId) : undefined))
      .orderBy(auditEvents.id);
  }

  async function lastFailure() {
    const rows = await auditOf('agent.sign-in-failed');
    return rows.at(-1)?.data as { method: string; code: string; reason: string; subject?: string } | undefined;
  }

  return {
    sessionCookie,
    whoAmI,
    expectRefused,
    auditOf,
    lastFailure,
    startSignIn,
    expectNewAgent,
    expectRoleChanges,
    expectSafeReturns,
    deactivate,
  };
}
