import { describe, expect, it } from 'vitest';
import { demandLabels } from './demand-labels.js';

describe('the demand labels', () => {
  it('adds the counts an issue lacks and takes off the earlier ones, leaving the team’s own labels', () => {
    const current = [
      'bug',
      'support-demand',
      'support-tickets::2',
      'support-organizations::1',
      'support-tickets-triage',
    ];
    expect(demandLabels({ tickets: 3, organizations: 0 }, current, '::')).toEqual({
      add: ['support-tickets::3'],
      remove: ['support-tickets::2', 'support-organizations::1'],
    });
  });

  it('changes nothing when the issue already shows the counts', () => {
    const current = ['support-demand', 'support-tickets: 1', 'support-organizations: 1'];
    expect(demandLabels({ tickets: 1, organizations: 1 }, current, ': ')).toEqual({ add: [], remove: [] });
  });
});
