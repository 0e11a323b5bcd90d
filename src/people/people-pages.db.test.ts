import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { outboundMail } from '../mail/tables.js';

// The person and organization pages (agents read, leads edit, contacts refused), and tickets an
// agent opens on a customer's behalf after a call.

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

async function open(token: string, payload: Record<string, unknown>) {
  const res = await desk.as(token, { method: 'POST', url: '/api/v1/tickets', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { number: number; status: string; requester: { id: string; email: string; name: string } };
}

const mailOf = (number: number) => desk.deps.db.select().from(outboundMail).where(eq(outboundMail.ticketId, number));

describe('the person page', () => {
  it('shows an agent the contact, their organization, active tickets by status and the tickets they are CC’d on', async () => {
    const acme = await desk.customer('Pages Acme', 'lena@pages-acme.example');
    const agent = await desk.agentToken('agent');
    const a = await open(agent, { subject: 'Runner stuck', body: 'x', requesterEmail: 'lena@pages-acme.example' });
    await open(agent, {
      subject: 'Backups slow',
      body: 'x',
      requesterEmail: 'lena@pages-acme.example',
      status: 'pending',
    });
    const solved = await open(agent, {
      subject: 'Old one',
      body: 'x',
      requesterEmail: 'lena@pages-acme.example',
      status: 'solved',
    });
    // someone else's ticket she is CC'd on
    const cc = await open(agent, {
      subject: 'Colleague’s outage',
      body: 'x',
      requesterEmail: 'ops@pages-acme.example',
      ccEmails: ['lena@pages-acme.example'],
    });

    const res = await desk.as(agent, { method: 'GET', url: `/api/v1/contacts/${acme.contactId}/summary` });
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json();
    expect(summary.contact).toMatchObject({ email: 'lena@pages-acme.example', notes: null });
    expect(summary.organization).toMatchObject({ id: acme.organizationId, name: 'Pages Acme', plan: 'standard' });
    expect(summary.tickets).toEqual({
      byStatus: { new: 1, open: 0, pending: 1, 'on-hold': 0, watching: 0 },
      open: 1,
      waiting: 1,
    });
    expect(summary.ccTickets.map((t: { number: number }) => t.number)).toEqual([cc.number]);
    expect(summary.ccTickets[0].requester.email).toBe('ops@pages-acme.example');

    // their own tickets, a page at a time, are the ticket list filtered by requester
    const list = await desk.as(agent, {
      method: 'GET',
      url: `/api/v1/tickets?requester=${acme.contactId}&limit=2&sort=-number`,
    });
    expect(list.json().items.map((t: { number: number }) => t.number)).toEqual([solved.number, solved.number - 1]);
    expect(list.json().nextCursor).not.toBeNull();
    expect(a.number).toBeLessThan(solved.number);
  });

  it('notes about a contact: a lead writes them, an agent reads them, the contact never sees them', async () => {
    const hank = await desk.customer('Pages Globex', 'hank@pages-globex.example');
    const lead = await desk.agentToken('lead');
    const agent = await desk.agentToken('agent');
    const patch = (token: string, notes: string) =>
      desk.as(token, { method: 'PATCH', url: `/api/v1/contacts/${hank.contactId}`, payload: { notes } });

    const refused = await patch(agent, 'Prefers calls');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    expect((await patch(lead, '  Prefers calls after 14:00 CET.  ')).statusCode).toBe(200);

    const read = await desk.as(agent, { method: 'GET', url: `/api/v1/contacts/${hank.contactId}/summary` });
    expect(read.json().contact.notes).toBe('Prefers calls after 14:00 CET.');

    // the contact reads their own record, but not what the team wrote about them
    const own = await desk.as(hank.token, { method: 'GET', url: `/api/v1/contacts/${hank.contactId}` });
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('Prefers calls');
    const ownSummary = await desk.as(hank.token, { method: 'GET', url: `/api/v1/contacts/${hank.contactId}/summary` });
    expect(ownSummary.statusCode).toBe(403);
  });

  it('a contact never sees another organization’s people, by any route', async () => {
    const lena = await desk.customer('Pages Initech', 'lena@pages-initech.example');
    const hank = await desk.customer('Pages Umbrella', 'hank@pages-umbrella.example');
    const routes = [
      `/api/v1/contacts/${lena.contactId}`,
      `/api/v1/contacts/${lena.contactId}/summary`,
      `/api/v1/organizations/${lena.organizationId}`,
      `/api/v1/organizations/${lena.organizationId}/summary`,
      `/api/v1/contacts?organizationId=${lena.organizationId}`,
      `/api/v1/contacts?q=lena`,
      `/api/v1/tickets?requester=${lena.contactId}`,
    ];
    const agent = await desk.agentToken('agent');
    await open(agent, { subject: 'Initech secret', body: 'x', requesterEmail: 'lena@pages-initech.example' });
    for (const url of routes) {
      const res = await desk.as(hank.token, { method: 'GET', url });
      expect(res.body, url).not.toContain('lena@pages-initech.example');
      expect(res.body, url).not.toContain('Initech secret');
      if (!url.startsWith('/api/v1/tickets')) expect([403, 404], url).toContain(res.statusCode);
    }
    // even their own organization's page is for agents: its notes are the team's
    const ownOrg = await desk.as(hank.token, {
      method: 'GET',
      url: `/api/v1/organizations/${hank.organizationId}/summary`,
    });
    expect(ownOrg.statusCode).toBe(403);
  });

  it('says when there is no such contact or organization', async () => {
    const agent = await desk.agentToken('agent');
    const none = '00000000-0000-4000-8000-000000000000';
    const contact = await desk.as(agent, { method: 'GET', url: `/api/v1/contacts/${none}/summary` });
    expect(contact.statusCode).toBe(404);
    expect(contact.json().error.code).toBe('CONTACT_NOT_FOUND');
    const org = await desk.as(agent, { method: 'GET', url: `/api/v1/organizations/${none}/summary` });
    expect(org.json().error.code).toBe('ORGANIZATION_NOT_FOUND');
  });
});

describe('the organization page', () => {
  it('shows plan, notes, named support contacts, open and waiting counts and the issues its tickets wait on', async () => {
    const lead = await desk.agentToken('lead');
    const agent = await desk.agentToken('agent');
    const org = await desk.customer('Pages Cyberdyne', 'miles@pages-cyberdyne.example', { shareTickets: true });
    await desk.contactIn(org.organizationId, 'sarah@pages-cyberdyne.example');
    // a contact who is not a named support contact
    const intern = await desk.contactIn(org.organizationId, 'intern@pages-cyberdyne.example');
    await desk.as(lead, {
      method: 'PATCH',
      url: `/api/v1/contacts/${intern.contactId}`,
      payload: { supportContact: false },
    });

    const waiting = await open(agent, {
      subject: 'Needs the fix',
      body: 'x',
      requesterEmail: 'miles@pages-cyberdyne.example',
      status: 'on-hold',
    });
    const alsoWaiting = await open(agent, {
      subject: 'Needs the fix too',
      body: 'x',
      requesterEmail: 'sarah@pages-cyberdyne.example',
      status: 'open',
    });
    const done = await open(agent, {
      subject: 'Fixed long ago',
      body: 'x',
      requesterEmail: 'sarah@pages-cyberdyne.example',
      status: 'solved',
    });
    // one public issue two active tickets wait on; a solved ticket's link does not count
    const issue = await linkIssue([waiting.number, alsoWaiting.number, done.number]);

    const editByAgent = await desk.as(agent, {
      method: 'PATCH',
      url: `/api/v1/organizations/${org.organizationId}`,
      payload: { notes: 'nope' },
    });
    expect(editByAgent.statusCode).toBe(403);
    const edited = await desk.as(lead, {
      method: 'PATCH',
      url: `/api/v1/organizations/${org.organizationId}`,
      payload: { plan: 'enterprise', notes: 'Runs self-managed GitLab 17 on Kubernetes.' },
    });
    expect(edited.statusCode, edited.body).toBe(200);

    const res = await desk.as(agent, { method: 'GET', url: `/api/v1/organizations/${org.organizationId}/summary` });
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json();
    expect(summary.organization).toMatchObject({
      name: 'Pages Cyberdyne',
      plan: 'enterprise',
      shareTickets: true,
      notes: 'Runs self-managed GitLab 17 on Kubernetes.',
    });
    expect(summary.tickets).toEqual({
      byStatus: { new: 0, open: 1, pending: 0, 'on-hold': 1, watching: 0 },
      open: 1,
      waiting: 1,
    });
    expect(summary.contactCount).toBe(3);
    expect(summary.supportContacts.map((c: { email: string }) => c.email)).toEqual([
      'miles@pages-cyberdyne.example',
      'sarah@pages-cyberdyne.example',
    ]);
    expect(summary.waitingOn).toEqual([
      expect.objectContaining({ id: issue, title: 'Pods restart under load', project: 'group/app', tickets: 2 }),
    ]);
  });

  it('counts from the indexes on active tickets, not from every ticket a customer ever had', async () => {
    // a test desk is small enough to read whole; told not to, the planner shows which index serves
    const plan = await desk.deps.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      return tx.execute(
        sql`EXPLAIN SELECT status, count(*) FROM tickets WHERE organization_id = '00000000-0000-4000-8000-000000000000'
            AND status IN ('new', 'open', 'pending', 'on-hold', 'watching') GROUP BY status`,
      );
    });
    const text = JSON.stringify(plan);
    expect(text).toContain('tickets_active_organization_idx');
  });
});

