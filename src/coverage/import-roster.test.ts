import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.js';
import { parseRosterCsv, parseRosterYaml } from './import-roster.js';

function problemOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, message: err.message, details: err.details };
    throw err;
  }
  throw new Error('expected a problem');
}

describe('roster files', () => {
  it('reads the YAML form with each entry’s line', () => {
    const entries = parseRosterYaml(
      [
        'agents:',
        '  - email: ana@example.com',
        '    name: Ana',
        '    timeZone: Europe/Lisbon',
        '    region: EMEA',
        '    country: PT',
        '    hours: { mon: "09:00-17:00", tue: "09:00-12:00,13:00-17:00" }',
        '    timeOff: [ { from: 2026-12-24, to: 2026-12-31 } ]',
        '  - email: ben@example.com',
        '    timeZone: America/New_York',
      ].join('\n'),
    );
    expect(entries.map((e) => [e.index, e.line])).toEqual([
      [1, 2],
      [2, 9],
    ]);
    // dates stay dates as people wrote them, not instants
    expect(entries[0]?.entry.timeOff).toEqual([{ from: '2026-12-24', to: '2026-12-31' }]);
    expect(entries[0]?.entry.hours).toEqual({ mon: '09:00-17:00', tue: '09:00-12:00,13:00-17:00' });
  });

  it('says where YAML is broken', () => {
    const problem = problemOf(() =>
      parseRosterYaml('agents:\n  - email: ana@example.com\n    hours: { mon: "09:00-17:00"\n'),
    );
    expect(problem.code).toBe('ROSTER_INVALID');
    expect(problem.message).toMatch(/line \d+: not valid YAML/);
  });

  it('wants a list under agents', () => {
    expect(problemOf(() => parseRosterYaml('people: []')).message).toMatch(/needs a list under "agents:"/);
  });

  it('reads CSV with a column per day and ; between list items', () => {
    const entries = parseRosterCsv(
      [
        'email,name,timeZone,region,country,skills,timeOff,mon,tue,wed',
        'ana@example.com,Ana,Europe/Lisbon,EMEA,PT,postgres;sidekiq,2026-12-24..2026-12-31,09:00-17:00,"09:00-12:00,13:00-17:00",',
        'ben@example.com,Ben,America/New_York,AMER,US-NY,,,08:00-16:00,08:00-16:00,08:00-16:00',
      ].join('\n'),
    );
    expect(entries[0]).toMatchObject({
      line: 2,
      entry: {
        email: 'ana@example.com',
        skills: ['postgres', 'sidekiq'],
        timeOff: [{ from: '2026-12-24', to: '2026-12-31' }],
        // an empty day column is a day off
        hours: { mon: '09:00-17:00', tue: '09:00-12:00,13:00-17:00' },
      },
    });
    expect(entries[1]?.line).toBe(3);
  });
});
