import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { GitLabSimulator } from '../../test/helpers/forge-simulator.js';
import { FakeClock } from '../platform/clock.js';

// Watching waits on a linked issue. With nothing to watch a ticket would leave the queue for good,
// so it needs a linked issue or a date to look again, on which it reopens.

let desk: TestDesk;
let gitlab: GitLabSimulator;
let agent: string;
let customer: { token: string };
const clock = new FakeClock('2026-12-07T10:00:00Z');

const PROJECT = 'acme/approvals';

beforeAll(async () => {
  gitlab = await new GitLabSimulator().start();
  desk = await createTestDesk({ clock });
  agent = await desk.agentTokenFor('ana@desk.example');
  customer = await desk.customer('Acme', 'ops@acme.example');
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

async function open() {
  const res = await desk.as(customer.token, {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { subject: 'Waiting on the fix', body: 'Approvals fail.' },
  });
  return res.json().number as number;
}
const patch = (number: number, payload: object) =>
  desk.as(agent, { method: 'PATCH', url: `/api/v1/tickets/${number}`, payload });
const get = async (number: number) =>
  (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}` })).json() as {
    status: string;
    lookAgainAt: string | null;
    slaDueAt: string | null;
  };
async function link(number: number, iid: number) {
  gitlab.addIssue(PROJECT, iid, `Approvals bug ${iid}`);
  const res = await desk.as(agent, {
    method: 'POST',
    url: `/api/v1/tickets/${number}/links`,
    payload: { url: gitlab.issueUrl(PROJECT, iid) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
const unlink = (number: number, id: string) =>
  desk.as(agent, { method: 'DELETE', url: `/api/v1/tickets/${number}/links/${id}` });

describe('watching needs a linked issue or a date to look again', () => {
  it('refuses watching with nothing to watch, by update and by reply', async () => {
    const number = await open();
    const refused = await patch(number, { status: 'watching' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('WATCHING_NEEDS_LINK');
    expect(refused.json().error.message).toMatch(/link the issue it waits on, or give a date to look again/);

    const reply = await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/messages`,
      payload: { body: 'We will wait for the fix.', status: 'watching' },
    });
    expect(reply.statusCode).toBe(422);
    // refused as a whole: the reply was not sent either
    const messages = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}/messages` })).json();
    expect(JSON.stringify(messages)).not.toContain('We will wait for the fix.');
    expect((await get(number)).status).toBe('new');
  });

  it('refuses a date to look again that has passed, or on a ticket that is not watching', async () => {
    const number = await open();
    const past = await patch(number, { status: 'watching', lookAgainAt: '2026-12-01T09:00:00Z' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.message).toMatch(/has passed/);
    const notWatching = await patch(number, { lookAgainAt: '2026-12-20T09:00:00Z' });
    expect(notWatching.statusCode).toBe(400);
    expect(notWatching.json().error.message).toMatch(/for a watching ticket/);
  });

  it('with a date to look again it watches, and reopens with a note on that date', async () => {
    const number = await open();
    const watching = await patch(number, { status: 'watching', lookAgainAt: '2026-12-10T09:00:00Z' });
    expect(watching.statusCode, watching.body).toBe(200);
    expect(watching.json()).toMatchObject({ status: 'watching', lookAgainAt: '2026-12-10T09:00:00.000Z' });
    // clearing the date with no link to watch would leave it waiting for ever
    const cleared = await patch(number, { lookAgainAt: null });
    expect(cleared.json().error.code).toBe('WATCHING_NEEDS_LINK');

    const worker = desk.runtime.createWorker();
    clock.set('2026-12-10T08:50:00Z');
    await desk.deps.enqueue(desk.deps.db, 'tickets.sweep', {});
    await worker.drain();
    expect((await get(number)).status).toBe('watching');

    clock.set('2026-12-10T09:05:00Z');
    await desk.deps.enqueue(desk.deps.db, 'tickets.sweep', {});
    await worker.drain();
    expect(await get(number)).toMatchObject({ status: 'open', lookAgainAt: null });
    const messages = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}/messages` })).json()
      .items as { internal: boolean; text: string }[];
    expect(messages.at(-1)).toMatchObject({ internal: true });
    expect(messages.at(-1)?.text).toMatch(/date set to look again .* has come/);
    // the customer is not told: it is our reminder
    const seen = (await desk.as(customer.token, { method: 'GET', url: `/api/v1/tickets/${number}/messages` })).json();
    expect(JSON.stringify(seen)).not.toContain('look again');
  });

  it('leaving watching drops the date', async () => {
    const number = await open();
    await patch(number, { status: 'watching', lookAgainAt: '2026-12-20T09:00:00Z' });
    const back = await patch(number, { status: 'open' });
    expect(back.json()).toMatchObject({ status: 'open', lookAgainAt: null });
  });

  it('refuses a date to look again more than a year ahead', async () => {
    const number = await open();
    const far = await patch(number, { status: 'watching', lookAgainAt: '2027-12-20T10:00:00Z' });
    expect(far.statusCode).toBe(400);
    expect(far.json().error.code).toBe('VALIDATION_FAILED');
    expect(far.json().error.message).toMatch(/a year/);
    const within = await patch(number, { status: 'watching', lookAgainAt: '2027-11-30T10:00:00Z' });
    expect(within.statusCode, within.body).toBe(200);
  });
});

describe('unlinking what a watching ticket watches', () => {
  it('opens the ticket again when its last linked issue is unlinked', async () => {
    const number = await open();
    const first = await link(number, 11);
    const second = await link(number, 12);
    expect((await patch(number, { status: 'watching' })).statusCode).toBe(200);
    expect((await get(number)).slaDueAt).toBeNull();

    // one issue left: still watching it
    expect((await unlink(number, first)).statusCode).toBe(204);
    expect((await get(number)).status).toBe('watching');

    expect((await unlink(number, second)).statusCode).toBe(204);
    const ticket = await get(number);
    expect(ticket.status).toBe('open');
    // through the ticket change path: its SLA clock runs again, the history says who and why
    expect(ticket.slaDueAt).not.toBeNull();
    const events = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}/events` })).json().items as {
      summary: string;
    }[];
    expect(events.map((e) => e.summary).slice(-3)).toEqual([
      'ana unlinked acme/approvals#12',
      'ana set status watching → open',
      'Pipefitter added an internal note',
    ]);
    const messages = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${number}/messages` })).json()
      .items as { internal: boolean; text: string }[];
    expect(messages.at(-1)).toMatchObject({ internal: true });
    expect(messages.at(-1)?.text).toMatch(/nothing left to watch/);
  });

  it('keeps watching when it has a date to look again', async () => {
    const number = await open();
    const only = await link(number, 13);
    expect((await patch(number, { status: 'watching', lookAgainAt: '2026-12-30T09:00:00Z' })).statusCode).toBe(200);
    expect((await unlink(number, only)).statusCode).toBe(204);
    expect(await get(number)).toMatchObject({ status: 'watching', lookAgainAt: '2026-12-30T09:00:00.000Z' });
  });
});
