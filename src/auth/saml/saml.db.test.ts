import { inflateRawSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../../test/helpers/build-app.js';
import { encodeSaml, type SamlAsk, startSamlIdp, type TestSamlIdp } from '../../../test/helpers/saml-idp.js';
import { addresses, expectNotConfigured, signInChecks } from '../../../test/helpers/single-sign-on.js';
import { createAgent, findAgentByEmail } from '../../people/index.js';
import { SYSTEM } from '../actor.js';
import { sessions } from '../tables.js';
import { samlRequests } from './tables.js';

// Agents' single sign-on with SAML 2.0 against a real identity provider on loopback (test/helpers/
// saml-idp.ts): it reads the desk's AuthnRequest, people log in on its page, and it signs a real
// Response. Then everything an attacker could do with a Response (strip or forge the signature, wrap
// a second assertion around the signed one, replay it, aim it at another audience or recipient,
// present it late or unasked) is done to see it refused.

const DESK = 'http://desk.test';
const ACS = `${DESK}/auth/saml/acs`;
let idp: TestSamlIdp;
let desk: TestDesk;
const sso = signInChecks(() => desk, DESK);
const nextAddress = addresses('10.8');

beforeAll(async () => {
  idp = await startSamlIdp();
  idp.registerAcs(ACS);
  desk = await createTestDesk({
    env: {
      PUBLIC_URL: DESK,
      SAML_IDP_SSO_URL: idp.ssoUrl,
      SAML_IDP_ENTITY_ID: idp.entityId,
      SAML_IDP_CERT: idp.cert,
      SAML_ADMIN_GROUPS: 'desk-admins',
      SAML_LEAD_GROUPS: 'support-leads, tier-3',
    },
  });
});
afterAll(async () => {
  await desk?.close();
  await idp?.close();
});

/** A browser starts a sign-in: the AuthnRequest the IdP gets, and the cookie that binds the browser. */
async function begin(returnTo?: string) {
  const { location, cookie, remoteAddress } = await sso.startSignIn('/auth/saml', 'pf_saml', returnTo);
  return { redirectUrl: location, ask: idp.readRequest(location), cookie, remoteAddress };
}

/** What the IdP's auto-submitting form posts to the ACS, from the browser that started (its cookie) or another. */
function post(form: Record<string, string>, browser: { cookie?: string; remoteAddress?: string } = {}) {
  return desk.app.inject({
    method: 'POST',
    url: '/auth/saml/acs',
    remoteAddress: browser.remoteAddress ?? nextAddress(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(browser.cookie ? { cookie: `pf_saml=${browser.cookie}` } : {}),
    },
    payload: new URLSearchParams(form).toString(),
  });
}

async function signInAs(login: string, returnTo?: string) {
  const started = await begin(returnTo);
  const form = await idp.signIn(started.redirectUrl, login);
  expect(form.acs).toBe(ACS);
  return post({ SAMLResponse: form.SAMLResponse, RelayState: form.RelayState }, started);
}

/** Posts a Response the test made (broken in some way) for a request the desk really sent. */
async function answerWith(make: (ask: SamlAsk) => string) {
  const started = await begin();
  return post({ SAMLResponse: encodeSaml(make(started.ask)) }, started);
}

describe('SAML single sign-on for agents', () => {
  it('sends an AuthnRequest by HTTP-Redirect, kept server-side, with the return path as RelayState', async () => {
    const res = await desk.app.inject({ method: 'GET', url: '/auth/saml', remoteAddress: nextAddress() });
    expect(res.cookies.find((c) => c.name === 'pf_saml')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/auth/saml',
      maxAge: 600,
    });
    const { redirectUrl, ask, cookie } = await begin('/tickets/12');
    expect(redirectUrl).not.toContain(cookie);
    const to = new URL(redirectUrl);
    expect(`${to.origin}${to.pathname}`).toBe(idp.ssoUrl);
    expect(to.searchParams.get('RelayState')).toBe('/tickets/12');
    const request = inflateRawSync(Buffer.from(to.searchParams.get('SAMLRequest') ?? '', 'base64')).toString();
    expect(request).toContain('AuthnRequest');
    expect(ask).toMatchObject({ acs: ACS, sp: `${DESK}/auth/saml/metadata` });
    expect(ask.id).toMatch(/^_[0-9a-f]{40}$/);
    const [kept] = await desk.deps.db.select().from(samlRequests).where(eq(samlRequests.id, ask.id));
    expect(kept).toMatchObject({ returnTo: '/tickets/12' });
    expect(kept?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
  });

  it('publishes its SP metadata: entity ID, the ACS, and that assertions must be signed', async () => {
    const res = await desk.app.inject({ method: 'GET', url: '/auth/saml/metadata', remoteAddress: nextAddress() });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/samlmetadata+xml');
    expect(res.body).toContain(`entityID="${DESK}/auth/saml/metadata"`);
    expect(res.body).toMatch(/WantAssertionsSigned="true"/);
    expect(res.body).toContain(`Location="${ACS}"`);
    const methods = await desk.app.inject({ method: 'GET', url: '/api/v1/auth/methods' });
    expect(methods.json()).toMatchObject({ saml: true, password: true });
  });

  it('creates each new agent at the first sign-in, with the role their groups give', async () => {
    idp.accounts.set('ada', {
      nameId: 'id-ada',
      email: 'Ada@Desk.example',
      name: 'Ada Admin',
      groups: ['staff', 'desk-admins'],
    });
    idp.accounts.set('lee', { nameId: 'id-lee', email: 'lee@desk.example', name: 'Lee Lead', groups: ['tier-3'] });
    idp.accounts.set('sam', { nameId: 'id-sam', email: 'sam@desk.example', name: 'Sam Agent', groups: ['staff'] });
    for (const [login, role, email] of [
      ['ada', 'admin', 'ada@desk.example'],
      ['lee', 'lead', 'lee@desk.example'],
      ['sam', 'agent', 'sam@desk.example'],
    ] as const) {
      const actor = await sso.expectNewAgent(await signInAs(login), {
        email,
        name: idp.accounts.get(login)?.name,
        role,
        data: { method: 'saml', issuer: idp.entityId, subject: `id-${login}` },
      });
      // a single sign-on session: the desk's two-factor rule does not hold it
      const rows = await desk.deps.db.select().from(sessions).where(eq(sessions.agentId, actor.agentId));
      expect(rows.map((s) => s.via)).toEqual(['sso']);
    }
  });

  it('changes the role when the groups change, and the audit trail says so', async () => {
    idp.accounts.set('max', { nameId: 'id-max', email: 'max@desk.example', name: 'Max', groups: ['staff'] });
    const first = await sso.whoAmI(await signInAs('max'));
    expect(first.role).toBe('agent');
    idp.accounts.set('max', { nameId: 'id-max', email: 'max@desk.example', name: 'Max', groups: ['support-leads'] });
    expect(await sso.whoAmI(await signInAs('max'))).toMatchObject({ agentId: first.agentId, role: 'lead' });
    idp.accounts.set('max', { nameId: 'id-max', email: 'max@desk.example', name: 'Max', groups: [] });
    expect(await sso.whoAmI(await signInAs('max'))).toMatchObject({ agentId: first.agentId, role: 'agent' });
    await sso.expectRoleChanges(first.agentId, ['agent', 'lead', 'agent']);
  });

  it('knows people by their NameID after the first sign-in, not by email', async () => {
    idp.accounts.set('kim', { nameId: 'id-kim', email: 'kim@desk.example', name: 'Kim', groups: [] });
    const kim = await sso.whoAmI(await signInAs('kim'));
    idp.accounts.set('kim', { nameId: 'id-kim', email: 'kim.new@desk.example', name: 'Kim', groups: [] });
    expect((await sso.whoAmI(await signInAs('kim'))).agentId).toBe(kim.agentId);
    // someone else now has kim@ at the identity provider: they do not become Kim
    idp.accounts.set('kim-2', {
      nameId: 'id-kim-2',
      email: 'kim@desk.example',
      name: 'Not Kim',
      groups: ['desk-admins'],
    });
    sso.expectRefused(await signInAs('kim-2'), 'SSO_EMAIL_UNVERIFIED');
    expect(await sso.lastFailure()).toMatchObject({ method: 'saml', subject: 'id-kim-2' });
  });

  it('does not hand an agent who existed before SAML to whoever has their email (SAML_LINK_BY_EMAIL off)', async () => {
    await createAgent(desk.deps, SYSTEM, { email: 'boss@desk.example', name: 'Boss', role: 'admin', timeZone: 'UTC' });
    idp.accounts.set('mallory', { nameId: 'id-mallory', email: 'BOSS@desk.example', groups: ['desk-admins'] });
    sso.expectRefused(await signInAs('mallory'), 'SSO_EMAIL_UNVERIFIED');
    expect((await sso.lastFailure())?.reason).toMatch(
      /SAML_LINK_BY_EMAIL is off, and the agent boss@desk.example exists/,
    );
  });

  it('refuses an agent an admin deactivated, with no session, and audits it', async () => {
    idp.accounts.set('dee', { nameId: 'id-dee', email: 'dee@desk.example', name: 'Dee', groups: [] });
    const dee = await sso.whoAmI(await signInAs('dee'));
    await sso.deactivate(dee.agentId);
    sso.expectRefused(await signInAs('dee'), 'SSO_AGENT_DEACTIVATED');
    const failures = await sso.auditOf('agent.sign-in-failed', dee.agentId);
    expect(failures.map((f) => f.data)).toEqual([
      expect.objectContaining({ method: 'saml', code: 'SSO_AGENT_DEACTIVATED', subject: 'id-dee' }),
    ]);
  });

  it('refuses an unsigned assertion, even in a signed Response', async () => {
    idp.accounts.set('una', { nameId: 'id-una', email: 'una@desk.example', groups: ['desk-admins'] });
    sso.expectRefused(await answerWith((ask) => idp.issue(ask, 'una', { sign: 'none' })), 'SSO_FAILED');
    expect(await sso.lastFailure()).toMatchObject({ method: 'saml', code: 'SSO_FAILED' });
    sso.expectRefused(await answerWith((ask) => idp.issue(ask, 'una', { sign: 'response' })), 'SSO_FAILED');
    expect((await sso.lastFailure())?.reason).toMatch(/signature/i);
    expect(await findAgentByEmail(desk.deps.db, 'una@desk.example')).toBeUndefined();
  });

  it('refuses an assertion signed by another key than the identity provider’s', async () => {
    idp.accounts.set('eve', { nameId: 'id-eve', email: 'eve@desk.example', groups: ['desk-admins'] });
    sso.expectRefused(await answerWith((ask) => idp.issue(ask, 'eve', { key: 'other' })), 'SSO_FAILED');
    expect((await sso.lastFailure())?.reason).toMatch(/signature/i);
    sso.expectRefused(await answerWith((ask) => idp.issue(ask, 'eve', { key: 'other', sign: 'both' })), 'SSO_FAILED');
    expect(await findAgentByEmail(desk.deps.db, 'eve@desk.example')).toBeUndefined();
  });

  it('refuses signature wrapping: a second, unsigned assertion, or the signed one moved aside', async () => {
    // Walt is a plain agent with a real signed assertion; the attacker wants to be an admin
    idp.accounts.set('walt', { nameId: 'id-walt', email: 'walt@desk.example', groups: [] });
    idp.accounts.set('evil', { nameId: 'id-evil', email: 'evil@desk.example', groups: ['desk-admins'] });
    const assertionOf = (xml: string) => /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)?.[0] as string;

    // 1. the signed assertion stays, an unsigned one is added after it
    sso.expectRefused(
      await answerWith((ask) => {
        const real = idp.issue(ask, 'walt');
        const forged = assertionOf(idp.issue(ask, 'evil', { sign: 'none' }));
        return real.replace('</samlp:Response>', `${forged}</samlp:Response>`);
      }),
      'SSO_FAILED',
    );
    expect((await sso.lastFailure())?.reason).toMatch(/multiple assertions/);

    // 2. the forged assertion takes the signed one's place (and its ID); the signed one is moved into
    // Extensions, where its signature still verifies
    sso.expectRefused(
      await answerWith((ask) => {
        const real = idp.issue(ask, 'walt');
        const signed = assertionOf(real);
        const id = /ID="([^"]+)"/.exec(signed)?.[1] as string;
        const forged = assertionOf(idp.issue(ask, 'evil', { sign: 'none' })).replace(/ID="[^"]+"/, `ID="${id}"`);
        return real
          .replace(signed, forged)
          .replace('<samlp:Status>', `<samlp:Extensions>${signed}</samlp:Extensions><samlp:Status>`);
      }),
      'SSO_FAILED',
    );
    expect((await sso.lastFailure())?.reason).toMatch(/signature/i);

    // 3. the forged assertion wraps the signed one
    sso.expectRefused(
      await answerWith((ask) => {
        const real = idp.issue(ask, 'walt');
        const signed = assertionOf(real);
        const forged = assertionOf(idp.issue(ask, 'evil', { sign: 'none' }));
        return real.replace(signed, forged.replace('</saml:Assertion>', `${signed}</saml:Assertion>`));
      }),
      'SSO_FAILED',
    );
    expect(await findAgentByEmail(desk.deps.db, 'evil@desk.example')).toBeUndefined();
  });

  it('refuses a replayed Response: each request is answered once', async () => {
    idp.accounts.set('rob', { nameId: 'id-rob', email: 'rob@desk.example', groups: [] });
    const started = await begin();
    const form = await idp.signIn(started.redirectUrl, 'rob');
    const rob = await sso.whoAmI(await post({ SAMLResponse: form.SAMLResponse, RelayState: form.RelayState }, started));
    const failures = (await sso.auditOf('agent.sign-in-failed')).length;
    sso.expectRefused(
      await post({ SAMLResponse: form.SAMLResponse, RelayState: form.RelayState }, started),
      'SSO_FAILED',
    );
    sso.expectRefused(await post({ SAMLResponse: form.SAMLResponse }), 'SSO_FAILED');
    expect(await sso.auditOf('agent.signed-in', rob.agentId)).toHaveLength(1);
    // answers to no request of ours are only logged: strangers could otherwise fill the audit table
    expect(await sso.auditOf('agent.sign-in-failed')).toHaveLength(failures);
  });

  it('refuses a Response posted from another browser than the one that started (login CSRF)', async () => {
    // the attacker signs in as themselves and has the victim's browser post their Response
    idp.accounts.set('mia', { nameId: 'id-mia', email: 'mia@desk.example', groups: [] });
    const attacker = await begin();
    const form = await idp.signIn(attacker.redirectUrl, 'mia');
    const victim = await begin();
    sso.expectRefused(await post({ SAMLResponse: form.SAMLResponse }, { cookie: victim.cookie }), 'SSO_FAILED');
    sso.expectRefused(await post({ SAMLResponse: form.SAMLResponse }), 'SSO_FAILED');
    expect(await findAgentByEmail(desk.deps.db, 'mia@desk.example')).toBeUndefined();
    // the request was not used up by the strangers: the attacker's own browser still could
    await sso.whoAmI(await post({ SAMLResponse: form.SAMLResponse }, attacker));
  });

  it('refuses an answer to a request it never sent, or to none (IdP-initiated)', async () => {
    idp.accounts.set('ian', { nameId: 'id-ian', email: 'ian@desk.example', groups: ['desk-admins'] });
    const unknown: SamlAsk = { id: '_made-up-request', acs: ACS, sp: `${DESK}/auth/saml/metadata`, relayState: null };
    const browser = await begin();
    sso.expectRefused(await post({ SAMLResponse: encodeSaml(idp.issue(unknown, 'ian')) }, browser), 'SSO_FAILED');
    sso.expectRefused(
      await post({ SAMLResponse: encodeSaml(idp.issue(unknown, 'ian', { inResponseTo: null })) }, browser),
      'SSO_FAILED',
    );
    // nor does a real request make an unasked assertion good, put in a Response that names it
    sso.expectRefused(await answerWith((ask) => idp.issue(ask, 'ian', { subjectInResponseTo: null })), 'SSO_FAILED');
    expect((await sso.lastFailure())?.reason).toMatch(/does not answer this request/);
    sso.expectRefused(await answerWith((ask) => idp.issue(ask, 'ian', { inResponseTo: null })), 'SSO_FAILED');
    expect(await findAgentByEmail(desk.deps.db, 'ian@desk.example')).toBeUndefined();
  });

  it('refuses a wrong audience, recipient, destination or issuer, and an expired assertion', async () => {
    idp.accounts.set('ava', { nameId: 'id-ava', email: 'ava@desk.example', groups: [] });
    const cases: [string, (ask: SamlAsk) => string, RegExp][] = [
      ['audience', (ask) => idp.issue(ask, 'ava', { audience: 'https://other-sp.example/metadata' }), /audience/i],
      ['recipient', (ask) => idp.issue(ask, 'ava', { recipient: 'https://other-sp.example/acs' }), /Recipient/],
      ['destination', (ask) => idp.issue(ask, 'ava', { destination: 'https://other-sp.example/acs' }), /Destination/],
      ['issuer', (ask) => idp.issue(ask, 'ava', { issuer: 'https://other-idp.example' }), /Issuer/],
      ['expired', (ask) => idp.issue(ask, 'ava', { validForSeconds: -300 }), /expired|valid/i],
    ];
    for (const [what, make, reason] of cases) {
      sso.expectRefused(await answerWith(make), 'SSO_FAILED');
      expect((await sso.lastFailure())?.reason, what).toMatch(reason);
    }
    expect(await findAgentByEmail(desk.deps.db, 'ava@desk.example')).toBeUndefined();
  });

  it('refuses a Response with a DOCTYPE, one over the size limit, and a form without one', async () => {
    idp.accounts.set('bob', { nameId: 'id-bob', email: 'bob@desk.example', groups: [] });
    // refused before the XML is parsed, so before the request it names is looked up (only logged)
    const failures = (await sso.auditOf('agent.sign-in-failed')).length;
    sso.expectRefused(
      await answerWith((ask) => `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]>${idp.issue(ask, 'bob')}`),
      'SSO_FAILED',
    );
    expect(await sso.auditOf('agent.sign-in-failed')).toHaveLength(failures);
    expect(await findAgentByEmail(desk.deps.db, 'bob@desk.example')).toBeUndefined();
    sso.expectRefused(await post({ SAMLResponse: 'A'.repeat(300 * 1024) }), 'SSO_FAILED');
    sso.expectRefused(await post({}), 'SSO_FAILED');
    const huge = await post({ SAMLResponse: 'A'.repeat(600 * 1024) });
    expect(huge.statusCode).toBe(413);
  });

  it('returns to a path on the desk, and to the inbox for anything else', async () => {
    idp.accounts.set('ray', { nameId: 'id-ray', email: 'ray@desk.example', groups: [] });
    await sso.expectSafeReturns((returnTo) => signInAs('ray', returnTo));
    // the RelayState coming back is not believed: the request's own return path is
    const started = await begin('/tickets/3');
    const form = await idp.signIn(started.redirectUrl, 'ray');
    const res = await post({ SAMLResponse: form.SAMLResponse, RelayState: 'https://evil.example' }, started);
    expect(res.headers.location).toBe(`${DESK}/tickets/3`);
  });
});

describe('a desk without SAML', () => {
  it('says so to the sign-in page, and /auth/saml leads back to it with the reason', async () => {
    await expectNotConfigured('/auth/saml', async (plain) => {
      const metadata = await plain.app.inject({ method: 'GET', url: '/auth/saml/metadata' });
      expect(metadata.statusCode).toBe(404);
    });
  });
});
