import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../../test/helpers/build-app.js';
import { startOidcProvider, type TestOidcProvider } from '../../../test/helpers/oidc-provider.js';
import { auditEvents } from '../../audit/tables.js';
import { listOutboundMail } from '../../mail/outbox-store.js';
import { findContactByEmail } from '../../people/index.js';
import { DeskSecret } from '../../platform/desk-secret.js';
import { CREDENTIAL_RESEALS } from '../../runtime.js';
import { createContactSignInLink } from '../sessions.js';
import { resealOrganizationSsoSecrets } from './reseal-secrets.js';
import { organizationSso } from './tables.js';

// Organizations' own single sign-on for their contacts, against two real OpenID providers on
// loopback (oidc-provider), one for each organization. Each provider is run by its organization's
// admins, so the attacks come from there too: a provider claiming someone else's address, an agent's,
// an address at a domain its organization does not own; and from the browser: another organization's
// callback, a changed state, a replayed callback, an unverified address.

const DESK = 'http://desk.test';
const KEY = `organization-sso-test-key-${randomBytes(8).toString('hex')}`;
let desk: TestDesk;
let acme: { id: string; op: TestOidcProvider };
let globex: { id: string; op: TestOidcProvider };
let acmeContactId: string;

async function organization(name: string, domains: string[]) {
  const res = await desk.as(desk.adminToken, {
    method: 'POST',
    url: '/api/v1/organizations',
    payload: { name, plan: 'enterprise', shareTickets: true },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const patched = await desk.as(desk.adminToken, {
    method: 'PATCH',
    url: `/api/v1/organizations/${id}`,
    payload: { emailDomains: domains },
  });
  expect(patched.statusCode, patched.body).toBe(200);
  return id;
}

const callbackOf = (organizationId: string) => `${DESK}/auth/organization-sso/${organizationId}/callback`;

function configure(organizationId: string, op: TestOidcProvider, required: boolean, token = desk.adminToken) {
  return desk.as(token, {
    method: 'PUT',
    url: `/api/v1/organizations/${organizationId}/sso`,
    payload: { issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret, required },
  });
}

beforeAll(async () => {
  desk = await createTestDesk({ env: { PUBLIC_URL: DESK, SECRET_KEY: KEY } });
  const acmeId = await organization('Acme', ['acme.example']);
  const globexId = await organization('Globex', ['globex.example']);
  acme = { id: acmeId, op: await startOidcProvider({ redirectUri: callbackOf(acmeId) }) };
  globex = { id: globexId, op: await startOidcProvider({ redirectUri: callbackOf(globexId) }) };
  expect((await configure(acme.id, acme.op, true)).statusCode).toBe(200);
  expect((await configure(globex.id, globex.op, false)).statusCode).toBe(200);
  // an Acme contact who writes from a free-mail address, filed under Acme by a lead
  const contact = await desk.contactIn(acme.id, 'wile@gmail.com');
  acmeContactId = contact.contactId;
  await desk.contactIn(globex.id, 'hank@globex.example');
  await desk.agentTokenFor('agent.smith@desk.example', 'agent');
});
afterAll(async () => {
  await desk?.close();
  await acme?.op.close();
  await globex?.op.close();
});

let addresses = 0;
/** each sign-in from an address of its own: the routes are rate limited per address */
const nextAddress = () => `10.8.${Math.floor(++addresses / 250)}.${addresses % 250}`;

interface Attempt {
  authorizationUrl: string;
  cookie: string;
  remoteAddress: string;
}

async function begin(organizationId: string): Promise<Attempt> {
  const remoteAddress = nextAddress();
  const res = await desk.app.inject({ method: 'GET', url: `/auth/organization-sso/${organizationId}`, remoteAddress });
  expect(res.statusCode, res.body).toBe(302);
  const cookie = res.cookies.find((c) => c.name === 'pf_org_sso');
  expect(cookie?.value).toBeTruthy();
  return { authorizationUrl: String(res.headers.location), cookie: cookie?.value as string, remoteAddress };
}

function callback(back: URL, attempt: { cookie?: string; remoteAddress: string }, path = back.pathname) {
  return desk.app.inject({
    method: 'GET',
    url: `${path}${back.search}`,
    remoteAddress: attempt.remoteAddress,
    headers: attempt.cookie ? { cookie: `pf_org_sso=${attempt.cookie}` } : {},
  });
}

async function signInAs(org: { id: string; op: TestOidcProvider }, login: string) {
  const attempt = await begin(org.id);
  return callback(await org.op.signIn(attempt.authorizationUrl, login), attempt);
}

const sessionCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'pf_session' && c.value);

async function whoAmI(res: LightMyRequestResponse) {
  const cookie = sessionCookie(res);
  expect(cookie, `a session cookie (the callback answered ${res.statusCode} ${res.headers.location})`).toBeDefined();
  const me = await desk.app.inject({
    method: 'GET',
    url: '/api/v1/auth/session',
    headers: { cookie: `pf_session=${cookie?.value}` },
  });
  expect(me.statusCode, me.body).toBe(200);
  return me.json().actor as { kind: string; contactId: string; email: string; organizationId: string | null };
}

function expectRefused(res: LightMyRequestResponse, code: string) {
  expect(res.statusCode, res.body).toBe(303);
  expect(res.headers.location).toBe(`${DESK}/portal?sso_error=${code}`);
  expect(sessionCookie(res)).toBeUndefined();
}

/** The desk's audit rows of this action (about this entity), oldest first. */
async function auditOf(action: string, entityId?: string) {
  const rows = await desk.deps.db.select().from(auditEvents).where(eq(auditEvents.action, action));
  return rows
    .filter((e) => entityId === undefined || e.entityId === entityId)
    .sort((a, b) => Number(a.id) - Number(b.id));
}

async function lastFailure() {
  const rows = await auditOf('contact.sign-in-failed');
  return rows.at(-1)?.data as { code: string; reason: string; organizationId: string; email?: string } | undefined;
}

describe('an admin sets up an organization’s sign-in', () => {
  it('keeps the client secret sealed and never shows it; the audit log has the change', async () => {
    const res = await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/organizations/${acme.id}/sso` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      configured: true,
      redirectUri: callbackOf(acme.id),
      issuer: acme.op.issuer,
      clientId: acme.op.clientId,
      clientSecretSet: true,
      required: true,
    });
    expect(res.body).not.toContain(acme.op.clientSecret);
    const [row] = await desk.deps.db.select().from(organizationSso).where(eq(organizationSso.organizationId, acme.id));
    expect(row?.clientSecretSealed).not.toContain(acme.op.clientSecret);
    expect(desk.deps.secret.decrypt(row?.clientSecretSealed as string)).toBe(acme.op.clientSecret);
    const [configured] = await auditOf('organization.sso-configured', acme.id);
    expect(configured?.data).toMatchObject({ issuer: acme.op.issuer, required: true, clientSecretChanged: true });
    expect(JSON.stringify(configured?.data)).not.toContain(acme.op.clientSecret);
    const log = await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/audit-events?category=settings' });
    expect(log.json().items.map((e: { action: string }) => e.action)).toContain('organization.sso-configured');
  });

  it('refuses an issuer that does not answer discovery, with a 422 and a stable code', async () => {
    const scratch = await organization('Scratch', []);
    for (const issuer of ['http://127.0.0.1:9/', `${acme.op.issuer}/not-an-issuer`, 'ftp://login.example']) {
      const res = await desk.as(desk.adminToken, {
        method: 'PUT',
        url: `/api/v1/organizations/${scratch}/sso`,
        payload: { issuer, clientId: 'desk', clientSecret: 'x', required: false },
      });
      expect(res.statusCode, `${issuer}: ${res.body}`).toBe(422);
      expect(res.json().error.code).toBe('SSO_PROVIDER_INVALID');
    }
    const none = await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/organizations/${scratch}/sso` });
    expect(none.json()).toMatchObject({ configured: false, clientSecretSet: false });
  });

  it('is an admin’s: a lead may neither read nor change it', async () => {
    const lead = await desk.agentToken('lead');
    expect((await configure(acme.id, acme.op, false, lead)).statusCode).toBe(403);
    expect((await desk.as(lead, { method: 'GET', url: `/api/v1/organizations/${acme.id}/sso` })).statusCode).toBe(403);
    expect((await desk.as(lead, { method: 'DELETE', url: `/api/v1/organizations/${acme.id}/sso` })).statusCode).toBe(
      403,
    );
  });

  it('keeps the stored secret when a change leaves it out, and removing it is audited', async () => {
    const scratch = await organization('Initech', ['initech.example']);
    expect((await configure(scratch, acme.op, false)).statusCode).toBe(200);
    const changed = await desk.as(desk.adminToken, {
      method: 'PUT',
      url: `/api/v1/organizations/${scratch}/sso`,
      payload: { issuer: acme.op.issuer, clientId: acme.op.clientId, required: true },
    });
    expect(changed.json()).toMatchObject({ clientSecretSet: true, required: true });
    const removed = await desk.as(desk.adminToken, { method: 'DELETE', url: `/api/v1/organizations/${scratch}/sso` });
    expect(removed.statusCode).toBe(204);
    expect(await auditOf('organization.sso-removed', scratch)).toHaveLength(1);
    const start = await desk.app.inject({
      method: 'GET',
      url: `/auth/organization-sso/${scratch}`,
      remoteAddress: nextAddress(),
    });
    expect(start.headers.location).toBe(`${DESK}/portal?sso_error=SSO_NOT_CONFIGURED`);
  });

  it('`secret rotate` seals the client secrets again with the new key', async () => {
    expect(CREDENTIAL_RESEALS).toContain(resealOrganizationSsoSecrets);
    const rotated = new DeskSecret(`rotated-${KEY}`, [KEY]);
    expect(await resealOrganizationSsoSecrets(desk.deps.db, rotated)).toBeGreaterThanOrEqual(2);
    const [row] = await desk.deps.db.select().from(organizationSso).where(eq(organizationSso.organizationId, acme.id));
    expect(row?.clientSecretSealed?.startsWith(`v2.${rotated.keyId}.`)).toBe(true);
    expect(rotated.decrypt(row?.clientSecretSealed as string)).toBe(acme.op.clientSecret);
    expect(await resealOrganizationSsoSecrets(desk.deps.db, rotated)).toBe(0);
    // this desk keeps the old key: back to it, for the tests after
    await resealOrganizationSsoSecrets(desk.deps.db, new DeskSecret(KEY, [`rotated-${KEY}`]));
    expect(await resealOrganizationSsoSecrets(desk.deps.db, desk.deps.secret)).toBe(0);
  });
});

