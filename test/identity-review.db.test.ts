import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/auth/actor.js';
import { hashPassword } from '../src/auth/passwords.js';
import { createAgentSignInLink } from '../src/auth/sessions.js';
import { codeAt } from '../src/auth/two-factor/totp.js';
import { storeInbound } from '../src/mail/inbound/store-inbound.js';
import { createAgent, findContactByEmail } from '../src/people/index.js';
import type { Worker } from '../src/platform/jobs/worker.js';
import { scrubUrl } from '../src/platform/log.js';
import type { AppDeps } from '../src/runtime.js';
import { tickets } from '../src/tickets/tables.js';
import { createTestDesk, type TestDesk } from './helpers/build-app.js';
import { startOidcProvider, type TestOidcProvider } from './helpers/oidc-provider.js';
import { encodeSaml, startSamlIdp, type TestSamlIdp } from './helpers/saml-idp.js';
import { addresses, signInChecks } from './helpers/single-sign-on.js';

// A security review of the identity features of issue 16 (named contacts and their sync, organization
// mail domains and entitlement requests, SAML), written as an attacker would use them. Each test states
// what the desk should do; a failing one is a finding of the review (see the review's report).

const DESK = 'http://desk.test';
const ACS = `${DESK}/auth/saml/acs`;
let desk: TestDesk;
let idp: TestSamlIdp;
/** Acme's own OpenID provider for its contacts: Acme's admins run it, so it says what they like */
let acmeOp: TestOidcProvider;
let worker: Worker<AppDeps>;
let lead: string;
/** Acme's organization admin (a customer), the attacker in most tests */
let acme: { organizationId: string; contactId: string; token: string };
/** Globex owns globex.example: its people are Globex's to name */
let globex: { organizationId: string; contactId: string; token: string };
const sso = signInChecks(() => desk, DESK);
const nextAddress = addresses('10.9');
let serial = 0;

const as = (
  token: string | undefined,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
  url: string,
  payload?: unknown,
) => desk.as(token, { method, url, ...(payload !== undefined ? { payload: payload as never } : {}) });
const addNamed = (token: string, email: string, name?: string) =>
  as(token, 'POST', '/api/v1/portal/named-contacts', { email, ...(name ? { name } : {}) });
const outboxTo = async (address: string, purpose: string) =>
  (
    (await as(desk.adminToken, 'GET', '/api/v1/mail/outbox?limit=200')).json().items as {
      purpose: string;
      to: string[];
    }[]
  ).filter((m) => m.purpose === purpose && m.to.includes(address));

beforeAll(async () => {
  idp = await startSamlIdp();
  idp.registerAcs(ACS);
  desk = await createTestDesk({
    env: {
      PUBLIC_URL: DESK,
      SUPPORT_ADDRESS: 'support@desk.example',
      ENTITLEMENT_POLICY: 'reject',
      PLAN_CONTACT_LIMITS: '10',
      SAML_IDP_SSO_URL: idp.ssoUrl,
      SAML_IDP_ENTITY_ID: idp.entityId,
      SAML_IDP_CERT: idp.cert,
      SAML_ADMIN_GROUPS: 'desk-admins',
    },
  });
  worker = desk.runtime.createWorker();
  lead = await desk.agentTokenFor('lead@desk.example', 'lead');
  acme = await desk.customer('Acme', 'lena@acme.example', { shareTickets: true });
  globex = await desk.customer('Globex', 'hank@globex.example');
  for (const customer of [acme, globex]) {
    const res = await as(lead, 'PATCH', `/api/v1/contacts/${customer.contactId}`, { orgAdmin: true });
    expect(res.statusCode, res.body).toBe(200);
  }
  acmeOp = await startOidcProvider({
    redirectUri: `${DESK}/auth/organization-sso/${acme.organizationId}/callback`,
  });
  const configured = await as(desk.adminToken, 'PUT', `/api/v1/organizations/${acme.organizationId}/sso`, {
    issuer: acmeOp.issuer,
    clientId: acmeOp.clientId,
    clientSecret: acmeOp.clientSecret,
    required: false,
  });
  expect(configured.statusCode, configured.body).toBe(200);
  for (const [customer, domain] of [
    [acme, 'acme.example'],
    [globex, 'globex.example'],
  ] as const) {
    const res = await as(desk.adminToken, 'PATCH', `/api/v1/organizations/${customer.organizationId}`, {
      emailDomains: [domain],
    });
    expect(res.statusCode, res.body).toBe(200);
  }
}, 60_000);
afterAll(async () => {
  await desk?.close();
  await idp?.close();
  await acmeOp?.close();
});

