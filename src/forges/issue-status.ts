import type { IssueSnapshot } from './forge.js';
import type { IssueStatus } from './tables.js';

// Where the fix stands, and what changed since we last looked. Pure: tested with plain objects.

const NO_FIX_REASONS = new Set(['not_planned', 'duplicate', 'moved', "won't fix", 'wontfix']);

export function issueStatus(
  issue: Pick<IssueSnapshot, 'state' | 'stateReason' | 'milestone' | 'change' | 'release'>,
): IssueStatus {
  if (issue.change?.merged && issue.release) return 'released';
  if (issue.change?.merged) return 'delivered';
  if (issue.state === 'closed') {
    // closed is not delivered: a duplicate, a move, "not planned", or a close with no merged change
    return 'closed-without-fix';
  }
  if (issue.change) return 'in-review';
  if (issue.milestone) return 'scheduled';
  return 'open';
}

export function closedWithoutFixReason(issue: Pick<IssueSnapshot, 'stateReason'>): string {
  if (issue.stateReason && NO_FIX_REASONS.has(issue.stateReason)) return issue.stateReason.replace('_', ' ');
  return 'closed without a merged change';
}

export type TransitionKind = 'scheduled' | 'merged' | 'released' | 'closed-without-fix' | 'reopened';

export interface Transition {
  kind: TransitionKind;
  /** identifies this transition so it is told once: scheduled:17.3, merged:!1234, … */
  key: string;
}

type Comparable = Pick<IssueSnapshot, 'state' | 'stateReason' | 'milestone' | 'change' | 'release' | 'closedAt'>;

/**
 * The moments a customer should hear about, between what we knew and what the forge says now.
 * Several at once (scheduled, merged and released in one poll) are all returned, in order.
 */
export function transitions(before: Comparable | undefined, after: Comparable): Transition[] {
  const out: Transition[] = [];
  const prefix = after.change?.url?.includes('/pull/') ? '#' : '!';
  if (after.milestone && after.milestone.title !== before?.milestone?.title) {
    out.push({ kind: 'scheduled', key: `scheduled:${after.milestone.title}` });
  }
  if (after.change?.merged && !before?.change?.merged) {
    out.push({ kind: 'merged', key: `merged:${prefix}${after.change.number}` });
  }
  if (after.change?.merged && after.release && after.release.tag !== before?.release?.tag) {
    out.push({ kind: 'released', key: `released:${after.release.tag}` });
  }
  const wasClosed = before?.state === 'closed';
  if (after.state === 'closed' && !wasClosed && !after.change?.merged) {
    out.push({ kind: 'closed-without-fix', key: `closed:${after.closedAt ?? 'unknown'}` });
  }
  if (after.state === 'open' && wasClosed)
    out.push({ kind: 'reopened', key: `reopened:${before?.closedAt ?? 'unknown'}` });
  return out;
}
