import { describe, expect, it } from 'vitest';
import type { IssueSnapshot } from './forge.js';
import { issueStatus, transitions } from './issue-status.js';

const base: Pick<IssueSnapshot, 'state' | 'stateReason' | 'milestone' | 'change' | 'release' | 'closedAt'> = {
  state: 'open',
  stateReason: null,
  milestone: null,
  change: null,
  release: null,
  closedAt: null,
};
const merged = {
  number: 1234,
  title: 'Fix deadlock',
  url: 'https://gitlab.com/g/p/-/merge_requests/1234',
  author: 'alice',
  mergedBy: 'bob',
  mergedAt: '2026-11-20T10:00:00Z',
  mergeSha: 'abc',
  merged: true,
};

describe('issue status', () => {
  it.each([
    [base, 'open'],
    [{ ...base, milestone: { title: '17.3', dueDate: null } }, 'scheduled'],
    [{ ...base, change: { ...merged, merged: false, mergedAt: null } }, 'in-review'],
    [{ ...base, state: 'closed' as const, change: merged }, 'delivered'],
    [
      {
        ...base,
        state: 'closed' as const,
        change: merged,
        release: { tag: 'v17.3.1', name: null, url: null, releasedAt: null },
      },
      'released',
    ],
    [{ ...base, state: 'closed' as const, stateReason: 'not_planned' }, 'closed-without-fix'],
    [{ ...base, state: 'closed' as const, stateReason: 'completed' }, 'closed-without-fix'], // closed by hand, no merged change
  ])('%o is %s', (issue, status) => {
    expect(issueStatus(issue)).toBe(status);
  });
});

describe('transitions worth telling the customer', () => {
  it('scheduled, then merged, then released, each once', () => {
    const scheduled = { ...base, milestone: { title: '17.3', dueDate: '2026-12-17' } };
    expect(transitions(base, scheduled)).toEqual([{ kind: 'scheduled', key: 'scheduled:17.3' }]);
    expect(transitions(scheduled, scheduled)).toEqual([]);
    const closed = { ...scheduled, state: 'closed' as const, change: merged, closedAt: '2026-11-20T10:00:00Z' };
    expect(transitions(scheduled, closed)).toEqual([{ kind: 'merged', key: 'merged:!1234' }]);
    const released = { ...closed, release: { tag: 'v17.3.1', name: '17.3.1', url: null, releasedAt: null } };
    expect(transitions(closed, released)).toEqual([{ kind: 'released', key: 'released:v17.3.1' }]);
  });

  it('a rescheduled milestone is news; a close without a fix and a reopen are too', () => {
    const a = { ...base, milestone: { title: '17.3', dueDate: null } };
    expect(transitions(a, { ...a, milestone: { title: '17.4', dueDate: null } })).toEqual([
      { kind: 'scheduled', key: 'scheduled:17.4' },
    ]);
    const closed = { ...a, state: 'closed' as const, stateReason: 'not_planned', closedAt: 't1' };
    expect(transitions(a, closed).map((t) => t.kind)).toEqual(['closed-without-fix']);
    expect(transitions(closed, { ...closed, state: 'open' as const, closedAt: null }).map((t) => t.kind)).toEqual([
      'reopened',
    ]);
  });

  it('several moments at once come together', () => {
    const everything = {
      ...base,
      state: 'closed' as const,
      milestone: { title: '17.3', dueDate: null },
      change: merged,
      release: { tag: 'v17.3.0', name: null, url: null, releasedAt: null },
      closedAt: 't',
    };
    expect(transitions(base, everything).map((t) => t.kind)).toEqual(['scheduled', 'merged', 'released']);
  });
});