describe('named contacts: one customer taking another customer’s people', () => {
  it("an organization admin cannot name an address at a domain another organization owns (HIGH: it would be Acme's)", async () => {
    // nobody at Globex has written yet: Acme's admin claims Globex's CFO first
    const res = await addNamed(acme.token, 'cfo@globex.example', 'CFO');
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    // had it worked: the CFO's mail would open Acme's tickets (Acme shares them with all its contacts),
    // Globex's admins could not name them and Globex's company sign-in would refuse them
    expect((await findContactByEmail(desk.deps.db, 'cfo@globex.example'))?.organizationId ?? null).not.toBe(
      acme.organizationId,
    );
  });

  it("nor take a stranger at Globex's domain who wrote in before anyone filed them (HIGH)", async () => {
    const made = await as(lead, 'POST', '/api/v1/contacts', { email: 'ops@globex.example' });
    expect(made.statusCode, made.body).toBe(201);
    const res = await addNamed(acme.token, 'ops@globex.example');
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect((await findContactByEmail(desk.deps.db, 'ops@globex.example'))?.organizationId ?? null).toBeNull();
  });

  it("nor with the organization's sync token, from a CI job (HIGH)", async () => {
    const made = await as(acme.token, 'POST', '/api/v1/portal/sync-tokens', { name: 'ci' });
    expect(made.statusCode, made.body).toBe(201);
    const file = '- email: lena@acme.example\n- email: it@globex.example\n';
    const res = await desk.as(made.json().token, {
      method: 'PUT',
      url: `/api/v1/organizations/${acme.organizationId}/named-contacts`,
      headers: { 'content-type': 'application/yaml' },
      payload: file,
    });
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect((await findContactByEmail(desk.deps.db, 'it@globex.example'))?.organizationId ?? null).not.toBe(
      acme.organizationId,
    );
  });

  it("an organization's admin and its own provider together cannot sign in as a stranger and read their tickets (HIGH)", async () => {
    // Alice writes to the desk for herself, from a free-mail address: no organization
    const opened = await as(lead, 'POST', '/api/v1/tickets', {
      subject: 'My private problem',
      body: 'Details only the desk should read.',
      requesterEmail: 'alice@gmail.com',
      notify: false,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const number = opened.json().number as number;
    // 1. Acme's admin names her: refused, gmail.com is not Acme's
    const named = await addNamed(acme.token, 'alice@gmail.com');
    expect(`${named.statusCode} ${named.json().error.code}`).toBe('403 NAMED_CONTACT_DOMAIN');
    expect((await findContactByEmail(desk.deps.db, 'alice@gmail.com'))?.organizationId ?? null).toBeNull();
    // 2. Acme's provider says it is her, verified: it speaks for Acme's people only, so no session
    acmeOp.accounts.set('fake-alice', { email: 'alice@gmail.com', emailVerified: true, name: 'Alice' });
    const remoteAddress = nextAddress();
    const start = await desk.app.inject({
      method: 'GET',
      url: `/auth/organization-sso/${acme.organizationId}`,
      remoteAddress,
    });
    expect(start.statusCode, start.body).toBe(302);
    const attempt = start.cookies.find((c) => c.name === 'pf_org_sso')?.value as string;
    const back = await acmeOp.signIn(String(start.headers.location), 'fake-alice');
    const landed = await desk.app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      remoteAddress,
      headers: { cookie: `pf_org_sso=${attempt}` },
    });
    expect(landed.cookies.find((c) => c.name === 'pf_session' && c.value)).toBeUndefined();
    expect(String(landed.headers.location)).toContain('SSO_IDENTITY_REFUSED');
    // and Alice's ticket stays hers alone
    const read = await as(acme.token, 'GET', `/api/v1/tickets/${number}`);
    expect(read.statusCode).toBe(404);
  });

  it('does not tell one customer who are the contacts of the others (MEDIUM: an enumeration oracle)', async () => {
    // the answer for another organization's contact must be the answer for anybody else
    const stranger = await addNamed(acme.token, 'nobody-yet@elsewhere.example');
    const theirs = await addNamed(acme.token, 'hank@globex.example');
    const answer = (res: typeof theirs) => ({ status: res.statusCode, code: res.json().error?.code ?? null });
    expect(answer(theirs)).toEqual(answer(stranger));
  });
});

describe('sync tokens: a CI secret is not an organization admin', () => {
  it('a leaked sync token cannot make its holder an organization admin with a portal session (MEDIUM)', async () => {
    const made = await as(acme.token, 'POST', '/api/v1/portal/sync-tokens', { name: 'ci-leaked' });
    expect(made.statusCode, made.body).toBe(201);
    // found in a CI log: the file names the holder's own address, as an admin
    const file =
      'contacts:\n  - email: lena@acme.example\n    admin: true\n  - email: mallory@evil.example\n    admin: true\n';
    const synced = await desk.as(made.json().token, {
      method: 'PUT',
      url: `/api/v1/organizations/${acme.organizationId}/named-contacts`,
      headers: { 'content-type': 'application/yaml' },
      payload: file,
    });
    // refused whole: a token sets no admin (and evil.example is not Acme's): mallory gets no welcome link
    expect(`${synced.statusCode} ${synced.json().error.code}`).toBe('400 NAMED_CONTACTS_FILE_INVALID');
    expect(await findContactByEmail(desk.deps.db, 'mallory@evil.example')).toBeUndefined();
  });
});

