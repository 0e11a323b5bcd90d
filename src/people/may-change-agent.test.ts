import { describe, expect, it } from 'vitest';
import { type Actor, SYSTEM } from '../auth/actor.js';
import { AppError } from '../platform/errors.js';
import { type AgentBefore, type AgentFieldChanges, assertMayChangeAgent } from './may-change-agent.js';

const as = (role: 'agent' | 'lead' | 'admin', agentId: string | null = null): Actor => ({
  kind: 'agent',
  role,
  agentId,
  tokenId: null,
  name: role,
});
const lena: AgentBefore = { id: 'lena', role: 'lead', active: true, name: 'Lena' };
const root: AgentBefore = { id: 'root', role: 'admin', active: true, name: 'Root' };
const sam: AgentBefore = { id: 'sam', role: 'agent', active: true, name: 'Sam' };

function outcome(actor: Actor, before: AgentBefore | undefined, changes: AgentFieldChanges): string {
  try {
    assertMayChangeAgent(actor, before, changes);
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

describe('who may change an agent', () => {
  it.each([
    // who, agent, changes, outcome
    ['a lead promotes themselves', as('lead', 'lena'), lena, { role: 'admin' }, 'FORBIDDEN'],
    ['a lead demotes an admin', as('lead', 'lena'), root, { role: 'agent' }, 'FORBIDDEN'],
    ['a lead deactivates an admin', as('lead', 'lena'), root, { active: false }, 'FORBIDDEN'],
    ['a lead deactivates an agent', as('lead', 'lena'), sam, { active: false }, 'FORBIDDEN'],
    ['a lead adds an agent', as('lead', 'lena'), undefined, { role: 'agent' }, 'FORBIDDEN'],
    ['a lead names the role someone has', as('lead', 'lena'), sam, { role: 'agent', hours: {} }, 'ok'],
    ['a lead sets anyone’s schedule', as('lead'), root, { hours: {}, skills: [], timeOff: [] }, 'ok'],
    ['a lead renames someone', as('lead', 'lena'), sam, { name: 'Samuel' }, 'FORBIDDEN'],
    ['an agent changes their own name and hours', as('agent', 'sam'), sam, { name: 'S', hours: {} }, 'ok'],
    ['an agent changes someone’s hours', as('agent', 'sam'), lena, { hours: {} }, 'FORBIDDEN'],
    ['an agent makes themselves lead', as('agent', 'sam'), sam, { role: 'lead' }, 'FORBIDDEN'],
    ['an admin changes roles', as('admin', 'root'), lena, { role: 'admin' }, 'ok'],
    ['an admin deactivates', as('admin', 'root'), sam, { active: false }, 'ok'],
    ['an admin adds an agent', as('admin'), undefined, { role: 'lead' }, 'ok'],
    ['the operator’s CLI adds an admin', SYSTEM, undefined, { role: 'admin' }, 'ok'],
  ] as [string, Actor, AgentBefore | undefined, AgentFieldChanges, string][])(
    '%s',
    (_what, actor, before, changes, expected) => {
      expect(outcome(actor, before, changes)).toBe(expected);
    },
  );

  it('keeps customers out, and says what is refused', () => {
    const customer: Actor = {
      kind: 'contact',
      contactId: 'c',
      email: 'c@example.com',
      name: 'C',
      organizationId: null,
      shareTickets: false,
      tokenId: null,
    };
    expect(outcome(customer, sam, { name: 'x' })).toBe('FORBIDDEN');
    expect(() => assertMayChangeAgent(as('lead', 'lena'), lena, { role: 'admin' }, 'lena@desk.example: ')).toThrow(
      'lena@desk.example: Changing an agent’s role (lead to admin) needs the admin role.',
    );
  });
});
