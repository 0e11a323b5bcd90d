import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('the newcomer journey', () => {
  it('a contact opens a ticket, an agent answers, another organization cannot read or find it', async () => {
    const acme = await desk.customer('Acme', 'lena@acme.example');
    const globex = await desk.customer('Globex', 'hank@globex.example');
    const agent = await desk.agentToken('agent');

    const opened = await desk.as(acme.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: {
        subject: 'Sidekiq queue latency after upgrade',
        body: 'The default queue is 10 minutes behind.',
        severity: 2,
      },
    });
    expect(opened.statusCode).toBe(201);
    const ticket = opened.json();
    expect(ticket.number).toBeGreaterThan(0);
    expect(ticket.requester.email).toBe('lena@acme.example');
    expect(ticket.organization.name).toBe('Acme');
    expect(ticket.status).toBe('new');

    const reply = await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/messages`,
      payload: { body: 'Could you send the Sidekiq logs?', status: 'pending' },
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().ticket.status).toBe('pending');

    const seen = await desk.as(acme.token, { method: 'GET', url: `/api/v1/tickets/${ticket.number}/messages` });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().items.map((m: { text: string }) => m.text)).toEqual([
      'The default queue is 10 minutes behind.',
      'Could you send the Sidekiq logs?',
    ]);

    // the other organization's contact: not by number, not in lists, not by search
    const direct = await desk.as(globex.token, { method: 'GET', url: `/api/v1/tickets/${ticket.number}` });
    expect(direct.statusCode).toBe(404);
    expect(direct.json().error.code).toBe('TICKET_NOT_FOUND');
    const messages = await desk.as(globex.token, { method: 'GET', url: `/api/v1/tickets/${ticket.number}/messages` });
    expect(messages.statusCode).toBe(404);
    const list = await desk.as(globex.token, { method: 'GET', url: '/api/v1/tickets' });
    expect(list.json().items).toEqual([]);
    const search = await desk.as(globex.token, { method: 'GET', url: '/api/v1/search?q=sidekiq' });
    expect(search.statusCode).toBe(200);
    expect(search.json().items).toEqual([]);
    const ownSearch = await desk.as(acme.token, { method: 'GET', url: '/api/v1/search?q=sidekiq' });
    expect(ownSearch.json().items.map((h: { ticket: { number: number } }) => h.ticket.number)).toEqual([ticket.number]);
  });
});

async function open(token: string, payload: Record<string, unknown>) {
  const res = await desk.as(token, { method: 'POST', url: '/api/v1/tickets', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { number: number; status: string; [k: string]: unknown };
}

describe('who sees which ticket', () => {
  it('an organization that shares tickets lets its contacts see each other’s; one that does not, does not', async () => {
    const sharing = await desk.customer('Initech', 'peter@initech.example', { shareTickets: true });
    const colleague = await desk.contactIn(sharing.organizationId, 'samir@initech.example');
    const private1 = await desk.customer('Umbrella', 'alice@umbrella.example', { shareTickets: false });
    const private2 = await desk.contactIn(private1.organizationId, 'carlos@umbrella.example');

    const shared = await open(sharing.token, { subject: 'TPS reports export slow', body: 'It takes an hour.' });
    const secret = await open(private1.token, { subject: 'Lab results upload fails', body: 'HTTP 500.' });

    expect(
      (await desk.as(colleague.token, { method: 'GET', url: `/api/v1/tickets/${shared.number}` })).statusCode,
    ).toBe(200);
    expect((await desk.as(private2.token, { method: 'GET', url: `/api/v1/tickets/${secret.number}` })).statusCode).toBe(
      404,
    );
    const colleagueList = await desk.as(colleague.token, { method: 'GET', url: '/api/v1/tickets' });
    expect(colleagueList.json().items.map((t: { number: number }) => t.number)).toContain(shared.number);
    const search = await desk.as(private2.token, { method: 'GET', url: '/api/v1/search?q=upload' });
    expect(search.json().items).toEqual([]);
  });

  it('a CC sees the ticket they are copied on', async () => {
    const owner = await desk.customer('Hooli', 'gavin@hooli.example');
    const outsider = await desk.customer('Pied Piper', 'richard@piedpiper.example');
    const agent = await desk.agentToken();
    const ticket = await open(agent, {
      subject: 'Compression ratio regression',
      body: 'Reported by phone.',
      requesterEmail: 'gavin@hooli.example',
      ccEmails: ['richard@piedpiper.example'],
    });
    const seen = await desk.as(outsider.token, { method: 'GET', url: `/api/v1/tickets/${ticket.number}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().ccs.map((c: { email: string }) => c.email)).toEqual(['richard@piedpiper.example']);
    void owner;
  });

  it('customers never see internal notes, not in the thread, not in search, not as attachments', async () => {
    const customer = await desk.customer('Stark', 'pepper@stark.example');
    const agent = await desk.agentToken();
    const ticket = await open(customer.token, { subject: 'Dashboard blank', body: 'The dashboard is blank.' });
    const note = await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/messages`,
      payload: {
        body: 'Customer runs an unsupported flamingo plugin',
        internal: true,
        attachments: [
          { filename: 'notes.txt', contentType: 'text/plain', content: Buffer.from('internal').toString('base64') },
        ],
      },
    });
    expect(note.statusCode).toBe(201);
    const attachmentId = note.json().message.attachments[0].id;

    const thread = await desk.as(customer.token, { method: 'GET', url: `/api/v1/tickets/${ticket.number}/messages` });
    expect(thread.json().items.map((m: { text: string }) => m.text)).toEqual(['The dashboard is blank.']);
    const agentThread = await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${ticket.number}/messages` });
    expect(agentThread.json().items).toHaveLength(2);

    const search = await desk.as(customer.token, { method: 'GET', url: '/api/v1/search?q=flamingo' });
    expect(search.json().items).toEqual([]);
    const agentSearch = await desk.as(agent, { method: 'GET', url: '/api/v1/search?q=flamingo' });
    expect(agentSearch.json().items[0].highlights.message).toContain('<mark>flamingo</mark>');

    expect(
      (await desk.as(customer.token, { method: 'GET', url: `/api/v1/attachments/${attachmentId}` })).statusCode,
    ).toBe(404);
    const download = await desk.as(agent, { method: 'GET', url: `/api/v1/attachments/${attachmentId}` });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('internal');
    expect(download.headers['content-disposition']).toContain('attachment');
  });

  it('customers cannot set internal fields or read the audit trail', async () => {
    const customer = await desk.customer('Wayne', 'lucius@wayne.example');
    const denied = await desk.as(customer.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'x', body: 'y', tags: ['vip'] },
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('FIELD_NOT_ALLOWED');
    const ticket = await open(customer.token, { subject: 'Cave lights', body: 'Flicker.' });
    const events = await desk.as(customer.token, { method: 'GET', url: `/api/v1/tickets/${ticket.number}/events` });
    expect(events.statusCode).toBe(403);
    const note = await desk.as(customer.token, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/messages`,
      payload: { body: 'sneaky', internal: true },
    });
    expect(note.json().error.code).toBe('FIELD_NOT_ALLOWED');
    const contacts = await desk.as(customer.token, { method: 'GET', url: '/api/v1/contacts' });
    expect(contacts.statusCode).toBe(403);
  });

  it('search escapes markup from messages and marks only the matches', async () => {
    const customer = await desk.customer('Tyrell', 'rachael@tyrell.example');
    await open(customer.token, {
      subject: 'Replicant <script>alert(1)</script> memory',
      body: 'replicant memory: if a < b && c > d then <img src=x onerror=alert(1)>',
    });
    const res = await desk.as(customer.token, { method: 'GET', url: '/api/v1/search?q=replicant' });
    const hit = res.json().items[0];
    expect(hit.highlights.subject).toContain('<mark>Replicant</mark>');
    expect(hit.highlights.message).toContain('<mark>replicant</mark>');
    const markup = `${hit.highlights.subject}${hit.highlights.message}`.replace(/<\/?mark>/g, '');
    expect(markup).not.toMatch(/<[a-z/]/i); // nothing but <mark> is markup
    expect(hit.highlights.message).toContain('&lt; b &amp;&amp; c &gt; d');
  });
});

describe('ticket life', () => {
  it('a customer reply reopens a pending ticket; a reply to a closed one opens a follow-up', async () => {
    const customer = await desk.customer('Soylent', 'sol@soylent.example');
    const agent = await desk.agentToken();
    const ticket = await open(customer.token, { subject: 'Green batch delayed', body: 'Where is it?' });
    await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/messages`,
      payload: { body: 'Which batch number?', status: 'pending' },
    });
    const answer = await desk.as(customer.token, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/messages`,
      payload: { body: 'Batch 42' },
    });
    expect(answer.json().ticket.status).toBe('open');

    for (const status of ['solved', 'closed']) {
      const res = await desk.as(agent, {
        method: 'PATCH',
        url: `/api/v1/tickets/${ticket.number}`,
        payload: { status },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const late = await desk.as(customer.token, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/messages`,
      payload: { body: 'It happened again' },
    });
    expect(late.statusCode).toBe(201);
    const body = late.json();
    expect(body.followUp).toBe(true);
    expect(body.ticket.number).not.toBe(ticket.number);
    expect(body.ticket.followUpOf).toBe(ticket.number);
    expect(body.ticket.status).toBe('new');
    const original = await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${ticket.number}` });
    expect(original.json().status).toBe('closed');

    const agentReply = await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/messages`,
      payload: { body: 'too late' },
    });
    expect(agentReply.statusCode).toBe(409);
    expect(agentReply.json().error.code).toBe('TICKET_CLOSED');
  });

  it('refuses a transition that makes no sense', async () => {
    const agent = await desk.agentToken();
    const ticket = await open(agent, { subject: 'x', body: 'y', requesterEmail: 'someone@example.com' });
    const res = await desk.as(agent, {
      method: 'PATCH',
      url: `/api/v1/tickets/${ticket.number}`,
      payload: { status: 'closed' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('INVALID_TRANSITION');
  });

  it('records every change in the audit trail with who, when, from and to', async () => {
    const lead = await desk.agentToken('lead');
    const agentRes = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/agents',
      payload: { email: 'jonas@desk.example', name: 'Jonas', role: 'agent', timeZone: 'Europe/Berlin', region: 'EMEA' },
    });
    expect(agentRes.statusCode, agentRes.body).toBe(201);
    const ticket = await open(lead, { subject: 'Audit me', body: 'Please', requesterEmail: 'audit@example.com' });
    const patch = await desk.as(lead, {
      method: 'PATCH',
      url: `/api/v1/tickets/${ticket.number}`,
      payload: { priority: 'urgent', assignee: 'jonas@desk.example', tags: ['PostgreSQL', 'slow-sql'] },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().tags).toEqual(['postgresql', 'slow-sql']);
    expect(patch.json().assignee.email).toBe('jonas@desk.example');
    const events = (await desk.as(lead, { method: 'GET', url: `/api/v1/tickets/${ticket.number}/events` })).json()
      .items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['ticket.created', 'ticket.updated']);
    const changes = events[1].data.changes;
    expect(changes.priority).toEqual({ from: 'normal', to: 'urgent' });
    expect(changes.assignee.to).toBe(agentRes.json().id);
    expect(events[1].actor.name).toBe('test lead');
  });
});