describe('named contacts: the desk as a mail cannon', () => {
  it('an organization admin cannot make the desk mail an address outside its own domains, in words of its choosing (MEDIUM)', async () => {
    const victim = 'victim@elsewhere.example';
    // the name is the admin's to choose and is the mail's first line
    const lure = 'URGENT your account is locked, call +1 555 0100 or visit https://evil.example/unlock';
    for (let round = 0; round < 4; round++) {
      const added = await addNamed(acme.token, victim, lure);
      expect(`${added.statusCode} ${added.json().error?.code}`, added.body).toBe('403 NAMED_CONTACT_DOMAIN');
    }
    expect(await outboxTo(victim, 'contact-welcome')).toEqual([]);
    expect(await findContactByEmail(desk.deps.db, victim)).toBeUndefined();
  });
});

describe('the contacts file: a sync token holder freezing the desk', () => {
  it('a 250 kB entry of 25,000 keys is refused at once (MEDIUM: the duplicate-key check was quadratic)', async () => {
    const made = await as(acme.token, 'POST', '/api/v1/portal/sync-tokens', { name: 'ci-2' });
    expect(made.statusCode, made.body).toBe(201);
    // one entry with 25 000 keys: yaml's uniqueKeys compares each key with every one before it
    let file = '- email: lena@acme.example\n';
    for (let i = 0; file.length < 250_000; i++) file += `  k${i}: 0\n`;
    const res = await desk.as(made.json().token, {
      method: 'PUT',
      url: `/api/v1/organizations/${acme.organizationId}/named-contacts`,
      headers: { 'content-type': 'application/yaml' },
      payload: file,
    });
    // refused at the entry's fourth key, before anything compares 25,000 keys with each other (the
    // event loop is the whole HTTP process's: every other request would wait)
    expect(res.statusCode, res.body.slice(0, 200)).toBe(400);
    expect(res.json().error.message).toContain('at most an email, a name and admin');
  }, 60_000);
});

describe('entitlement requests under ENTITLEMENT_POLICY=reject: forged strangers filling the queue', () => {
  async function mailFrom(from: string, subject: string) {
    const raw = [
      `From: ${from}`,
      'To: support@desk.example',
      `Subject: ${subject}`,
      `Message-ID: <flood-${++serial}@forged.example>`,
      'Date: Sun, 06 Dec 2026 12:00:00 +0000',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hello.',
      '',
    ].join('\r\n');
    await storeInbound(desk.deps, Buffer.from(raw), {
      source: 'smtp',
      envelopeFrom: from,
      envelopeTo: ['support@desk.example'],
      clientIp: '203.0.113.7',
    });
    await worker.drain();
  }

  it('one unverified address at a customer’s domain opens a bounded number of held tickets (MEDIUM)', async () => {
    // acme.example publishes no SPF/DMARC here: a forged From is not "fail", so it may ask to be entitled
    for (let i = 0; i < 8; i++) await mailFrom('forged@acme.example', `Flood ${i}`);
    const contact = await findContactByEmail(desk.deps.db, 'forged@acme.example');
    expect(contact).toBeDefined();
    const opened = await desk.deps.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(eq(tickets.requesterId, contact?.id as string));
    // the policy rejects mail from people who are not entitled: one held ticket per request would do
    expect(opened.length).toBeLessThanOrEqual(2);
  });
});

