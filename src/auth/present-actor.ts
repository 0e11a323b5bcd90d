import type { Actor } from './actor.js';

export function presentActor(actor: Actor) {
  switch (actor.kind) {
    case 'agent':
      return {
        kind: 'agent' as const,
        agentId: actor.agentId,
        role: actor.role,
        name: actor.name,
        ...(actor.twoFactorEnrolmentRequired ? { twoFactorEnrolmentRequired: true } : {}),
      };
    case 'contact':
      return {
        kind: 'contact' as const,
        contactId: actor.contactId,
        email: actor.email,
        name: actor.name,
        organizationId: actor.organizationId,
        shareTickets: actor.shareTickets,
        orgAdmin: actor.orgAdmin ?? false,
      };
    case 'system':
      return { kind: 'system' as const, name: actor.name };
  }
}
