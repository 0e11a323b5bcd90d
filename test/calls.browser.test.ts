import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/platform/clock.js';
import { accessibilityProblems, agentWithPassword, screenshotPath } from './helpers/browser.js';
import { type Journey, PASSWORD, startJourney } from './helpers/journey.js';

// A web call booked from a ticket, in Chromium. Ana (Lisbon, 09:00–17:00; Lisbon is on UTC in
// December) offers times from Lena's ticket; the link arrives by mail; Lena, in New York, books the
// first time and sees it in her zone, named; both see the call on the ticket, and the SLA panel
// says the booked call was the reply. Lena does not come: Ana marks the no-show, Lena gets a link
// to book again and the ticket is open again. Ana books another call on the phone, moves it and
// cancels it; her Calls page lists her day; the lead sees the call load; an admin keeps the call
// types. The desk's clock is fake (Tuesday 8 December 2026); the agent's browser follows it once
// the call starts, since Done and No-show appear only then.

const clock = new FakeClock('2026-12-08T09:55:00Z'); // Tue 09:55 in Lisbon, 04:55 in New York
let journey: Journey;
let number: number;
let bookingLink: string;
let ana: Page;
let lena: Page;
let feed: http.Server;

const admin = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
  journey.served.desk.as(journey.served.desk.adminToken, { method, url, ...(payload ? { payload } : {}) });
/** Chromium puts thin and narrow no-break spaces in times ("5:00 – 5:30 AM"): plain spaces to compare */
const plain = (text: string | null) => (text ?? '').replace(/[\u2009\u202f\u00a0]/g, ' ');
const mailTo = (email: string, from: number, has: (text: string, subject: string) => boolean) =>
  journey.sink.received
    .slice(from)
    .find((m) => JSON.stringify(m.to).includes(email) && has(m.text ?? '', m.subject ?? ''));

async function mailArrives(email: string, from: number, has: (text: string, subject: string) => boolean) {
  await expect
    .poll(async () => {
      await journey.worker.drain();
      return mailTo(email, from, has);
    })
    .toBeTruthy();
  return mailTo(email, from, has) as NonNullable<ReturnType<typeof mailTo>>;
}

