import { expect, it } from 'vitest';
import type { Visibility } from './ticket-store.js';
import { canSee } from './visibility.js';

// canSee is ticket-store's visibleTo for a ticket in hand (live events); stream.db.test.ts checks
// that the two agree on real tickets.

const lena: Visibility = { kind: 'contact', contactId: 'lena', organizationId: 'acme', shareTickets: false };
const sharing: Visibility = { ...lena, shareTickets: true };
const ticket = (requesterId: string | null, organizationId: string | null, ccIds: string[] | null) => ({
  requesterId,
  organizationId,
  ccIds,
});

it.each([
  ['agents see every ticket', { kind: 'all' } as Visibility, ticket('hank', 'globex', []), true],
  ['a requester sees their own ticket', lena, ticket('lena', 'acme', []), true],
  ['a CC sees the ticket', lena, ticket('hank', 'globex', ['lena']), true],
  ['a colleague’s ticket is hidden where the organization does not share', lena, ticket('milton', 'acme', []), false],
  ['a colleague’s ticket shows where it shares', sharing, ticket('milton', 'acme', []), true],
  ['another organization’s ticket is hidden, sharing or not', sharing, ticket('hank', 'globex', []), false],
  ['sharing needs an organization', { ...sharing, organizationId: null }, ticket('x', null, []), false],
  ['unknown CCs leave the answer to the store', lena, ticket('hank', 'globex', null), undefined],
  ['known ownership needs no CCs', lena, ticket('lena', 'acme', null), true],
] as const)('%s', (_name, visibility, audience, expected) => {
  expect(canSee(visibility, audience)).toBe(expected);
});