describe('the portal’s sign-in page', () => {
  const post = (url: string, email: string) =>
    desk.app.inject({ method: 'POST', url, payload: { email }, remoteAddress: nextAddress() });
  const options = (email: string) => post('/api/v1/auth/sign-in-options', email);
  const askForLink = (email: string) => post('/api/v1/auth/sign-in-link', email);

  it('offers the company sign-in by the address’s domain alone: contact or not, the same answer', async () => {
    const known = (await options('wile@acme.example')).json();
    const stranger = (await options('nobody-at-all@acme.example')).json();
    expect(known).toEqual(stranger);
    expect(known.companySignIn).toEqual({
      organizationId: acme.id,
      name: 'Acme',
      required: true,
      url: `${DESK}/auth/organization-sso/${acme.id}`,
    });
    // Wile is Acme's, but at gmail.com: the page must not tell, so it offers nothing
    expect((await options('wile@gmail.com')).json()).toEqual({ companySignIn: null });
    expect((await options('hank@globex.example')).json().companySignIn).toMatchObject({
      name: 'Globex',
      required: false,
    });
  });

  it('refuses to mail a link at a domain whose organization requires its sign-in; elsewhere, mails where to sign in', async () => {
    const refused = await askForLink('someone@acme.example');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'SSO_REQUIRED' });
    expect(refused.json().error.message).toContain('Acme');

    // Wile (Acme's, at gmail.com) gets the same 202 as anyone, and a mail with the company sign-in, no link
    const asked = await askForLink('wile@gmail.com');
    expect(asked.statusCode).toBe(202);
    const mailTo = async (address: string) =>
      (await listOutboundMail(desk.deps.db, undefined, 50)).filter((m) => m.toAddresses.includes(address));
    const mail = await mailTo('wile@gmail.com');
    expect(mail).toHaveLength(1);
    expect(mail[0]?.bodyText).toContain(`${DESK}/auth/organization-sso/${acme.id}`);
    expect(mail[0]?.bodyText).not.toContain('/auth/link');

    // Globex offers its sign-in but does not require it: links still go
    const globexLink = await askForLink('hank@globex.example');
    expect(globexLink.statusCode).toBe(202);
    const hank = await mailTo('hank@globex.example');
    expect(hank[0]?.bodyText).toContain('/auth/link?token=');
  });

  it('a link made before the organization required its sign-in no longer signs in', async () => {
    const { url } = await createContactSignInLink(desk.deps, acmeContactId);
    const token = new URL(url).searchParams.get('token');
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/redeem',
      payload: { token },
      remoteAddress: nextAddress(),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SSO_REQUIRED');
  });
});

