import type { Deps } from '../../deps.js';
import { DAY_MS } from '../clock.js';
import { defineJob, type Schedule } from './define-job.js';
import { deleteFinishedJobsBefore } from './job-store.js';

/** Finished jobs are kept a week for inspection, then removed; dead ones stay until retried. */
export const pruneJobsJob = defineJob<Record<string, never>, Deps>({
  name: 'jobs.prune',
  async handle(deps) {
    await deleteFinishedJobsBefore(deps.db, new Date(deps.clock.now().getTime() - 7 * DAY_MS));
  },
});

export const maintenanceJobs = [pruneJobsJob];
export const maintenanceSchedules: Schedule[] = [{ name: 'jobs.prune', everyMs: DAY_MS, job: 'jobs.prune' }];
