import type { Deps } from '../deps.js';
import { DAY_MS, MINUTE_MS } from '../platform/clock.js';
import { defineJob, type Schedule } from '../platform/jobs/define-job.js';
import { deleteDeliveriesBefore, listIssuesDueForPoll } from './forge-store.js';
import type { Transition } from './issue-status.js';
import { changeMerged, notifyTickets, refreshIssue, releasePublished, writeDemand } from './sync-issue.js';

export const refreshIssueJob = defineJob<{ forgeIssueId: string; force?: boolean }, Deps>({
  name: 'forges.refresh-issue',
  priority: 2,
  async handle(deps, { forgeIssueId, force }) {
    await refreshIssue(deps, forgeIssueId, { force: force ?? false });
  },
});

export const notifyTicketsJob = defineJob<
  { forgeIssueId: string; transitions: Transition[]; afterTicketId: number },
  Deps
>({
  name: 'forges.notify-tickets',
  priority: 2,
  async handle(deps, payload) {
    await notifyTickets(deps, payload.forgeIssueId, payload.transitions, payload.afterTicketId);
  },
});

export const changeMergedJob = defineJob<{ forgeId: string; projectRef: string; number: number }, Deps>({
  name: 'forges.change-merged',
  priority: 2,
  async handle(deps, payload) {
    await changeMerged(deps, payload.forgeId, payload.projectRef, payload.number);
  },
});

export const releasePublishedJob = defineJob<{ forgeId: string; projectRef: string; tag: string }, Deps>({
  name: 'forges.release-published',
  priority: 2,
  async handle(deps, payload) {
    await releasePublished(deps, payload.forgeId, payload.projectRef);
  },
});

export const writeDemandJob = defineJob<{ forgeIssueId: string }, Deps>({
  name: 'forges.write-demand',
  async handle(deps, { forgeIssueId }) {
    await writeDemand(deps, forgeIssueId);
  },
});

/** Forges without webhooks, and webhooks that got lost (GitHub never retries): poll what is due. */
export const pollIssuesJob = defineJob<Record<string, never>, Deps>({
  name: 'forges.poll',
  async handle(deps) {
    const now = deps.clock.now();
    for (const { id } of await listIssuesDueForPoll(deps.db, now, 200)) {
      await deps.enqueue(
        deps.db,
        'forges.refresh-issue',
        { forgeIssueId: id },
        { key: `forges.poll:${id}:${Math.floor(now.getTime() / MINUTE_MS)}` },
      );
    }
    await deleteDeliveriesBefore(deps.db, new Date(now.getTime() - 7 * DAY_MS));
  },
});

export const forgeJobs = [
  refreshIssueJob,
  notifyTicketsJob,
  changeMergedJob,
  releasePublishedJob,
  writeDemandJob,
  pollIssuesJob,
];
export const forgeSchedules: Schedule[] = [{ name: 'forges.poll', everyMs: 5 * MINUTE_MS, job: 'forges.poll' }];
