import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { organizationOfAddress } from './organization-domains.js';

// An organization's mail domains: a lead sets them, one organization owns each, free mail is refused.

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

const create = (token: string, payload: Record<string, unknown>) =>
  desk.as(token, { method: 'POST', url: '/api/v1/organizations', payload });
const patch = (token: string, id: string, payload: Record<string, unknown>) =>
  desk.as(token, { method: 'PATCH', url: `/api/v1/organizations/${id}`, payload });

describe('organization mail domains', () => {
  it('a lead sets them, written the usual way, and the desk finds the organization of an address', async () => {
    const lead = await desk.agentToken('lead');
    const res = await create(lead, {
      name: 'Domain Acme',
      emailDomains: ['Acme.Example', '@acme-corp.example.', 'acme.example'],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().emailDomains).toEqual(['acme-corp.example', 'acme.example']);
    const id = res.json().id as string;

    expect((await organizationOfAddress(desk.deps.db, 'Lena@ACME.example'))?.id).toBe(id);
    expect(await organizationOfAddress(desk.deps.db, 'lena@sub.acme.example')).toBeUndefined();
    expect(await organizationOfAddress(desk.deps.db, 'lena@acme.example.evil.example')).toBeUndefined();

    const read = await desk.as(lead, { method: 'GET', url: `/api/v1/organizations/${id}` });
    expect(read.json().emailDomains).toEqual(['acme-corp.example', 'acme.example']);
    const summary = await desk.as(lead, { method: 'GET', url: `/api/v1/organizations/${id}/summary` });
    expect(summary.json().organization.emailDomains).toEqual(['acme-corp.example', 'acme.example']);
    const list = await desk.as(lead, { method: 'GET', url: '/api/v1/organizations?q=Domain%20Acme' });
    expect(list.json().items[0].emailDomains).toEqual(['acme-corp.example', 'acme.example']);

    // replaced as a whole; a change that leaves them out keeps them
    const changed = await patch(lead, id, { emailDomains: ['acme.example'] });
    expect(changed.json().emailDomains).toEqual(['acme.example']);
    expect((await patch(lead, id, { plan: 'premium' })).json().emailDomains).toEqual(['acme.example']);
    expect(await organizationOfAddress(desk.deps.db, 'lena@acme-corp.example')).toBeUndefined();
  });

  it('a domain belongs to one organization, and the refusal says whose it is', async () => {
    const lead = await desk.agentToken('lead');
    await create(lead, { name: 'Initech', emailDomains: ['initech.example'] });
    const rival = await create(lead, { name: 'Initrode', emailDomains: ['initech.example'] });
    expect(rival.statusCode).toBe(409);
    expect(rival.json().error.code).toBe('DOMAIN_TAKEN');
    expect(rival.json().error.message).toContain('Initech');
    // and nothing of the refused organization was kept
    const list = await desk.as(lead, { method: 'GET', url: '/api/v1/organizations?q=Initrode' });
    expect(list.json().items).toHaveLength(0);

    const other = await create(lead, { name: 'Initrode' });
    const taken = await patch(lead, other.json().id, { emailDomains: ['initrode.example', 'initech.example'] });
    expect(taken.statusCode).toBe(409);
    expect(
      (await desk.as(lead, { method: 'GET', url: `/api/v1/organizations/${other.json().id}` })).json().emailDomains,
    ).toEqual([]);
  });

  it('refuses free mail providers and what is not a domain', async () => {
    const lead = await desk.agentToken('lead');
    for (const domain of ['gmail.com', 'Outlook.com', 'not a domain', 'localhost', 'acme..example']) {
      const res = await create(lead, { name: `Refused ${domain}`, emailDomains: [domain] });
      expect(res.statusCode, domain).toBe(422);
      expect(res.json().error.code).toBe('DOMAIN_REFUSED');
    }
  });

  it('only leads set them; a contact reads its own organization’s', async () => {
    const acme = await desk.customer('Reader Acme', 'ann@reader-acme.example');
    const agent = await desk.agentToken('agent');
    expect((await patch(agent, acme.organizationId, { emailDomains: ['reader-acme.example'] })).statusCode).toBe(403);
    expect((await patch(acme.token, acme.organizationId, { emailDomains: ['reader-acme.example'] })).statusCode).toBe(
      403,
    );
    const lead = await desk.agentToken('lead');
    expect((await patch(lead, acme.organizationId, { emailDomains: ['reader-acme.example'] })).statusCode).toBe(200);
    const own = await desk.as(acme.token, { method: 'GET', url: `/api/v1/organizations/${acme.organizationId}` });
    expect(own.json().emailDomains).toEqual(['reader-acme.example']);
  });
});
