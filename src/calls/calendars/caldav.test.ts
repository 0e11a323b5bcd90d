import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCalendarObject } from 'tsdav';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Radicale, radicaleUnavailable, startRadicale } from '../../../test/helpers/radicale.js';
import { missingComponent } from '../../../test/helpers/real-component.js';
import {
  type CalendarAccount,
  CalendarError,
  checkCalendar,
  putCallEvent,
  readBusy,
  removeCallEvent,
} from './calendar.js';

// Against a real CalDAV server (Debian's Radicale 3.1.8 on loopback) and a tiny ICS feed server.
// Two weeks around Europe's DST change: Mon 2026-03-23 00:00 UTC up to Mon 2026-04-06 00:00 UTC.
const FROM = new Date('2026-03-23T00:00:00Z');
const TO = new Date('2026-04-06T00:00:00Z');

const skip = missingComponent('Radicale (CalDAV)', radicaleUnavailable());

/** A stored CalDAV object: a VCALENDAR without METHOD (RFC 4791 §4.1). */
function vcalendar(...vevent: string[][]): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Pipefitter tests//EN',
    ...vevent.flatMap((lines) => ['BEGIN:VEVENT', 'DTSTAMP:20260301T000000Z', ...lines, 'END:VEVENT']),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

const iso = (intervals: [number, number][]) =>
  intervals.map(([s, e]) => [new Date(s).toISOString().slice(0, 16), new Date(e).toISOString().slice(0, 16)]);

const callIcs = (summary: string, start: string, end: string) =>
  vcalendar(['UID:call-1@pipefitter.test', `DTSTART:${start}`, `DTEND:${end}`, `SUMMARY:${summary}`, 'SEQUENCE:0']);

describe.skipIf(skip)('CalDAV calendars against Radicale', { timeout: 30_000 }, () => {
  let radicale: Radicale;
  let account: CalendarAccount;

  beforeAll(async () => {
    radicale = await startRadicale();
    const url = await radicale.makeCalendar('ana/calendar/');
    // Radicale listens on loopback: a private address, allowed here as CALENDAR_ALLOW_PRIVATE would
    account = { kind: 'caldav', url, username: radicale.user, password: radicale.password, allowPrivate: true };
    const calendar = { url };
    const headers = { authorization: `Basic ${Buffer.from('ana:secret').toString('base64')}` };
    const put = (filename: string, iCalString: string) =>
      createCalendarObject({ calendar, filename, iCalString, headers }).then((r) => expect(r.status).toBe(201));
    await put(
      'escalation.ics',
      vcalendar(['UID:escalation@test', 'DTSTART:20260324T090000Z', 'DTEND:20260324T100000Z', 'SUMMARY:Escalation']),
    );
    // Mondays 10:00-11:00 Berlin, as a desktop client writes it (TZID with no VTIMEZONE is read as IANA)
    await put(
      'sync.ics',
      vcalendar([
        'UID:sync@test',
        'DTSTART;TZID=Europe/Berlin:20260302T100000',
        'DTEND;TZID=Europe/Berlin:20260302T110000',
        'RRULE:FREQ=WEEKLY',
        'SUMMARY:Team sync',
      ]),
    );
    await put(
      'focus.ics',
      vcalendar([
        'UID:focus@test',
        'DTSTART:20260325T090000Z',
        'DTEND:20260325T170000Z',
        'TRANSP:TRANSPARENT',
        'SUMMARY:Focus (free)',
      ]),
    );
    await put(
      'later.ics',
      vcalendar(['UID:later@test', 'DTSTART:20260420T090000Z', 'DTEND:20260420T100000Z', 'SUMMARY:Later']),
    );
  }, 60_000);
  afterAll(async () => {
    await radicale?.stop();
  });

  it('reads exactly the busy events in the window, the weekly one in local time across the DST change', async () => {
    // Mon 03-23 10:00 CET = 09:00Z; Tue 03-24 the escalation; Mon 03-30 10:00 CEST = 08:00Z;
    // the transparent focus block and the event on 04-20 are not busy
    expect(iso(await readBusy(account, FROM, TO, { fallbackZone: 'Europe/Berlin' }))).toEqual([
      ['2026-03-23T09:00', '2026-03-23T10:00'],
      ['2026-03-24T09:00', '2026-03-24T10:00'],
      ['2026-03-30T08:00', '2026-03-30T09:00'],
    ]);
  });

  it('writes the host copy of a call, updates it by its etag, and deletes it', async () => {
    const created = await putCallEvent(account, {
      uid: 'call-1@pipefitter.test',
      ics: callIcs('Call with Lena', '20260326T140000Z', '20260326T143000Z'),
    });
    expect(created?.href).toBe(`${account.url}call-1%40pipefitter.test.ics`);
    expect(created?.etag).toMatch(/^"/);
    expect(iso(await readBusy(account, FROM, TO))).toContainEqual(['2026-03-26T14:00', '2026-03-26T14:30']);

    const moved = await putCallEvent(
      account,
      { uid: 'call-1@pipefitter.test', ics: callIcs('Call with Lena (moved)', '20260327T150000Z', '20260327T153000Z') },
      created,
    );
    expect(moved?.href).toBe(created?.href);
    expect(moved?.etag).not.toBe(created?.etag);
    const stored = await fetch(moved!.href, { headers: { authorization: `Basic ${btoa('ana:secret')}` } }).then((r) =>
      r.text(),
    );
    expect(stored).toContain('SUMMARY:Call with Lena (moved)');
    expect(stored).not.toMatch(/^METHOD:/m);
    const busy = iso(await readBusy(account, FROM, TO));
    expect(busy).toContainEqual(['2026-03-27T15:00', '2026-03-27T15:30']);
    expect(busy).not.toContainEqual(['2026-03-26T14:00', '2026-03-26T14:30']);

    // a retried job still holding the first etag writes anyway: the call is the truth
    const retried = await putCallEvent(
      account,
      { uid: 'call-1@pipefitter.test', ics: callIcs('Call with Lena (moved)', '20260327T150000Z', '20260327T153000Z') },
      created,
    );
    expect(retried?.href).toBe(created?.href);

    await removeCallEvent(account, retried!);
    expect(iso(await readBusy(account, FROM, TO))).not.toContainEqual(['2026-03-27T15:00', '2026-03-27T15:30']);
    // already gone is fine
    await removeCallEvent(account, retried!);
  });

  it('an ICS feed is read-only: nothing is written', async () => {
    expect(await putCallEvent({ kind: 'ics', url: 'https://example.com/basic.ics' }, { uid: 'x', ics: '' })).toBeNull();
  });

  it('checks the account: the calendar passes, a wrong password and a non-calendar address do not', async () => {
    await expect(checkCalendar(account)).resolves.toBeUndefined();

    const wrong = { ...account, password: 'hunter2-wrong' };
    const failure = await readBusy(wrong, FROM, TO).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CalendarError);
    expect((failure as Error).message).toBe(`The calendar at ${radicale.url} refused the user name or password.`);
    const checked = await checkCalendar(wrong).catch((error: unknown) => error);
    expect(checked).toBeInstanceOf(CalendarError);
    expect((checked as Error).message).not.toContain('hunter2-wrong');

    await expect(checkCalendar({ ...account, url: `${radicale.url}/ana/` })).rejects.toThrow(/is not a calendar/);
    await expect(checkCalendar({ ...account, url: `${radicale.url}/ana/missing/` })).rejects.toThrow(
      /no calendar at this address/,
    );
  });
});

