import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { listOutboundMail } from '../mail/outbox-store.js';
import { findAgentByEmail } from '../people/index.js';
import { FakeClock } from '../platform/clock.js';
import { isExclusionViolation } from '../platform/db.js';
import { insertCall } from './call-store.js';

// Calls booked from a ticket, through the HTTP API on the real database: slots from the roster,
// booking by the customer and by a link, the invitation's iCalendar across move and cancel, the
// race for one slot (20 at once: one wins), no-shows, and the ticket's thread and SLA.

const clock = new FakeClock('2026-12-07T08:00:00Z'); // Monday 08:00 in Lisbon (UTC+0 in winter)
let desk: TestDesk;
let admin: string;
let ana: string;
let lena: { organizationId: string; contactId: string; token: string };
let typeId: string;

const week = { mon: '09:00-17:00', tue: '09:00-17:00', wed: '09:00-17:00', thu: '09:00-17:00', fri: '09:00-17:00' };

beforeAll(async () => {
  desk = await createTestDesk({ clock, env: { SUPPORT_ADDRESS: 'support@desk.example' } });
  admin = desk.adminToken;
  ana = await desk.agentTokenFor('ana@desk.example');
  const schedule = await desk.as(admin, {
    method: 'PUT',
    url: '/api/v1/agents/ana@desk.example/schedule',
    payload: { timeZone: 'Europe/Lisbon', hours: week },
  });
  expect(schedule.statusCode, schedule.body).toBe(200);
  const policies = await desk.as(admin, {
    method: 'PUT',
    url: '/api/v1/sla/policies',
    payload: {
      items: [
        { name: 'Everyone', priority: 'normal', firstReplyMinutes: 240, nextReplyMinutes: 480, businessHours: false },
      ],
    },
  });
  expect(policies.statusCode, policies.body).toBe(200);
  lena = await desk.customer('Acme', 'lena@acme.example');
  const type = await desk.as(admin, {
    method: 'POST',
    url: '/api/v1/call-types',
    payload: {
      name: 'Debugging session',
      durationMinutes: 30,
      bufferAfterMinutes: 15,
      minNoticeMinutes: 60,
      horizonDays: 14,
      hosts: 'assignee',
      videoUrlTemplate: 'https://meet.example.com/support-{room}',
    },
  });
  expect(type.statusCode, type.body).toBe(201);
  typeId = type.json().id;
});
afterAll(async () => {
  await desk?.close();
});

async function ticketAssignedToAna(subject: string): Promise<number> {
  const created = await desk.as(lena.token, {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { subject, body: 'Sidekiq jobs pile up in the default queue.' },
  });
  expect(created.statusCode, created.body).toBe(201);
  const number = created.json().number as number;
  const assigned = await desk.as(admin, {
    method: 'PATCH',
    url: `/api/v1/tickets/${number}`,
    payload: { assignee: 'ana@desk.example' },
  });
  expect(assigned.statusCode, assigned.body).toBe(200);
  return number;
}

