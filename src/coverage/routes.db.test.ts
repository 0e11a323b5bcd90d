import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { FakeClock } from '../platform/clock.js';

// The roster and coverage API: imports are all or nothing with line numbers, people change their
// own schedule and leads anyone's, and bad ranges or zones get clear errors.

const clock = new FakeClock('2026-12-02T10:00:00Z');
let desk: TestDesk;
let lead: string;
let ana: string;

beforeAll(async () => {
  desk = await createTestDesk({ clock });
  lead = await desk.agentTokenFor('lead@desk.example', 'lead');
  ana = await desk.agentTokenFor('ana@desk.example');
  await desk.agentTokenFor('ben@desk.example');
});
afterAll(async () => {
  await desk?.close();
});

const agentEmails = async () =>
  ((await desk.as(lead, { method: 'GET', url: '/api/v1/agents?limit=100' })).json().items as { email: string }[])
    .map((a) => a.email)
    .sort();

describe('roster import', () => {
  it('refuses a file with bad rows, names each with its line, and imports nothing', async () => {
    const yaml = [
      'agents:',
      '  - email: new1@desk.example',
      '    name: New One',
      '    timeZone: Europe/Lisbon',
      '  - email: new2@desk.example',
      '    name: New Two',
      '    timeZone: Mars/Olympus',
      '  - email: new3@desk.example',
      '    name: New Three',
      '    timeZone: UTC',
      '    hours: { mon: "17:00-09:00" }',
    ].join('\n');
    const before = await agentEmails();
    const res = await desk.as(lead, {
      method: 'POST',
      url: '/api/v1/roster',
      headers: { 'content-type': 'text/yaml' },
      payload: yaml,
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('ROSTER_INVALID');
    expect(error.details.problems.map((p: { line: number }) => p.line)).toEqual([5, 8]);
    expect(error.details.problems[0].message).toContain('Mars/Olympus');
    expect(await agentEmails()).toEqual(before);
  });

  it('imports CSV, matching agents by email and creating new ones', async () => {
    const csv = [
      'email,name,timeZone,region,country,skills,timeOff,mon,tue,wed,thu,fri',
      'ana@desk.example,Ana,Europe/Lisbon,EMEA,PT,postgres;redis,2026-12-24..2026-12-31,09:00-17:00,09:00-17:00,09:00-17:00,09:00-17:00,09:00-13:00',
      'kai@desk.example,Kai,Asia/Tokyo,APAC,JP,,,09:00-18:00,09:00-18:00,09:00-18:00,09:00-18:00,09:00-18:00',
    ].join('\n');
    const res = await desk.as(lead, {
      method: 'POST',
      url: '/api/v1/roster',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, updated: 1 });
    const schedule = (await desk.as(lead, { method: 'GET', url: '/api/v1/agents/ana@desk.example/schedule' })).json();
    expect(schedule).toMatchObject({
      timeZone: 'Europe/Lisbon',
      region: 'EMEA',
      country: 'PT',
      skills: ['postgres', 'redis'],
      hours: { fri: '09:00-13:00' },
    });
    expect(schedule.timeOff).toEqual([expect.objectContaining({ from: '2026-12-24', to: '2026-12-31' })]);
    expect(await agentEmails()).toContain('kai@desk.example');
  });

  it('is for leads', async () => {
    const res = await desk.as(ana, { method: 'POST', url: '/api/v1/roster', payload: { agents: [] } });
    expect(res.statusCode).toBe(403);
  });
});

describe('schedules and time off', () => {
  it('an agent changes their own hours, not someone else’s; bad hours are refused', async () => {
    const own = await desk.as(ana, {
      method: 'PUT',
      url: '/api/v1/agents/ana@desk.example/schedule',
      payload: { hours: { mon: '08:00-12:00,13:00-16:00' } },
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().hours).toEqual({ mon: '08:00-12:00,13:00-16:00' });
    const other = await desk.as(ana, {
      method: 'PUT',
      url: '/api/v1/agents/ben@desk.example/schedule',
      payload: { hours: { mon: '08:00-12:00' } },
    });
    expect(other.statusCode).toBe(403);
    const bad = await desk.as(lead, {
      method: 'PUT',
      url: '/api/v1/agents/ben@desk.example/schedule',
      payload: { hours: { mon: '25:00-26:00' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(bad.json().error.message).toContain('hours');
  });

  it('time off: recorded by the agent, removed by a lead, with checked dates', async () => {
    const added = await desk.as(ana, {
      method: 'POST',
      url: '/api/v1/time-off',
      payload: { agent: 'ana@desk.example', from: '2027-01-04', to: '2027-01-08', reason: 'Ski trip' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const backwards = await desk.as(ana, {
      method: 'POST',
      url: '/api/v1/time-off',
      payload: { agent: 'ana@desk.example', from: '2027-02-10', to: '2027-02-01' },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.message).toContain('before');
    const list = (await desk.as(lead, { method: 'GET', url: '/api/v1/time-off?agent=ana@desk.example' })).json();
    expect(list.items.map((t: { from: string }) => t.from)).toContain('2027-01-04');
    const id = added.json().id;
    expect((await desk.as(ana, { method: 'DELETE', url: `/api/v1/time-off/${id}` })).statusCode).toBe(403);
    expect((await desk.as(lead, { method: 'DELETE', url: `/api/v1/time-off/${id}` })).statusCode).toBe(204);
    const after = (await desk.as(lead, { method: 'GET', url: '/api/v1/time-off?agent=ana@desk.example' })).json();
    expect(after.items.map((t: { from: string }) => t.from)).not.toContain('2027-01-04');
  });
});

describe('coverage', () => {
  it('gives clear errors for bad ranges and zones', async () => {
    const get = (q: string) => desk.as(lead, { method: 'GET', url: `/api/v1/coverage?${q}` });
    const cases = [
      ['from=2026-12-07T00:00:00Z&to=2026-12-06T00:00:00Z', 'after'],
      ['from=2026-12-07T00:00:00Z&to=2027-06-01T00:00:00Z', 'at most'],
      ['from=yesterday&to=2026-12-06T00:00:00Z', 'ISO 8601'],
      ['from=2026-12-07T00:00:00Z&to=2026-12-08T00:00:00Z&zone=Europe/Atlantis', 'IANA'],
    ] as const;
    for (const [query, says] of cases) {
      const res = await get(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.message, query).toContain(says);
    }
  });

  it('a higher minimum per slot shows more gaps; settings are validated', async () => {
    const week = 'from=2026-12-07T00:00:00Z&to=2026-12-12T00:00:00Z&zone=UTC';
    const before = (await desk.as(lead, { method: 'GET', url: `/api/v1/coverage?${week}` })).json();
    const settings = (await desk.as(lead, { method: 'GET', url: '/api/v1/coverage/settings' })).json();
    expect(settings.target).toMatchObject({ timeZone: 'UTC', minAgents: 1 });
    const bad = await desk.as(desk.adminToken, {
      method: 'PUT',
      url: '/api/v1/coverage/settings',
      payload: { ...settings, target: { ...settings.target, timeZone: 'Nowhere/Else' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('Nowhere/Else');
    const put = await desk.as(desk.adminToken, {
      method: 'PUT',
      url: '/api/v1/coverage/settings',
      payload: { ...settings, target: { ...settings.target, minAgents: 3 } },
    });
    expect(put.statusCode, put.body).toBe(200);
    const after = (await desk.as(lead, { method: 'GET', url: `/api/v1/coverage?${week}` })).json();
    const minutes = (r: { summary: { gapMinutes: number } }) => r.summary.gapMinutes;
    expect(minutes(after)).toBeGreaterThan(minutes(before));
    // a gap never misses more people than the minimum asks for
    expect(after.gaps.every((g: { missing: number }) => g.missing >= 1 && g.missing <= 3)).toBe(true);
  });
});
