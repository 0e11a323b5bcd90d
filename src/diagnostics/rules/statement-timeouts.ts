import { finding, fmt, pastThreshold, type Rule, systemObject } from './rule.js';

// Statements cancelled by statement_timeout: the PostgreSQL log counts them (system.postgres), Rails and Sidekiq
// log them as ActiveRecord::QueryCanceled. The same event can be in both, so the larger count is taken.
const TIMEOUT = /statement timeout|QueryCanceled/i;

export const statementTimeouts: Rule = {
  id: 'statement-timeouts',
  title: 'Statement timeouts',
  input: 'system.postgres.statementTimeouts, errors (QueryCanceled)',
  severity: 'warning',
  threshold: 1,
  unit: 'statements',
  docs: 'https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-STATEMENT-TIMEOUT',
  check(results, threshold) {
    const fromPg = systemObject<{ statementTimeouts?: number }>(results, 'postgres')?.statementTimeouts ?? 0;
    const fromApp = results.errors
      .filter((e) => TIMEOUT.test(e.signature) && !e.signature.startsWith('PostgreSQL '))
      .reduce((s, e) => s + e.count, 0);
    const count = Math.max(fromPg, fromApp);
    if (count < threshold) return null;
    const where = fromPg >= fromApp ? 'in the PostgreSQL log' : 'in the Rails/Sidekiq logs';
    return finding(
      statementTimeouts,
      `${fmt(count)} statement${count === 1 ? ' was' : 's were'} cancelled by statement_timeout (${where}).`,
      {
        severity: count >= 100 ? 'critical' : 'warning',
        weight: pastThreshold(count, Math.max(threshold, 10)),
        evidence: { count, postgresLog: fromPg, appLogs: fromApp },
      },
    );
  },
};
