import { finding, pastThreshold, type Rule, systemNumber } from './rule.js';

// Database migrations still `down` after an upgrade: code and schema disagree, and errors follow.
export const pendingMigrations: Rule = {
  id: 'pending-migrations',
  title: 'Database migrations not run',
  input: 'system.pendingMigrations (gitlab-rake db:migrate:status)',
  severity: 'warning',
  threshold: 1,
  unit: 'migrations',
  docs: 'https://docs.gitlab.com/update/plan_your_upgrade/',
  check(results, threshold) {
    const pending = systemNumber(results, 'pendingMigrations') ?? 0;
    if (pending < threshold) return null;
    return finding(
      pendingMigrations,
      `${pending} database migration${pending === 1 ? ' is' : 's are'} still down: run gitlab-rake db:migrate.`,
      {
        weight: pastThreshold(pending, threshold),
        evidence: { pending },
      },
    );
  },
};
