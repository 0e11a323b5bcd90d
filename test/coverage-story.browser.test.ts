import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/platform/clock.js';
import { accessibilityProblems, screenshotPath } from './helpers/browser.js';
import { type Journey, startJourney } from './helpers/journey.js';

// A lead reads the week of Mon 7 Dec 2026 on the coverage map, in Chromium: Ana works 09–17 in Lisbon
// (UTC in December; Tue 8 Dec is a holiday in Portugal), Tom 09–17 in New York (14–22 UTC) and is off
// Wed 9–Thu 10. The lead sees the heads in each hour, the gaps in words and who is away, turns on
// the load layer (tickets of past weeks: one arrived at Tue 03:00 UTC, when nobody works) and types
// another zone.

const clock = new FakeClock('2026-11-24T03:10:00Z');
let journey: Journey;
let lead: Page;

const admin = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  journey.served.desk.as(journey.served.desk.adminToken, { method, url, ...(payload ? { payload } : {}) });
const weekdays = { mon: '09:00-17:00', tue: '09:00-17:00', wed: '09:00-17:00', thu: '09:00-17:00', fri: '09:00-17:00' };

beforeAll(async () => {
  journey = await startJourney({ clock });
  const roster = await admin('POST', '/api/v1/roster', {
    agents: [
      { email: 'ana@desk.example', name: 'Ana Sousa', timeZone: 'Europe/Lisbon', country: 'PT', hours: weekdays },
      {
        email: 'tom@desk.example',
        name: 'Tom Baker',
        timeZone: 'America/New_York',
        country: 'US',
        hours: weekdays,
        timeOff: [{ from: '2026-12-09', to: '2026-12-10' }],
      },
      { email: 'lead@desk.example', hours: {} },
    ],
  });
  expect(roster.statusCode, roster.body).toBe(200);
  // tickets of past weeks: Tue 24 Nov 03:10 UTC (nobody at work) and Thu 3 Dec 10:05 UTC (Ana)
  for (const at of ['2026-11-24T03:10:00Z', '2026-12-03T10:05:00Z']) {
    clock.set(at);
    const res = await journey.served.desk.as(journey.acme.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: `Runner stuck ${at}`, body: 'Jobs wait forever.' },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  clock.set('2026-12-07T08:00:00Z');
}, 180_000);
afterAll(async () => {
  await journey?.close();
});

describe('coverage that shows the story', () => {
  it('a lead sees heads per hour, the gaps in words, who is away, the load, in any zone', async () => {
    lead = await journey.signInAgent('lead@desk.example');
    await lead.clock.setFixedTime(new Date('2026-12-07T08:00:00Z'));
    await lead.goto(`${journey.served.base}/coverage`);
    const map = lead.getByRole('table', { name: 'People at work per hour, Europe/Lisbon' });
    await map.waitFor();
    // Thursday 10:00: Ana alone (Tom is off), by name; the number is in the cell
    const thursday = lead.getByRole('button', {
      name: /^Thu 10 Dec 10:00–11:00 Europe\/Lisbon: 1 at work \(Ana Sousa\)/,
    });
    expect(await thursday.textContent()).toBe('1');
    await thursday.click();
    await expect.poll(() => lead.locator('.cell-detail').textContent()).toContain('inside the target’s hours');
    // Friday 15:00 UTC: both
    expect(
      await lead
        .getByRole('button', { name: /^Fri 11 Dec 15:00–16:00 Europe\/Lisbon: 2 at work \(Ana Sousa, Tom Baker\)/ })
        .textContent(),
    ).toBe('2');

    const gaps = await lead.locator('.gaps li').allTextContents();
    expect(gaps).toContain('Mon, Wed–Fri 00:00–09:00 Europe/Lisbon: nobody');
    expect(gaps).toContain('Mon, Tue, Fri 22:00–00:00 Europe/Lisbon: nobody');
    expect(gaps).toContain('Tue 00:00–14:00 Europe/Lisbon: nobody');
    expect(await lead.locator('.away li').allTextContents()).toEqual([
      'Tom Baker: time off Wed 9–Thu 10 Dec',
      'PT holiday Tue 8 Dec: Imaculada Conceição (Ana Sousa)',
    ]);

    await lead.getByLabel('Load per engineer').check();
    await lead.getByText(/Colour is tickets arriving per engineer/).waitFor();
    // the Tuesday-03:00 ticket of two weeks back: tickets arrive at that hour and nobody is there
    const unserved = lead.getByRole('button', { name: /^Tue 8 Dec 03:00–04:00 .*unserved/ });
    expect(await unserved.count()).toBe(1);
    expect(await lead.locator('td.cell.unserved').count()).toBe(1);
    // Thursday 10:00: one ticket over Ana, alone, at work
    expect(
      await lead
        .getByRole('button', { name: /^Thu 10 Dec 10:00–11:00 .*tickets arriving in the hour; [\d.]+ per engineer$/ })
        .count(),
    ).toBe(1);
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.screenshot({ path: screenshotPath('coverage-story-1-load'), fullPage: true });

    // another zone, typed
    const zone = lead.getByLabel('Times in');
    await zone.fill('');
    await zone.pressSequentially('Asia/Kolkata');
    await lead.getByRole('table', { name: /People at work per hour, Asia\/Kolkata/ }).waitFor();
    // 10:00 UTC is 15:30 in Kolkata: Thursday 15:00–16:00 there holds Ana
    await lead
      .getByRole('button', { name: /^Thu 10 Dec 15:00–16:00 Asia\/Kolkata: 1 at work \(Ana Sousa\)/ })
      .waitFor();
    // the map redraws from the last answer at once; the gaps in words come with the new zone's answer
    await lead
      .locator('.gaps li')
      .first()
      .filter({ hasText: /Asia\/Kolkata: nobody$/ })
      .waitFor();
    expect(await accessibilityProblems(lead)).toEqual([]);
    await lead.screenshot({ path: screenshotPath('coverage-story-2-zone'), fullPage: true });
  });

  it('on a 390 px phone the map scrolls inside its box, not the page', async () => {
    const phone = await journey.signInAgent('lead@desk.example', { phone: true });
    await phone.clock.setFixedTime(new Date('2026-12-07T08:00:00Z'));
    await phone.goto(`${journey.served.base}/coverage`);
    await phone.locator('.gaps li').first().waitFor();
    await phone.getByLabel('Load per engineer').check();
    await phone.getByText(/Colour is tickets arriving per engineer/).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await accessibilityProblems(phone)).toEqual([]);
    await phone.screenshot({ path: screenshotPath('coverage-story-3-phone'), fullPage: true });
    await phone.context().close();
  });
});
