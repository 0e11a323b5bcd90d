import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { GitLabSimulator } from '../../test/helpers/forge-simulator.js';
import { listOutboundMail } from '../mail/outbox-store.js';
import { FakeClock } from '../platform/clock.js';
import type { Worker } from '../platform/jobs/worker.js';
import type { AppDeps } from '../runtime.js';

let desk: TestDesk;
let worker: Worker<AppDeps>;
let gitlab: GitLabSimulator;
let agent: string;
let acme: { organizationId: string; contactId: string; token: string };
let tom: { contactId: string; token: string };
let globex: { organizationId: string; contactId: string; token: string };
const clock = new FakeClock('2026-11-27T09:00:00Z');
const PROJECT = 'acme/widgets';

beforeAll(async () => {
  gitlab = await new GitLabSimulator().start();
  desk = await createTestDesk({ clock, env: { SUPPORT_ADDRESS: 'support@desk.example' } });
  worker = desk.runtime.createWorker();
  agent = await desk.agentTokenFor('ana@desk.example');
  acme = await desk.customer('Acme', 'lena@acme.example', { shareTickets: true });
  tom = await desk.contactIn(acme.organizationId, 'tom@acme.example');
  globex = await desk.customer('Globex', 'hank@globex.example');
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

async function call(token: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) {
  clock.advance(1000);
  return desk.as(token, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });
}

async function open(token: string, subject: string, body: string, extra: Record<string, unknown> = {}) {
  const res = await call(token, 'POST', '/api/v1/tickets', { subject, body, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().number as number;
}

async function texts(token: string, number: number) {
  const res = await call(token, 'GET', `/api/v1/tickets/${number}/messages`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { id: number; text: string; internal: boolean; attachments: { url: string }[] }[];
}

async function events(number: number) {
  return (await call(agent, 'GET', `/api/v1/tickets/${number}/events`)).json().items as {
    action: string;
    summary: string;
  }[];
}

async function deliver(raw: string) {
  const res = await desk.as(desk.adminToken, {
    method: 'POST',
    url: '/api/v1/mail/inbound',
    headers: { 'content-type': 'message/rfc822' },
    payload: Buffer.from(raw.replaceAll('\n', '\r\n')),
  });
  expect(res.statusCode, res.body).toBe(202);
  clock.advance(1000);
  await worker.drain();
  const inbound = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/mail/inbound?limit=200' })).json();
  return inbound.items.find((i: { id: number }) => i.id === res.json().id) as {
    state: string;
    reason: string;
    ticketNumber: number | null;
  };
}

describe('merging two tickets of one customer (an organization that shares its tickets)', () => {
  let merged: number;
  let target: number;

  it('moves messages, files, links and people to the target; the merged ticket closes with a pointer', async () => {
    merged = await open(acme.token, 'Export fails', 'The CSV export stops at 10,000 rows.', {
      attachments: [
        {
          filename: 'export.log',
          contentType: 'text/plain',
          content: Buffer.from('row 10000: EOF').toString('base64'),
        },
      ],
    });
    target = await open(tom.token, 'CSV export broken', 'Exports are cut off since Monday.');
    gitlab.addIssue(PROJECT, 7, 'CSV export truncates at 10k rows');
    expect(
      // without the link notice: this story counts the messages that move
      (
        await call(agent, 'POST', `/api/v1/tickets/${merged}/links`, {
          url: gitlab.issueUrl(PROJECT, 7),
          notify: false,
        })
      ).statusCode,
    ).toBe(201);
    // someone of another organization copied on the merged ticket by hand
    expect(
      (await call(agent, 'POST', `/api/v1/tickets/${merged}/ccs`, { email: 'consultant@elsewhere.example' }))
        .statusCode,
    ).toBe(201);

    const res = await call(agent, 'POST', `/api/v1/tickets/${merged}/merge`, { into: target });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.ticket).toMatchObject({ number: merged, status: 'closed', mergedInto: target });
    expect(body.into.ccs.map((c: { email: string }) => c.email)).toEqual(['lena@acme.example']);
    expect(body.notCopied.map((c: { email: string }) => c.email)).toEqual(['consultant@elsewhere.example']);

    const onTarget = await texts(agent, target);
    expect(onTarget.map((m) => m.text)).toEqual([
      'The CSV export stops at 10,000 rows.',
      'Exports are cut off since Monday.',
      expect.stringContaining(`merged #${merged} "Export fails" into this ticket: 1 message (1 file), 1 link.`),
    ]);
    expect(onTarget[2]?.internal).toBe(true);
    expect(onTarget[2]?.text).toContain('Not copied here');
    const onMerged = await texts(agent, merged);
    expect(onMerged).toHaveLength(1);
    // a consultant of another organization reads the merged ticket too: its notice names nothing of the target
    expect(onMerged[0]?.text).toContain('merged with another request');
    expect(onMerged[0]?.text).not.toContain('CSV export broken');
    expect(onMerged[0]?.text).not.toContain(`#${target}`);
    expect(onMerged[0]?.internal).toBe(false);

    const links = (await call(agent, 'GET', `/api/v1/tickets/${target}/links`)).json().items;
    expect(links.map((l: { url: string }) => l.url)).toEqual([gitlab.issueUrl(PROJECT, 7)]);
    expect((await call(agent, 'GET', `/api/v1/tickets/${merged}/links`)).json().items).toEqual([]);

    expect((await events(merged)).at(-1)).toMatchObject({
      action: 'ticket.merged',
      summary: `ana merged this ticket into #${target}`,
    });
    expect((await events(target)).at(-1)).toMatchObject({
      action: 'ticket.merged-in',
      summary: `ana merged #${merged} "Export fails" into this ticket (1 message, 1 file, 1 link, CC'd lena@acme.example)`,
    });
  });

  it('tells the customer by mail, in the thread they know, where the conversation continues', async () => {
    const mail = (await listOutboundMail(desk.deps.db, undefined, 500)).filter((m) => m.purpose === 'system-notice');
    const notice = mail.find((m) => m.bodyText.includes(`merged into ticket #${target}`));
    expect(notice).toBeDefined();
    expect(notice?.toAddresses).toEqual(['lena@acme.example']);
    expect(notice?.ccAddresses).toEqual([]);
    expect(notice?.subject).toBe(`[#${merged}] Export fails`);
    expect(notice?.bodyText).toContain(`"CSV export broken"`);
    expect(notice?.bodyText).toContain(`/portal/tickets/${target}`);
    // the consultant, who does not follow, hears of the merge without the target's subject
    const theirs = mail.filter(
      (m) => m.ticketId === merged && [...m.toAddresses, ...m.ccAddresses].includes('consultant@elsewhere.example'),
    );
    expect(theirs).toHaveLength(1);
    expect([...(theirs[0]?.toAddresses ?? []), ...(theirs[0]?.ccAddresses ?? [])]).toEqual([
      'consultant@elsewhere.example',
    ]);
    expect(theirs[0]?.bodyText).toContain('merged with another request');
    expect(theirs[0]?.bodyText).not.toContain('CSV export broken');
  });

  it('the requester now follows the target (her file too); another organization sees neither', async () => {
    const seen = await texts(acme.token, target);
    expect(seen.map((m) => m.text)).toEqual([
      'The CSV export stops at 10,000 rows.',
      'Exports are cut off since Monday.',
    ]);
    const file = seen[0]?.attachments[0]?.url as string;
    expect((await call(acme.token, 'GET', file)).statusCode).toBe(200);
    expect((await call(globex.token, 'GET', file)).statusCode).toBe(404);
    expect((await call(globex.token, 'GET', `/api/v1/tickets/${target}`)).statusCode).toBe(404);
    // the merged ticket shows its pointer to its customer
    expect((await call(acme.token, 'GET', `/api/v1/tickets/${merged}`)).json()).toMatchObject({
      status: 'closed',
      mergedInto: target,
    });
  });

  it('a mail reply to the merged ticket’s thread lands on the target', async () => {
    const notice = (await listOutboundMail(desk.deps.db, undefined, 500)).find(
      (m) => m.ticketId === merged && m.purpose === 'system-notice',
    );
    const outcome = await deliver(
      `From: Lena <lena@acme.example>\nTo: ${notice?.replyTo}\nSubject: Re: [#${merged}] Export fails\nMessage-ID: <lena-reply-1@acme.example>\nIn-Reply-To: ${notice?.rfcMessageId}\n\nThanks, I will follow the other ticket.\n`,
    );
    expect(outcome.state).toBe('processed');
    expect(outcome.ticketNumber).toBe(target);
    expect(outcome.reason).toContain(`#${merged} was merged into #${target}`);
    expect((await texts(agent, target)).at(-1)?.text).toBe('Thanks, I will follow the other ticket.');
  });

  it('a reply in the portal to the merged ticket lands on the target', async () => {
    const res = await call(acme.token, 'POST', `/api/v1/tickets/${merged}/messages`, { body: 'One more detail.' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ followUp: false, ticket: { number: target } });
  });

  it('refuses merging into itself, into a closed ticket, a closed ticket, and by a customer', async () => {
    const other = await open(acme.token, 'Another one', 'Something else.');
    const self = await call(agent, 'POST', `/api/v1/tickets/${other}/merge`, { into: other });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.code).toBe('MERGE_INTO_ITSELF');
    const intoClosed = await call(agent, 'POST', `/api/v1/tickets/${other}/merge`, { into: merged });
    expect(intoClosed.statusCode).toBe(409);
    expect(intoClosed.json().error.code).toBe('TICKET_CLOSED');
    const again = await call(agent, 'POST', `/api/v1/tickets/${merged}/merge`, { into: other });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain(`merged into #${target}`);
    const missing = await call(agent, 'POST', `/api/v1/tickets/${other}/merge`, { into: 999999 });
    expect(missing.statusCode).toBe(404);
    // the customer's own two tickets: still not theirs to merge
    const byCustomer = await call(acme.token, 'POST', `/api/v1/tickets/${other}/merge`, { into: target });
    expect(byCustomer.statusCode).toBe(403);
    expect((await texts(agent, other)).map((m) => m.text)).toEqual(['Something else.']);
  });
});

describe('merging across organizations', () => {
  it('needs force, and then copies nobody of the other organization onto the target', async () => {
    const theirs = await open(globex.token, 'Export fails for us too', 'Same CSV problem at Globex.');
    const ours = await open(acme.token, 'CSV export, again', 'Acme internal details: host db-7.acme.internal.');

    const refused = await call(agent, 'POST', `/api/v1/tickets/${theirs}/merge`, { into: ours });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('MERGE_ACROSS_ORGANIZATIONS');

    const forced = await call(agent, 'POST', `/api/v1/tickets/${theirs}/merge`, { into: ours, force: true });
    expect(forced.statusCode, forced.body).toBe(200);
    expect(forced.json().into.ccs).toEqual([]);
    expect(forced.json().notCopied.map((c: { email: string }) => c.email)).toEqual(['hank@globex.example']);

    // Globex's customer cannot read Acme's ticket, by number, messages or search
    expect((await call(globex.token, 'GET', `/api/v1/tickets/${ours}`)).statusCode).toBe(404);
    expect((await call(globex.token, 'GET', `/api/v1/tickets/${ours}/messages`)).statusCode).toBe(404);
    const search = await call(globex.token, 'GET', '/api/v1/search?q=internal');
    expect(search.json().items).toEqual([]);
    // on their own ticket they see the notice, which names nothing of Acme's
    // Acme's customer reads nothing of Globex's conversation on her ticket; agents keep it as notes
    expect((await texts(acme.token, ours)).map((m) => m.text)).toEqual([
      'Acme internal details: host db-7.acme.internal.',
    ]);
    const kept = (await texts(agent, ours)).find((m) => m.text === 'Same CSV problem at Globex.');
    expect(kept?.internal).toBe(true);
    expect((await call(acme.token, 'GET', '/api/v1/search?q=Globex')).json().items).toEqual([]);
    const notice = await texts(globex.token, theirs);
    expect(notice).toHaveLength(1);
    expect(notice[0]?.text).toContain('merged with another request');
    expect(notice[0]?.text).not.toContain('CSV export, again');

    // their mail reply to the merged thread does not join Acme's ticket
    const mail = (await listOutboundMail(desk.deps.db, undefined, 500)).find(
      (m) => m.ticketId === theirs && m.purpose === 'system-notice',
    );
    const outcome = await deliver(
      `From: Hank <hank@globex.example>\nTo: ${mail?.replyTo}\nSubject: Re: [#${theirs}] Export fails for us too\nMessage-ID: <hank-reply-1@globex.example>\n\nAny news?\n`,
    );
    expect(outcome.ticketNumber).not.toBe(ours);
    expect((await texts(agent, ours)).map((m) => m.text)).not.toContain('Any news?');
    // nor does a reply in the portal
    const portal = await call(globex.token, 'POST', `/api/v1/tickets/${theirs}/messages`, { body: 'Hello?' });
    expect(portal.statusCode).toBe(201);
    expect(portal.json().ticket.number).not.toBe(ours);
    expect(portal.json().followUp).toBe(true);
  });
});

describe('merging two tickets of one organization that does not share its tickets', () => {
  it('needs force; then neither customer reads the other’s conversation', async () => {
    const initech = await desk.customer('Initech', 'peter@initech.example');
    const milton = await desk.contactIn(initech.organizationId, 'milton@initech.example');
    const peters = await open(initech.token, 'Printer jams', 'Peter here: my salary review is on that printer.');
    const miltons = await open(milton.token, 'Printer broken', 'Milton: the printer ate my stapler form.');

    const refused = await call(agent, 'POST', `/api/v1/tickets/${peters}/merge`, { into: miltons });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('MERGE_ACROSS_ORGANIZATIONS');

    const forced = await call(agent, 'POST', `/api/v1/tickets/${peters}/merge`, { into: miltons, force: true });
    expect(forced.statusCode, forced.body).toBe(200);
    expect(forced.json().into.ccs).toEqual([]);

    // Peter is not copied onto Milton's ticket, and Milton does not read Peter's messages
    expect((await call(initech.token, 'GET', `/api/v1/tickets/${miltons}`)).statusCode).toBe(404);
    expect((await texts(milton.token, miltons)).map((m) => m.text)).toEqual([
      'Milton: the printer ate my stapler form.',
    ]);
    expect((await call(milton.token, 'GET', '/api/v1/search?q=salary')).json().items).toEqual([]);
    // agents keep the whole history, Peter's part as internal notes
    const kept = (await texts(agent, miltons)).find((m) => m.text.startsWith('Peter here'));
    expect(kept?.internal).toBe(true);
    // Peter's notice names nothing of Milton's ticket
    const notice = await texts(initech.token, peters);
    expect(notice).toHaveLength(1);
    expect(notice[0]?.text).toContain('merged with another request');
    expect(notice[0]?.text).not.toContain('Printer broken');
    const mail = (await listOutboundMail(desk.deps.db, undefined, 500)).filter(
      (m) => m.ticketId === peters && m.purpose === 'system-notice',
    );
    expect(mail.map((m) => m.toAddresses)).toEqual([['peter@initech.example']]);
    expect(mail[0]?.bodyText).not.toContain('Printer broken');
  });
});
