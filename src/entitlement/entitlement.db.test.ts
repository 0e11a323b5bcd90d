import { and, eq } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { type SmtpSink, startSmtpSink } from '../../test/helpers/smtp-sink.js';
import { auditEvents } from '../audit/tables.js';
import type { DnsResolver } from '../mail/inbound/sender-auth.js';
import { storeInbound } from '../mail/inbound/store-inbound.js';
import { mailAddresses } from '../mail/outbox.js';
import { startSmtpListener } from '../mail/transports/smtp-listener.js';
import { findContactByEmail } from '../people/index.js';
import { setNamedContactLimit } from '../people/named-contacts-store.js';
import { updateContactRow } from '../people/people-store.js';
import { DAY_MS, FakeClock, HOUR_MS } from '../platform/clock.js';
import type { Worker } from '../platform/jobs/worker.js';
import type { AppDeps } from '../runtime.js';
import { findTicket } from '../tickets/ticket-store.js';
import { entitlementRequests } from './tables.js';

// Issue 16: mail from a stranger at a domain an organization owns starts a request to be entitled.
// Mail comes in through the real SMTP listener and goes out over real SMTP to a sink; the person
// follows the link from the mail they received, the organization's admin decides through the API.

// umbrella.example publishes DMARC p=reject and SPF for another network: mail "from" it that comes
// from this machine fails the check, as a forged From would
const dns: DnsResolver = async (name, rrtype) => {
  const records: Record<string, string[]> = {
    'TXT:_dmarc.umbrella.example': ['v=DMARC1; p=reject'],
    'TXT:umbrella.example': ['v=spf1 ip4:198.51.100.0/24 -all'],
  };
  const answer = records[`${rrtype}:${name.toLowerCase()}`];
  if (!answer) throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  return answer.map((text) => [text]);
};

const clock = new FakeClock('2026-12-07T09:00:00Z');
let desk: TestDesk;
let sink: SmtpSink;
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
let worker: Worker<AppDeps>;
let lead: string;
let agent: string;
let acme: { organizationId: string; adminToken: string; adminEmail: string };
let globex: { organizationId: string; adminToken: string };
let initech: string;
let transport: ReturnType<typeof nodemailer.createTransport>;
let serial = 0;

async function organizationWithAdmin(name: string, adminEmail: string, domains: string[]) {
  const customer = await desk.customer(name, adminEmail);
  await updateContactRow(desk.deps.db, customer.contactId, { orgAdmin: true });
  const patched = await desk.as(desk.adminToken, {
    method: 'PATCH',
    url: `/api/v1/organizations/${customer.organizationId}`,
    payload: { emailDomains: domains },
  });
  expect(patched.statusCode, patched.body).toBe(200);
  return { organizationId: customer.organizationId, adminToken: customer.token, adminEmail };
}

beforeAll(async () => {
  sink = await startSmtpSink();
  desk = await createTestDesk({
    clock,
    dns,
    env: {
      OUTBOUND_SMTP_URL: sink.url,
      SUPPORT_ADDRESS: 'support@desk.example',
      PUBLIC_URL: 'https://desk.example',
      ENTITLEMENT_POLICY: 'low-priority',
    },
  });
  worker = desk.runtime.createWorker();
  smtp = await startSmtpListener({
    port: 0,
    host: '127.0.0.1',
    maxBytes: 1024 * 1024,
    maxClients: 20,
    maxClientsPerIp: 10,
    acceptsRecipient: (a) => mailAddresses(desk.deps).isOurs(a),
    store: (raw, envelope) =>
      storeInbound(desk.deps, raw, {
        source: 'smtp',
        envelopeFrom: envelope.from,
        envelopeTo: envelope.to,
        clientIp: envelope.clientIp,
        clientHelo: envelope.clientHelo,
      }),
    log: desk.deps.log,
  });
  transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 5,
  });
  lead = await desk.agentTokenFor('lead@desk.example', 'lead');
  agent = await desk.agentTokenFor('agent@desk.example', 'agent');
  acme = await organizationWithAdmin('Acme', 'ada@acme.example', ['acme.example']);
  globex = await organizationWithAdmin('Globex', 'gus@globex.example', ['globex.example']);
  initech = (await organizationWithAdmin('Initech', 'ida@initech.example', ['initech.example'])).organizationId;
  await organizationWithAdmin('Umbrella', 'uma@umbrella.example', ['umbrella.example']);
}, 60_000);
afterAll(async () => {
  transport?.close();
  await smtp?.close();
  await desk?.close();
  await sink?.close();
});

