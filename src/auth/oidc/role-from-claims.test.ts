import { describe, expect, it } from 'vitest';
import { groupsOf, roleFromGroups } from './role-from-claims.js';

const settings = { adminGroups: ['desk-admins'], leadGroups: ['support-leads', 'tier-3'] };

describe('roleFromGroups', () => {
  it('gives admin before lead, and agent to everyone else', () => {
    expect(roleFromGroups(['staff', 'tier-3', 'desk-admins'], settings)).toBe('admin');
    expect(roleFromGroups(['tier-3'], settings)).toBe('lead');
    expect(roleFromGroups(['staff'], settings)).toBe('agent');
    expect(roleFromGroups([], settings)).toBe('agent');
    // names match exactly
    expect(roleFromGroups(['Desk-Admins', 'desk-admins-old'], settings)).toBe('agent');
    expect(roleFromGroups(['desk-admins'], { adminGroups: [], leadGroups: [] })).toBe('agent');
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