/** A forge issue linked to tickets, written as the pipe fitter would after fetching it. */
async function linkIssue(ticketNumbers: number[]): Promise<string> {
  const db = desk.deps.db;
  const forge = (await db.execute(
    sql`INSERT INTO forges (kind, name, base_url, token_encrypted, webhook_secret_encrypted, created_at)
        VALUES ('gitlab', 'GitLab', ${`https://gitlab-${ticketNumbers[0]}.example`}, 'x', 'x', now()) RETURNING id`,
  )) as unknown as { rows: { id: string }[] };
  const forgeId = forge.rows[0]?.id as string;
  const issue = (await db.execute(
    sql`INSERT INTO forge_issues (forge_id, item_kind, project_ref, number, external_id, url, title, state, status,
                                  last_heard_at, next_poll_at, created_at, updated_at)
        VALUES (${forgeId}, 'issue', 'group/app', 42, 'gid://42', 'https://gitlab.example/group/app/-/issues/42',
                'Pods restart under load', 'open', 'scheduled', now(), now(), now(), now()) RETURNING id`,
  )) as unknown as { rows: { id: string }[] };
  const issueId = issue.rows[0]?.id as string;
  for (const number of ticketNumbers) {
    await db.execute(
      sql`INSERT INTO ticket_links (ticket_id, forge_issue_id, created_at, created_by) VALUES (${number}, ${issueId}, now(), 'test')`,
    );
  }
  return issueId;
}

