import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { GitLabSimulator } from '../../test/helpers/forge-simulator.js';
import { FakeClock } from '../platform/clock.js';

// The ticket's history: every change in plain words, for agents only; unlinking an issue is one.

let desk: TestDesk;
let gitlab: GitLabSimulator;
let agent: string;
let customer: { organizationId: string; contactId: string; token: string };
const clock = new FakeClock('2026-11-27T09:00:00Z');
const PROJECT = 'acme/widgets';

beforeAll(async () => {
  gitlab = await new GitLabSimulator().start();
  desk = await createTestDesk({ clock });
  agent = await desk.agentTokenFor('ana@desk.example');
  customer = await desk.customer('Acme', 'lena@acme.example');
  const forge = await desk.as(desk.adminToken, {
    method: 'POST',
    url: '/api/v1/forges',
    payload: { kind: 'gitlab', baseUrl: gitlab.url, token: gitlab.token, webhookSecret: gitlab.secret, name: 'GitLab' },
  });
  expect(forge.statusCode, forge.body).toBe(201);
});
afterAll(async () => {
  await desk?.close();
  await gitlab?.close();
});

async function call(token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  clock.advance(1000);
  return desk.as(token, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });
}

async function summaries(number: number) {
  const res = await call(agent, 'GET', `/api/v1/tickets/${number}/events`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { summary: string }[]).map((e) => e.summary);
}

describe('the history of a ticket', () => {
  it('tells each change in words: fields, links linked and unlinked', async () => {
    const opened = await call(customer.token, 'POST', '/api/v1/tickets', {
      subject: 'Runner offline',
      body: 'Since 8:00.',
    });
    const number = opened.json().number as number;
    const changed = await call(agent, 'PATCH', `/api/v1/tickets/${number}`, {
      priority: 'urgent',
      assignee: 'ana@desk.example',
      tags: ['runners'],
    });
    expect(changed.statusCode, changed.body).toBe(200);

    gitlab.addIssue(PROJECT, 31, 'Runners go offline after token rotation');
    const linked = await call(agent, 'POST', `/api/v1/tickets/${number}/links`, { url: gitlab.issueUrl(PROJECT, 31) });
    expect(linked.statusCode, linked.body).toBe(201);
    const linkId = linked.json().id as string;

    // a customer cannot unlink it
    expect((await call(customer.token, 'DELETE', `/api/v1/tickets/${number}/links/${linkId}`)).statusCode).toBe(403);
    const unlinked = await call(agent, 'DELETE', `/api/v1/tickets/${number}/links/${linkId}`);
    expect(unlinked.statusCode).toBe(204);
    expect((await call(agent, 'GET', `/api/v1/tickets/${number}/links`)).json().items).toEqual([]);
    expect((await call(agent, 'DELETE', `/api/v1/tickets/${number}/links/${linkId}`)).statusCode).toBe(404);

    expect(await summaries(number)).toEqual([
      'lena opened the ticket (api)',
      'ana set priority normal → urgent, assigned ana, pinned it to its assignee, tagged runners',
      `ana linked ${PROJECT}#31`,
      'Pipefitter replied',
      `The customer was told how to follow ${gitlab.issueUrl(PROJECT, 31)} themselves`,
      `ana unlinked ${PROJECT}#31`,
    ]);
  });

  it('the story routes are in the OpenAPI document', async () => {
    const spec = (await desk.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const methods = (path: string) => Object.keys(spec.paths[path] ?? {}).sort();
    expect(methods('/api/v1/tickets/{number}/ccs')).toEqual(['get', 'post']);
    expect(methods('/api/v1/tickets/{number}/ccs/{contactId}')).toEqual(['delete']);
    expect(methods('/api/v1/tickets/{number}/merge')).toEqual(['post']);
    expect(methods('/api/v1/tickets/{number}/links/{id}')).toEqual(['delete']);
    expect(spec.paths['/api/v1/tickets/{number}/events'].get.responses['200']).toBeDefined();
  });

  it('is for agents: a customer sees no events', async () => {
    const opened = await call(customer.token, 'POST', '/api/v1/tickets', { subject: 'Another', body: 'x' });
    const res = await call(customer.token, 'GET', `/api/v1/tickets/${opened.json().number}/events`);
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('ticket.created');
  });
});
