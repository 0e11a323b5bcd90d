import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';

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
});
