// Erlang C (the M/M/N queue): how long live contacts wait for one of N agents when A erlangs of
// work arrive. Assumes Poisson arrivals, exponential handle times, no abandonment: it over-staffs a
// little, which is the safe side. Computed with the Erlang B recurrence (B₀ = 1, Bₖ = A·Bₖ₋₁ /
// (k + A·Bₖ₋₁)), never Aᴺ/N!: 171! already overflows a double.

/** Erlang B: the share of contacts blocked when N servers carry A erlangs and nobody queues. */
export function erlangB(erlangs: number, agents: number): number {
  if (erlangs <= 0) return 0;
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (erlangs * b) / (k + erlangs * b);
  return b;
}

/** Erlang C: the probability that a contact waits at all. 1 when the agents cannot keep up (N ≤ A). */
export function erlangC(erlangs: number, agents: number): number {
  if (erlangs <= 0) return 0;
  if (agents <= erlangs) return 1;
  const b = erlangB(erlangs, agents);
  return (agents * b) / (agents - erlangs * (1 - b));
}

export interface QueueInput {
  /** offered load A = arrivals per unit of time × handle time in the same unit */
  erlangs: number;
  agents: number;
  handleSeconds: number;
}

/** Share of contacts answered within `answerSeconds`: 1 − C·e^(−(N−A)·t/AHT); 0 when overloaded. */
export function serviceLevel(q: QueueInput, answerSeconds: number): number {
  if (q.erlangs <= 0) return 1;
  if (q.agents <= q.erlangs) return 0;
  return 1 - erlangC(q.erlangs, q.agents) * Math.exp((-(q.agents - q.erlangs) * answerSeconds) / q.handleSeconds);
}

/** Average speed of answer in seconds: C·AHT/(N−A); Infinity when overloaded. */
export function averageSpeedOfAnswer(q: QueueInput): number {
  if (q.erlangs <= 0) return 0;
  if (q.agents <= q.erlangs) return Number.POSITIVE_INFINITY;
  return (erlangC(q.erlangs, q.agents) * q.handleSeconds) / (q.agents - q.erlangs);
}

export interface StaffingGoal {
  erlangs: number;
  handleSeconds: number;
  answerSeconds: number;
  /** e.g. 0.8 for "80 % answered within answerSeconds" */
  serviceLevel: number;
  /** the most of their time agents may spend on contacts, e.g. 0.85 */
  maxOccupancy?: number;
  /** share of paid time away from the queue (breaks, meetings, training), e.g. 0.3 */
  shrinkage?: number;
}

export interface Staffing {
  /** agents answering at once */
  agents: number;
  /** agents to schedule, counting shrinkage: ⌈agents / (1 − shrinkage)⌉ */
  scheduled: number;
  serviceLevel: number;
  waitProbability: number;
  occupancy: number;
}

/** The fewest agents that reach the service level without occupancy above its cap. */
export function agentsNeeded(goal: StaffingGoal): Staffing {
  const cap = goal.maxOccupancy ?? 1;
  const shrinkage = goal.shrinkage ?? 0;
  if (goal.erlangs <= 0) return { agents: 0, scheduled: 0, serviceLevel: 1, waitProbability: 0, occupancy: 0 };
  // below ⌊A⌋+1 the queue grows without end; the answer is near A + β√A, so this loop is short
  for (let agents = Math.floor(goal.erlangs) + 1; ; agents++) {
    const q = { erlangs: goal.erlangs, agents, handleSeconds: goal.handleSeconds };
    const level = serviceLevel(q, goal.answerSeconds);
    if (level >= goal.serviceLevel && goal.erlangs / agents <= cap) {
      return {
        agents,
        scheduled: Math.ceil(agents / (1 - shrinkage) - 1e-9),
        serviceLevel: level,
        waitProbability: erlangC(goal.erlangs, agents),
        occupancy: goal.erlangs / agents,
      };
    }
  }
}
