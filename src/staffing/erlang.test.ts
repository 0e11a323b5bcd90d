import { describe, expect, it } from 'vitest';
import { agentsNeeded, averageSpeedOfAnswer, erlangB, erlangC, serviceLevel } from './erlang.js';

// Erlang C against published values. Where a value is not published it says "computed here" (with
// the same recurrence in Python, independently of this file).

describe('Erlang B and C by hand', () => {
  it('one server, one erlang: B = A/(1+A) = 1/2', () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12);
  });
  it('two servers, two erlangs: B = (A²/2!)/(1 + A + A²/2!) = 2/5', () => {
    expect(erlangB(2, 2)).toBeCloseTo(0.4, 12);
  });
  it('M/M/1: the probability of waiting is the occupancy, C(0.5, 1) = 0.5', () => {
    expect(erlangC(0.5, 1)).toBeCloseTo(0.5, 12);
  });
  it('A = 1, N = 2: C = (A²/2!·N/(N−A)) / (1 + A + A²/2!·N/(N−A)) = 1/(2 + 1) = 1/3', () => {
    expect(erlangC(1, 2)).toBeCloseTo(1 / 3, 12);
  });
  it('Wolfram ErlangC basic example, c = 3, a = 2: 4/9', () => {
    // reference.wolfram.com/language/ref/ErlangC.html; 4/9 = (8/6·3)/(1 + 2 + 2 + 8/6·3)
    expect(erlangC(2, 3)).toBeCloseTo(4 / 9, 12);
  });
  it('waits for sure when the agents cannot keep up (N ≤ A), and never with no load', () => {
    expect(erlangC(5, 5)).toBe(1);
    expect(serviceLevel({ erlangs: 5, agents: 4, handleSeconds: 60 }, 20)).toBe(0);
    expect(erlangC(0, 3)).toBe(0);
    expect(serviceLevel({ erlangs: 0, agents: 0, handleSeconds: 60 }, 20)).toBe(1);
  });
  it('stays finite where Aᴺ/N! would overflow (N = 400 > 171)', () => {
    const c = erlangC(360, 400);
    expect(Number.isFinite(c)).toBe(true);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
  });
});

describe('published tables', () => {
  // 100 calls per 30 minutes, 180 s each: A = 100 × 180 / 1800 = 10 erlangs; target 20 s.
  // N = 11 and N = 14: R package ErlangC 0.1.0 README (rdocumentation.org/packages/ErlangC, its
  // erlang_c() example and the first row of calculate_agents()$process), and pyworkforce 0.2.1's
  // README (pypi.org/project/pyworkforce/0.2.1) for N = 14; N = 12, 13, 15 computed here.
  const table: [number, number, number][] = [
    // N, P(wait), SL(20 s)
    [11, 0.6821182, 0.3896138],
    [12, 0.4493882, 0.640158],
    [13, 0.2852705, 0.7955948],
    [14, 0.1741319, 0.88835],
    [15, 0.1020424, 0.9414528],
  ];
  for (const [agents, wait, level] of table) {
    it(`A = 10, N = ${agents}: waits ${wait}, answered within 20 s ${level}`, () => {
      expect(erlangC(10, agents)).toBeCloseTo(wait, 6);
      expect(serviceLevel({ erlangs: 10, agents, handleSeconds: 180 }, 20)).toBeCloseTo(level, 6);
    });
  }
  it('A = 10, N = 14: average speed of answer 7.836 s (R ErlangC README)', () => {
    expect(averageSpeedOfAnswer({ erlangs: 10, agents: 14, handleSeconds: 180 })).toBeCloseTo(7.83594, 4);
  });
  it('80 % within 20 s needs 14 agents, 20 scheduled at 30 % shrinkage (pyworkforce 0.2.1, R ErlangC)', () => {
    const staffing = agentsNeeded({
      erlangs: 10,
      handleSeconds: 180,
      answerSeconds: 20,
      serviceLevel: 0.8,
      maxOccupancy: 0.85,
      shrinkage: 0.3,
    });
    expect(staffing).toMatchObject({ agents: 14, scheduled: 20 });
    expect(staffing.occupancy).toBeCloseTo(0.7142857, 6);
  });
  it('360 calls per 30 min, 4 min each, 55 agents: P(wait) 0.2387, ASA 8.18 s, 84.59 % within 15 s', () => {
    // the "Erlang-C formula" walkthrough (attributed to Mitan Ltd) and its Maxima reproduction,
    // W(t) = 1 − 0.2387·e^(−0.02917 t) with 0.02917 = (55 − 48)/240; A = 360 × 4 / 30 = 48
    const q = { erlangs: 48, agents: 55, handleSeconds: 240 };
    expect(erlangC(48, 55)).toBeCloseTo(0.2387, 4);
    expect(averageSpeedOfAnswer(q)).toBeCloseTo(8.18, 2);
    expect(serviceLevel(q, 15)).toBeCloseTo(0.8459, 4);
  });
  it('30 calls an hour of 5 minutes (A = 2.5): 90 % not delayed needs 6 agents (Wolfram ErlangC application)', () => {
    // P(no wait) with 5 agents 0.870, with 6 agents 0.953 (computed here)
    expect(1 - erlangC(2.5, 5)).toBeCloseTo(0.8696, 4);
    expect(1 - erlangC(2.5, 6)).toBeCloseTo(0.9526, 4);
    // answering "within 0 s" is not waiting at all
    expect(agentsNeeded({ erlangs: 2.5, handleSeconds: 300, answerSeconds: 0, serviceLevel: 0.9 }).agents).toBe(6);
  });
  it('the occupancy cap adds agents when the service level alone would not', () => {
    // A = 10 with a loose goal (50 % within an hour) is met by 11 agents, but 10/11 = 91 % busy;
    // a cap of 85 % needs ⌈10/0.85⌉ = 12
    const goal = { erlangs: 10, handleSeconds: 180, answerSeconds: 3600, serviceLevel: 0.5 };
    expect(agentsNeeded(goal).agents).toBe(11);
    expect(agentsNeeded({ ...goal, maxOccupancy: 0.85 }).agents).toBe(12);
  });
});