/** The same page on a 390 px phone (same person, zone and session), once `shows` is on it. */
async function phone(page: Page, url: string, name: string, shows: string) {
  const context = await journey.browser.newContext({
    storageState: await page.context().storageState(),
    timezoneId: await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
    locale: 'en-US',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const small = await context.newPage();
  // the phone's day is the desk's
  await small.clock.setFixedTime(clock.now());
  await small.goto(url);
  await small.getByText(shows).first().waitFor();
  await small.screenshot({ path: screenshotPath(`${name}-phone`), fullPage: true });
  expect(
    await small.evaluate(() => document.documentElement.scrollWidth),
    `${name}: no sideways scrolling`,
  ).toBeLessThanOrEqual(390);
  await context.close();
}

beforeAll(async () => {
  journey = await startJourney({
    clock,
    // Ana's calendar feed is served on loopback here
    env: { CALL_ROOM_URL_TEMPLATE: 'https://meet.example.com/urgent-{room}', CALENDAR_ALLOW_PRIVATE: 'true' },
  });
  const schedule = await admin('PUT', '/api/v1/agents/ana@desk.example/schedule', {
    timeZone: 'Europe/Lisbon',
    hours: { mon: '09:00-17:00', tue: '09:00-17:00', wed: '09:00-17:00', thu: '09:00-17:00', fri: '09:00-17:00' },
  });
  expect(schedule.statusCode, schedule.body).toBe(200);
  const type = await admin('POST', '/api/v1/call-types', {
    name: 'Screen share',
    durationMinutes: 30,
    hosts: 'assignee',
    minNoticeMinutes: 0,
    horizonDays: 7,
    videoUrlTemplate: 'https://meet.example.com/support-{room}',
  });
  expect(type.statusCode, type.body).toBe(201);
  number = await journey.mailIn(
    'From: Lena <lena@acme.example>\nTo: support@desk.example\nSubject: Runners lose their cache after the upgrade\nMessage-ID: <cache-1@acme.example>\n\nSince 17.6 every job downloads the whole cache again.\n',
  );
  const assigned = await admin('PATCH', `/api/v1/tickets/${number}`, { assignee: 'ana@desk.example' });
  expect(assigned.statusCode, assigned.body).toBe(200);
  // Ana's published calendar: busy on Tuesday 14:00–15:00 Lisbon
  feed = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/calendar' });
    res.end(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//test//calls//EN',
        'BEGIN:VEVENT',
        'UID:dentist@example.com',
        'DTSTAMP:20261201T000000Z',
        'DTSTART:20261208T140000Z',
        'DTEND:20261208T150000Z',
        'SUMMARY:Dentist',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
}, 180_000);
afterAll(async () => {
  await journey?.close();
  await new Promise((resolve) => feed?.close(resolve));
});

describe('a call booked from a ticket', () => {
  it('Ana offers times; the booking link arrives by mail', async () => {
    ana = await journey.signInAgent('ana@desk.example');
    await ana.goto(`${journey.served.base}/tickets/${number}`);
    const calls = ana.getByRole('region', { name: 'Calls' });
    await calls.getByText('No calls on this ticket yet.').waitFor();
    expect(await calls.getByText('Screen share, 30 minutes').count()).toBe(1);
    const before = journey.sink.received.length;
    await calls.getByRole('button', { name: 'Offer times' }).click();
    await calls.getByText('Booking link posted in the thread and mailed to the customer').waitFor();
    const posted = (await calls.locator('.offered a').textContent()) as string;
    expect(posted).toMatch(new RegExp(`^${journey.served.base}/book/`));
    // the offer is a public message in the thread
    await ana
      .getByRole('listitem', { name: /^Message from Ana/ })
      .filter({ hasText: 'Pick a time that suits you' })
      .waitFor();

    const mail = await mailArrives('lena@acme.example', before, (text) => text.includes('/book/'));
    bookingLink = /(http:\/\/127\.0\.0\.1:\d+\/book\/\S+)/.exec(mail.text ?? '')?.[1] as string;
    expect(bookingLink).toBe(posted);
  });

  it('Lena, in New York, books the first time from the link; the time is hers, the zone named', async () => {
    clock.set('2026-12-08T09:57:00Z');
    const portal = await journey.signInCustomer('lena@acme.example');
    // she writes before she books: the next-reply clock runs, and the booked call answers it
    await portal.goto(`${journey.served.base}/portal/tickets/${number}`);
    await portal.getByLabel('Your reply').fill('Thanks, a call would help. I will pick a time now.');
    await portal.getByRole('button', { name: 'Send' }).click();
    await portal.getByText('I will pick a time now.').waitFor();
    const context = await journey.browser.newContext({
      storageState: await portal.context().storageState(),
      timezoneId: 'America/New_York',
      locale: 'en-US',
    });
    await portal.context().close();
    lena = await context.newPage();
    clock.set('2026-12-08T09:58:00Z');

    await lena.goto(bookingLink);
    await lena.getByRole('heading', { name: 'Book a call' }).waitFor();
    expect(plain(await lena.locator('#main').textContent())).toContain('Runners lose their cache after the upgrade');
    await lena.getByText('Times shown in America/New_York').waitFor();
    // Tuesday is the first day; its first time is 10:00 in Lisbon, 05:00 in New York
    const firstDay = lena.getByRole('group', { name: 'Free times: days' }).getByRole('button').first();
    expect(plain(await firstDay.textContent())).toMatch(/^Tue, Dec 8 \d+ times$/);
    expect(await firstDay.getAttribute('aria-pressed')).toBe('true');
    const times = lena.getByRole('list', { name: 'Free times on Tuesday, December 8' }).getByRole('button');
    expect(plain(await times.first().textContent())).toBe('5:00 AM');
    expect(await accessibilityProblems(lena)).toEqual([]);
    await lena.screenshot({ path: screenshotPath('calls-1-booking-page'), fullPage: true });
    await phone(lena, bookingLink, 'calls-1-booking-page', 'Times shown in America/New_York');

    await times.first().click();
    const before = journey.sink.received.length;
    await lena.getByRole('button', { name: /^Book Tue, Dec 8, 5:00/ }).click();
    await lena.getByRole('heading', { name: 'Your call is booked' }).waitFor();
    const booked = plain(await lena.locator('#main').textContent());
    expect(booked).toContain('Tue, Dec 8, 5:00 – 5:30 AM EST with Ana');
    expect(booked).toContain('You will get an invitation by email');
    expect(await accessibilityProblems(lena)).toEqual([]);
    await lena.screenshot({ path: screenshotPath('calls-2-booked'), fullPage: true });

    // the invitation, in her zone
    const invitation = await mailArrives('lena@acme.example', before, (_t, subject) =>
      subject.startsWith('Invitation:'),
    );
    expect(invitation.subject).toBe(
      `Invitation: support call Tuesday 8 December 2026, 05:00–05:30 (America/New_York) [#${number}]`,
    );
  });

  it('both see the call on the ticket; the SLA panel shows the booked call as the reply', async () => {
    const calls = ana.getByRole('region', { name: 'Calls' });
    // heard live: the booking changed the ticket
    const call = calls.getByRole('listitem').filter({ hasText: 'Screen share' });
    await call.waitFor();
    const text = plain(await call.textContent());
    expect(text).toContain('Tue, Dec 8, 10:00 – 10:30 AM');
    expect(text).toContain('with Ana');
    expect(text).toContain('booked');
    expect(await call.getByRole('link', { name: 'Join the room' }).getAttribute('href')).toMatch(
      /^https:\/\/meet\.example\.com\/support-/,
    );
    // not started yet: it can be moved or cancelled, not marked
    expect(await call.getByRole('button', { name: /^Move/ }).count()).toBe(1);
    expect(await call.getByRole('button', { name: /^No-show/ }).count()).toBe(0);

    const sla = ana.getByRole('region', { name: 'SLA' });
    const booked = sla.getByRole('list', { name: 'Booked calls' });
    await booked.waitFor();
    expect(plain(await booked.textContent())).toContain(
      'Tuesday 8 December 2026, 05:00–05:30 (America/New_York), Screen share with Ana. It counted as the reply to the customer.',
    );
    await sla.getByRole('button', { name: /Show why/ }).click();
    expect(plain(await sla.locator('ol.timeline').textContent())).toContain(
      'Next reply clock stopped (the booked call counted as the reply): met',
    );
    expect(await accessibilityProblems(ana)).toEqual([]);
    await ana.screenshot({ path: screenshotPath('calls-3-agent-ticket'), fullPage: true });
    await phone(ana, `${journey.served.base}/tickets/${number}`, 'calls-3-agent-ticket', 'It counted as the reply');

    await lena.getByRole('link', { name: 'See it on your ticket' }).click();
    const mine = lena.getByRole('region', { name: 'Calls' });
    await mine.getByText('Times shown in America/New_York.').waitFor();
    const item = mine.getByRole('listitem').first();
    await item.waitFor();
    expect(plain(await item.textContent())).toContain('Tue, Dec 8, 5:00 – 5:30 AM EST');
    expect(await item.getByRole('link', { name: /^Join the call/ }).getAttribute('href')).toMatch(
      new RegExp(`^${journey.served.base}/calls/join/`),
    );
    expect(await item.getByRole('button', { name: /^Move/ }).count()).toBe(1);
    expect(await item.getByRole('button', { name: /^Cancel/ }).count()).toBe(1);
    expect(await accessibilityProblems(lena)).toEqual([]);
    await lena.screenshot({ path: screenshotPath('calls-4-portal-ticket'), fullPage: true });
    await phone(lena, `${journey.served.base}/portal/tickets/${number}`, 'calls-4-portal-ticket', 'Join the call');
  });

  it('Lena does not come: Ana marks the no-show; Lena gets a link to book again; the ticket is open again', async () => {
    // waiting on the call, the ticket was set aside
    expect((await admin('PATCH', `/api/v1/tickets/${number}`, { status: 'pending' })).statusCode).toBe(200);
    // five minutes into the call, for the desk and for Ana's browser
    clock.set('2026-12-08T10:05:00Z');
    await ana.clock.setFixedTime(new Date('2026-12-08T10:05:00Z'));
    await ana.reload();
    const call = ana.getByRole('region', { name: 'Calls' }).getByRole('listitem').filter({ hasText: 'Screen share' });
    await call.getByRole('button', { name: /^Done/ }).waitFor();
    const before = journey.sink.received.length;
    await call.getByRole('button', { name: /^No-show/ }).click();
    await ana.getByText('Marked as a no-show: the customer was sent a link to book again.').waitFor();
    await call.getByText('no-show', { exact: true }).waitFor();

    const sorry = await mailArrives('lena@acme.example', before, (text) => text.includes('Sorry we missed you'));
    const rebook = /(http:\/\/127\.0\.0\.1:\d+\/book\/\S+)/.exec(sorry.text ?? '')?.[1];
    expect(rebook).toBeDefined();
    expect((await admin('GET', `/api/v1/tickets/${number}`)).json().status).toBe('open');
    // the new link offers the times after the missed call
    await lena.goto(rebook as string);
    const times = lena.getByRole('list', { name: 'Free times on Tuesday, December 8' }).getByRole('button');
    expect(plain(await times.first().textContent())).toBe('5:30 AM');
  });

  it('Ana books a call for Lena on the phone, moves it and cancels it', async () => {
    const calls = ana.getByRole('region', { name: 'Calls' });
    await calls.getByRole('button', { name: 'Book a call' }).click();
    const form = calls.getByRole('form', { name: 'Book a Screen share call' });
    const times = form
      .getByRole('list', { name: 'Free times for Screen share on Tuesday, December 8' })
      .getByRole('button');
    // Ana books inside the notice: the next free half hour, after the missed call
    expect(plain(await times.first().textContent())).toBe('10:30 AM');
    await times.nth(1).click();
    await form.getByRole('button', { name: /^Book Tue, Dec 8, 11:00/ }).click();
    await calls.getByText(/^Call booked: Tue, Dec 8, 11:00/).waitFor();
    const call = calls.getByRole('listitem').filter({ hasText: /11:00\s–\s11:30\sAM/ });
    await call.getByRole('button', { name: /^Move/ }).click();
    const move = call.getByRole('form', { name: 'Move the call' });
    // Ana's calendar is not connected yet: 14:00 is free
    const other = move.getByRole('list', { name: 'Other free times on Tuesday, December 8' }).getByRole('button');
    await other.filter({ hasText: /^2:00\sPM$/ }).click();
    await move.getByRole('button', { name: /^Move to Tue, Dec 8, 2:00/ }).click();
    await calls.getByText(/^Moved to Tue, Dec 8, 2:00/).waitFor();
    const moved = calls.getByRole('listitem').filter({ hasText: /2:00\s–\s2:30\sPM/ });
    await moved.waitFor();
    await ana.screenshot({ path: screenshotPath('calls-5-agent-moved'), fullPage: true });

    const listed = (await admin('GET', `/api/v1/tickets/${number}/calls`)).json().items as {
      start: string;
      status: string;
    }[];
    expect(listed.map((c) => [c.start, c.status])).toEqual([
      ['2026-12-08T10:00:00.000Z', 'no-show'],
      ['2026-12-08T14:00:00.000Z', 'booked'],
    ]);

    const before = journey.sink.received.length;
    await moved.getByRole('button', { name: /^Cancel/ }).click();
    await moved.getByLabel(/Reason/).fill('Fixed by the cache settings in the meantime.');
    await moved.getByRole('button', { name: 'Cancel the call', exact: true }).click();
    await calls.getByText('Call cancelled; the customer gets the cancellation.').waitFor();
    const cancelled = await mailArrives('lena@acme.example', before, (_t, subject) => subject.startsWith('Cancelled:'));
    expect(cancelled.text).toContain('Fixed by the cache settings in the meantime.');
  });

  it('Ana’s Calls page lists her day; she connects her calendar and room; the lead sees the call load', async () => {
    // one more for this afternoon, by API, so the day has a booked call
    const book = await journey.served.desk.as(journey.served.desk.adminToken, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/calls`,
      payload: { type: await typeId(), start: '2026-12-08T15:00:00Z', agentEmail: 'ana@desk.example' },
    });
    expect(book.statusCode, book.body).toBe(201);
    await ana.goto(`${journey.served.base}/calls`);
    await ana.getByRole('heading', { name: 'Calls', level: 1 }).waitFor();
    const today = ana.getByRole('list', { name: 'Calls: Today' });
    await today.waitFor();
    const rows = (await today.getByRole('listitem').allTextContents()).map(plain);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Tue, Dec 8, 10:00 – 10:30 AM');
    expect(rows[0]).toContain(`Ticket #${number}`);
    expect(rows[0]).toContain('no-show');
    expect(rows[1]).toContain('3:00 – 3:30 PM');
    expect(
      await today
        .getByRole('link', { name: `Ticket #${number}` })
        .first()
        .getAttribute('href'),
    ).toBe(`/tickets/${number}`);

    // the calendar and room, with what the desk last read
    const settings = ana.getByRole('region', { name: 'My calendar and video room' });
    await settings.getByText('No calendar connected').waitFor();
    await settings.getByLabel('Feed URL').fill('http://127.0.0.1:1/closed.ics');
    await settings.getByRole('button', { name: 'Connect the calendar' }).click();
    await settings.getByRole('alert').waitFor();
    await settings.getByLabel('Feed URL').fill(`http://127.0.0.1:${(feed.address() as AddressInfo).port}/ana.ics`);
    await settings.getByRole('button', { name: 'Connect the calendar' }).click();
    await settings.getByText('Published ICS feed ·').waitFor();
    expect(plain(await settings.locator('.calendar-state').textContent())).toContain('Last readDec 8, 2026');
    await settings.getByLabel(/Personal video room/).fill('https://meet.example.com/ana');
    await settings.getByRole('button', { name: 'Save the room' }).click();
    await settings.getByText('Room saved.').waitFor();
    const stored = (await admin('GET', '/api/v1/agents/ana@desk.example/calendar')).json();
    expect(stored.roomUrl).toBe('https://meet.example.com/ana');
    expect(stored.calendar.lastError).toBeNull();
    // the dentist at 14:00 is busy time now
    const slots = (
      await admin('GET', `/api/v1/tickets/${number}/call-slots?type=${await typeId()}&to=2026-12-08T17:00:00Z`)
    ).json().slots as { start: string }[];
    expect(slots.map((s) => s.start)).not.toContain('2026-12-08T14:00:00.000Z');
    expect(slots.map((s) => s.start)).toContain('2026-12-08T13:30:00.000Z');
    expect(await accessibilityProblems(ana)).toEqual([]);
    await ana.screenshot({ path: screenshotPath('calls-6-calls-page'), fullPage: true });
    await phone(ana, `${journey.served.base}/calls`, 'calls-6-calls-page', 'Published ICS feed');

    const lead = await journey.signInAgent('lead@desk.example');
    await lead.clock.setFixedTime(new Date('2026-12-08T10:05:00Z'));
    await lead.getByRole('link', { name: 'Calls', exact: true }).click();
    const load = lead.getByRole('table', { name: 'Calls per agent this week' });
    await load.waitFor();
    expect((await load.getByRole('row').allTextContents()).map(plain)).toEqual([
      'AgentCallsMinutesNo-shows',
      'Ana2601',
    ]);
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.screenshot({ path: screenshotPath('calls-7-call-load'), fullPage: true });
    await lead.context().close();
  });

  it('an admin adds a call type, changes it and retires it', async () => {
    await agentWithPassword(journey.served.desk, 'admin@desk.example', 'admin', PASSWORD);
    const page = await journey.signInAgent('admin@desk.example');
    await page.getByRole('link', { name: 'Call types' }).click();
    await page.getByRole('heading', { name: 'Call types', level: 1 }).waitFor();
    await page.getByRole('rowheader', { name: 'Screen share' }).waitFor();
    await page.getByRole('button', { name: 'Add a call type' }).click();
    const form = page.getByRole('form', { name: 'A new call type' });
    await form.getByLabel('Name', { exact: true }).fill('Upgrade walkthrough');
    await form.getByLabel('Length (minutes)').fill('60');
    await form.getByLabel('Minimum notice (minutes)').fill('1440');
    await form.getByLabel('Plans that may book it themselves').fill('premium, ultimate');
    await form.getByLabel('Round robin over agents').check();
    await form.getByLabel('Share calls').selectOption('equal');
    await form.getByLabel('The host’s personal room').check();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('calls-8-call-type-form'), fullPage: true });
    await form.getByRole('button', { name: 'Add the call type' }).click();
    await page.getByRole('status').filter({ hasText: 'Upgrade walkthrough saved.' }).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Upgrade walkthrough' }) });
    expect(plain(await row.textContent())).toContain('round robin, equal share');

    await row.getByRole('button', { name: 'Edit Upgrade walkthrough' }).click();
    const edit = page.getByRole('form', { name: 'Change Upgrade walkthrough' });
    await edit.getByLabel('Length (minutes)').fill('45');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Upgrade walkthrough saved.' }).waitFor();
    await row.getByText('45 min').waitFor();
    await row.getByRole('button', { name: 'Retire Upgrade walkthrough' }).click();
    await page.getByRole('status').filter({ hasText: 'Upgrade walkthrough is retired' }).waitFor();
    await row.getByRole('cell', { name: 'retired' }).waitFor();

    const types = (await admin('GET', '/api/v1/call-types')).json().items as Record<string, unknown>[];
    expect(types.find((t) => t.name === 'Upgrade walkthrough')).toMatchObject({
      durationMinutes: 45,
      minNoticeMinutes: 1440,
      hosts: 'round-robin',
      distribution: 'equal',
      plans: ['premium', 'ultimate'],
      video: 'personal',
      active: false,
    });
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('calls-9-call-types'), fullPage: true });
    await phone(page, `${journey.served.base}/admin/call-types`, 'calls-9-call-types', 'Upgrade walkthrough');
    await page.context().close();
  });

  it('Lena books, moves and cancels a call in the portal; “call me now” pages the on-call engineer only on her plan', async () => {
    await lena.goto(`${journey.served.base}/portal/tickets/${number}`);
    const calls = lena.getByRole('region', { name: 'Calls' });
    // the call Ana booked for 15:00 Lisbon, 10:00 in New York: one booked call at a time, so it moves
    const booked = calls.getByRole('listitem').filter({ hasText: /10:00\s–\s10:30\sAM/ });
    await booked.getByRole('button', { name: /^Move/ }).click();
    expect(await calls.getByRole('button', { name: 'Book a call' }).count()).toBe(0);
    const move = booked.getByRole('form', { name: 'Move the call' });
    await move
      .getByRole('list', { name: 'Other free times on Tuesday, December 8' })
      .getByRole('button')
      .filter({ hasText: /^11:00\sAM$/ })
      .click();
    await move.getByRole('button', { name: /^Move to Tue, Dec 8, 11:00/ }).click();
    await calls.getByText(/^Your call has moved to Tue, Dec 8, 11:00/).waitFor();
    const moved = calls.getByRole('listitem').filter({ hasText: /11:00\s–\s11:30\sAM/ });
    await moved.getByRole('button', { name: /^Cancel/ }).click();
    await moved.getByRole('button', { name: 'Cancel the call', exact: true }).click();
    await calls.getByText('Your call is cancelled.').waitFor();
    // cancelled calls fold away under their count (Ana cancelled one before)
    await calls.getByText('2 cancelled calls').waitFor();
    expect((await admin('GET', `/api/v1/tickets/${number}/calls`)).json().items.at(-1)).toMatchObject({
      start: '2026-12-08T16:00:00.000Z',
      status: 'cancelled',
      customerZone: 'America/New_York',
    });

    // nothing booked now: she books one herself
    await calls.getByRole('button', { name: 'Book a call' }).click();
    const form = calls.getByRole('form', { name: 'Book a call' });
    const times = form
      .getByRole('list', { name: 'Free times for Screen share on Tuesday, December 8' })
      .getByRole('button');
    // 10:05 in Lisbon now: the next half hour, in New York
    expect(plain(await times.first().textContent())).toBe('5:30 AM');
    await times.first().click();
    await form.getByRole('button', { name: /^Book Tue, Dec 8, 5:30/ }).click();
    await calls.getByText(/^Your call is booked: Tue, Dec 8, 5:30/).waitFor();
    await calls
      .getByRole('listitem')
      .filter({ hasText: /5:30\s–\s6:00\sAM/ })
      .waitFor();
    expect(await calls.getByRole('button', { name: 'Book a call' }).count()).toBe(0);

    // urgent, but Acme's plan has no on-call support: the desk says so
    expect((await admin('PATCH', `/api/v1/tickets/${number}`, { priority: 'urgent' })).statusCode).toBe(200);
    await lena.reload();
    await calls.getByRole('button', { name: 'Call me now' }).click();
    expect(await calls.getByRole('alert').textContent()).toBe(
      'A call now is for urgent tickets on plans with on-call support.',
    );
    // on the enterprise plan, the lead on call is paged with the room's link
    expect(
      (await admin('PATCH', `/api/v1/organizations/${journey.acme.organizationId}`, { plan: 'enterprise' })).statusCode,
    ).toBe(200);
    const rota = await admin('PUT', '/api/v1/oncall', {
      startsAt: '2026-12-08T00:00:00Z',
      shiftHours: 24,
      members: ['lead@desk.example'],
    });
    expect(rota.statusCode, rota.body).toBe(200);
    const before = journey.sink.received.length;
    await calls.getByRole('button', { name: 'Call me now' }).click();
    const join = calls.getByRole('status').getByRole('link', { name: 'Join the call' });
    await join.waitFor();
    expect(await join.getAttribute('href')).toMatch(new RegExp(`^${journey.served.base}/calls/join/`));
    const page = await mailArrives('lead@desk.example', before, (_t, subject) => subject.includes('CALL NOW'));
    expect(page.subject).toBe(`[#${number}] CALL NOW: lena is waiting in a video room`);
    expect(await accessibilityProblems(lena)).toEqual([]);
    await lena.screenshot({ path: screenshotPath('calls-10-portal-call-now'), fullPage: true });
  });

  it('after the call, Ana records it as done with notes from the template', async () => {
    // Lena's 10:30 call has started
    clock.set('2026-12-08T10:40:00Z');
    await ana.clock.setFixedTime(new Date('2026-12-08T10:40:00Z'));
    await ana.goto(`${journey.served.base}/tickets/${number}`);
    const call = ana
      .getByRole('region', { name: 'Calls' })
      .getByRole('listitem')
      .filter({ hasText: /10:30\s–\s11:00\sAM/ });
    await call.getByRole('button', { name: /^Done/ }).click();
    const notes = call.getByLabel('Call notes (an internal note)');
    expect(await notes.inputValue()).toBe('Symptoms:\n\nFindings:\n\nNext steps:\n');
    await notes.fill(
      'Symptoms: every job downloads the cache.\n\nFindings: the cache key includes the runner id since 17.6.\n\nNext steps: set CACHE_KEY_SHARED.',
    );
    await call.getByRole('button', { name: 'Save the notes' }).click();
    await ana.getByText('Call notes added to the ticket.').waitFor();
    await call.getByText('done', { exact: true }).waitFor();
    await ana
      .getByRole('listitem', { name: /^Internal note from Ana/ })
      .filter({ hasText: 'the cache key includes the runner id since 17.6' })
      .waitFor();
  });
});

async function typeId(): Promise<string> {
  const types = (await admin('GET', '/api/v1/call-types')).json().items as { id: string; name: string }[];
  return types.find((t) => t.name === 'Screen share')?.id as string;
}
