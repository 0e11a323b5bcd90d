import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { GitLabSimulator } from '../../test/helpers/forge-simulator.js';
import { listOutboundMail } from '../mail/outbox-store.js';
import { applyMacro } from './apply-macro.js';

let desk: TestDesk;
let gitlab: GitLabSimulator;
let lead: string;
let ana: string;
let bo: string;
let contact: string;
let anaId: string;
const PROJECT = 'acme/widgets';

beforeAll(async () => {
  gitlab = await new GitLabSimulator().start();
  desk = await createTestDesk({ env: { SUPPORT_ADDRESS: 'support@desk.example' } });
  const forge = await desk.as(desk.adminToken, {
    method: 'POST',
    url: '/api/v1/forges',
    payload: { kind: 'gitlab', baseUrl: gitlab.url, token: gitlab.token, webhookSecret: gitlab.secret, name: 'GitLab' },
  });
  expect(forge.statusCode, forge.body).toBe(201);
  gitlab.addIssue(PROJECT, 12, 'Sidekiq retries pile up');
  gitlab.setMilestone(PROJECT, 12, '17.3', '2026-12-18');
  lead = await desk.agentTokenFor('lee@desk.example', 'lead');
  ana = await desk.agentTokenFor('ana.silva@desk.example');
  bo = await desk.agentTokenFor('bo@desk.example');
  contact = (await desk.customer('Acme', 'lena@acme.example')).token;
  await desk.as(desk.adminToken, {
    method: 'PATCH',
    url: `/api/v1/agents/${await agentId('ana.silva@desk.example')}`,
    payload: { name: 'Ana Silva' },
  });
  anaId = await agentId('ana.silva@desk.example');
});
afterAll(async () => {
  await desk?.close();
  await gitlab?.close();
});

async function agentId(email: string): Promise<string> {
  const list = await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/agents?limit=100' });
  return list.json().items.find((a: { email: string }) => a.email === email).id;
}

async function mailOf(number: number) {
  return (await listOutboundMail(desk.deps.db, undefined, 1000)).filter((m) => m.ticketId === number);
}

