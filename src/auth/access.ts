import type { Deps } from '../deps.js';
import { type AccessSubject, publishAccessChange } from '../live/publish.js';
import type { Actor } from './actor.js';
import { credentialCache } from './authenticate.js';
import type { CachedCredential } from './credential-cache.js';

// When a person's access changes (sessions ended, token revoked, agent deactivated, contact moved
// to another organization, an organization's sharing switched), this process forgets what it cached
// about them at once, and every process's open live streams hear it and check again. Other
// processes' caches catch up within the cache's few seconds (credential-cache.ts).

export function concerns(actor: Actor, subject: AccessSubject): boolean {
  if (actor.kind === 'system') return false;
  if (subject.tokenId !== undefined && actor.tokenId === subject.tokenId) return true;
  if (actor.kind === 'agent') return subject.agentId !== undefined && actor.agentId === subject.agentId;
  return (
    (subject.contactId !== undefined && actor.contactId === subject.contactId) ||
    (subject.organizationId !== undefined && actor.organizationId === subject.organizationId)
  );
}

/** Drops this process's cached credentials of the subject. */
export function forgetAccess(subject: AccessSubject): void {
  credentialCache.deleteWhere((c: CachedCredential) => concerns(c.actor, subject));
}

/** Someone's access changed: forget it here, tell open streams everywhere (when the transaction commits). */
export async function accessChanged(deps: Deps, subject: AccessSubject): Promise<void> {
  forgetAccess(subject);
  await publishAccessChange(deps, subject);
}