interface Outcome {
  rfcMessageId: string | null;
  state: string;
  reason: string;
  ticketNumber: number | null;
}
const sentIds = new Map<string, string>();

/** Sends mail to the desk over SMTP and lets the worker process it (and send what it queues). */
async function send(from: string, subject: string, text = 'Our standby lags behind.') {
  const messageId = `<m${++serial}@${from.replace(/.*@|>.*/g, '')}>`;
  sentIds.set(subject, messageId);
  await transport.sendMail({ from, to: 'support@desk.example', subject, text, messageId });
  clock.advance(1000);
  await worker.drain();
}

/** Every inbound mail, newest first (paged through). */
async function allInbound(): Promise<Outcome[]> {
  const all: Outcome[] = [];
  let before: number | null = null;
  do {
    const page = (
      await desk.as(desk.adminToken, {
        method: 'GET',
        url: `/api/v1/mail/inbound?limit=200${before ? `&before=${before}` : ''}`,
      })
    ).json() as { items: Outcome[]; nextBefore: number | null };
    all.push(...page.items);
    before = page.nextBefore;
  } while (before);
  return all;
}

async function inboundOutcome(subject: string): Promise<Outcome> {
  const id = sentIds.get(subject);
  const found = (await allInbound()).find((i) => i.rfcMessageId === id);
  if (!found) throw new Error(`no inbound mail "${subject}"`);
  return found;
}

const mailTo = (address: string, from = 0) =>
  sink.received.slice(from).filter((m) => m.to && JSON.stringify(m.to).includes(address));
const textOf = (mail: ParsedMail) => mail.text ?? '';
const linkIn = (mail: ParsedMail) => {
  const url = textOf(mail).match(/https:\/\/desk\.example\/entitlement\/(\S+)/);
  if (!url?.[1]) throw new Error(`no link in: ${textOf(mail)}`);
  return url[1];
};
const ticket = async (number: number) => {
  const row = await findTicket(desk.deps.db, number, { kind: 'all' });
  if (!row) throw new Error(`no ticket #${number}`);
  return row;
};
const notes = async (number: number) =>
  (
    (await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/tickets/${number}/messages` })).json().items as {
      text: string;
      internal: boolean;
    }[]
  )
    .filter((m) => m.internal)
    .map((m) => m.text);
const openLink = (token: string) => desk.app.inject({ method: 'GET', url: `/api/v1/entitlement-links/${token}` });
const confirm = (token: string, note?: string) =>
  desk.app.inject({
    method: 'POST',
    url: `/api/v1/entitlement-links/${token}`,
    payload: note ? { note } : {},
  });
const requestsAs = async (token: string, query = '') =>
  desk.as(token, { method: 'GET', url: `/api/v1/entitlement-requests${query}` });
const decide = (token: string, id: string, verb: 'approve' | 'decline', note?: string) =>
  desk.as(token, {
    method: 'POST',
    url: `/api/v1/entitlement-requests/${id}/${verb}`,
    payload: note ? { note } : {},
  });
async function requestOf(email: string) {
  const items = (await requestsAs(lead)).json().items as { id: string; contact: { email: string }; state: string }[];
  const found = items.find((r) => r.contact.email === email);
  if (!found) throw new Error(`no request of ${email}`);
  return found;
}

let firstTicket: number;
let secondTicket: number;
let samLink: string;

describe('a stranger at a known domain', () => {
  it('gets one mail with a link, and the ticket is kept, tagged and held at the policy’s priority', async () => {
    const before = sink.received.length;
    await send('Sam Stranger <sam@acme.example>', 'Replication lag');
    const outcome = await inboundOutcome('Replication lag');
    expect(outcome.state, outcome.reason).toBe('processed');
    expect(outcome.reason).toContain('entitlement request to Acme started, link mailed');
    firstTicket = outcome.ticketNumber as number;
    const row = await ticket(firstTicket);
    expect(row.priority).toBe('low');
    expect(row.tags).toContain('awaiting-entitlement');
    expect(row.organizationId).toBeNull();
    expect((await notes(firstTicket)).join('\n')).toMatch(/sam@acme\.example is not a named support contact.*Acme/);

    const mails = await sink.waitFor(before + 1);
    const toSam = mailTo('sam@acme.example', before);
    // the link mail is the acknowledgement: one mail, no second
    expect(toSam).toHaveLength(1);
    expect(mails.length).toBe(before + 1);
    const [mail] = toSam as [ParsedMail];
    expect(mail.subject).toBe(`[#${firstTicket}] Confirm your address for Acme's support`);
    expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(mail.inReplyTo).toBe(sentIds.get('Replication lag'));
    samLink = linkIn(mail);

    // agents see the request, held ticket and all
    const request = await requestOf('sam@acme.example');
    expect(request).toMatchObject({ state: 'awaiting-confirmation', ticketNumbers: [firstTicket] });
  });

  it('writing again joins the open request and mails nothing', async () => {
    const before = sink.received.length;
    await send('Sam Stranger <sam@acme.example>', 'And the backups fail');
    const outcome = await inboundOutcome('And the backups fail');
    expect(outcome.reason).toContain('joins the open entitlement request to Acme');
    secondTicket = outcome.ticketNumber as number;
    expect((await ticket(secondTicket)).tags).toContain('awaiting-entitlement');
    await worker.drain();
    // the acknowledgement the desk sends everyone who opens a ticket, but no second link
    const toSam = mailTo('sam@acme.example', before);
    expect(toSam.map((m) => m.subject)).toEqual([`[#${secondTicket}] And the backups fail`]);
    expect(textOf(toSam[0] as ParsedMail)).not.toContain('/entitlement/');
    expect((await requestOf('sam@acme.example')) as unknown).toMatchObject({
      ticketNumbers: [firstTicket, secondTicket],
    });
  });

  it('at a domain nobody owns gets what they got before: an acknowledgement, no request', async () => {
    const before = sink.received.length;
    await send('nora@nowhere.example', 'Hello from nowhere');
    const outcome = await inboundOutcome('Hello from nowhere');
    expect(outcome.reason).not.toContain('entitlement');
    expect((await ticket(outcome.ticketNumber as number)).tags).not.toContain('awaiting-entitlement');
    await worker.drain();
    const toNora = mailTo('nora@nowhere.example', before);
    expect(toNora).toHaveLength(1);
    expect(textOf(toNora[0] as ParsedMail)).not.toContain('/entitlement/');
    expect(
      (await requestsAs(lead)).json().items.map((r: { contact: { email: string } }) => r.contact.email),
    ).not.toContain('nora@nowhere.example');
  });

  it('with a From its domain says is forged starts nothing and is mailed nothing', async () => {
    const before = sink.received.length;
    await send('ceo@umbrella.example', 'Wire the money');
    const outcome = await inboundOutcome('Wire the money');
    expect(outcome.reason).toContain('no entitlement request: the sender check failed');
    await worker.drain();
    expect(mailTo('ceo@umbrella.example', before)).toEqual([]);
  });
});

