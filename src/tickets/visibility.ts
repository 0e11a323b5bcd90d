import type { Actor } from '../auth/actor.js';
import type { Visibility } from './ticket-store.js';

export function visibilityOf(actor: Actor): Visibility {
  if (actor.kind !== 'contact') return { kind: 'all' };
  return {
    kind: 'contact',
    contactId: actor.contactId,
    organizationId: actor.organizationId,
    shareTickets: actor.shareTickets,
  };
}