describe('published ICS feeds', () => {
  let server: http.Server;
  let base: string;
  const feed = vcalendar(
    ['UID:a@test', 'DTSTART:20260324T090000Z', 'DTEND:20260324T100000Z'],
    ['UID:b@test', 'DTSTART;VALUE=DATE:20260401', 'SUMMARY:Out of office'],
  );

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      if (request.url === '/secret-token/basic.ics') {
        response.writeHead(200, { 'content-type': 'text/calendar' }).end(feed);
      } else if (request.url === '/big.ics') {
        // 2 MB in chunks, no Content-Length: the limit must hold while reading
        response.writeHead(200, { 'content-type': 'text/calendar' });
        const chunk = 'X'.repeat(64 * 1024);
        for (let i = 0; i < 32; i++) response.write(chunk);
        response.end();
      } else if (request.url === '/login') {
        response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in</html>');
      } else if (request.url === '/silent.ics') {
        // never answers
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads a feed: the all-day event is the whole day in the fallback zone', async () => {
    const account: CalendarAccount = { kind: 'ics', url: `${base}/secret-token/basic.ics`, allowPrivate: true };
    await expect(checkCalendar(account)).resolves.toBeUndefined();
    // Wed 04-01 00:00 CEST = 03-31 22:00Z
    expect(iso(await readBusy(account, FROM, TO, { fallbackZone: 'Europe/Berlin' }))).toEqual([
      ['2026-03-24T09:00', '2026-03-24T10:00'],
      ['2026-03-31T22:00', '2026-04-01T22:00'],
    ]);
  });

  it('refuses a feed over the byte limit, a page that is not a feed, a missing one and a silent one', async () => {
    const read = (path: string, limits = {}) =>
      readBusy({ kind: 'ics', url: `${base}${path}`, allowPrivate: true }, FROM, TO, { limits }).catch(
        (error: unknown) => error,
      );
    const big = await read('/big.ics', { maxBytes: 1024 * 1024 });
    expect(big).toBeInstanceOf(CalendarError);
    expect((big as Error).message).toBe(`The calendar at ${base} sent more than 1 MB.`);
    expect(((await read('/login')) as Error).message).toMatch(/does not serve an iCalendar feed/);
    expect(((await read('/secret-token/gone.ics')) as Error).message).toBe(
      `There is no calendar at this address on ${base}.`,
    );
    expect(((await read('/silent.ics', { timeoutMs: 200 })) as Error).message).toBe(
      `The calendar at ${base} did not answer within 0.2 s.`,
    );
  });

  it('refuses private addresses (loopback, metadata) unless allowed, and does not follow redirects', async () => {
    for (const url of [
      'http://127.0.0.1:9/cal.ics',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/cal.ics',
      'http://localhost/cal.ics',
    ]) {
      const failure = await checkCalendar({ kind: 'ics', url }).catch((error: unknown) => error);
      expect((failure as Error).message, url).toContain('private network');
    }
    const server = http.createServer((_request, response) => {
      response.writeHead(307, { location: 'http://127.0.0.1:9/internal' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const redirected = await checkCalendar({
      kind: 'ics',
      url: `http://127.0.0.1:${port}/feed.ics`,
      allowPrivate: true,
    }).catch((error: unknown) => error);
    expect((redirected as Error).message).toContain('redirects elsewhere');
    server.close();
  });

  it('refuses addresses that are not http(s) or carry credentials', async () => {
    await expect(checkCalendar({ kind: 'ics', url: 'file:///etc/passwd' })).rejects.toThrow(CalendarError);
    const failure = await checkCalendar({
      kind: 'caldav',
      url: 'https://ana:s3cret@dav.example.com/ana/calendar/',
    }).catch((error: unknown) => error);
    expect((failure as Error).message).not.toContain('s3cret');
  });
});
