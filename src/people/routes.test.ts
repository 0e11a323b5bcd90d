import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { auditEvents } from '../audit/tables.js';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('organizations and contacts', () => {
  it('an admin creates organizations with contacts; names and emails are unique', async () => {
    const org = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/organizations',
      payload: { name: 'Cyberdyne Systems', plan: 'enterprise', shareTickets: true },
    });
    expect(org.statusCode).toBe(201);
    expect(org.json()).toMatchObject({ name: 'Cyberdyne Systems', plan: 'enterprise', shareTickets: true });
    const again = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/organizations',
      payload: { name: 'cyberdyne systems' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_EXISTS');

    const contact = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { email: 'Miles.Dyson@Cyberdyne.example', name: 'Miles Dyson', organizationId: org.json().id },
    });
    expect(contact.statusCode).toBe(201);
    expect(contact.json()).toMatchObject({
      email: 'miles.dyson@cyberdyne.example',
      organizationId: org.json().id,
      supportContact: true,
    });
    const duplicate = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { email: 'miles.dyson@cyberdyne.example', organizationId: org.json().id },
    });
    expect(duplicate.json().error.code).toBe('ALREADY_EXISTS');
    const noOrg = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { email: 'x@example.com', organizationId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(noOrg.statusCode).toBe(404);
    expect(noOrg.json().error.code).toBe('ORGANIZATION_NOT_FOUND');

    const list = await desk.as(desk.adminToken, {
      method: 'GET',
      url: `/api/v1/contacts?organizationId=${org.json().id}`,
    });
    expect(list.json().items.map((c: { email: string }) => c.email)).toEqual(['miles.dyson@cyberdyne.example']);
  });

  it('pages through organizations by name', async () => {
    for (const name of ['Zeta', 'Alpha', 'Mu', 'Beta']) {
      await desk.as(desk.adminToken, {
        method: 'POST',
        url: '/api/v1/organizations',
        payload: { name: `${name} Corp` },
      });
    }
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = (
        await desk.as(desk.adminToken, {
          method: 'GET',
          url: `/api/v1/organizations?q=corp&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        })
      ).json();
      names.push(...page.items.map((o: { name: string }) => o.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(names).toEqual(['Alpha Corp', 'Beta Corp', 'Mu Corp', 'Zeta Corp']);
  });

  it('plain agents cannot create organizations; contacts cannot list anything but their own', async () => {
    const agent = await desk.agentToken('agent');
    const res = await desk.as(agent, { method: 'POST', url: '/api/v1/organizations', payload: { name: 'Nope' } });
    expect(res.statusCode).toBe(403);
    const customer = await desk.customer('Own Org', 'own@own.example');
    expect((await desk.as(customer.token, { method: 'GET', url: '/api/v1/organizations' })).statusCode).toBe(403);
    expect(
      (await desk.as(customer.token, { method: 'GET', url: `/api/v1/organizations/${customer.organizationId}` }))
        .statusCode,
    ).toBe(200);
    const other = await desk.customer('Other Org', 'other@other.example');
    expect(
      (await desk.as(customer.token, { method: 'GET', url: `/api/v1/organizations/${other.organizationId}` }))
        .statusCode,
    ).toBe(404);
  });
});

describe('who may change a contact', () => {
  // Moving a contact into an organization, or changing the address their sign-in links go to, hands
  // out that organization's shared tickets: a lead's decision. Any agent may fix a name.
  it('a plain agent may rename a contact but not change their email, organization or support role', async () => {
    const acme = await desk.customer('Roles Acme', 'lena@roles-acme.example', { shareTickets: true });
    const globex = await desk.customer('Roles Globex', 'hank@roles-globex.example');
    const patch = (token: string, payload: object) =>
      desk.as(token, { method: 'PATCH', url: `/api/v1/contacts/${globex.contactId}`, payload });
    const agent = await desk.agentToken('agent');

    for (const payload of [
      { email: 'mallory@evil.example' },
      { organizationId: acme.organizationId },
      { supportContact: false },
      { name: 'Hank', organizationId: acme.organizationId },
    ]) {
      const refused = await patch(agent, payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(403);
      expect(refused.json().error.code).toBe('FORBIDDEN');
    }
    const unchanged = await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/contacts/${globex.contactId}` });
    expect(unchanged.json()).toMatchObject({
      email: 'hank@roles-globex.example',
      organizationId: globex.organizationId,
      supportContact: true,
    });

    const renamed = await patch(agent, { name: 'Hank Scorpio' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('Hank Scorpio');

    const lead = await desk.agentToken('lead');
    const moved = await patch(lead, { organizationId: acme.organizationId, supportContact: false });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ organizationId: acme.organizationId, supportContact: false });
    const readdressed = await patch(desk.adminToken, { email: 'hank@acme-roles.example' });
    expect(readdressed.statusCode).toBe(200);
    expect(readdressed.json().email).toBe('hank@acme-roles.example');
  });

  it('a plain agent may add a contact, but only a lead may place one in an organization', async () => {
    const acme = await desk.customer('Roles Acme Two', 'lena@roles-acme-two.example', { shareTickets: true });
    const create = (token: string, payload: object) =>
      desk.as(token, { method: 'POST', url: '/api/v1/contacts', payload });
    const agent = await desk.agentToken('agent');
    const planted = await create(agent, { email: 'mallory@evil.example', organizationId: acme.organizationId });
    expect(planted.statusCode).toBe(403);
    expect(planted.json().error.code).toBe('FORBIDDEN');
    expect((await create(agent, { email: 'walk-in@customer.example' })).statusCode).toBe(201);
    const lead = await desk.agentToken('lead');
    const placed = await create(lead, { email: 'new@roles-acme-two.example', organizationId: acme.organizationId });
    expect(placed.statusCode).toBe(201);
  });
});

