import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';

// Views: personal, shared with a team (its members see it), or with everyone (a lead's).

let desk: TestDesk;
let ana: string;
let bo: string;
let lead: string;

beforeAll(async () => {
  desk = await createTestDesk();
  ana = await desk.agentTokenFor('ana@desk.example');
  bo = await desk.agentTokenFor('bo@desk.example');
  lead = await desk.agentTokenFor('lee@desk.example', 'lead');
  const agents = (await desk.as(lead, { method: 'GET', url: '/api/v1/agents?limit=100' })).json().items;
  const anaId = agents.find((a: { email: string }) => a.email === 'ana@desk.example').id;
  const team = await desk.as(lead, {
    method: 'POST',
    url: '/api/v1/teams',
    payload: { name: 'EMEA', memberIds: [anaId] },
  });
  expect(team.statusCode, team.body).toBe(201);
});
afterAll(async () => {
  await desk?.close();
});

const names = async (token: string) =>
  (await desk.as(token, { method: 'GET', url: '/api/v1/views' })).json().items.map((v: { name: string }) => v.name);

describe('team views', () => {
  it('a member shares a view with their team: members see it beside their own, others do not', async () => {
    const mine = await desk.as(ana, {
      method: 'POST',
      url: '/api/v1/views',
      payload: { name: 'Mine urgent', filters: { priority: 'urgent', assignee: 'me' } },
    });
    expect(mine.json()).toMatchObject({ scope: 'personal', team: null });
    const shared = await desk.as(ana, {
      method: 'POST',
      url: '/api/v1/views',
      payload: { name: 'EMEA waiting', filters: { status: 'new,open', team: 'EMEA' }, team: 'EMEA' },
    });
    expect(shared.statusCode, shared.body).toBe(201);
    expect(shared.json()).toMatchObject({ scope: 'team', shared: true, team: { name: 'EMEA' } });
    expect(await names(ana)).toEqual(['EMEA waiting', 'Mine urgent']);
    expect(await names(bo)).toEqual([]);
    const id = shared.json().id;
    expect((await desk.as(bo, { method: 'GET', url: `/api/v1/views/${id}/tickets` })).statusCode).toBe(404);
    expect((await desk.as(ana, { method: 'GET', url: `/api/v1/views/${id}/tickets` })).statusCode).toBe(200);
  });

  it('only members (or leads) share with a team', async () => {
    const res = await desk.as(bo, {
      method: 'POST',
      url: '/api/v1/views',
      payload: { name: 'Not my team', filters: {}, team: 'EMEA' },
    });
    expect(res.statusCode).toBe(403);
    const byLead = await desk.as(lead, {
      method: 'POST',
      url: '/api/v1/views',
      payload: { name: 'EMEA by lead', filters: {}, team: 'EMEA' },
    });
    expect(byLead.statusCode, byLead.body).toBe(201);
    expect(await names(ana)).toContain('EMEA by lead');
  });
});