async function ticketFor(requesterName: string | null, email: string) {
  const res = await desk.as(desk.adminToken, {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: {
      subject: 'Sidekiq queue latency',
      body: 'The default queue is 10 minutes behind.',
      requesterEmail: email,
      ...(requesterName ? { requesterName } : {}),
      tags: ['sidekiq', 'triage'],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().number as number;
}

async function createMacro(token: string, payload: Record<string, unknown>) {
  return desk.as(token, { method: 'POST', url: '/api/v1/macros', payload });
}

async function apply(token: string, number: number, id: string, payload: Record<string, unknown> = {}) {
  return desk.as(token, { method: 'POST', url: `/api/v1/tickets/${number}/macros/${id}/apply`, payload });
}

describe('a shared macro with placeholders and actions', () => {
  it('changes the ticket through the audited update and link, renders the body, and counts the use', async () => {
    const number = await ticketFor('Lena Meyer', 'lena.meyer@acme.example');
    const created = await createMacro(lead, {
      name: 'Waiting on the fix',
      body: 'Hi {{requester.first_name}},\n\nticket #{{ticket.number}} waits on {{issue.url}} (milestone {{issue.milestone}}).\n\n{{agent.name}}',
      shared: true,
      actions: {
        status: 'pending',
        priority: 'high',
        addTags: ['Waiting-On-Fix'],
        removeTags: ['triage'],
        assignee: 'me',
        linkIssueUrl: gitlab.issueUrl(PROJECT, 12),
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const macro = created.json();
    expect(macro).toMatchObject({ shared: true, usageCount: 0, lastUsedAt: null, internal: false });
    expect(macro.actions.addTags).toEqual(['waiting-on-fix']);
    expect(macro.summary).toContain('assign to me');

    const applied = await apply(ana, number, macro.id);
    expect(applied.statusCode, applied.body).toBe(200);
    const result = applied.json();
    expect(result.body).toBe(
      `Hi Lena,\n\nticket #${number} waits on ${gitlab.issueUrl(PROJECT, 12)} (milestone 17.3).\n\nAna Silva`,
    );
    expect(result.internal).toBe(false);
    expect(result.message).toBeUndefined();
    expect(result.ticket).toMatchObject({ status: 'pending', priority: 'high', assignee: { id: anaId } });
    expect(result.ticket.tags).toEqual(['sidekiq', 'waiting-on-fix']);

    // the same trail as a change by hand: who, what from and to; the link; the macro itself
    const events = (await desk.as(ana, { method: 'GET', url: `/api/v1/tickets/${number}/events` })).json().items;
    const updated = events.find((e: { action: string }) => e.action === 'ticket.updated');
    expect(updated.actor.name).toBe('Ana Silva');
    expect(updated.data.changes).toMatchObject({
      status: { from: 'new', to: 'pending' },
      priority: { from: 'normal', to: 'high' },
      tags: { from: ['sidekiq', 'triage'], to: ['sidekiq', 'waiting-on-fix'] },
      assignee: { from: null, to: anaId },
    });
    expect(events.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['link.added', 'macro.applied']),
    );
    const links = (await desk.as(ana, { method: 'GET', url: `/api/v1/tickets/${number}/links` })).json();
    expect(JSON.stringify(links)).toContain(gitlab.issueUrl(PROJECT, 12));

    // nothing was said to the customer: the body went to the composer only
    const messages = (await desk.as(ana, { method: 'GET', url: `/api/v1/tickets/${number}/messages` })).json().items;
    expect(messages).toHaveLength(1);

    const after = (await desk.as(ana, { method: 'GET', url: `/api/v1/macros/${macro.id}` })).json();
    expect(after.usageCount).toBe(1);
    expect(after.lastUsedAt).not.toBeNull();
  });

  it('renders a value the ticket lacks as empty text', async () => {
    const number = await ticketFor(null, 'noname@acme.example');
    const macro = (
      await createMacro(ana, { name: 'Nothing linked', body: 'Hi {{requester.first_name}}! [{{issue.milestone}}]' })
    ).json();
    const applied = await apply(ana, number, macro.id);
    expect(applied.json().body).toBe('Hi ! []');
  });

  it('refuses an unknown placeholder when saving, naming it with a stable code', async () => {
    const res = await createMacro(ana, { name: 'Typo', body: 'Hi {{requester.frist_name}}' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MACRO_PLACEHOLDER_UNKNOWN');
    expect(res.json().error.message).toContain('{{requester.frist_name}}');

    const fine = (await createMacro(ana, { name: 'Fine for now', body: 'Hi' })).json();
    const patched = await desk.as(ana, {
      method: 'PATCH',
      url: `/api/v1/macros/${fine.id}`,
      payload: { body: 'Hi {{customer.name}}' },
    });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().error.code).toBe('MACRO_PLACEHOLDER_UNKNOWN');
  });

  it('with send: true adds the rendered body as the reply, mailed to the customer', async () => {
    const number = await ticketFor('Lena Meyer', 'lena.send@acme.example');
    const macro = (
      await createMacro(lead, {
        name: 'Send the logs please',
        shared: true,
        body: 'Hi {{requester.first_name}}, could you send the Sidekiq logs for #{{ticket.number}}?',
        actions: { status: 'pending' },
      })
    ).json();
    const res = await apply(bo, number, macro.id, { send: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().message.text).toBe(`Hi Lena, could you send the Sidekiq logs for #${number}?`);
    expect(res.json().message.internal).toBe(false);
    expect(res.json().ticket.status).toBe('pending');
    const mail = await mailOf(number);
    expect(mail.flatMap((m) => m.toAddresses)).toContain('lena.send@acme.example');

    // the same action as a function, for bulk changes: an internal macro adds a note nobody is mailed
    const note = (await createMacro(bo, { name: 'Note it', body: 'Seen by {{agent.name}}', internal: true })).json();
    const before = (await mailOf(number)).length;
    const actor = { kind: 'agent' as const, role: 'agent' as const, agentId: null, tokenId: null, name: 'Bulk' };
    await expect(applyMacro(desk.deps, actor, number, note.id, { send: true })).rejects.toMatchObject({
      code: 'MACRO_NOT_FOUND', // a personal macro is its owner's alone
    });
    const boActor = { ...actor, agentId: await agentId('bo@desk.example'), name: 'bo' };
    const noted = await applyMacro(desk.deps, boActor, number, note.id, { send: true });
    expect(noted.message?.internal).toBe(true);
    expect(noted.message?.text).toBe('Seen by bo');
    expect(await mailOf(number)).toHaveLength(before);
  });
});

describe('the list', () => {
  it('holds the shared macros and my own, most used first, searchable by name', async () => {
    const number = await ticketFor('Kim Lee', 'kim@acme.example');
    const often = (await createMacro(bo, { name: 'Often used thanks', body: 'Thanks!' })).json();
    const rarely = (await createMacro(bo, { name: 'Rarely used thanks', body: 'Thank you.' })).json();
    await createMacro(ana, { name: 'Ana’s thanks', body: 'Cheers' });
    await apply(bo, number, often.id);
    await apply(bo, number, often.id);

    const list = (await desk.as(bo, { method: 'GET', url: '/api/v1/macros?q=thanks' })).json().items;
    expect(list.map((m: { name: string }) => m.name)).toEqual(['Often used thanks', 'Rarely used thanks']);
    expect(list[0].usageCount).toBe(2);
    void rarely;
    const all = (await desk.as(bo, { method: 'GET', url: '/api/v1/macros' })).json().items;
    expect(all.some((m: { shared: boolean }) => m.shared)).toBe(true);
    expect(all.some((m: { name: string }) => m.name === 'Ana’s thanks')).toBe(false);
  });
});

describe('who may change a macro', () => {
  it('an agent keeps their own; shared ones are for leads and admins; another agent’s are not there', async () => {
    const shared = await createMacro(ana, { name: 'Agent tries to share', body: 'x', shared: true });
    expect(shared.statusCode).toBe(403);

    const leads = (await createMacro(lead, { name: 'Lead’s shared one', body: 'x', shared: true })).json();
    const patch = (token: string, id: string, payload: Record<string, unknown>) =>
      desk.as(token, { method: 'PATCH', url: `/api/v1/macros/${id}`, payload });
    const remove = (token: string, id: string) => desk.as(token, { method: 'DELETE', url: `/api/v1/macros/${id}` });

    expect((await patch(ana, leads.id, { body: 'changed' })).statusCode).toBe(403);
    expect((await remove(ana, leads.id)).statusCode).toBe(403);
    const listed = (await desk.as(ana, { method: 'GET', url: '/api/v1/macros?q=Lead' })).json().items;
    expect(listed[0]).toMatchObject({ name: 'Lead’s shared one', editable: false });
    expect((await patch(lead, leads.id, { body: 'changed by the lead' })).json().body).toBe('changed by the lead');

    const mine = (await createMacro(ana, { name: 'Mine alone', body: 'x' })).json();
    expect(mine.editable).toBe(true);
    expect((await patch(bo, mine.id, { body: 'hijacked' })).statusCode).toBe(404);
    expect((await remove(bo, mine.id)).statusCode).toBe(404);
    expect((await patch(lead, mine.id, { body: 'hijacked' })).statusCode).toBe(404);
    expect((await desk.as(bo, { method: 'GET', url: `/api/v1/macros/${mine.id}` })).statusCode).toBe(404);
    const number = await ticketFor('Kim Lee', 'kim2@acme.example');
    expect((await apply(bo, number, mine.id)).statusCode).toBe(404);
    expect((await patch(ana, mine.id, { shared: true })).statusCode).toBe(403); // sharing is a lead's call
    expect((await patch(ana, mine.id, { name: 'Still mine' })).json().name).toBe('Still mine');
    expect((await remove(ana, mine.id)).statusCode).toBe(204);
    expect((await desk.as(ana, { method: 'GET', url: `/api/v1/macros/${mine.id}` })).statusCode).toBe(404);

    const dup = await createMacro(lead, { name: 'lead’s SHARED one', body: 'y', shared: true });
    expect(dup.statusCode).toBe(409);
  });

  it('a contact is refused on every macro route', async () => {
    const macro = (await createMacro(lead, { name: 'For contacts never', body: 'x', shared: true })).json();
    const own = await desk.as(contact, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Help', body: 'Please.' },
    });
    const number = own.json().number;
    const routes = [
      { method: 'GET', url: '/api/v1/macros' },
      { method: 'GET', url: '/api/v1/macros/placeholders' },
      { method: 'GET', url: `/api/v1/macros/${macro.id}` },
      { method: 'POST', url: '/api/v1/macros', payload: { name: 'Mine', body: 'x' } },
      { method: 'PATCH', url: `/api/v1/macros/${macro.id}`, payload: { body: 'y' } },
      { method: 'DELETE', url: `/api/v1/macros/${macro.id}` },
      { method: 'POST', url: `/api/v1/tickets/${number}/macros/${macro.id}/apply`, payload: { send: true } },
    ] as const;
    for (const route of routes) {
      const res = await desk.as(contact, route);
      expect([403, 404], `${route.method} ${route.url}`).toContain(res.statusCode);
      expect(res.body).not.toContain('For contacts never');
    }
    const still = (await desk.as(lead, { method: 'GET', url: `/api/v1/macros/${macro.id}` })).json();
    expect(still).toMatchObject({ body: 'x', usageCount: 0 });
  });
});