const slotsOf = async (token: string, number: number, from: string, to: string) => {
  const res = await desk.as(token, {
    method: 'GET',
    url: `/api/v1/tickets/${number}/call-slots?type=${typeId}&from=${from}&to=${to}&zone=America/New_York`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    zone: string;
    slots: { start: string; end: string; agent: { email: string; name: string } }[];
  };
};

/** The calendar parts of the mail to an address, parsed. */
async function invitationsTo(address: string) {
  const mail = (await listOutboundMail(desk.deps.db, undefined, 500)).reverse();
  return mail
    .filter((m) => m.calendar && m.toAddresses.includes(address))
    .map((m) => {
      const root = new ICAL.Component(ICAL.parse(m.calendar?.content as string));
      const event = root.getFirstSubcomponent('vevent') as ICAL.Component;
      return {
        method: root.getFirstPropertyValue('method'),
        uid: event.getFirstPropertyValue('uid'),
        sequence: event.getFirstPropertyValue('sequence'),
        status: event.getFirstPropertyValue('status'),
        start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
      };
    });
}

describe('slots and booking', () => {
  it('offers the assignee’s working hours, after the notice, and books one for the customer', async () => {
    const number = await ticketAssignedToAna('Sidekiq queue backs up');
    const { zone, slots } = await slotsOf(lena.token, number, '2026-12-07T00:00:00Z', '2026-12-08T00:00:00Z');
    expect(zone).toBe('America/New_York');
    // 09:00 is the first start (08:00 + 60 minutes' notice); the last call ends at 17:00
    expect(slots[0]).toMatchObject({ start: '2026-12-07T09:00:00.000Z', end: '2026-12-07T09:30:00.000Z' });
    expect(slots.at(-1)?.start).toBe('2026-12-07T16:30:00.000Z');
    // the customer sees who, by name; staff addresses stay inside
    expect(slots.every((s) => s.agent.name.length > 0)).toBe(true);
    expect(slots.every((s) => s.agent.email === '')).toBe(true);

    const booked = await desk.as(lena.token, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/calls`,
      payload: { type: typeId, start: '2026-12-07T10:00:00.000Z', zone: 'America/New_York' },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const call = booked.json();
    expect(call).toMatchObject({
      start: '2026-12-07T10:00:00.000Z',
      end: '2026-12-07T10:30:00.000Z',
      status: 'booked',
    });
    expect(call.agent.email).toBe('');
    // the customer's room link goes through the desk (so it knows they came)
    expect(call.videoUrl).toMatch(/\/calls\/join\//);

    // the call and its 15-minute buffer after: 10:00 and 10:30 are gone, 10:45 is not a start (30-minute steps), 11:00 is free
    const after = (await slotsOf(lena.token, number, '2026-12-07T09:00:00Z', '2026-12-07T12:00:00Z')).slots.map((s) =>
      s.start.slice(11, 16),
    );
    expect(after).toEqual(['09:00', '11:00', '11:30']);

    // the thread says so; the agent sees the call with its room
    const messages = (await desk.as(ana, { method: 'GET', url: `/api/v1/tickets/${number}/messages` })).json()
      .items as {
      text: string;
    }[];
    expect(
      messages.some((m) => m.text.includes('Call booked: Monday 7 December 2026, 05:00–05:30 (America/New_York)')),
    ).toBe(true);
    const calls = (await desk.as(ana, { method: 'GET', url: `/api/v1/tickets/${number}/calls` })).json().items;
    expect(calls[0].videoUrl).toMatch(/^https:\/\/meet\.example\.com\/support-[\w-]{16}$/);

    // the customer booked on her own: nobody has answered her yet, the first reply clock still runs
    const sla = (await desk.as(ana, { method: 'GET', url: `/api/v1/tickets/${number}/sla` })).json();
    expect(sla.clocks.find((c: { metric: string }) => c.metric === 'first-reply').stoppedAt).toBeNull();
    // and one call at a time: a second booking is refused (move the first instead)
    const second = await desk.as(lena.token, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/calls`,
      payload: { type: typeId, start: '2026-12-07T14:00:00.000Z' },
    });
    expect(second.json().error.code).toBe('CALL_ALREADY_BOOKED');

    // an invitation to the customer: REQUEST, sequence 0
    const invitations = await invitationsTo('lena@acme.example');
    expect(invitations).toEqual([
      {
        method: 'REQUEST',
        uid: expect.any(String),
        sequence: 0,
        status: 'CONFIRMED',
        start: '2026-12-07T10:00:00.000Z',
      },
    ]);
  });

  it('moves and cancels a call: the same UID, SEQUENCE up, then METHOD:CANCEL', async () => {
    const number = await ticketAssignedToAna('Slow query on merge requests page');
    const booked = await desk.as(ana, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/calls`,
      payload: { type: typeId, start: '2026-12-08T14:00:00.000Z' },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const id = booked.json().id;
    // the agent booked it with the customer: the call is the answer the SLA waited for
    const sla = (await desk.as(ana, { method: 'GET', url: `/api/v1/tickets/${number}/sla` })).json();
    expect(sla.events).toContainEqual(
      expect.objectContaining({ metric: 'first-reply', kind: 'stop', detail: expect.stringContaining('call booked') }),
    );
    const moved = await desk.as(lena.token, {
      method: 'PATCH',
      url: `/api/v1/calls/${id}`,
      payload: { start: '2026-12-08T15:00:00.000Z' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().start).toBe('2026-12-08T15:00:00.000Z');
    const cancelled = await desk.as(lena.token, { method: 'DELETE', url: `/api/v1/calls/${id}?reason=Fixed%20it` });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');

    // one clock instant for all three: order by SEQUENCE, as calendars do
    const sent = (await invitationsTo('lena@acme.example'))
      .filter((i) => i.start.startsWith('2026-12-08'))
      .sort((a, b) => Number(a.sequence) - Number(b.sequence));
    expect(sent.map((i) => [i.method, i.sequence, i.status, i.start.slice(11, 16)])).toEqual([
      ['REQUEST', 0, 'CONFIRMED', '14:00'],
      ['REQUEST', 1, 'CONFIRMED', '15:00'],
      ['CANCEL', 2, 'CANCELLED', '15:00'],
    ]);
    expect(new Set(sent.map((i) => i.uid)).size).toBe(1);
    // the time is free again
    const slots = (await slotsOf(lena.token, number, '2026-12-08T15:00:00Z', '2026-12-08T15:30:00Z')).slots;
    expect(slots.map((s) => s.start)).toEqual(['2026-12-08T15:00:00.000Z']);
    // a cancelled call cannot be moved
    const again = await desk.as(lena.token, {
      method: 'PATCH',
      url: `/api/v1/calls/${id}`,
      payload: { start: '2026-12-08T16:00:00.000Z' },
    });
    expect(again.json().error.code).toBe('CALL_NOT_CHANGEABLE');
  });

  it('refuses times off the roster, before the notice, and another customer’s ticket', async () => {
    const number = await ticketAssignedToAna('Runner stuck');
    for (const start of [
      '2026-12-07T08:30:00.000Z',
      '2026-12-07T18:00:00.000Z',
      '2026-12-12T10:00:00.000Z',
      '2026-12-07T10:10:00.000Z',
    ]) {
      const res = await desk.as(lena.token, {
        method: 'POST',
        url: `/api/v1/tickets/${number}/calls`,
        payload: { type: typeId, start },
      });
      expect(res.statusCode, start).toBe(409);
      expect(res.json().error.code).toBe('SLOT_TAKEN');
      expect(res.json().nextSlots.length).toBeGreaterThan(0);
    }
    const stranger = await desk.customer('Globex', 'hank@globex.example');
    const res = await desk.as(stranger.token, {
      method: 'GET',
      url: `/api/v1/tickets/${number}/call-slots?type=${typeId}`,
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('the race for one slot', () => {
  it('20 bookings of one slot at once: exactly one wins, 19 get 409 with the next free times', async () => {
    const numbers: number[] = [];
    for (let i = 0; i < 20; i++) numbers.push(await ticketAssignedToAna(`Race ${i}`));
    const results = await Promise.all(
      numbers.map((number) =>
        desk.as(lena.token, {
          method: 'POST',
          url: `/api/v1/tickets/${number}/calls`,
          payload: { type: typeId, start: '2026-12-09T13:00:00.000Z' },
        }),
      ),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const lost of results.filter((r) => r.statusCode === 409)) {
      expect(lost.json().error.code).toBe('SLOT_TAKEN');
      const next = lost.json().nextSlots as { start: string }[];
      expect(next.length).toBeGreaterThan(0);
      expect(next.every((s) => s.start !== '2026-12-09T13:00:00.000Z')).toBe(true);
    }
  });
});

describe('a booking link', () => {
  it('offers times in the thread; whoever holds the link books without signing in; a forged link is refused', async () => {
    const number = await ticketAssignedToAna('Geo replication lag');
    const offered = await desk.as(ana, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/call-offers`,
      payload: { type: typeId },
    });
    expect(offered.statusCode, offered.body).toBe(201);
    const url = offered.json().url as string;
    const token = url.split('/book/')[1] as string;
    const messages = (await desk.as(lena.token, { method: 'GET', url: `/api/v1/tickets/${number}/messages` })).json()
      .items as {
      text: string;
    }[];
    expect(messages.some((m) => m.text.includes(url))).toBe(true);

    const page = await desk.as(undefined, { method: 'GET', url: `/api/v1/call-offers/${token}` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().ticket).toEqual({ number, subject: 'Geo replication lag' });
    const start = page.json().slots[3].start as string;
    const booked = await desk.as(undefined, {
      method: 'POST',
      url: `/api/v1/call-offers/${token}/calls`,
      payload: { start },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json().customerEmail).toBe('lena@acme.example');
    // a stranger with the link learns the engineer's name, not their address
    expect(booked.json().agent).toEqual({ email: '', name: expect.any(String) });

    const forged = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    const refused = await desk.as(undefined, { method: 'GET', url: `/api/v1/call-offers/${forged}` });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('OFFER_INVALID');
  });
});

describe('after the call', () => {
  it('a customer who never came is a no-show ten minutes in: a link to book again, the ticket open again', async () => {
    const number = await ticketAssignedToAna('Backups failing');
    const booked = await desk.as(ana, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/calls`,
      payload: { type: typeId, start: '2026-12-10T09:00:00.000Z' },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    await desk.as(ana, { method: 'PATCH', url: `/api/v1/tickets/${number}`, payload: { status: 'pending' } });
    const worker = desk.runtime.createWorker();
    clock.set('2026-12-10T09:09:00Z');
    await desk.deps.enqueue(desk.deps.db, 'calls.sweep', {});
    await worker.drain();
    expect((await desk.as(ana, { method: 'GET', url: `/api/v1/tickets/${number}/calls` })).json().items[0].status).toBe(
      'booked',
    );
    clock.set('2026-12-10T09:10:30Z');
    await desk.deps.enqueue(desk.deps.db, 'calls.sweep', {}, { key: 'again' });
    await worker.drain();
    const call = (await desk.as(ana, { method: 'GET', url: `/api/v1/tickets/${number}/calls` })).json().items[0];
    expect(call.status).toBe('no-show');
    const ticket = (await desk.as(ana, { method: 'GET', url: `/api/v1/tickets/${number}` })).json();
    expect(ticket.status).toBe('open');
    const messages = (await desk.as(lena.token, { method: 'GET', url: `/api/v1/tickets/${number}/messages` })).json()
      .items as {
      text: string;
    }[];
    expect(messages.at(-1)?.text).toMatch(/Sorry we missed you.*\/book\//s);
    clock.set('2026-12-07T08:00:00Z');
  });

  it('a customer who followed the join link is no no-show; the host records notes as an internal note', async () => {
    const number = await ticketAssignedToAna('Puma workers OOM');
    const booked = await desk.as(lena.token, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/calls`,
      payload: { type: typeId, start: '2026-12-11T11:00:00.000Z' },
    });
    const joinPath = new URL(booked.json().videoUrl).pathname;
    // days early, the link leads to the ticket, not the room
    const early = await desk.as(undefined, { method: 'POST', url: joinPath });
    expect(early.headers.location).toMatch(/\/portal\/tickets\/\d+$/);
    clock.set('2026-12-11T10:58:00Z');
    // following the link shows a button (a mail scanner's visit records nothing); pressing it joins
    const page = await desk.as(undefined, { method: 'GET', url: joinPath });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post">');
    expect(page.body).toContain('Friday 11 December 2026, 11:00–11:30 (UTC)');
    const join = await desk.as(undefined, {
      method: 'POST',
      url: joinPath,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(join.statusCode, join.body).toBe(303);
    expect(join.headers.location).toMatch(/^https:\/\/meet\.example\.com\/support-/);
    clock.set('2026-12-11T11:20:00Z');
    const worker = desk.runtime.createWorker();
    await desk.deps.enqueue(desk.deps.db, 'calls.sweep', {}, { key: 'third' });
    await worker.drain();
    const done = await desk.as(ana, {
      method: 'POST',
      url: `/api/v1/calls/${booked.json().id}/outcome`,
      payload: { outcome: 'done', notes: 'Symptoms: OOM kills at 2 GB.\nNext steps: raise puma worker memory.' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('done');
    const notes = (await desk.as(ana, { method: 'GET', url: `/api/v1/tickets/${number}/messages` })).json().items as {
      text: string;
      internal: boolean;
    }[];
    expect(notes.find((m) => m.internal && m.text.includes('raise puma worker memory'))).toBeTruthy();
    const seenByLena = (await desk.as(lena.token, { method: 'GET', url: `/api/v1/tickets/${number}/messages` })).json()
      .items as {
      text: string;
    }[];
    expect(seenByLena.some((m) => m.text.includes('raise puma'))).toBe(false);
    clock.set('2026-12-07T08:00:00Z');
  });
});

describe('the database’s own guard', () => {
  it('refuses two booked calls of one host whose held times overlap, whoever inserts them', async () => {
    const number = await ticketAssignedToAna('Guard');
    const agentId = (await findAgentByEmail(desk.deps.db, 'ana@desk.example'))?.id as string;
    const base = {
      ticketId: number,
      callTypeId: typeId,
      agentId,
      status: 'booked' as const,
      customerEmail: 'lena@acme.example',
      createdAt: clock.now(),
      updatedAt: clock.now(),
    };
    const at = (iso: string) => new Date(iso);
    await insertCall(desk.deps.db, {
      ...base,
      icalUid: 'guard-1',
      startsAt: at('2026-12-14T10:00:00Z'),
      endsAt: at('2026-12-14T10:30:00Z'),
      holdFrom: at('2026-12-14T10:00:00Z'),
      holdUntil: at('2026-12-14T10:45:00Z'),
    });
    // starts in the first call's buffer
    const overlapping = insertCall(desk.deps.db, {
      ...base,
      icalUid: 'guard-2',
      startsAt: at('2026-12-14T10:40:00Z'),
      endsAt: at('2026-12-14T11:10:00Z'),
      holdFrom: at('2026-12-14T10:40:00Z'),
      holdUntil: at('2026-12-14T11:10:00Z'),
    });
    const err = await overlapping.catch((e: unknown) => e);
    expect(isExclusionViolation(err)).toBe(true);
    // end to end is fine: [10:45, 11:15) touches the first hold without overlapping it
    await insertCall(desk.deps.db, {
      ...base,
      icalUid: 'guard-3',
      startsAt: at('2026-12-14T10:45:00Z'),
      endsAt: at('2026-12-14T11:15:00Z'),
      holdFrom: at('2026-12-14T10:45:00Z'),
      holdUntil: at('2026-12-14T11:15:00Z'),
    });
  });
});

describe('reminders', () => {
  it('mails the customer 24 hours and 15 minutes before, tells the host in the app, and forgets a moved time', async () => {
    const number = await ticketAssignedToAna('Registry garbage collection');
    const booked = await desk.as(lena.token, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/calls`,
      payload: { type: typeId, start: '2026-12-15T14:00:00.000Z' },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const worker = desk.runtime.createWorker();
    const reminders = async () =>
      (await listOutboundMail(desk.deps.db, undefined, 500)).filter(
        (m) => m.ticketId === number && m.purpose.startsWith('call-reminder'),
      );
    clock.set('2026-12-14T14:00:30Z');
    await worker.drain();
    expect((await reminders()).map((m) => [m.purpose, m.toAddresses])).toEqual([
      ['call-reminder-24h', ['lena@acme.example']],
    ]);
    // moved to 16:00 the next day: the reminders follow the call (its own "tomorrow" again, then 15 minutes before)
    const moved = await desk.as(ana, {
      method: 'PATCH',
      url: `/api/v1/calls/${booked.json().id}`,
      payload: { start: '2026-12-15T16:00:00.000Z' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    clock.set('2026-12-15T13:46:00Z');
    await worker.drain();
    // none for 14:00 any more: the old time's 15-minute reminder does nothing
    expect((await reminders()).map((m) => m.purpose)).toEqual(['call-reminder-24h', 'call-reminder-24h']);
    clock.set('2026-12-15T15:45:30Z');
    await worker.drain();
    const sent = await reminders();
    expect(sent.map((m) => m.purpose).sort()).toEqual(['call-reminder-15m', 'call-reminder-24h', 'call-reminder-24h']);
    expect(sent.find((m) => m.purpose === 'call-reminder-15m')?.bodyText).toContain('in 15 minutes');
    const bell = (await desk.as(ana, { method: 'GET', url: '/api/v1/notifications' })).json().items as {
      title: string;
    }[];
    expect(bell.some((n) => n.title.startsWith('Call in 15 minutes'))).toBe(true);
    clock.set('2026-12-07T08:00:00Z');
  });
});

describe('invitations carry what customers wrote safely', () => {
  it('a subject with a bare carriage return cannot add an attendee to the invitation', async () => {
    const number = await ticketAssignedToAna('Help\rATTENDEE:mailto:victim@evil.example');
    const booked = await desk.as(ana, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/calls`,
      payload: { type: typeId, start: '2026-12-16T10:00:00.000Z' },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const mail = (await listOutboundMail(desk.deps.db, undefined, 500)).filter(
      (m) => m.ticketId === number && m.calendar,
    );
    expect(mail.length).toBeGreaterThan(0);
    for (const m of mail) {
      const content = m.calendar?.content as string;
      expect(content).not.toMatch(/\rATTENDEE:mailto:victim/);
      expect(content.split('\r\n').some((line) => line.startsWith('ATTENDEE:mailto:victim'))).toBe(false);
    }
  });
});
