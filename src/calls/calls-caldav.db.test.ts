import { createCalendarObject, fetchCalendarObjects } from 'tsdav';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { type Radicale, radicaleUnavailable, startRadicale } from '../../test/helpers/radicale.js';
import { missingComponent } from '../../test/helpers/real-component.js';
import { FakeClock } from '../platform/clock.js';

// The host's own calendar on a real CalDAV server (Debian's Radicale on loopback): a meeting there
// removes slots; a booked call is written there (with the host's join link), and removed when cancelled.

const skip = missingComponent('Radicale (CalDAV)', radicaleUnavailable());
const clock = new FakeClock('2026-12-07T08:00:00Z'); // Monday; Lisbon is UTC+0 in winter

describe.skipIf(skip)('calls and the host’s CalDAV calendar', { timeout: 60_000 }, () => {
  let radicale: Radicale;
  let desk: TestDesk;
  let collection: string;
  let ana: string;
  let lena: { token: string };
  let typeId: string;
  const auth = { authorization: `Basic ${Buffer.from('ana:secret').toString('base64')}` };

  beforeAll(async () => {
    radicale = await startRadicale();
    collection = await radicale.makeCalendar('ana/work/');
    desk = await createTestDesk({
      clock,
      env: { SUPPORT_ADDRESS: 'support@desk.example', CALENDAR_ALLOW_PRIVATE: 'true' },
    });
    ana = await desk.agentTokenFor('ana@desk.example');
    await desk.as(desk.adminToken, {
      method: 'PUT',
      url: '/api/v1/agents/ana@desk.example/schedule',
      payload: { timeZone: 'Europe/Lisbon', hours: { mon: '09:00-17:00', tue: '09:00-17:00' } },
    });
    lena = await desk.customer('Acme', 'lena@acme.example');
    typeId = (
      await desk.as(desk.adminToken, {
        method: 'POST',
        url: '/api/v1/call-types',
        payload: {
          name: 'Debugging session',
          durationMinutes: 60,
          minNoticeMinutes: 0,
          hosts: 'assignee',
          video: 'none',
        },
      })
    ).json().id;
    // Ana's standup, Monday 10:00–11:00, in her own calendar
    const standup = await createCalendarObject({
      calendar: { url: collection },
      filename: 'standup.ics',
      iCalString: [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//test//EN',
        'BEGIN:VEVENT',
        'UID:standup@test',
        'DTSTAMP:20261201T000000Z',
        'DTSTART:20261207T100000Z',
        'DTEND:20261207T110000Z',
        'SUMMARY:Standup',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
      headers: auth,
    });
    expect(standup.status).toBe(201);
  });
  afterAll(async () => {
    await desk?.close();
    await radicale?.stop();
  });

  it('reads busy time, writes the booked call, and removes it when cancelled', async () => {
    // a wrong password is refused before it is kept
    const wrong = await desk.as(ana, {
      method: 'PUT',
      url: '/api/v1/agents/me/calendar',
      payload: { kind: 'caldav', url: collection, username: 'ana', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('CALENDAR_UNREACHABLE');
    expect(wrong.body).not.toContain('nope');

    const set = await desk.as(ana, {
      method: 'PUT',
      url: '/api/v1/agents/me/calendar',
      payload: { kind: 'caldav', url: collection, username: 'ana', password: 'secret' },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().calendar).toMatchObject({ kind: 'caldav', hasPassword: true, lastError: null });
    expect(set.body).not.toContain('secret');

    const ticket = await desk.as(lena.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Gitaly timeouts', body: 'Pushes time out.' },
    });
    const number = ticket.json().number as number;
    await desk.as(desk.adminToken, {
      method: 'PATCH',
      url: `/api/v1/tickets/${number}`,
      payload: { assignee: 'ana@desk.example' },
    });

    const slots = async () =>
      (
        await desk.as(lena.token, {
          method: 'GET',
          url: `/api/v1/tickets/${number}/call-slots?type=${typeId}&from=2026-12-07T09:00:00Z&to=2026-12-07T13:00:00Z`,
        })
      )
        .json()
        .slots.map((s: { start: string }) => s.start.slice(11, 16));
    // the standup takes 10:00–11:00: no hour-long call may touch it
    expect(await slots()).toEqual(['09:00', '11:00', '11:30', '12:00', '12:30']);

    const booked = await desk.as(lena.token, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/calls`,
      payload: { type: typeId, start: '2026-12-07T11:00:00.000Z' },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const worker = desk.runtime.createWorker();
    await worker.drain();
    const stored = async () =>
      (await fetchCalendarObjects({ calendar: { url: collection }, headers: auth })).filter((o) =>
        String(o.data).includes('Gitaly timeouts'),
      );
    const copies = await stored();
    expect(copies).toHaveLength(1);
    expect(String(copies[0]?.data)).toContain('DTSTART:20261207T110000Z');
    expect(String(copies[0]?.data)).not.toContain('METHOD:');

    // read again: the copy of our own call is not counted twice, the standup still is
    const refreshed = await desk.as(ana, { method: 'POST', url: '/api/v1/agents/me/calendar/refresh' });
    expect(refreshed.json().calendar.lastError).toBeNull();
    expect(await slots()).toEqual(['09:00', '12:00', '12:30']);

    const cancelled = await desk.as(ana, { method: 'DELETE', url: `/api/v1/calls/${booked.json().id}` });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await worker.drain();
    expect(await stored()).toHaveLength(0);
    expect(await slots()).toEqual(['09:00', '11:00', '11:30', '12:00', '12:30']);
  });
});