describe('the link', () => {
  it('a forged or damaged link is refused', async () => {
    for (const token of [
      'pfe_made-up-secret-0000000000000000000000000',
      `${samLink.slice(0, -2)}xx`,
      'not-ours-at-all',
    ]) {
      const res = await openLink(token);
      expect(res.statusCode, token).toBe(404);
      expect(res.json().error.code).toBe('ENTITLEMENT_LINK_INVALID');
      expect((await confirm(token)).statusCode).toBe(404);
    }
  });

  it('shows what it is about, then confirms once with a line for the admins, who are mailed', async () => {
    const shown = await openLink(samLink);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({
      organization: { name: 'Acme' },
      email: 'sam@acme.example',
      state: 'awaiting-confirmation',
    });
    const before = sink.received.length;
    const confirmed = await confirm(samLink, 'I run the database team at Acme.');
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().state).toBe('awaiting-approval');
    await worker.drain();
    const toAdmin = mailTo('ada@acme.example', before);
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]?.subject).toBe('Sam Stranger <sam@acme.example> asks to be a named support contact of Acme');
    expect(textOf(toAdmin[0] as ParsedMail)).toContain('I run the database team at Acme.');
    expect(textOf(toAdmin[0] as ParsedMail)).toContain('https://desk.example/portal/contacts');
    // nobody else's admins hear of it
    expect(mailTo('gus@globex.example', before)).toEqual([]);
    expect((await notes(firstTicket)).join('\n')).toContain("waits for Acme's admins (ada@acme.example)");
  });

  it('a used link is refused', async () => {
    const again = await confirm(samLink, 'again');
    expect(again.statusCode).toBe(404);
    expect(again.json().error.message).toContain('used already');
    // opening it still says where the request stands
    expect((await openLink(samLink)).json().state).toBe('awaiting-approval');
  });

  it('an expired link is refused, and the next mail after the quiet week starts a new request', async () => {
    const before = sink.received.length;
    await send('eve@acme.example', 'Slow queries');
    const link = linkIn(mailTo('eve@acme.example', before)[0] as ParsedMail);
    clock.advance(8 * DAY_MS);
    const late = await confirm(link);
    expect(late.statusCode).toBe(404);
    expect(late.json().error.message).toContain('expired');
    expect((await openLink(link)).json().state).toBe('expired');
    const next = sink.received.length;
    await send('eve@acme.example', 'Slow queries, again');
    expect((await inboundOutcome('Slow queries, again')).reason).toContain('link mailed');
    expect(linkIn(mailTo('eve@acme.example', next)[0] as ParsedMail)).not.toBe(link);
  });
});

