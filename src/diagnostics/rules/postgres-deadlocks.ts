import { finding, fmt, pastThreshold, type Rule, systemObject } from './rule.js';

// "deadlock detected": PostgreSQL aborted one of two transactions waiting on each other. Rails logs them as
// ActiveRecord::Deadlocked; the larger of the two counts is taken (one event, two logs).
const DEADLOCK = /deadlock detected|Deadlocked/i;

export const postgresDeadlocks: Rule = {
  id: 'postgres-deadlocks',
  title: 'PostgreSQL deadlocks',
  input: 'system.postgres.deadlocks, errors (Deadlocked)',
  severity: 'warning',
  threshold: 1,
  unit: 'deadlocks',
  docs: 'https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-DEADLOCKS',
  check(results, threshold) {
    const fromPg = systemObject<{ deadlocks?: number }>(results, 'postgres')?.deadlocks ?? 0;
    const fromApp = results.errors
      .filter((e) => DEADLOCK.test(e.signature) && !e.signature.startsWith('PostgreSQL '))
      .reduce((s, e) => s + e.count, 0);
    const count = Math.max(fromPg, fromApp);
    if (count < threshold) return null;
    return finding(postgresDeadlocks, `${fmt(count)} deadlock${count === 1 ? '' : 's'} detected by PostgreSQL.`, {
      severity: count >= 10 ? 'critical' : 'warning',
      weight: pastThreshold(count, Math.max(threshold, 2)),
      evidence: { count },
    });
  },
};