describe('a ticket an agent opens for a customer', () => {
  it('mails a public first message to the requester and the CCs, created as new contacts', async () => {
    const agent = await desk.agentTokenFor('ana@pages-desk.example');
    const ticket = await open(agent, {
      subject: 'Follow-up to our call: slow merges',
      body: 'As discussed on the phone, please send the performance bar output.',
      requesterEmail: 'new.customer@pages-new.example',
      requesterName: 'Nora Newcomer',
      ccEmails: ['boss@pages-new.example'],
      channel: 'phone',
      priority: 'high',
    });
    expect(ticket.requester).toMatchObject({ email: 'new.customer@pages-new.example', name: 'Nora Newcomer' });
    expect(ticket).toMatchObject({ status: 'new', priority: 'high', channel: 'phone' });

    const mail = await mailOf(ticket.number);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({
      toAddresses: ['new.customer@pages-new.example'],
      ccAddresses: ['boss@pages-new.example'],
      subject: `[#${ticket.number}] Follow-up to our call: slow merges`,
    });
    expect(mail[0]?.bodyText).toContain('please send the performance bar output');

    // the new requester is a contact now, found by the person page
    const summary = await desk.as(agent, { method: 'GET', url: `/api/v1/contacts/${ticket.requester.id}/summary` });
    expect(summary.json().contact).toMatchObject({ name: 'Nora Newcomer', organizationId: null });
    expect(summary.json().tickets.open).toBe(1);
  });

  it('keeps a first message written as an internal note to the team: nothing is mailed', async () => {
    const agent = await desk.agentTokenFor('ben@pages-desk.example');
    const buyer = await desk.customer('Pages Renewal', 'buyer@pages-renewal.example');
    const ticket = await open(agent, {
      subject: 'Call notes: license renewal',
      body: 'Customer is unhappy with the renewal price; talk to sales before replying.',
      requesterEmail: 'buyer@pages-renewal.example',
      ccEmails: ['cfo@pages-renewal.example'],
      firstMessageInternal: true,
      channel: 'phone',
    });
    expect(await mailOf(ticket.number)).toHaveLength(0);

    const messages = await desk.as(agent, { method: 'GET', url: `/api/v1/tickets/${ticket.number}/messages` });
    expect(messages.json().items).toEqual([expect.objectContaining({ internal: true })]);
    // the customer sees the ticket, not the note
    const theirs = await desk.as(buyer.token, { method: 'GET', url: `/api/v1/tickets/${ticket.number}/messages` });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).not.toContain('renewal price');
  });

  it('records a public first message without mailing it when told not to (imports)', async () => {
    const agent = await desk.agentToken('agent');
    const ticket = await open(agent, {
      subject: 'Imported',
      body: 'From the old desk.',
      requesterEmail: 'imported@pages-import.example',
      notify: false,
    });
    expect(await mailOf(ticket.number)).toHaveLength(0);
  });

  it('a customer cannot write their first message as a note, nor silence it', async () => {
    const lena = await desk.customer('Pages Soylent', 'lena@pages-soylent.example');
    for (const extra of [{ firstMessageInternal: true }, { notify: false }]) {
      const res = await desk.as(lena.token, {
        method: 'POST',
        url: '/api/v1/tickets',
        payload: { subject: 'Hidden?', body: 'x', ...extra },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FIELD_NOT_ALLOWED');
    }
  });
});
