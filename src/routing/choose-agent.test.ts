import { describe, expect, it } from 'vitest';
import { type Candidate, chooseAgent, neededSkills } from './choose-agent.js';

const agent = (email: string, over: Partial<Candidate> = {}): Candidate => ({
  id: email,
  email,
  name: email.split('@')[0] as string,
  region: 'EMEA',
  skills: [],
  openTickets: 0,
  lastRoutedAt: null,
  ...over,
});

describe('choosing an agent on shift', () => {
  it('takes the one with the fewest open tickets', () => {
    const pick = chooseAgent(
      [agent('ana@x', { openTickets: 5 }), agent('ben@x', { openTickets: 2 })],
      { skills: [], preferredRegion: null },
      'least-open',
    );
    expect(pick.agent?.email).toBe('ben@x');
    expect(pick.reason).toMatch(/fewest open tickets on shift \(2\)/);
  });

  it('breaks a tie by who had a ticket longest ago', () => {
    const pick = chooseAgent(
      [
        agent('ana@x', { lastRoutedAt: new Date('2026-12-01T10:00:00Z') }),
        agent('ben@x', { lastRoutedAt: new Date('2026-12-01T09:00:00Z') }),
      ],
      { skills: [], preferredRegion: null },
      'least-open',
    );
    expect(pick.agent?.email).toBe('ben@x');
  });

  it('round robin ignores the open counts', () => {
    const pick = chooseAgent(
      [
        agent('ana@x', { openTickets: 0, lastRoutedAt: new Date('2026-12-01T10:00:00Z') }),
        agent('ben@x', { openTickets: 9, lastRoutedAt: null }),
      ],
      { skills: [], preferredRegion: null },
      'round-robin',
    );
    expect(pick.agent?.email).toBe('ben@x');
  });

  it('honors skills, and says so when nobody on shift has them', () => {
    const team = [agent('ana@x', { skills: ['postgres'], openTickets: 9 }), agent('ben@x', { skills: ['sidekiq'] })];
    expect(chooseAgent(team, { skills: ['postgres'], preferredRegion: null }, 'least-open').agent?.email).toBe('ana@x');
    const nobody = chooseAgent(team, { skills: ['kafka'], preferredRegion: null }, 'least-open');
    expect(nobody.agent?.email).toBe('ben@x');
    expect(nobody.reason).toMatch(/nobody on shift has kafka/);
  });

  it('prefers the organization’s region when someone there is on shift', () => {
    const team = [agent('ana@x', { region: 'EMEA' }), agent('cho@x', { region: 'APAC', openTickets: 4 })];
    expect(chooseAgent(team, { skills: [], preferredRegion: 'apac' }, 'least-open').agent?.email).toBe('cho@x');
    expect(chooseAgent([agent('ana@x')], { skills: [], preferredRegion: 'AMER' }, 'least-open').reason).toMatch(
      /nobody on shift in AMER/,
    );
  });

  it('gives nobody when nobody is on shift', () => {
    expect(chooseAgent([], { skills: [], preferredRegion: null }, 'least-open')).toEqual({
      reason: 'nobody is on shift',
    });
  });

  it('a ticket asks for the skills among its tags', () => {
    expect(neededSkills(['billing', 'postgres'], ['postgres', 'sidekiq'])).toEqual(['postgres']);
  });
});
