import { describe, expect, it } from 'vitest';
import { groupsOf, roleFromGroups } from './role-from-claims.js';

const settings = { adminGroups: ['desk-admins'], leadGroups: ['support-leads', 'tier-3'], agentGroups: [] };

describe('roleFromGroups', () => {
  it('gives admin before lead, and agent to everyone else', () => {
    expect(roleFromGroups(['staff', 'tier-3', 'desk-admins'], settings)).toBe('admin');
    expect(roleFromGroups(['tier-3'], settings)).toBe('lead');
    expect(roleFromGroups(['staff'], settings)).toBe('agent');
    expect(roleFromGroups([], settings)).toBe('agent');
    // names match exactly
    expect(roleFromGroups(['Desk-Admins', 'desk-admins-old'], settings)).toBe('agent');
    expect(roleFromGroups(['desk-admins'], { adminGroups: [], leadGroups: [], agentGroups: [] })).toBe('agent');
  });

  it('with agent groups set, lets in only their members and the admin and lead groups', () => {
    const only = { ...settings, agentGroups: ['support'] };
    expect(roleFromGroups(['support'], only)).toBe('agent');
    expect(roleFromGroups(['tier-3'], only)).toBe('lead');
    expect(roleFromGroups(['desk-admins'], only)).toBe('admin');
    expect(roleFromGroups(['staff'], only)).toBeNull();
    expect(roleFromGroups([], only)).toBeNull();
  });
});

describe('groupsOf', () => {
  it('reads a list or a single name, and nothing else', () => {
    expect(groupsOf(['a', ' b ', 3, null])).toEqual(['a', 'b']);
    expect(groupsOf('desk-admins')).toEqual(['desk-admins']);
    expect(groupsOf(undefined)).toEqual([]);
    expect(groupsOf({ admin: true })).toEqual([]);
  });
});
