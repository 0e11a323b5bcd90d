import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';

// Named support contacts managed by the customer: an organization admin adds and removes them in the
// portal up to the plan's limit, and a CI job pushes the list as a YAML file with a sync token. The
// attacks are here too: a plain contact, another organization's admin, taking another customer's
// people, a token used elsewhere or after it was revoked.

let desk: TestDesk;
let lead: string;
let agent: string;
let acme: { organizationId: string; contactId: string; token: string };
let globex: { organizationId: string; contactId: string; token: string };
let plain: { contactId: string; token: string };

const as = (
  token: string | undefined,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
  url: string,
  payload?: unknown,
) => desk.as(token, { method, url, ...(payload !== undefined ? { payload: payload as never } : {}) });

const list = async (token: string) => (await as(token, 'GET', '/api/v1/portal/named-contacts')).json();
const add = (token: string, email: string, name?: string) =>
  as(token, 'POST', '/api/v1/portal/named-contacts', { email, ...(name ? { name } : {}) });
const sync = (token: string | undefined, organizationId: string, body: string, type = 'application/yaml') =>
  desk.as(token, {
    method: 'PUT',
    url: `/api/v1/organizations/${organizationId}/named-contacts`,
    headers: { 'content-type': type },
    payload: body,
  });
const outbox = async () =>
  (await as(desk.adminToken, 'GET', '/api/v1/mail/outbox?limit=200')).json().items as {
    purpose: string;
    to: string[];
    subject: string;
  }[];

beforeAll(async () => {
  desk = await createTestDesk({ env: { PLAN_CONTACT_LIMITS: '3,standard=5,premium=20' } });
  lead = await desk.agentTokenFor('lead@desk.example', 'lead');
  agent = await desk.agentTokenFor('ana@desk.example', 'agent');
  acme = await desk.customer('Acme', 'lena@acme.example');
  plain = await desk.contactIn(acme.organizationId, 'max@acme.example');
  globex = await desk.customer('Globex', 'hank@globex.example');
  // each owns its mail domain: its admins name people there
  for (const [organizationId, domain] of [
    [acme.organizationId, 'acme.example'],
    [globex.organizationId, 'globex.example'],
  ] as const) {
    const res = await as(lead, 'PATCH', `/api/v1/organizations/${organizationId}`, { emailDomains: [domain] });
    expect(res.statusCode, res.body).toBe(200);
  }
  // a lead makes Lena and Hank their organizations' admins
  for (const contactId of [acme.contactId, globex.contactId]) {
    const res = await as(lead, 'PATCH', `/api/v1/contacts/${contactId}`, { orgAdmin: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ orgAdmin: true, supportContact: true });
  }
}, 60_000);
afterAll(async () => {
  await desk?.close();
});

describe('organization admins', () => {
  it('only a lead makes a contact an organization admin; an admin is always a named contact in an organization', async () => {
    const byAgent = await as(agent, 'PATCH', `/api/v1/contacts/${plain.contactId}`, { orgAdmin: true });
    expect(byAgent.statusCode).toBe(403);
    const loose = await as(lead, 'POST', '/api/v1/contacts', { email: 'loose@nowhere.example' });
    const noOrg = await as(lead, 'PATCH', `/api/v1/contacts/${loose.json().id}`, { orgAdmin: true });
    expect(noOrg.statusCode).toBe(400);
    // the session says so, for the portal's menu
    const me = (await as(acme.token, 'GET', '/api/v1/auth/session')).json();
    expect(me.actor).toMatchObject({ kind: 'contact', orgAdmin: true });
    expect((await as(plain.token, 'GET', '/api/v1/auth/session')).json().actor.orgAdmin).toBe(false);
  });
});

