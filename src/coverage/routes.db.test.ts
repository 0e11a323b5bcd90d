import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { auditEvents } from '../audit/tables.js';
import { FakeClock } from '../platform/clock.js';
import { writeSetting } from '../platform/settings-store.js';

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

const agentList = async () =>
  (await desk.as(lead, { method: 'GET', url: '/api/v1/agents?limit=100' })).json().items as {
    id: string;
    email: string;
    role: string;
  }[];
const agentEmails = async () => (await agentList()).map((a) => a.email).sort();
const roles = async () => Object.fromEntries((await agentList()).map((a) => [a.email, a.role]));
const hoursOf = async (email: string) =>
  (await desk.as(lead, { method: 'GET', url: `/api/v1/agents/${email}/schedule` })).json().hours;

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
    const res = await desk.as(desk.adminToken, {
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

  it('imports CSV, matching agents by email and creating new ones (admin)', async () => {
    const csv = [
      'email,name,timeZone,region,country,skills,timeOff,mon,tue,wed,thu,fri',
      'ana@desk.example,Ana,Europe/Lisbon,EMEA,PT,postgres;redis,2026-12-24..2026-12-31,09:00-17:00,09:00-17:00,09:00-17:00,09:00-17:00,09:00-13:00',
      'kai@desk.example,Kai,Asia/Tokyo,APAC,JP,,,09:00-18:00,09:00-18:00,09:00-18:00,09:00-18:00,09:00-18:00',
    ].join('\n');
    const res = await desk.as(desk.adminToken, {
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

  it('a lead cannot make themselves admin, demote an admin or add an agent; nothing is written', async () => {
    await desk.agentTokenFor('boss@desk.example', 'admin');
    const before = { agents: await agentEmails(), roles: await roles(), ana: await hoursOf('ana@desk.example') };
    const attacks: [string, string, string][] = [
      // [content type, roster, what the refusal names]
      ['application/json', JSON.stringify({ agents: [{ email: 'lead@desk.example', role: 'admin' }] }), 'role'],
      ['text/yaml', 'agents:\n  - email: boss@desk.example\n    role: agent\n', 'role'],
      ['text/csv', 'email,name,timeZone\nmole@desk.example,Mole,UTC\n', 'adding an agent'],
      // a harmless entry beside the attack is not written either: all or nothing
      [
        'application/json',
        JSON.stringify({
          agents: [
            { email: 'ana@desk.example', hours: { mon: '06:00-07:00' } },
            { email: 'lead@desk.example', role: 'admin' },
          ],
        }),
        'role',
      ],
    ];
    for (const [type, payload, names] of attacks) {
      const res = await desk.as(lead, {
        method: 'POST',
        url: '/api/v1/roster',
        headers: { 'content-type': type },
        payload,
      });
      expect(res.statusCode, payload).toBe(400);
      expect(res.json().error.code).toBe('ROSTER_INVALID');
      expect(res.json().error.message.toLowerCase()).toContain(names);
      expect(res.json().error.message).toContain('admin role');
    }
    expect(await agentEmails()).toEqual(before.agents);
    expect(await roles()).toEqual(before.roles);
    expect(await hoursOf('ana@desk.example')).toEqual(before.ana);
  });

  it('a lead still sets the schedule of existing agents; a role they already have is no change', async () => {
    const res = await desk.as(lead, {
      method: 'POST',
      url: '/api/v1/roster',
      headers: { 'content-type': 'text/csv' },
      payload: 'email,role,region,skills,mon\nben@desk.example,agent,AMER,ruby,10:00-18:00\n',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: 1 });
    const schedule = (await desk.as(lead, { method: 'GET', url: '/api/v1/agents/ben@desk.example/schedule' })).json();
    expect(schedule).toMatchObject({ region: 'AMER', skills: ['ruby'], hours: { mon: '10:00-18:00' } });
  });

  it('an admin’s roster changes roles and adds agents, and the audit trail says so', async () => {
    await desk.agentTokenFor('chief@desk.example', 'admin');
    await desk.agentTokenFor('rising@desk.example', 'lead');
    const res = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/roster',
      payload: {
        agents: [
          { email: 'rising@desk.example', role: 'admin' },
          { email: 'chief@desk.example', role: 'agent' },
          { email: 'hired@desk.example', name: 'Hired', timeZone: 'UTC' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, updated: 2 });
    const now = await roles();
    expect([now['rising@desk.example'], now['chief@desk.example'], now['hired@desk.example']]).toEqual([
      'admin',
      'agent',
      'agent',
    ]);
    const list = await agentList();
    const audit = await desk.deps.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'agent'));
    const about = (email: string) => audit.filter((e) => e.entityId === list.find((a) => a.email === email)?.id);
    expect(about('rising@desk.example').at(-1)?.data).toMatchObject({
      changes: { role: { from: 'lead', to: 'admin' } },
    });
    expect(about('hired@desk.example').map((e) => e.action)).toEqual(['agent.created']);
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
    // nothing to change is a clear 400, not a failed write
    const empty = await desk.as(ana, { method: 'PUT', url: '/api/v1/agents/ana@desk.example/schedule', payload: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/^Say what to change/);
  });

  it('a customer learns nothing of who is staff: time off and schedules are refused alike for any address', async () => {
    const customer = await desk.customer('Curious Corp', 'cat@curious.example');
    const answers = [];
    for (const agent of ['ana@desk.example', 'nobody@desk.example']) {
      const timeOff = await desk.as(customer.token, {
        method: 'POST',
        url: '/api/v1/time-off',
        payload: { agent, from: '2026-03-10', to: '2026-03-11' },
      });
      const schedule = await desk.as(customer.token, {
        method: 'PUT',
        url: `/api/v1/agents/${agent}/schedule`,
        payload: { timeZone: 'UTC' },
      });
      answers.push([timeOff.statusCode, timeOff.json().error.code, schedule.statusCode, schedule.json().error.code]);
    }
    expect(answers).toEqual([
      [403, 'FORBIDDEN', 403, 'FORBIDDEN'],
      [403, 'FORBIDDEN', 403, 'FORBIDDEN'],
    ]);
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

describe('coverage of a past week', () => {
  it('counts the time off taken then, however long ago', async () => {
    // three weeks before the clock (Wed 2 Dec): Mon 9 – Fri 13 Nov 2026; Leo works 09:00–17:00 UTC
    // and was off on Tuesday the 10th
    await desk.agentTokenFor('leo@desk.example');
    await desk.as(desk.adminToken, {
      method: 'PUT',
      url: '/api/v1/agents/leo@desk.example/schedule',
      payload: { timeZone: 'UTC', hours: { mon: '09:00-17:00', tue: '09:00-17:00', wed: '09:00-17:00' } },
    });
    const off = await desk.as(desk.adminToken, {
      method: 'POST',
      url: '/api/v1/time-off',
      payload: { agent: 'leo@desk.example', from: '2026-11-10', to: '2026-11-10' },
    });
    expect(off.statusCode, off.body).toBe(201);
    const report = (
      await desk.as(lead, { method: 'GET', url: '/api/v1/coverage?from=2026-11-09T00:00:00Z&to=2026-11-12T00:00:00Z' })
    ).json();
    const leoAt = (start: string) =>
      report.slots.find((s: { start: string }) => s.start === start).agents.includes('leo@desk.example');
    expect([leoAt('2026-11-09T12:00:00Z'), leoAt('2026-11-10T12:00:00Z'), leoAt('2026-11-11T12:00:00Z')]).toEqual([
      true,
      false,
      true,
    ]);
  });
});

describe('support hours with no open time', () => {
  it('are refused, naming the field; customers keep opening tickets', async () => {
    const settings = (await desk.as(lead, { method: 'GET', url: '/api/v1/coverage/settings' })).json();
    const put = (payload: object) =>
      desk.as(desk.adminToken, { method: 'PUT', url: '/api/v1/coverage/settings', payload });
    const closed = { timeZone: 'UTC', hours: {} };
    const allOff = { timeZone: 'UTC', hours: { mon: 'off', sat: '' } };
    for (const [payload, field] of [
      [{ ...settings, target: { ...settings.target, ...closed } }, 'target.hours'],
      [{ ...settings, target: { ...settings.target, ...allOff } }, 'target.hours'],
      [{ ...settings, supportHours: closed }, 'supportHours.hours'],
    ] as const) {
      const res = await put(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.message).toContain(field);
    }
    expect((await desk.as(lead, { method: 'GET', url: '/api/v1/coverage/settings' })).json()).toEqual(settings);
    const customer = await desk.customer('Closed Shop', 'pat@closed.example');
    const opened = await desk.as(customer.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Still there?', body: 'Hello.' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
  });

  it('stored before they were checked, count SLA time in calendar hours instead of failing every ticket', async () => {
    const other = await createTestDesk({ clock });
    try {
      // settings saved by an earlier version, which let hours: {} through
      const closed = JSON.stringify({ target: { timeZone: 'UTC', hours: {}, minAgents: 1 }, supportHours: null });
      await writeSetting(other.deps.db, 'coverage', closed);
      const customer = await other.customer('Early Corp', 'eve@early.example');
      const opened = await other.as(customer.token, {
        method: 'POST',
        url: '/api/v1/tickets',
        payload: { subject: 'Anyone?', body: 'Hello.' },
      });
      expect(opened.statusCode, opened.body).toBe(201);
      const read = await other.as(customer.token, { method: 'GET', url: `/api/v1/tickets/${opened.json().number}` });
      expect(read.statusCode).toBe(200);
      // the Normal policy: first reply within 8 h, counted around the clock from Wed 10:00
      const seen = await other.as(other.adminToken, { method: 'GET', url: `/api/v1/tickets/${opened.json().number}` });
      expect(seen.json().slaDueAt).toBe('2026-12-02T18:00:00.000Z');
    } finally {
      await other.close();
    }
  });
});