describe('a contact signs in with their organization’s provider', () => {
  it('sends the browser to the organization’s provider with state, nonce and PKCE, bound to an attempt cookie', async () => {
    const res = await desk.app.inject({
      method: 'GET',
      url: `/auth/organization-sso/${acme.id}`,
      remoteAddress: nextAddress(),
    });
    const to = new URL(String(res.headers.location));
    expect(to.origin).toBe(acme.op.issuer);
    expect(to.searchParams.get('redirect_uri')).toBe(callbackOf(acme.id));
    expect(to.searchParams.get('state')?.length).toBeGreaterThanOrEqual(32);
    expect(to.searchParams.get('nonce')?.length).toBeGreaterThanOrEqual(32);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    const cookie = res.cookies.find((c) => c.name === 'pf_org_sso');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/auth/organization-sso', maxAge: 600 });
  });

  it('creates someone new at the organization’s domain as its contact (not a named support contact)', async () => {
    acme.op.accounts.set('road', { email: 'Road.Runner@acme.example', emailVerified: true, name: 'Road Runner' });
    const res = await signInAs(acme, 'road');
    expect(res.headers.location).toBe(`${DESK}/portal`);
    const actor = await whoAmI(res);
    expect(actor).toMatchObject({ kind: 'contact', email: 'road.runner@acme.example', organizationId: acme.id });
    const contact = await findContactByEmail(desk.deps.db, 'road.runner@acme.example');
    expect(contact).toMatchObject({ name: 'Road Runner', organizationId: acme.id, supportContact: false });
    const [created] = await auditOf('contact.created', contact?.id);
    expect(created).toMatchObject({ actorKind: 'system', actorName: 'Organization single sign-on' });
    const [signedIn] = await auditOf('contact.signed-in', contact?.id);
    expect(signedIn?.data).toMatchObject({ method: 'oidc', subject: 'road', organizationId: acme.id });
    // the session is a portal session: their organization's tickets, nothing of the agents'
    const cookie = `pf_session=${sessionCookie(res)?.value}`;
    expect((await desk.app.inject({ method: 'GET', url: '/api/v1/tickets', headers: { cookie } })).statusCode).toBe(
      200,
    );
    expect(
      (await desk.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: { cookie } })).statusCode,
    ).toBe(403);
  });

  it('links an existing contact of the organization by verified email once, then by subject', async () => {
    acme.op.accounts.set('wile', { email: 'wile@gmail.com', emailVerified: true, name: 'Wile E.' });
    const first = await whoAmI(await signInAs(acme, 'wile'));
    expect(first.contactId).toBe(acmeContactId);
    // the address changes at the provider: still Wile
    acme.op.accounts.set('wile', { email: 'wile.e@acme.example', emailVerified: true, name: 'Wile E.' });
    expect((await whoAmI(await signInAs(acme, 'wile'))).contactId).toBe(acmeContactId);
    expect(await findContactByEmail(desk.deps.db, 'wile.e@acme.example')).toBeUndefined();
    // someone else at the provider now claims wile@gmail.com: refused, Wile has his account there
    acme.op.accounts.set('wile-2', { email: 'wile@gmail.com', emailVerified: true });
    expectRefused(await signInAs(acme, 'wile-2'), 'SSO_ACCOUNT_CONFLICT');
  });

  it('files someone who wrote in before, at the organization’s domain, under the organization', async () => {
    const written = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { email: 'coyote@acme.example' },
    });
    expect(written.statusCode, written.body).toBe(201);
    acme.op.accounts.set('coyote', { email: 'coyote@acme.example', emailVerified: true });
    const actor = await whoAmI(await signInAs(acme, 'coyote'));
    expect(actor).toMatchObject({ contactId: written.json().id, organizationId: acme.id });
  });
});