describe('agents and teams', () => {
  it('an admin adds agents with an IANA time zone and a region', async () => {
    const res = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/agents',
      payload: { email: 'mei@desk.example', name: 'Mei Tanaka', role: 'lead', timeZone: 'Asia/Tokyo', region: 'APAC' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ timeZone: 'Asia/Tokyo', region: 'APAC', role: 'lead', active: true });
    const bad = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/agents',
      payload: { email: 'x@desk.example', name: 'X', role: 'agent', timeZone: 'Mars/Olympus' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('IANA');
    const badRole = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/agents',
      payload: { email: 'y@desk.example', name: 'Y', role: 'root', timeZone: 'UTC' },
    });
    expect(badRole.statusCode).toBe(400);

    const team = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/teams',
      payload: { name: 'Database', memberIds: [res.json().id] },
    });
    expect(team.statusCode).toBe(201);
    expect(team.json().members.map((m: { email: string }) => m.email)).toEqual(['mei@desk.example']);
    const regional = await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/agents?region=APAC' });
    expect(regional.json().items.map((a: { email: string }) => a.email)).toEqual(['mei@desk.example']);
  });

  it('only an admin changes roles or deactivates; a lead cannot touch an admin; both are audited', async () => {
    const lead = await desk.agentTokenFor('lia@desk.example', 'lead');
    await desk.agentTokenFor('root@desk.example', 'admin');
    await desk.agentTokenFor('sam@desk.example', 'agent');
    const list = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/agents?limit=100' })).json().items;
    const id = (email: string) => list.find((a: { email: string }) => a.email === email).id as string;
    const patch = (token: string, email: string, payload: object) =>
      desk.as(token, { method: 'PATCH', url: `/api/v1/agents/${id(email)}`, payload });

    for (const [email, payload] of [
      ['root@desk.example', { active: false }],
      ['root@desk.example', { role: 'agent' }],
      ['lia@desk.example', { role: 'admin' }],
      ['sam@desk.example', { active: false }],
    ] as const) {
      const res = await patch(lead, email, payload);
      expect(res.statusCode, `${email} ${JSON.stringify(payload)}`).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    const unchanged = (await desk.as(lead, { method: 'GET', url: `/api/v1/agents/${id('root@desk.example')}` })).json();
    expect(unchanged).toMatchObject({ role: 'admin', active: true });
    // a lead keeps the roster: anyone's zone and region
    expect((await patch(lead, 'sam@desk.example', { region: 'EMEA' })).json().region).toBe('EMEA');

    expect((await patch(desk.adminToken, 'sam@desk.example', { role: 'lead' })).json().role).toBe('lead');
    expect((await patch(desk.adminToken, 'sam@desk.example', { active: false })).json().active).toBe(false);
    const audit = await desk.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'agent'), eq(auditEvents.entityId, id('sam@desk.example'))))
      .orderBy(asc(auditEvents.id));
    expect(audit.map((e) => [e.action, e.data])).toEqual([
      ['agent.created', expect.anything()],
      ['agent.updated', { changes: { region: { from: null, to: 'EMEA' } } }],
      ['agent.updated', { changes: { role: { from: 'agent', to: 'lead' } } }],
      ['agent.updated', { changes: { active: { from: true, to: false } } }],
    ]);
  });

  it('the last active admin stays one: not demoted, not deactivated, and nobody deactivates themselves', async () => {
    const ada = await desk.agentTokenFor('ada@desk.example', 'admin');
    const list = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/agents?limit=100' })).json().items;
    const id = (email: string) => list.find((a: { email: string }) => a.email === email).id as string;
    const patch = (token: string, email: string, payload: object) =>
      desk.as(token, { method: 'PATCH', url: `/api/v1/agents/${id(email)}`, payload });

    const self = await patch(ada, 'ada@desk.example', { active: false });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toBe('You cannot deactivate yourself: another admin can.');

    // every other admin is demoted first (root, from the test before), so Ada is the last
    for (const admin of list.filter(
      (a: { role: string; active: boolean; email: string }) =>
        a.role === 'admin' && a.active && a.email !== 'ada@desk.example',
    )) {
      expect((await patch(ada, admin.email, { role: 'lead' })).statusCode).toBe(200);
    }
    for (const payload of [{ role: 'lead' }, { active: false }]) {
      const res = await patch(desk.adminToken, 'ada@desk.example', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'LAST_ADMIN',
        message: expect.stringContaining('last active admin'),
      });
    }
    const ada2 = (await desk.as(ada, { method: 'GET', url: `/api/v1/agents/${id('ada@desk.example')}` })).json();
    expect(ada2).toMatchObject({ role: 'admin', active: true });
  });
});