describe('the portal: named contacts', () => {
  it('an organization admin lists, adds (with a welcome mail) and removes named contacts: "3 of 5"', async () => {
    const before = await list(acme.token);
    expect(before).toMatchObject({
      organization: { name: 'Acme', plan: 'standard' },
      count: 2,
      limit: 5,
      planLimit: 5,
    });
    expect(before.items.map((c: { email: string }) => c.email)).toEqual(['lena@acme.example', 'max@acme.example']);

    const added = await add(acme.token, 'Nora@Acme.example', 'Nora');
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ email: 'nora@acme.example', name: 'Nora', orgAdmin: false });
    expect((await list(acme.token)).count).toBe(3);
    const welcome = (await outbox()).find((m) => m.purpose === 'contact-welcome' && m.to.includes('nora@acme.example'));
    expect(welcome?.subject).toBe('You are a named support contact of Acme');

    // again: already named
    expect((await add(acme.token, 'nora@acme.example')).json().error.code).toBe('ALREADY_EXISTS');

    // removed: still Acme's contact, with their tickets, but not named
    const ticket = await as(plain.token, 'POST', '/api/v1/tickets', { subject: 'Runner offline', body: 'Since 9:00.' });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const removed = await as(acme.token, 'DELETE', `/api/v1/portal/named-contacts/${plain.contactId}`);
    expect(removed.statusCode, removed.body).toBe(204);
    const max = (await as(lead, 'GET', `/api/v1/contacts/${plain.contactId}`)).json();
    expect(max).toMatchObject({ organizationId: acme.organizationId, supportContact: false, orgAdmin: false });
    const theirs = await as(plain.token, 'GET', `/api/v1/tickets/${ticket.json().number}`);
    expect(theirs.statusCode).toBe(200);
    expect((await list(acme.token)).count).toBe(2);

    // every change is in the desk's audit log
    const events = (await as(desk.adminToken, 'GET', '/api/v1/audit-events?category=people&limit=100')).json().items;
    const actions = events.map((e: { action: string }) => e.action);
    expect(actions).toContain('named-contact.added');
    expect(actions).toContain('named-contact.removed');
  });

  it('a contact at the organization’s domain joins it; people elsewhere are ours to name', async () => {
    await as(lead, 'POST', '/api/v1/contacts', { email: 'drifter@acme.example', supportContact: false });
    const joined = await add(acme.token, 'drifter@acme.example');
    expect(joined.statusCode, joined.body).toBe(201);
    const drifter = (await as(lead, 'GET', `/api/v1/contacts/${joined.json().id}`)).json();
    expect(drifter).toMatchObject({ organizationId: acme.organizationId, supportContact: true });

    // Hank is Globex's, a stranger's history is theirs, and any address elsewhere could be anyone's:
    // one answer for all three, by the domain alone (it tells nobody who is a contact)
    await as(lead, 'POST', '/api/v1/contacts', { email: 'alice@mail.example', supportContact: false });
    for (const email of ['hank@globex.example', 'alice@mail.example', 'new-person@mail.example']) {
      const refused = await add(acme.token, email);
      expect(`${refused.statusCode} ${refused.json().error.code}`, email).toBe('403 NAMED_CONTACT_DOMAIN');
      expect(refused.json().error.message).toContain('acme.example');
    }
    const hank = (await as(lead, 'GET', `/api/v1/contacts/${globex.contactId}`)).json();
    expect(hank.organizationId).toBe(globex.organizationId);
    // someone at Acme's domain whom we filed under Globex stays Globex's until we move them
    const filed = await as(lead, 'POST', '/api/v1/contacts', {
      email: 'consultant@acme.example',
      organizationId: globex.organizationId,
      supportContact: false,
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const steal = await add(acme.token, 'consultant@acme.example');
    expect(`${steal.statusCode} ${steal.json().error.code}`).toBe('409 CONTACT_IN_OTHER_ORGANIZATION');
    await as(acme.token, 'DELETE', `/api/v1/portal/named-contacts/${joined.json().id}`);
  });

  it('a contact who is not an admin gets 403; agents use the organization page', async () => {
    for (const [method, url, payload] of [
      ['GET', '/api/v1/portal/named-contacts', undefined],
      ['POST', '/api/v1/portal/named-contacts', { email: 'x@acme.example' }],
      ['DELETE', `/api/v1/portal/named-contacts/${acme.contactId}`, undefined],
      ['POST', '/api/v1/portal/sync-tokens', { name: 'ci' }],
    ] as const) {
      const res = await as(plain.token, method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('ORG_ADMIN_REQUIRED');
      expect((await as(lead, method, url, payload)).statusCode).toBe(403);
    }
    // Lena is still named: nobody removed her
    expect((await list(acme.token)).items.some((c: { email: string }) => c.email === 'lena@acme.example')).toBe(true);
  });

  it("another organization's admin cannot touch this organization's contacts", async () => {
    const acmeList = await list(acme.token);
    const lena = acmeList.items.find((c: { email: string }) => c.email === 'lena@acme.example');
    const res = await as(globex.token, 'DELETE', `/api/v1/portal/named-contacts/${lena.id}`);
    expect(res.statusCode).toBe(404);
    // Globex's admin sees Globex's list only
    expect((await list(globex.token)).items.map((c: { email: string }) => c.email)).toEqual(['hank@globex.example']);
    expect((await list(acme.token)).count).toBe(acmeList.count);
  });

  it('the last organization admin cannot remove themselves', async () => {
    const res = await as(acme.token, 'DELETE', `/api/v1/portal/named-contacts/${acme.contactId}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('LAST_ORG_ADMIN');
  });

  it('the limit holds, even for 20 adds at once; a lead raises it for one organization', async () => {
    const start = (await list(acme.token)).count;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => add(acme.token, `rush${i}@acme.example`)));
    const created = results.filter((r) => r.statusCode === 201).length;
    const refused = results.filter((r) => r.statusCode === 409 && r.json().error.code === 'NAMED_CONTACT_LIMIT');
    expect(created).toBe(5 - start);
    expect(refused.length).toBe(20 - created);
    expect(refused[0]?.json().error.message).toMatch(/all 5 named support contacts/);
    expect((await list(acme.token)).count).toBe(5);

    // the agent's view says the same; a lead sets Acme's own limit
    const seen = (await as(agent, 'GET', `/api/v1/organizations/${acme.organizationId}/named-contacts`)).json();
    expect(seen).toMatchObject({ count: 5, limit: 5, limitOverride: null });
    expect(
      (await as(agent, 'PUT', `/api/v1/organizations/${acme.organizationId}/named-contact-limit`, { limit: 6 }))
        .statusCode,
    ).toBe(403);
    const raised = await as(lead, 'PUT', `/api/v1/organizations/${acme.organizationId}/named-contact-limit`, {
      limit: 6,
    });
    expect(raised.json()).toMatchObject({ limit: 6, planLimit: 5, limitOverride: 6 });
    expect((await add(acme.token, 'one-more@acme.example')).statusCode).toBe(201);
    expect((await add(acme.token, 'too-many@acme.example')).json().error.code).toBe('NAMED_CONTACT_LIMIT');
  });
});

describe('the YAML sync', () => {
  let org: { organizationId: string; contactId: string; token: string };
  beforeAll(async () => {
    org = await desk.customer('Initech', 'peter@initech.example');
    await as(lead, 'PATCH', `/api/v1/organizations/${org.organizationId}`, { emailDomains: ['initech.example'] });
    await as(lead, 'PATCH', `/api/v1/contacts/${org.contactId}`, { orgAdmin: true });
  });

  const GITLAB_FILE = [
    '# contacts.yaml of a GitLab contact management project',
    '- name: Peter Gibbons',
    '  email: peter@initech.example',
    '- name: Samir',
    '  email: samir@initech.example',
    '- name: Michael',
    '  email: michael@initech.example',
    '',
  ].join('\n');

  it('a lead sends the file: adds and removes; the same file again changes nothing', async () => {
    await desk.contactIn(org.organizationId, 'milton@initech.example');
    const first = await sync(lead, org.organizationId, GITLAB_FILE);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      added: ['samir@initech.example', 'michael@initech.example'],
      removed: ['milton@initech.example'],
      unchanged: ['peter@initech.example'],
    });
    // Milton stays Initech's contact, just not named; Peter is still the admin
    const named = (await as(lead, 'GET', `/api/v1/organizations/${org.organizationId}/named-contacts`)).json();
    expect(named.items.map((c: { email: string; orgAdmin: boolean }) => [c.email, c.orgAdmin])).toEqual([
      ['michael@initech.example', false],
      ['peter@initech.example', true],
      ['samir@initech.example', false],
    ]);
    const milton = (await as(lead, 'GET', `/api/v1/contacts?organizationId=${org.organizationId}&q=milton`)).json();
    expect(milton.items[0]).toMatchObject({ supportContact: false });
    const welcomed = (await outbox()).filter((m) => m.purpose === 'contact-welcome').flatMap((m) => m.to);
    expect(welcomed).toEqual(expect.arrayContaining(['samir@initech.example', 'michael@initech.example']));

    const again = await sync(lead, org.organizationId, GITLAB_FILE);
    expect(again.json()).toMatchObject({ added: [], removed: [], unchanged: expect.any(Array) });
    expect(again.json().unchanged).toHaveLength(3);
    // JSON in our own shape says the same
    const json = await desk.as(lead, {
      method: 'PUT',
      url: `/api/v1/organizations/${org.organizationId}/named-contacts`,
      payload: {
        contacts: [
          { email: 'peter@initech.example', admin: true },
          { email: 'samir@initech.example' },
          { email: 'michael@initech.example' },
        ],
      },
    });
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json()).toMatchObject({ added: [], removed: [] });
  });

  it('over the limit, the whole file is refused and nothing changes', async () => {
    const many = Array.from({ length: 6 }, (_, i) => `- email: person${i}@initech.example`).join('\n');
    const res = await sync(lead, org.organizationId, `- email: peter@initech.example\n  admin: true\n${many}\n`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('NAMED_CONTACT_LIMIT');
    expect((await as(lead, 'GET', `/api/v1/organizations/${org.organizationId}/named-contacts`)).json().count).toBe(3);
  });

  it('a malformed file is refused with its line numbers; an oversized one with 413', async () => {
    const broken = await sync(
      lead,
      org.organizationId,
      '- name: Samir\n  email: samir@initech.example\n - name: [oops\n',
    );
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('NAMED_CONTACTS_FILE_INVALID');
    expect(broken.json().error.message).toMatch(/line 3/);

    const wrong = await sync(
      lead,
      org.organizationId,
      [
        'contacts:',
        '  - email: peter@initech.example',
        '  - name: No Email',
        '  - email: not-an-address',
        '    admin: yes please',
        '  - email: peter@initech.example',
      ].join('\n'),
    );
    expect(wrong.statusCode).toBe(400);
    const problems = wrong.json().error.details.problems as { line: number; message: string }[];
    expect(problems.map((p) => p.line)).toEqual([3, 4, 6]);
    expect(problems[0]?.message).toMatch(/email is needed/);
    expect(problems[2]?.message).toMatch(/listed twice \(first at line 2\)/);

    const unknownKey = await sync(lead, org.organizationId, '- email: samir@initech.example\n  emial: typo\n');
    expect(unknownKey.json().error.message).toMatch(/line 2: unknown key "emial"/);

    const huge = `${'# padding\n'.repeat(30_000)}- email: peter@initech.example\n`;
    const big = await sync(lead, org.organizationId, huge);
    expect(big.statusCode).toBe(413);
    const tooMany = Array.from({ length: 1001 }, (_, i) => `- email: p${i}@initech.example`).join('\n');
    const long = await sync(lead, org.organizationId, tooMany);
    expect(long.json().error.message).toMatch(/at most 1000/);
    expect((await as(lead, 'GET', `/api/v1/organizations/${org.organizationId}/named-contacts`)).json().count).toBe(3);
  });

  it('refuses a file naming another organization’s contact, and one that leaves no admin', async () => {
    const steal = await sync(lead, org.organizationId, `${GITLAB_FILE}- name: Hank\n  email: hank@globex.example\n`);
    expect(steal.statusCode).toBe(409);
    expect(steal.json().error.code).toBe('CONTACT_IN_OTHER_ORGANIZATION');
    expect(steal.json().error.message).toMatch(/line 8: hank@globex.example/);
    const orphan = await sync(lead, org.organizationId, '- email: samir@initech.example\n');
    expect(orphan.json().error.code).toBe('LAST_ORG_ADMIN');
  });

  it('a sync token works for its own organization on its one route, and stops when revoked', async () => {
    const made = await as(org.token, 'POST', '/api/v1/portal/sync-tokens', { name: 'GitLab CI' });
    expect(made.statusCode, made.body).toBe(201);
    const secret = made.json().token as string;
    expect(secret).toMatch(/^pfsync_/);
    // listed without the secret
    const tokens = (await as(org.token, 'GET', '/api/v1/portal/sync-tokens')).json().items;
    expect(tokens).toEqual([expect.objectContaining({ name: 'GitLab CI', prefix: secret.slice(0, 11) })]);
    expect(JSON.stringify(tokens)).not.toContain(secret);

    const file = `${GITLAB_FILE}- name: Bob\n  email: bob@initech.example\n`;
    const pushed = await sync(secret, org.organizationId, file, 'text/yaml');
    expect(pushed.statusCode, pushed.body).toBe(200);
    expect(pushed.json().added).toEqual(['bob@initech.example']);
    const events = (await as(desk.adminToken, 'GET', '/api/v1/audit-events?category=people&limit=100')).json().items;
    const synced = events.find((e: { action: string }) => e.action === 'named-contacts.synced');
    expect(synced?.actor).toMatchObject({ kind: 'token', name: 'sync token "GitLab CI"' });

    // what the token may not do in its own organization: make an admin, or name people outside its
    // domains (whose welcome mail would be the customer's words); the whole file is refused
    const countBefore = (await as(lead, 'GET', `/api/v1/organizations/${org.organizationId}/named-contacts`)).json()
      .count;
    const admin = await sync(secret, org.organizationId, `${file}- email: joanna@initech.example\n  admin: true\n`);
    expect(`${admin.statusCode} ${admin.json().error.code}`).toBe('400 NAMED_CONTACTS_FILE_INVALID');
    expect(admin.json().error.message).toMatch(/line 10: joanna@initech\.example/);
    const outsider = await sync(secret, org.organizationId, `${file}- email: mallory@evil.example\n`);
    expect(`${outsider.statusCode} ${outsider.json().error.code}`).toBe('403 NAMED_CONTACT_DOMAIN');
    expect(outsider.json().error.details.emails).toEqual(['mallory@evil.example']);
    const after = (await as(lead, 'GET', `/api/v1/organizations/${org.organizationId}/named-contacts`)).json();
    expect(after.count).toBe(countBefore);
    expect(after.items.map((c: { email: string }) => c.email)).not.toContain('joanna@initech.example');
    expect(after.items.filter((c: { orgAdmin: boolean }) => c.orgAdmin)).toHaveLength(1);

    // another organization's list: refused
    const elsewhere = await sync(secret, acme.organizationId, '- email: lena@acme.example\n  admin: true\n');
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error.code).toBe('TOKEN_SCOPE');
    // any other route: refused, reading included
    for (const [method, url] of [
      ['GET', '/api/v1/tickets'],
      ['GET', `/api/v1/organizations/${org.organizationId}/named-contacts`],
      ['GET', '/api/v1/portal/named-contacts'],
      ['PUT', `/api/v1/organizations/${org.organizationId}/named-contact-limit`],
    ] as const) {
      const res = await as(secret, method, url, method === 'PUT' ? { limit: 100 } : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('TOKEN_SCOPE');
    }
    // a made-up one
    const forged = await sync(`pfsync_${'A'.repeat(43)}`, org.organizationId, GITLAB_FILE);
    expect(forged.statusCode).toBe(401);

    // another organization's admin cannot revoke it; its own can, and it stops at once
    expect((await as(acme.token, 'DELETE', `/api/v1/portal/sync-tokens/${made.json().id}`)).statusCode).toBe(404);
    expect((await as(org.token, 'DELETE', `/api/v1/portal/sync-tokens/${made.json().id}`)).statusCode).toBe(204);
    const revoked = await sync(secret, org.organizationId, GITLAB_FILE);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('TOKEN_REVOKED');
    // a lead sees an organization's tokens and revokes a leaked one; a plain agent only sees them
    const leaked = (await as(org.token, 'POST', '/api/v1/portal/sync-tokens', { name: 'leaked' })).json();
    const seen = (await as(agent, 'GET', `/api/v1/organizations/${org.organizationId}/sync-tokens`)).json().items;
    expect(seen.map((t: { name: string }) => t.name)).toEqual(['leaked']);
    const url = `/api/v1/organizations/${org.organizationId}/sync-tokens/${leaked.id}`;
    expect((await as(agent, 'DELETE', url)).statusCode).toBe(403);
    // named under another organization, it is not found
    expect(
      (await as(lead, 'DELETE', `/api/v1/organizations/${acme.organizationId}/sync-tokens/${leaked.id}`)).statusCode,
    ).toBe(404);
    expect((await as(lead, 'DELETE', url)).statusCode).toBe(204);
    expect((await sync(leaked.token, org.organizationId, GITLAB_FILE)).json().error.code).toBe('TOKEN_REVOKED');

    // Bob is still named: the revoked token changed nothing
    const named = (await as(lead, 'GET', `/api/v1/organizations/${org.organizationId}/named-contacts`)).json();
    expect(named.items.map((c: { email: string }) => c.email)).toContain('bob@initech.example');
  });

  it('a sync token lasts a year at most, or the days its admin chose, and then stops with TOKEN_EXPIRED', async () => {
    const yearly = await as(org.token, 'POST', '/api/v1/portal/sync-tokens', { name: 'yearly' });
    expect(yearly.statusCode, yearly.body).toBe(201);
    const days = (iso: string) => Math.round((new Date(iso).getTime() - Date.now()) / 86_400_000);
    expect(days(yearly.json().expiresAt)).toBe(365);
    const tooLong = await as(org.token, 'POST', '/api/v1/portal/sync-tokens', { name: 'forever', expiresInDays: 366 });
    expect(tooLong.statusCode).toBe(400);

    const monthly = await as(org.token, 'POST', '/api/v1/portal/sync-tokens', { name: 'monthly', expiresInDays: 30 });
    expect(monthly.statusCode, monthly.body).toBe(201);
    expect(days(monthly.json().expiresAt)).toBe(30);
    // agents see when each stops, as the organization's admins do
    const seen = (await as(agent, 'GET', `/api/v1/organizations/${org.organizationId}/sync-tokens`)).json().items;
    expect(seen.find((t: { name: string }) => t.name === 'monthly').expiresAt).toBe(monthly.json().expiresAt);
    expect((await sync(monthly.json().token, org.organizationId, GITLAB_FILE)).statusCode).toBe(200);

    // a month on: the CI job is told why, and nothing changes
    await desk.deps.db.execute(
      sql`UPDATE named_contact_sync_tokens SET expires_at = now() - interval '1 minute' WHERE id = ${monthly.json().id}`,
    );
    const expired = await sync(
      monthly.json().token,
      org.organizationId,
      `${GITLAB_FILE}- email: eve@initech.example\n`,
    );
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error).toMatchObject({
      code: 'TOKEN_EXPIRED',
      message: expect.stringContaining('makes a new one'),
    });
    const named = (await as(lead, 'GET', `/api/v1/organizations/${org.organizationId}/named-contacts`)).json();
    expect(named.items.map((c: { email: string }) => c.email)).not.toContain('eve@initech.example');
  });
});
