import { describe, expect, it } from 'vitest';
import { describeEvent, type EventNames, idsIn } from './describe-event.js';

const ANA = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const TOM = '33333333-3333-4333-8333-333333333333';
const names: EventNames = {
  agents: new Map([
    [ANA, { name: 'Ana' }],
    [BOB, { name: 'Bob' }],
  ]),
  teams: new Map(),
  contacts: new Map([[TOM, { email: 'tom@acme.example', name: 'Tom' }]]),
};
const agent = { kind: 'agent', name: 'Ana' };
const desk = { kind: 'system', name: 'Pipefitter' };

describe('an audit event in plain words', () => {
  it.each([
    [
      'a priority and an assignee',
      {
        action: 'ticket.updated',
        actor: agent,
        data: { changes: { priority: { from: 'high', to: 'urgent' }, assignee: { from: null, to: BOB } } },
      },
      'Ana set priority high → urgent, assigned Bob',
    ],
    [
      'tags added and removed',
      { action: 'ticket.updated', actor: agent, data: { changes: { tags: { from: ['a', 'b'], to: ['b', 'c'] } } } },
      'Ana tagged c and removed tag a',
    ],
    [
      'a sweep solving a pending ticket',
      {
        action: 'ticket.updated',
        actor: desk,
        data: { changes: { status: { from: 'pending', to: 'solved' } }, reason: 'no answer in 14 days' },
      },
      'Pipefitter set status pending → solved (no answer in 14 days)',
    ],
    [
      'a handover between regions',
      {
        action: 'ticket.handed-over',
        actor: desk,
        data: { changes: { assignee: { from: ANA, to: BOB } }, fromRegion: 'EMEA', toRegion: 'AMER', handovers: 1 },
      },
      'Handed over from EMEA to AMER: Ana → Bob (handover 1)',
    ],
    [
      'a reply that set a status',
      { action: 'reply.added', actor: agent, data: { status: { from: 'open', to: 'pending' } } },
      'Ana replied and set status open → pending',
    ],
    [
      'a CC who joined on a reply',
      {
        action: 'ticket.ccs-added',
        actor: { kind: 'contact', name: 'Lena' },
        data: { contactIds: [TOM], via: 'reply' },
      },
      'Lena copied Tom <tom@acme.example> on a reply: they joined the ticket',
    ],
    [
      'a failed delivery',
      { action: 'mail.failed', actor: desk, data: { to: ['lena@acme.example'], error: '550 no such user' } },
      'Mail to lena@acme.example could not be delivered: 550 no such user',
    ],
    ['an action this version does not know', { action: 'macro.applied', actor: agent, data: {} }, 'Ana: macro applied'],
  ])('%s', (_name, event, words) => {
    expect(describeEvent(event, names)).toBe(words);
  });

  it('names an agent who is gone as such, and looks up only ids', () => {
    const event = {
      action: 'ticket.updated',
      actor: agent,
      data: { changes: { assignee: { from: ANA, to: 'not-an-id' } } },
    };
    expect(idsIn(event).agentIds).toEqual([ANA]);
    expect(describeEvent(event, { ...names, agents: new Map() })).toBe(
      'Ana reassigned from a former agent to a former agent',
    );
  });
});