describe('attacks', () => {
  it('refuses a provider that claims another organization’s contact, and audits it', async () => {
    // Globex's admins run Globex's provider: they make an account with Wile's address (Acme's)
    globex.op.accounts.set('fake-wile', { email: 'wile@gmail.com', emailVerified: true });
    expectRefused(await signInAs(globex, 'fake-wile'), 'SSO_IDENTITY_REFUSED');
    expect(await lastFailure()).toMatchObject({
      code: 'SSO_IDENTITY_REFUSED',
      organizationId: globex.id,
      email: 'wile@gmail.com',
    });
    const [row] = (await auditOf('contact.sign-in-failed', acmeContactId)).slice(-1);
    expect(row?.data).toMatchObject({ reason: expect.stringContaining('another organization') });
    // and Acme's address at Acme's domain
    globex.op.accounts.set('fake-road', { email: 'road.runner@acme.example', emailVerified: true });
    expectRefused(await signInAs(globex, 'fake-road'), 'SSO_IDENTITY_REFUSED');
  });

  it('refuses a provider that claims an agent’s address', async () => {
    globex.op.accounts.set('fake-agent', { email: 'agent.smith@desk.example', emailVerified: true });
    expectRefused(await signInAs(globex, 'fake-agent'), 'SSO_IDENTITY_REFUSED');
    expect((await lastFailure())?.reason).toContain("agent's");
  });

  it('refuses someone new at a domain the organization does not own', async () => {
    globex.op.accounts.set('new-at-acme', { email: 'brand.new@acme.example', emailVerified: true });
    expectRefused(await signInAs(globex, 'new-at-acme'), 'SSO_IDENTITY_REFUSED');
    globex.op.accounts.set('new-at-gmail', { email: 'brand.new@gmail.com', emailVerified: true });
    expectRefused(await signInAs(globex, 'new-at-gmail'), 'SSO_IDENTITY_REFUSED');
    expect(await findContactByEmail(desk.deps.db, 'brand.new@acme.example')).toBeUndefined();
    expect(await findContactByEmail(desk.deps.db, 'brand.new@gmail.com')).toBeUndefined();
    expect((await lastFailure())?.reason).toContain('not at a domain this organization owns');
  });

  it('refuses an address the provider does not say is verified', async () => {
    acme.op.accounts.set('unverified', { email: 'unverified@acme.example', emailVerified: false });
    expectRefused(await signInAs(acme, 'unverified'), 'SSO_EMAIL_UNVERIFIED');
    acme.op.accounts.set('silent', { email: 'silent@acme.example' });
    expectRefused(await signInAs(acme, 'silent'), 'SSO_EMAIL_UNVERIFIED');
    expect(await findContactByEmail(desk.deps.db, 'unverified@acme.example')).toBeUndefined();
    expect(await lastFailure()).toMatchObject({ code: 'SSO_EMAIL_UNVERIFIED' });
  });

  it('refuses an attempt of one organization finishing at another’s callback', async () => {
    globex.op.accounts.set('hank', { email: 'hank@globex.example', emailVerified: true });
    acme.op.accounts.set('road', { email: 'road.runner@acme.example', emailVerified: true });
    // Acme's attempt, Acme's answer, delivered to Globex's callback
    const acmeAttempt = await begin(acme.id);
    const acmeBack = await acme.op.signIn(acmeAttempt.authorizationUrl, 'road');
    expectRefused(await callback(acmeBack, acmeAttempt, `/auth/organization-sso/${globex.id}/callback`), 'SSO_FAILED');
    expect((await lastFailure())?.reason).toContain('started for organization');
    // Globex's attempt and answer at Acme's callback
    const globexAttempt = await begin(globex.id);
    const globexBack = await globex.op.signIn(globexAttempt.authorizationUrl, 'hank');
    expectRefused(
      await callback(globexBack, globexAttempt, `/auth/organization-sso/${acme.id}/callback`),
      'SSO_FAILED',
    );
    // nor an agents' callback: it finds no attempt of its own
    const agentsAttempt = await begin(acme.id);
    const back = await acme.op.signIn(agentsAttempt.authorizationUrl, 'road');
    const atAgents = await desk.app.inject({
      method: 'GET',
      url: `/auth/oidc/callback${back.search}`,
      remoteAddress: agentsAttempt.remoteAddress,
      headers: { cookie: `pf_oidc=${agentsAttempt.cookie}` },
    });
    expect(atAgents.statusCode).toBe(303);
    expect(sessionCookie(atAgents)).toBeUndefined();
  });

  it('refuses a changed state, a replayed callback and a callback without this browser’s attempt', async () => {
    acme.op.accounts.set('road', { email: 'road.runner@acme.example', emailVerified: true });
    const attempt = await begin(acme.id);
    const back = await acme.op.signIn(attempt.authorizationUrl, 'road');
    const tampered = new URL(back);
    tampered.searchParams.set('state', 'x'.repeat(43));
    expectRefused(await callback(tampered, attempt), 'SSO_FAILED');
    // the attempt was used up by the refused callback: the genuine answer does not work either
    expectRefused(await callback(back, attempt), 'SSO_FAILED');

    const again = await begin(acme.id);
    const answer = await acme.op.signIn(again.authorizationUrl, 'road');
    expect((await whoAmI(await callback(answer, again))).organizationId).toBe(acme.id);
    const before = (await auditOf('contact.sign-in-failed')).length;
    expectRefused(await callback(answer, again), 'SSO_FAILED');
    // another browser (no attempt cookie): nothing tried, nothing audited
    expectRefused(await callback(answer, { remoteAddress: nextAddress() }), 'SSO_FAILED');
    expect((await auditOf('contact.sign-in-failed')).length).toBe(before);
  });

  it('refuses a linked contact a lead has moved to another organization', async () => {
    acme.op.accounts.set('mover', { email: 'mover@acme.example', emailVerified: true });
    const mover = await whoAmI(await signInAs(acme, 'mover'));
    const moved = await desk.as(desk.adminToken, {
      method: 'PATCH',
      url: `/api/v1/contacts/${mover.contactId}`,
      payload: { organizationId: globex.id },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expectRefused(await signInAs(acme, 'mover'), 'SSO_IDENTITY_REFUSED');
  });
});

describe('requiring the company sign-in', () => {
  it('signs out the contacts a link signed in, and cancels their unused links', async () => {
    const hank = (await findContactByEmail(desk.deps.db, 'hank@globex.example'))?.id as string;
    const { url } = await createContactSignInLink(desk.deps, hank);
    const redeemed = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/redeem',
      payload: { token: new URL(url).searchParams.get('token') },
      remoteAddress: nextAddress(),
    });
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    const cookie = `pf_session=${sessionCookie(redeemed)?.value}`;
    const session = () => desk.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    expect((await session()).statusCode).toBe(200);
    const unused = await createContactSignInLink(desk.deps, hank);

    expect((await configure(globex.id, globex.op, true)).statusCode).toBe(200);
    expect((await session()).statusCode).toBe(401);
    const late = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/redeem',
      payload: { token: new URL(unused.url).searchParams.get('token') },
      remoteAddress: nextAddress(),
    });
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe('SIGN_IN_LINK_INVALID');
    expect(await auditOf('contact.sessions-ended', hank)).toHaveLength(1);
    // saving again while required signs nobody out
    expect((await configure(globex.id, globex.op, true)).statusCode).toBe(200);
    expect(await auditOf('contact.sessions-ended', hank)).toHaveLength(1);
    expect((await configure(globex.id, globex.op, false)).statusCode).toBe(200);
  });
});
