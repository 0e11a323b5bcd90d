import type { Deps } from '../deps.js';
import { HOUR_MS } from '../platform/clock.js';
import { defineJob, type Schedule } from '../platform/jobs/define-job.js';
import { deleteExpiredSessions } from './auth-store.js';
import { deleteExpiredPasskeyChallenges } from './passkeys/passkey-store.js';
import { deleteExpiredPasswordResetLinks } from './password-reset/password-reset-store.js';
import { sendPasswordResetJob } from './password-reset/request-password-reset.js';
import { deleteExpiredChallenges } from './two-factor/two-factor-store.js';

export const pruneSessionsJob = defineJob<Record<string, never>, Deps>({
  name: 'auth.prune-sessions',
  async handle(deps) {
    await deleteExpiredSessions(deps.db, deps.clock.now());
    await deleteExpiredChallenges(deps.db, deps.clock.now());
    await deleteExpiredPasskeyChallenges(deps.db, deps.clock.now());
    await deleteExpiredPasswordResetLinks(deps.db, deps.clock.now());
  },
});

export const authJobs = [pruneSessionsJob, sendPasswordResetJob];
export const authSchedules: Schedule[] = [
  { name: 'auth.prune-sessions', everyMs: HOUR_MS, job: 'auth.prune-sessions' },
];
