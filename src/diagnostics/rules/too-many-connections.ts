import { finding, fmt, pastThreshold, type Rule, systemObject } from './rule.js';

// "sorry, too many clients already" / "remaining connection slots are reserved": new connections refused, so
// requests and jobs fail outright. Usually Puma/Sidekiq pools outgrew max_connections (or PgBouncer is bypassed).
export const tooManyConnections: Rule = {
  id: 'too-many-connections',
  title: 'PostgreSQL refused connections',
  input: 'system.postgres.tooManyConnections',
  severity: 'critical',
  threshold: 1,
  unit: 'refusals',
  docs: 'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-MAX-CONNECTIONS',
  check(results, threshold) {
    const count = systemObject<{ tooManyConnections?: number }>(results, 'postgres')?.tooManyConnections ?? 0;
    if (count < threshold) return null;
    return finding(
      tooManyConnections,
      `PostgreSQL refused ${fmt(count)} connection${count === 1 ? '' : 's'}: max_connections reached.`,
      {
        weight: pastThreshold(count, threshold),
        evidence: { count },
      },
    );
  },
};
