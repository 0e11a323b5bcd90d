import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { FakeClock, MINUTE_MS } from '../platform/clock.js';

const clock = new FakeClock('2026-03-02T09:00:00Z');
let desk: TestDesk;
let admin: string;
let agent: string;
let acme: { organizationId: string; contactId: string; token: string };
let bank: { organizationId: string; contactId: string; token: string };

beforeAll(async () => {
  desk = await createTestDesk({ clock, env: { SUPPORT_ADDRESS: 'support@desk.example' } });
  admin = desk.adminToken;
  agent = await desk.agentTokenFor('ana@desk.example');
  acme = await desk.customer('Acme', 'lena@acme.example');
  // an organization on the enterprise plan, with its own field
  const org = await desk.as(admin, {
    method: 'POST',
    url: '/api/v1/organizations',
    payload: { name: 'Big Bank', plan: 'enterprise' },
  });
  bank = { organizationId: org.json().id, ...(await desk.contactIn(org.json().id, 'ops@bigbank.example')) };

  const define = async (payload: Record<string, unknown>) => {
    const res = await desk.as(admin, { method: 'POST', url: '/api/v1/fields', payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  await define({
    key: 'deployment',
    label: 'Deployment',
    type: 'select',
    options: ['self-managed', 'dedicated', 'saas'],
    required: true,
    customerEditable: true,
    position: 1,
  });
  await define({ key: 'version', label: 'Product version', type: 'text', customerEditable: true, position: 2 });
  await define({
    key: 'components',
    label: 'Components',
    type: 'multiselect',
    options: ['sidekiq', 'gitaly', 'postgresql'],
    customerEditable: true,
  });
  await define({ key: 'seats', label: 'Seats', type: 'number' });
  await define({
    key: 'escalation',
    label: 'Escalation risk',
    type: 'select',
    options: ['low', 'high'],
    internal: true,
  });
  await define({ key: 'account_notes', label: 'Account notes', type: 'text', internal: true, required: true });
  await define({
    key: 'instance_url',
    label: 'Instance URL',
    type: 'text',
    customerEditable: true,
    plans: ['enterprise'],
  });
});
afterAll(async () => {
  await desk?.close();
});

const keysOf = (items: { key: string }[]) => items.map((f) => f.key).sort();

describe('defining custom fields', () => {
  it('admins define them; agents and customers cannot; a definition must make sense', async () => {
    const payload = { key: 'region_code', label: 'Region code', type: 'text' };
    for (const token of [agent, acme.token]) {
      const res = await desk.as(token, { method: 'POST', url: '/api/v1/fields', payload });
      expect(res.statusCode).toBe(403);
    }
    const noOptions = await desk.as(admin, {
      method: 'POST',
      url: '/api/v1/fields',
      payload: { key: 'tier', label: 'Tier', type: 'select' },
    });
    expect(noOptions.statusCode).toBe(400);
    expect(noOptions.json().error.message).toMatch(/at least one option/);
    const both = await desk.as(admin, {
      method: 'POST',
      url: '/api/v1/fields',
      payload: { key: 'secret', label: 'Secret', type: 'text', internal: true, customerEditable: true },
    });
    expect(both.statusCode).toBe(400);
    const taken = await desk.as(admin, {
      method: 'POST',
      url: '/api/v1/fields',
      payload: { key: 'deployment', label: 'Again', type: 'text' },
    });
    expect(taken.json().error.code).toBe('ALREADY_EXISTS');
  });

  it("a contact never sees internal fields' definitions, nor fields of another plan", async () => {
    const asAgent = (await desk.as(agent, { method: 'GET', url: '/api/v1/fields' })).json();
    expect(keysOf(asAgent.items)).toEqual([
      'account_notes',
      'components',
      'deployment',
      'escalation',
      'instance_url',
      'seats',
      'version',
    ]);
    const asAcme = (await desk.as(acme.token, { method: 'GET', url: '/api/v1/fields' })).json();
    expect(keysOf(asAcme.items)).toEqual(['components', 'deployment', 'seats', 'version']);
    expect(JSON.stringify(asAcme)).not.toMatch(/internal|escalation|account_notes|enterprise/);
    const asBank = (await desk.as(bank.token, { method: 'GET', url: '/api/v1/fields' })).json();
    expect(keysOf(asBank.items)).toEqual(['components', 'deployment', 'instance_url', 'seats', 'version']);
  });
});

describe('a ticket opened with fields', () => {
  it('a customer must fill in the required customer-editable fields, and only those they may', async () => {
    const open = (payload: Record<string, unknown>, token = acme.token) =>
      desk.as(token, {
        method: 'POST',
        url: '/api/v1/tickets',
        payload: { subject: 'Pipelines stuck', body: 'Since 09:00.', ...payload },
      });
    // required: Deployment (the internal required one is not theirs to fill in)
    const missing = await open({});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'FIELD_REQUIRED', message: 'Deployment is required.' });
    const wrongOption = await open({ fields: { deployment: 'on-prem' } });
    expect(wrongOption.statusCode).toBe(400);
    expect(wrongOption.json().error.message).toBe('Deployment: choose one of self-managed, dedicated, saas.');
    // Seats is filled in by the support team; an internal field does not exist for a customer
    const notEditable = await open({ fields: { deployment: 'saas', seats: 10 } });
    expect(notEditable.statusCode).toBe(403);
    const internal = await open({ fields: { deployment: 'saas', escalation: 'high' } });
    const unknown = await open({ fields: { deployment: 'saas', nonsense: 'x' } });
    expect(internal.statusCode).toBe(400);
    expect(internal.json().error.message).toBe('There is no field "escalation".');
    expect(unknown.json().error.message).toBe('There is no field "nonsense".');
    // another plan's field is unknown to them too
    expect((await open({ fields: { deployment: 'saas', instance_url: 'https://x' } })).statusCode).toBe(400);

    const opened = await open({
      fields: { deployment: 'self-managed', version: ' 17.2 ', components: ['sidekiq', 'gitaly', 'sidekiq'] },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const fields = (
      await desk.as(acme.token, { method: 'GET', url: `/api/v1/tickets/${opened.json().number}/fields` })
    ).json();
    expect(Object.fromEntries(fields.items.map((f: { key: string; value: unknown }) => [f.key, f.value]))).toEqual({
      deployment: 'self-managed',
      version: '17.2',
      components: ['gitaly', 'sidekiq'],
      seats: null,
    });

    const bankTicket = await open(
      { fields: { deployment: 'dedicated', instance_url: 'https://git.bigbank.example' } },
      bank.token,
    );
    expect(bankTicket.statusCode, bankTicket.body).toBe(201);
  });

  it('an agent must fill in every required field, internal ones included', async () => {
    const payload = {
      subject: 'Call: backups failing',
      body: 'As discussed.',
      requesterEmail: 'lena@acme.example',
      fields: { deployment: 'saas' },
    };
    const missing = await desk.as(agent, { method: 'POST', url: '/api/v1/tickets', payload });
    expect(missing.json().error).toMatchObject({ code: 'FIELD_REQUIRED', message: 'Account notes is required.' });
    const opened = await desk.as(agent, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: {
        ...payload,
        fields: { ...payload.fields, account_notes: 'Renewal in May', seats: '250', escalation: 'high' },
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const fields = (
      await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${opened.json().number}/fields` })
    ).json();
    expect(fields.items.find((f: { key: string }) => f.key === 'seats').value).toBe(250);

    // the customer sees the ticket, never the internal fields or their values
    const theirs = await desk.as(acme.token, { method: 'GET', url: `/api/v1/tickets/${opened.json().number}/fields` });
    expect(theirs.statusCode).toBe(200);
    expect(keysOf(theirs.json().items)).toEqual(['components', 'deployment', 'seats', 'version']);
    expect(theirs.body).not.toMatch(/Renewal in May|escalation|Account notes|"high"|internal/);
  });

  it('mail cannot be refused: the ticket opens and shows the required fields as missing', async () => {
    const worker = desk.runtime.createWorker();
    const raw =
      'From: Lena <lena@acme.example>\r\nTo: support@desk.example\r\nSubject: Runners offline\r\nMessage-ID: <runners-1@acme.example>\r\n\r\nAll runners went offline.\r\n';
    const res = await desk.as(admin, {
      method: 'POST',
      url: '/api/v1/mail/inbound',
      headers: { 'content-type': 'message/rfc822' },
      payload: Buffer.from(raw),
    });
    expect(res.statusCode).toBe(202);
    await worker.drain();
    const inbound = (await desk.as(admin, { method: 'GET', url: '/api/v1/mail/inbound' })).json().items;
    const number = inbound.find((i: { id: number }) => i.id === res.json().id).ticketNumber as number;
    expect(number).toBeGreaterThan(0);
    const fields = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}/fields` })).json().items;
    const missing = fields.filter((f: { missing: boolean }) => f.missing).map((f: { key: string }) => f.key);
    expect(missing.sort()).toEqual(['account_notes', 'deployment']);

    // an agent fills them in; a required one cannot be emptied again
    const set = await desk.as(agent, {
      method: 'PATCH',
      url: `/api/v1/tickets/${number}/fields`,
      payload: { values: { deployment: 'saas', account_notes: 'Mailed in' } },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().items.filter((f: { missing: boolean }) => f.missing)).toEqual([]);
    const cleared = await desk.as(agent, {
      method: 'PATCH',
      url: `/api/v1/tickets/${number}/fields`,
      payload: { values: { deployment: null } },
    });
    expect(cleared.json().error).toMatchObject({ code: 'FIELD_REQUIRED', message: 'Deployment is required.' });
    const bad = await desk.as(agent, {
      method: 'PATCH',
      url: `/api/v1/tickets/${number}/fields`,
      payload: { values: { seats: 'many' } },
    });
    expect(bad.json().error.message).toBe('Seats: expected a number.');
    // customers do not change fields after opening
    const byCustomer = await desk.as(acme.token, {
      method: 'PATCH',
      url: `/api/v1/tickets/${number}/fields`,
      payload: { values: { version: '18.0' } },
    });
    expect(byCustomer.statusCode).toBe(403);
  });
});

describe('filtering by a field', () => {
  it('field.<key>=value in the list and the count; a contact cannot filter by an internal field', async () => {
    const open = async (deployment: string, extra: Record<string, unknown> = {}) =>
      (
        await desk.as(agent, {
          method: 'POST',
          url: '/api/v1/tickets',
          payload: {
            subject: `Filter ${deployment}`,
            body: 'x',
            requesterEmail: 'lena@acme.example',
            fields: { deployment, account_notes: 'n', ...extra },
          },
        })
      ).json().number as number;
    const dedicated = await open('dedicated', { escalation: 'high', seats: 12.5 });
    const selfManaged = await open('self-managed', { components: ['postgresql'] });
    const numbersOf = async (token: string, query: string) => {
      const res = await desk.as(token, { method: 'GET', url: `/api/v1/tickets?limit=100&${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((t: { number: number }) => t.number) as number[];
    };
    const dedicatedOnes = await numbersOf(agent, 'field.deployment=dedicated');
    expect(dedicatedOnes).toContain(dedicated);
    expect(dedicatedOnes).not.toContain(selfManaged);
    expect(await numbersOf(agent, 'field.deployment=dedicated,self-managed')).toEqual(
      expect.arrayContaining([dedicated, selfManaged]),
    );
    const escalated = await numbersOf(agent, 'field.escalation=high');
    expect(escalated).toContain(dedicated);
    expect(escalated).not.toContain(selfManaged);
    expect(await numbersOf(agent, 'field.seats=12.50')).toEqual([dedicated]);
    expect(await numbersOf(agent, 'field.components=postgresql&field.deployment=self-managed')).toEqual([selfManaged]);
    expect(await numbersOf(agent, 'field.components=postgresql&field.deployment=dedicated')).toEqual([]);
    const count = await desk.as(agent, { method: 'GET', url: '/api/v1/tickets/count?field.escalation=high' });
    expect(count.json()).toEqual({ count: escalated.length });

    // the customer filters their own tickets by what they can see, never by an internal field
    expect(await numbersOf(acme.token, 'field.deployment=dedicated')).toContain(dedicated);
    const internal = await desk.as(acme.token, { method: 'GET', url: '/api/v1/tickets?field.escalation=high' });
    const unknown = await desk.as(acme.token, { method: 'GET', url: '/api/v1/tickets?field.nonsense=high' });
    expect(internal.statusCode).toBe(400);
    expect(internal.json().error.message).toBe('There is no field "escalation" to filter by.');
    expect(unknown.json().error.message).toBe('There is no field "nonsense" to filter by.');
    const badOption = await desk.as(agent, { method: 'GET', url: '/api/v1/tickets?field.deployment=mainframe' });
    expect(badOption.statusCode).toBe(400);
  });

  it("an option removed from a field takes its tickets' values with it", async () => {
    const fields = (await desk.as(admin, { method: 'GET', url: '/api/v1/fields' })).json().items;
    const components = fields.find((f: { key: string }) => f.key === 'components');
    const changed = await desk.as(admin, {
      method: 'PATCH',
      url: `/api/v1/fields/${components.id}`,
      payload: { options: ['sidekiq', 'gitaly'] },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const res = await desk.as(agent, { method: 'GET', url: '/api/v1/tickets?field.components=sidekiq' });
    expect(res.statusCode).toBe(200);
    expect(
      (await desk.as(agent, { method: 'GET', url: '/api/v1/tickets?field.components=postgresql' })).statusCode,
    ).toBe(400);
  });
});

describe("the customer's last update", () => {
  it('an internal field change moves it for agents only; a field the customer sees moves it for them too', async () => {
    clock.set('2026-03-03T09:00:00Z');
    const opened = await desk.as(acme.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Fields and time', body: 'x', fields: { deployment: 'saas' } },
    });
    const number = opened.json().number as number;
    const seen = async () => (await desk.as(acme.token, { method: 'GET', url: `/api/v1/tickets/${number}` })).json();
    const setField = (values: Record<string, unknown>) =>
      desk.as(agent, { method: 'PATCH', url: `/api/v1/tickets/${number}/fields`, payload: { values } });

    clock.advance(10 * MINUTE_MS);
    expect((await setField({ escalation: 'high', account_notes: 'Watch this one' })).statusCode).toBe(200);
    expect((await seen()).updatedAt).toBe('2026-03-03T09:00:00.000Z');
    const forAgent = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}` })).json();
    expect(forAgent.updatedAt).toBe('2026-03-03T09:10:00.000Z');
    expect(forAgent.customerUpdatedAt).toBe('2026-03-03T09:00:00.000Z');

    clock.advance(10 * MINUTE_MS);
    expect((await setField({ seats: 40 })).statusCode).toBe(200);
    expect((await seen()).updatedAt).toBe('2026-03-03T09:20:00.000Z');
  });
});

describe('the API surface', () => {
  it('documents the field routes, and answers nobody unauthenticated', async () => {
    const spec = (await desk.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(spec.paths['/api/v1/fields']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(spec.paths['/api/v1/fields/{id}']).sort()).toEqual(['delete', 'patch']);
    expect(Object.keys(spec.paths['/api/v1/tickets/{number}/fields']).sort()).toEqual(['get', 'patch']);
    const open = spec.paths['/api/v1/tickets'].post.requestBody.content['application/json'].schema.properties;
    expect(Object.keys(open)).toEqual(expect.arrayContaining(['fields', 'severity']));
    for (const url of [
      '/api/v1/fields',
      '/api/v1/tickets/1/fields',
      '/api/v1/severities',
      '/api/v1/portal/colleagues',
    ]) {
      expect((await desk.as(undefined, { method: 'GET', url })).statusCode).toBe(401);
    }
  });
});