describe('SAML: an assertion answers one request of ours, once', () => {
  async function begin() {
    const { location, cookie, remoteAddress } = await sso.startSignIn('/auth/saml', 'pf_saml');
    return { ask: idp.readRequest(location), cookie, remoteAddress };
  }
  function post(samlResponse: string, browser: { cookie: string; remoteAddress: string }) {
    return desk.app.inject({
      method: 'POST',
      url: '/auth/saml/acs',
      remoteAddress: browser.remoteAddress,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `pf_saml=${browser.cookie}` },
      payload: new URLSearchParams({ SAMLResponse: samlResponse }).toString(),
    });
  }
  /** the signed assertion, in an unsigned Response that names the attacker's own request */
  const rewrap = (xml: string, requestId: string) =>
    xml.replace('<samlp:Response ', `<samlp:Response InResponseTo="${requestId}" `);

  it('refuses an unsolicited (IdP-initiated) assertion wrapped to name the attacker’s request, and its replay (MEDIUM)', async () => {
    idp.accounts.set('vic', { nameId: 'id-vic', email: 'vic@desk.example', groups: ['desk-admins'] });
    // an IdP-initiated assertion for the victim (from the IdP's dashboard): its SubjectConfirmationData
    // names no request; the attacker saw it (a proxy log, a shared machine) within its 5 minutes
    const seen = await begin();
    const captured = idp.issue(seen.ask, 'vic', { inResponseTo: null });
    expect(captured).not.toContain('InResponseTo');

    const attacker = await begin();
    sso.expectRefused(await post(encodeSaml(rewrap(captured, attacker.ask.id)), attacker), 'SSO_FAILED');
    // and again, with another request of the attacker's: the same assertion signs in once at most
    const again = await begin();
    sso.expectRefused(await post(encodeSaml(rewrap(captured, again.ask.id)), again), 'SSO_FAILED');
  });
});

describe('passkeys: a session alone must not be enough to add a way in', () => {
  it('whoever holds an open session (not the password) cannot end up with a passkey of their own (HIGH)', async () => {
    const email = 'pat@desk.example';
    const password = 'correct horse battery staple 42';
    await createAgent(desk.deps, SYSTEM, {
      email,
      name: 'Pat',
      role: 'admin',
      timeZone: 'UTC',
      passwordHash: await hashPassword(password),
    });
    const signedIn = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      remoteAddress: nextAddress(),
      payload: { email, password },
    });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    // from here on the attacker has only the session: Pat's browser left open, or a stolen cookie
    const cookie = `pf_session=${signedIn.cookies.find((c) => c.name === 'pf_session')?.value}`;
    const csrf = signedIn.json().csrfToken as string;
    const call = (method: 'POST' | 'DELETE', url: string, payload: object) =>
      desk.app.inject({
        method,
        url,
        remoteAddress: nextAddress(),
        headers: { cookie, 'x-csrf-token': csrf },
        payload,
      });
    // an authenticator app of the attacker's, whose codes would then be the "proof" a passkey setup asks
    // for: refused, the first authenticator needs the password
    const enrolled = await call('POST', '/api/v1/me/totp', {});
    expect(`${enrolled.statusCode} ${enrolled.json().error?.code}`).toBe('403 PROOF_REQUIRED');
    expect((await call('POST', '/api/v1/me/totp', { password: 'a guess' })).statusCode).toBe(401);
  });
});

describe('passkeys: an agent without a password (single sign-on)', () => {
  it('whoever holds their session cannot add an authenticator and then a passkey that outlives the provider (MEDIUM, residual)', async () => {
    // made by single sign-on: no password, so enrolTotp has "nothing more to show" and asks for nothing
    const agent = await createAgent(desk.deps, SYSTEM, {
      email: 'sso-sam@desk.example',
      name: 'Sam',
      role: 'admin',
      timeZone: 'UTC',
    });
    const link = await createAgentSignInLink(desk.deps, agent.id);
    const token = new URL(link.url).searchParams.get('token');
    const redeemed = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/redeem',
      remoteAddress: nextAddress(),
      payload: { token },
    });
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    const cookie = `pf_session=${redeemed.cookies.find((c) => c.name === 'pf_session')?.value}`;
    const csrf = redeemed.json().csrfToken as string;
    const call = (url: string, payload: object) =>
      desk.app.inject({
        method: 'POST',
        url,
        remoteAddress: nextAddress(),
        headers: { cookie, 'x-csrf-token': csrf },
        payload,
      });
    // no password: the session may set up an authenticator (it has nothing more to show)…
    const enrolled = await call('/api/v1/me/totp', {});
    expect(enrolled.statusCode, enrolled.body).toBe(200);
    const secret = enrolled.json().secret as string;
    const confirmed = await call('/api/v1/me/totp/confirm', { code: codeAt(secret, new Date()) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    // …but its codes do not prove it is Sam to the same session: no passkey, no way in beside the provider
    const started = await call('/api/v1/me/passkeys/registration-options', {
      code: codeAt(secret, new Date(Date.now() + 30_000)),
    });
    expect(`${started.statusCode} ${started.json().error?.code}`).toBe('401 SIGN_IN_FAILED');
    const passkeys = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/me/passkeys',
      headers: { cookie },
    });
    expect(passkeys.json().items).toEqual([]);
  });
});

describe('secrets in the request log', () => {
  it('cuts the entitlement link’s secret out of logged URLs (LOW)', () => {
    const secret = 'pfe_0123456789abcdefghijklmnop';
    expect(scrubUrl(`/api/v1/entitlement-links/${secret}`)).not.toContain(secret);
    expect(scrubUrl(`/entitlement/${secret}`)).not.toContain(secret);
  });
});
