import { describe, expect, it } from 'vitest';
import {
  checkAgentTransition,
  checkContactTransition,
  customerFacingStatus,
  statusAfterAgentReply,
  statusAfterCustomerReply,
  statusChangeFields,
  type TicketStatus,
} from './status-rules.js';

describe('a customer reply', () => {
  it.each<[TicketStatus, TicketStatus]>([
    ['new', 'new'], // nobody has looked yet
    ['open', 'open'],
    ['pending', 'open'], // they answered what we asked
    ['on-hold', 'open'],
    ['watching', 'open'], // they need us before the issue ships
    ['solved', 'open'], // not solved after all
  ])('on a %s ticket makes it %s', (from, to) => {
    expect(statusAfterCustomerReply(from)).toBe(to);
  });
});

describe('an agent reply', () => {
  it('moves a new ticket to open unless a status is chosen', () => {
    expect(statusAfterAgentReply('new', undefined)).toBe('open');
    expect(statusAfterAgentReply('new', 'pending')).toBe('pending');
    expect(statusAfterAgentReply('watching', undefined)).toBe('watching');
  });
});

describe('agent transitions', () => {
  it.each<[TicketStatus, TicketStatus]>([
    ['new', 'open'],
    ['open', 'pending'],
    ['pending', 'watching'],
    ['watching', 'solved'],
    ['solved', 'open'],
    ['solved', 'closed'],
    ['on-hold', 'open'],
  ])('%s → %s is allowed', (from, to) => {
    expect(() => checkAgentTransition(from, to)).not.toThrow();
  });

  it.each<[TicketStatus, TicketStatus, string]>([
    ['closed', 'open', 'follow-up'],
    ['open', 'new', 'back to new'],
    ['open', 'closed', 'solve it first'],
  ])('%s → %s is refused (%s)', (from, to, why) => {
    expect(() => checkAgentTransition(from, to)).toThrow(why);
  });
});

describe('customer transitions', () => {
  it('may only mark their ticket solved', () => {
    expect(() => checkContactTransition('open', 'solved')).not.toThrow();
    expect(() => checkContactTransition('open', 'pending')).toThrow('only mark a ticket as solved');
    expect(() => checkContactTransition('closed', 'solved')).toThrow('closed');
  });
});

it('customers see on-hold as open', () => {
  expect(customerFacingStatus('on-hold')).toBe('open');
  expect(customerFacingStatus('watching')).toBe('watching');
});

describe('status change fields', () => {
  const at = new Date('2026-11-27T10:00:00Z');
  it('records when a ticket was solved and clears it on reopen', () => {
    expect(statusChangeFields('open', 'solved', at)).toMatchObject({
      status: 'solved',
      solvedAt: at,
      statusChangedAt: at,
    });
    expect(statusChangeFields('solved', 'open', at)).toMatchObject({ status: 'open', solvedAt: null, closedAt: null });
  });
  it('keeps the solve time when closing', () => {
    const fields = statusChangeFields('solved', 'closed', at);
    expect(fields).toMatchObject({ status: 'closed', closedAt: at });
    expect(fields).not.toHaveProperty('solvedAt');
  });
  it('changes nothing when the status stays', () => {
    expect(statusChangeFields('open', 'open', at)).toEqual({});
  });
  it('forgets a sent reminder when the status changes', () => {
    expect(statusChangeFields('pending', 'open', at)).toMatchObject({ pendingRemindedAt: null });
  });
});