describe('deciding', () => {
  it('only the organization’s own admins and leads see and decide its requests', async () => {
    const { id } = await requestOf('sam@acme.example');
    // another organization's admin: not found, as for what does not exist
    const other = await decide(globex.adminToken, id, 'approve');
    expect(other.statusCode).toBe(404);
    expect((await decide(globex.adminToken, id, 'decline')).statusCode).toBe(404);
    expect((await requestsAs(globex.adminToken)).json().items).toEqual([]);
    // a plain agent reads, but does not decide
    expect((await requestsAs(agent)).statusCode).toBe(200);
    expect((await decide(agent, id, 'approve')).statusCode).toBe(403);
    // a contact who is not an admin sees nothing
    const member = await desk.contactIn(acme.organizationId, 'mo@acme.example');
    expect((await requestsAs(member.token)).statusCode).toBe(403);
    expect((await decide(member.token, id, 'approve')).statusCode).toBe(404);
    // Acme's admin sees Acme's, whatever organization they ask for
    const own = (await requestsAs(acme.adminToken, `?organizationId=${globex.organizationId}`)).json().items as {
      organization: { name: string };
    }[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.organization.name === 'Acme')).toBe(true);
    expect(
      (await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/tickets/${firstTicket}` })).json().priority,
    ).toBe('low');
  });

  it('an unconfirmed request cannot be approved', async () => {
    const { id, state } = await requestOf('eve@acme.example');
    expect(state).toBe('awaiting-confirmation');
    const res = await decide(acme.adminToken, id, 'approve');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ENTITLEMENT_NOT_CONFIRMED');
  });

  it('the admin approves: a named contact, the held tickets entitled, noted and audited, the person mailed', async () => {
    const { id } = await requestOf('sam@acme.example');
    const before = sink.received.length;
    const res = await decide(acme.adminToken, id, 'approve', 'Welcome, Sam.');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'approved', decidedBy: "ada (Acme's admin)" });
    const contact = await findContactByEmail(desk.deps.db, 'sam@acme.example');
    expect(contact).toMatchObject({ organizationId: acme.organizationId, supportContact: true });
    for (const number of [firstTicket, secondTicket]) {
      const row = await ticket(number);
      expect(row.priority).toBe('normal');
      expect(row.organizationId).toBe(acme.organizationId);
      expect(row.tags).not.toContain('awaiting-entitlement');
      expect((await notes(number)).join('\n')).toContain(
        "ada (Acme's admin) approved sam@acme.example as a named support contact of Acme",
      );
    }
    await worker.drain();
    const toSam = mailTo('sam@acme.example', before);
    expect(toSam.map((m) => m.subject)).toEqual(['You are a named support contact of Acme']);
    expect(textOf(toSam[0] as ParsedMail)).toContain('Welcome, Sam.');
    const audited = await desk.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'entitlement.approved'), eq(auditEvents.entityId, id)));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorKind: 'contact', actorName: 'ada' });
    // decided is decided
    expect((await decide(lead, id, 'decline')).json().error.code).toBe('ENTITLEMENT_REQUEST_DECIDED');
    // and Sam's next mail is entitled like any named contact's
    await send('Sam Stranger <sam@acme.example>', 'Now entitled');
    const outcome = await inboundOutcome('Now entitled');
    expect(outcome.reason).toBe(`opened #${outcome.ticketNumber}`);
    expect((await ticket(outcome.ticketNumber as number)).priority).toBe('normal');
  });

  it('a lead declines: the person who confirmed is told politely, the ticket says so', async () => {
    const before = sink.received.length;
    await send('dee@globex.example', 'Please help');
    const link = linkIn(mailTo('dee@globex.example', before)[0] as ParsedMail);
    expect((await confirm(link, 'Contractor')).statusCode).toBe(200);
    const { id } = await requestOf('dee@globex.example');
    const held = (await inboundOutcome('Please help')).ticketNumber as number;
    const after = sink.received.length;
    const res = await decide(lead, id, 'decline', 'Contractors go through their Globex lead.');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe('declined');
    await worker.drain();
    const toDee = mailTo('dee@globex.example', after);
    expect(toDee).toHaveLength(1);
    expect(textOf(toDee[0] as ParsedMail)).toContain('Globex did not add dee@globex.example');
    expect((await ticket(held)).tags).not.toContain('awaiting-entitlement');
    expect((await notes(held)).join('\n')).toContain("declined dee@globex.example's request");
    expect((await findContactByEmail(desk.deps.db, 'dee@globex.example'))?.supportContact).toBe(false);
    // a declined address starts no new request for a month
    const again = sink.received.length;
    await send('dee@globex.example', 'Please help, again');
    expect((await inboundOutcome('Please help, again')).reason).toContain('had one declined');
    await worker.drain();
    expect(mailTo('dee@globex.example', again).every((m) => !textOf(m).includes('/entitlement/'))).toBe(true);
  });

  it('a full plan refuses the approval and says so; with room, it goes through', async () => {
    const before = sink.received.length;
    await send('finn@globex.example', 'Disk full');
    expect((await confirm(linkIn(mailTo('finn@globex.example', before)[0] as ParsedMail))).statusCode).toBe(200);
    const { id } = await requestOf('finn@globex.example');
    // Globex has one named contact, its admin: a limit of one is full
    await setNamedContactLimit(desk.deps.db, globex.organizationId, 1, clock.now());
    const full = await decide(globex.adminToken, id, 'approve');
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('NAMED_CONTACT_LIMIT');
    expect(full.json().error.message).toContain('remove one first');
    expect((await requestOf('finn@globex.example')).state).toBe('awaiting-approval');
    expect((await findContactByEmail(desk.deps.db, 'finn@globex.example'))?.supportContact).toBe(false);
    await setNamedContactLimit(desk.deps.db, globex.organizationId, 2, clock.now());
    expect((await decide(globex.adminToken, id, 'approve')).statusCode).toBe(200);
  });
});

describe('a flood of strangers at one domain', () => {
  it('keeps every ticket, but starts at most 10 requests (and link mails) an hour', async () => {
    clock.advance(2 * HOUR_MS);
    const before = sink.received.length;
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        transport.sendMail({
          from: `bot${i}@initech.example`,
          to: 'support@desk.example',
          subject: `Flood ${i}`,
          text: 'Click here.',
          messageId: `<flood-${i}@initech.example>`,
        }),
      ),
    );
    await worker.drain();
    const requests = await desk.deps.db
      .select()
      .from(entitlementRequests)
      .where(eq(entitlementRequests.organizationId, initech));
    expect(requests).toHaveLength(10);
    await worker.drain();
    const links = sink.received.slice(before).filter((m) => textOf(m).includes('/entitlement/'));
    expect(links).toHaveLength(10);
    const flood = (await allInbound()).filter((o) => o.rfcMessageId?.startsWith('<flood-'));
    expect(flood).toHaveLength(200);
    expect(flood.every((o) => o.state === 'processed')).toBe(true);
    expect(flood.filter((o) => o.reason.includes('initech.example started 10 in the last hour'))).toHaveLength(190);

    // an hour later the domain may start a few more, not 190
    clock.advance(HOUR_MS + 1000);
    for (let i = 0; i < 12; i++) await send(`late${i}@initech.example`, `Late ${i}`);
    const after = await desk.deps.db
      .select()
      .from(entitlementRequests)
      .where(eq(entitlementRequests.organizationId, initech));
    expect(after).toHaveLength(20);
  }, 120_000);
});

describe('a held ticket an agent closed meanwhile', () => {
  it('does not stop the person confirming, nor the admin approving; it stays closed', async () => {
    const before = sink.received.length;
    await send('tom@acme.example', 'Spam-looking question');
    const held = (await inboundOutcome('Spam-looking question')).ticketNumber as number;
    const link = linkIn(mailTo('tom@acme.example', before)[0] as ParsedMail);
    for (const status of ['solved', 'closed']) {
      const res = await desk.as(lead, { method: 'PATCH', url: `/api/v1/tickets/${held}`, payload: { status } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const notesBefore = await notes(held);

    const confirmed = await confirm(link, 'Tom from Acme finance.');
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().state).toBe('awaiting-approval');
    const { id } = await requestOf('tom@acme.example');
    const approved = await decide(acme.adminToken, id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await findContactByEmail(desk.deps.db, 'tom@acme.example'))?.supportContact).toBe(true);
    // closed is final: no note, no new priority, no follow-up
    const row = await ticket(held);
    expect(row).toMatchObject({ status: 'closed', priority: 'low', organizationId: null });
    expect(await notes(held)).toEqual(notesBefore);
  });
});