describe('ticket lists', () => {
  it('filter, sort and page through tickets with a cursor', async () => {
    const agent = await desk.agentToken();
    const numbers: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = await open(agent, {
        subject: `Paging ${i}`,
        body: 'x',
        requesterEmail: 'pager@example.com',
        priority: i % 2 ? 'high' : 'low',
        tags: ['paging'],
      });
      numbers.push(t.number);
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/tickets?tag=paging&sort=-created&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await desk.as(agent, { method: 'GET', url })).json();
      seen.push(...page.items.map((t: { number: number }) => t.number));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...numbers].reverse());

    const high = (await desk.as(agent, { method: 'GET', url: '/api/v1/tickets?tag=paging&priority=high' })).json();
    expect(high.items).toHaveLength(3);
    const byPriority = (
      await desk.as(agent, { method: 'GET', url: '/api/v1/tickets?tag=paging&sort=-priority&limit=4' })
    ).json();
    expect(byPriority.items.map((t: { priority: string }) => t.priority)).toEqual(['high', 'high', 'high', 'low']);
    const updated = (await desk.as(agent, { method: 'GET', url: '/api/v1/tickets?tag=paging&limit=4' })).json();
    const next = (
      await desk.as(agent, { method: 'GET', url: `/api/v1/tickets?tag=paging&limit=4&cursor=${updated.nextCursor}` })
    ).json();
    expect([...updated.items, ...next.items].map((t: { number: number }) => t.number).sort()).toEqual(
      [...numbers].sort(),
    );
    await desk.agentTokenFor('pager-agent@desk.example');
    for (const number of numbers.slice(0, 3)) {
      await desk.as(agent, {
        method: 'PATCH',
        url: `/api/v1/tickets/${number}`,
        payload: { assignee: 'pager-agent@desk.example' },
      });
    }
    const unassigned = (
      await desk.as(agent, { method: 'GET', url: '/api/v1/tickets?tag=paging&assignee=none&status=new' })
    ).json();
    expect(unassigned.items.map((t: { number: number }) => t.number).sort()).toEqual(numbers.slice(3).sort());
    const theirs = (
      await desk.as(agent, { method: 'GET', url: '/api/v1/tickets?assignee=pager-agent@desk.example' })
    ).json();
    expect(theirs.items).toHaveLength(3);
    const count = (await desk.as(agent, { method: 'GET', url: '/api/v1/tickets/count?tag=paging' })).json();
    expect(count.count).toBe(7);
    const byNumber = (await desk.as(agent, { method: 'GET', url: `/api/v1/tickets?q=%23${numbers[2]}` })).json();
    expect(byNumber.items.map((t: { number: number }) => t.number)).toEqual([numbers[2]]);
  });

  it('saved views run their filter', async () => {
    const me = await desk.agentTokenFor('view-owner@desk.example');
    const ticketWith = async (priority: string, tags: string[]) =>
      (
        await open(me, {
          subject: `View ${priority} ${tags}`,
          body: 'x',
          requesterEmail: 'viewer@example.com',
          priority,
          tags,
        })
      ).number as number;
    const matching = [await ticketWith('high', ['escalated']), await ticketWith('high', ['escalated', 'db'])];
    await ticketWith('low', ['escalated']); // the right tag, another priority
    await ticketWith('high', ['db']); // the right priority, another tag
    const created = await desk.as(me, {
      method: 'POST',
      url: '/api/v1/views',
      payload: { name: 'High and escalated', filters: { tag: 'escalated', priority: 'high' } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const views = (await desk.as(me, { method: 'GET', url: '/api/v1/views' })).json().items;
    expect(views.map((v: { name: string }) => v.name)).toContain('High and escalated');
    const tickets = (await desk.as(me, { method: 'GET', url: `/api/v1/views/${created.json().id}/tickets` })).json();
    expect(tickets.items.map((t: { number: number }) => t.number).sort((a: number, b: number) => a - b)).toEqual(
      matching,
    );
    const other = await desk.agentTokenFor('someone-else@desk.example');
    expect(
      (await desk.as(other, { method: 'GET', url: `/api/v1/views/${created.json().id}/tickets` })).statusCode,
    ).toBe(404);
  });
});

describe('bad input gets the right 4xx with a stable code', () => {
  it.each([
    [
      'an unknown field',
      { subject: 's', body: 'b', requesterEmail: 'a@example.com', colour: 'red' },
      'unknown field "colour"',
    ],
    ['a wrong type', { subject: 42, body: 'b', requesterEmail: 'a@example.com' }, 'subject'],
    [
      'a bad priority',
      { subject: 's', body: 'b', requesterEmail: 'a@example.com', priority: 'asap' },
      'low, normal, high, urgent',
    ],
    ['a missing body', { subject: 's', requesterEmail: 'a@example.com' }, 'body'],
  ])('%s → 400 VALIDATION_FAILED', async (_what, payload, hint) => {
    const res = await desk.as(desk.adminToken, { method: 'POST', url: '/api/v1/tickets', payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toContain(hint);
  });

  it('an agent must name the requester', async () => {
    const res = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 's', body: 'b' },
    });
    expect(res.json().error.code).toBe('REQUESTER_REQUIRED');
  });

  it('a missing ticket → 404 TICKET_NOT_FOUND; a malformed number → 400', async () => {
    const res = await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/tickets/999999999' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('TICKET_NOT_FOUND');
    const bad = await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/tickets/abc' });
    expect(bad.statusCode).toBe(400);
  });

  it('a body that is not JSON → 400; an unknown route → 404 NOT_FOUND', async () => {
    const res = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { 'content-type': 'application/json' },
      payload: '{"subject": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    const missing = await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });

  it('a bad cursor → 400 INVALID_CURSOR', async () => {
    const res = await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/tickets?cursor=garbage' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_CURSOR');
  });

  it('an attachment over the limit is refused, and nothing is stored', async () => {
    const small = await createTestDeskWithLimit();
    try {
      const big = Buffer.alloc(1024 * 1024 + 1, 1).toString('base64');
      const res = await small.as(small.adminToken, {
        method: 'POST',
        url: '/api/v1/tickets',
        payload: {
          subject: 'big',
          body: 'b',
          requesterEmail: 'a@example.com',
          attachments: [{ filename: 'x.bin', content: big }],
        },
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
      const list = (await small.as(small.adminToken, { method: 'GET', url: '/api/v1/tickets' })).json();
      expect(list.items).toEqual([]);
    } finally {
      await small.close();
    }
  });
});

async function createTestDeskWithLimit() {
  const { createTestDesk: create } = await import('../../test/helpers/build-app.js');
  return create({ env: { ATTACHMENT_MAX_MB: '1' } });
}
