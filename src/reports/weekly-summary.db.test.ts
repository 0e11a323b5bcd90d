import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { listOutboundMail } from '../mail/outbox-store.js';
import { findAgentByEmail } from '../people/index.js';
import { FakeClock, MINUTE_MS } from '../platform/clock.js';
import { queryRows, sql } from '../platform/db.js';
import { sayMinutes, weekDue } from './weekly-summary.js';

// The weekly summary by mail: only leads who ask get it, once a week, on Monday from 08:00 in their
// own zone, with last week's numbers as the reports give them.

// Monday 30 Nov 2026 09:00 UTC; the lead lives in Sydney (UTC+11 in December)
const clock = new FakeClock('2026-11-30T09:00:00Z');
let desk: TestDesk;
let lead: string;
let otherLead: string;
let ana: string;
let lena: { token: string };

const call = (token: string | undefined, method: 'GET' | 'PUT' | 'POST' | 'PATCH', url: string, payload?: object) =>
  desk.as(token, { method, url, ...(payload ? { payload } : {}) });
const summaries = async () =>
  (await listOutboundMail(desk.deps.db, undefined, 500)).filter((m) => m.purpose === 'weekly-summary');
const check = async () => {
  await desk.deps.enqueue(desk.deps.db, 'reports.weekly-summaries', {});
  await desk.runtime.createWorker().drain();
};

beforeAll(async () => {
  desk = await createTestDesk({ clock, env: { PUBLIC_URL: 'https://help.example.com' } });
  lead = await desk.agentTokenFor('lead@desk.example', 'lead');
  otherLead = await desk.agentTokenFor('quiet-lead@desk.example', 'lead');
  ana = await desk.agentTokenFor('ana@desk.example');
  lena = await desk.customer('Acme', 'lena@acme.example');
  const leadId = (await findAgentByEmail(desk.deps.db, 'lead@desk.example'))?.id;
  const zoned = await call(desk.adminToken, 'PATCH', `/api/v1/agents/${leadId}`, { timeZone: 'Australia/Sydney' });
  expect(zoned.statusCode, zoned.body).toBe(200);

  // the week of Mon 30 Nov – Sun 6 Dec in Sydney: three tickets, two answered in 30 and 90 minutes, one solved
  for (const [i, reply] of [30, 90, null].entries()) {
    clock.set(new Date(Date.parse('2026-12-01T00:00:00Z') + i * 60 * MINUTE_MS));
    const created = await call(lena.token, 'POST', '/api/v1/tickets', { subject: `Slow ${i}`, body: 'Slow queries.' });
    expect(created.statusCode, created.body).toBe(201);
    if (reply === null) continue;
    clock.advance(reply * MINUTE_MS);
    const answered = await call(ana, 'POST', `/api/v1/tickets/${created.json().number}/messages`, {
      body: 'Raise work_mem.',
      ...(i === 0 ? { status: 'solved' } : {}),
    });
    expect(answered.statusCode, answered.body).toBe(201);
  }
});
afterAll(async () => {
  await desk?.close();
});

describe('the weekly summary', () => {
  it('is asked for by a lead for themself; an agent may not', async () => {
    expect((await call(ana, 'PUT', '/api/v1/reports/weekly-summary', { subscribed: true })).statusCode).toBe(403);
    expect((await call(lead, 'GET', '/api/v1/reports/weekly-summary')).json()).toEqual({
      subscribed: false,
      lastWeek: null,
    });
    const on = await call(lead, 'PUT', '/api/v1/reports/weekly-summary', { subscribed: true });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().subscribed).toBe(true);
  });

  it('is mailed once, on Monday from 08:00 in the lead’s zone, with last week’s numbers', async () => {
    // Monday 7 Dec 07:30 in Sydney: not yet
    clock.set('2026-12-06T20:30:00Z');
    await check();
    expect(await summaries()).toHaveLength(0);

    clock.set('2026-12-06T21:05:00Z'); // 08:05 in Sydney
    await check();
    await check(); // a second check (or worker) sends nothing more
    const mails = await summaries();
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.toAddresses).toEqual(['lead@desk.example']);
    expect(mail?.subject).toBe('Your support week, 30 Nov – 6 Dec 2026');
    expect(mail?.bodyText).toContain('Tickets: 3 created, 1 solved, 0 reopened; 2 unsolved at the end of the week.');
    // the median of 30 and 90 minutes is 30 (the lower middle, as the reports count it: percentile_disc)
    expect(mail?.bodyText).toContain('First reply: median 30 min, 90th percentile 1 h 30 min (2 tickets).');
    expect(mail?.bodyText).toContain('Satisfaction: no ratings this week.');
    expect(mail?.bodyText).toContain('https://help.example.com/reports?from=2026-11-30&to=2026-12-06');
    expect(mail?.headers['Auto-Submitted']).toBe('auto-generated');

    // the same numbers as the report itself, asked for the same week in the same zone
    const report = await call(
      lead,
      'GET',
      '/api/v1/reports/first-reply?from=2026-11-30&to=2026-12-06&zone=Australia/Sydney&groupBy=week',
    );
    expect(report.json().rows[0]).toMatchObject({ count: 2, medianMinutes: 30, p90Minutes: 90 });
    expect((await call(lead, 'GET', '/api/v1/reports/weekly-summary')).json().lastWeek).toBe('2026-11-30');
  });

  it('goes to nobody who did not ask, and stops when turned off', async () => {
    expect((await summaries()).some((m) => m.toAddresses.includes('quiet-lead@desk.example'))).toBe(false);
    expect((await call(otherLead, 'GET', '/api/v1/reports/weekly-summary')).json().subscribed).toBe(false);
    const off = await call(lead, 'PUT', '/api/v1/reports/weekly-summary', { subscribed: false });
    expect(off.json().subscribed).toBe(false);
    clock.set('2026-12-13T21:05:00Z'); // the next Monday 08:05 in Sydney
    await check();
    expect(await summaries()).toHaveLength(1);
  });

  it('stops for a lead who is made an agent again', async () => {
    expect((await call(otherLead, 'PUT', '/api/v1/reports/weekly-summary', { subscribed: true })).statusCode).toBe(200);
    const id = (await findAgentByEmail(desk.deps.db, 'quiet-lead@desk.example'))?.id;
    const demoted = await call(desk.adminToken, 'PATCH', `/api/v1/agents/${id}`, { role: 'agent' });
    expect(demoted.statusCode, demoted.body).toBe(200);
    clock.set('2026-12-14T09:05:00Z'); // Monday 09:05 UTC, their zone
    await check();
    expect(await summaries()).toHaveLength(1);
    // asked about no more: the subscription is gone, not checked every hour for ever
    const rows = await queryRows<{ n: number }>(
      desk.deps.db,
      sql`SELECT count(*)::int AS n FROM weekly_summary_subscriptions`,
    );
    expect(rows).toEqual([{ n: 0 }]);
  });
});

describe('when a week is due and how durations read', () => {
  it('is due from Monday 08:00 local, for the week before', () => {
    expect(weekDue(new Date('2026-12-06T20:59:00Z'), 'Australia/Sydney')).toBeNull();
    expect(weekDue(new Date('2026-12-06T21:00:00Z'), 'Australia/Sydney')).toBe('2026-11-30');
    // a desk down on Monday sends on Tuesday
    expect(weekDue(new Date('2026-12-08T12:00:00Z'), 'America/New_York')).toBe('2026-11-30');
    expect(weekDue(new Date('2026-12-07T12:59:00Z'), 'America/New_York')).toBeNull();
  });
  it('says minutes as people do', () => {
    expect([
      sayMinutes(null),
      sayMinutes(45),
      sayMinutes(60),
      sayMinutes(200),
      sayMinutes(3000),
      sayMinutes(2880),
    ]).toEqual(['—', '45 min', '1 h', '3 h 20 min', '2 d 2 h', '2 d']);
  });
});
