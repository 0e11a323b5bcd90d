import { recordEvent } from '../audit/index.js';
import type { Deps } from '../deps.js';
import { findAgentById, findContactById, findOrganizationById } from '../people/index.js';
import { MINUTE_MS } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { hashSecret } from '../platform/secrets.js';
import type { Actor, ContactActor } from './actor.js';
import { findApiTokenByHash, findSessionByHash, touchApiToken, touchSession } from './auth-store.js';
import { CredentialCache } from './credential-cache.js';
import { mustEnrolTwoFactor } from './two-factor/policy.js';

async function contactActor(deps: Deps, contactId: string, tokenId: string | null): Promise<ContactActor> {
  const contact = await findContactById(deps.db, contactId);
  if (!contact) throw new AppError('TOKEN_INVALID', 'The contact behind this credential no longer exists.');
  const organization = contact.organizationId ? await findOrganizationById(deps.db, contact.organizationId) : undefined;
  return {
    kind: 'contact',
    contactId: contact.id,
    email: contact.email,
    name: contact.name ?? contact.email,
    organizationId: organization?.id ?? null,
    shareTickets: organization?.shareTickets ?? false,
    orgAdmin: contact.orgAdmin && organization !== undefined,
    tokenId,
  };
}

export const credentialCache = new CredentialCache();

/** The actor behind `Authorization: Bearer <token>`. */
export async function authenticateToken(deps: Deps, token: string): Promise<Actor> {
  const hash = hashSecret(token);
  const key = `t:${hash.toString('base64')}`;
  const now = deps.clock.now();
  const cached = credentialCache.get(key, now.getTime());
  if (cached) return cached.actor;
  const actor = await resolveToken(deps, hash, now);
  credentialCache.set(key, { actor: actor.actor, csrfToken: null, expiresAt: actor.expiresAt }, now.getTime());
  return actor.actor;
}

async function resolveToken(deps: Deps, hash: Buffer, now: Date): Promise<{ actor: Actor; expiresAt: number | null }> {
  const row = await findApiTokenByHash(deps.db, hash);
  if (!row) throw new AppError('TOKEN_INVALID', 'This API token is not valid.');
  if (row.revokedAt) throw new AppError('TOKEN_REVOKED', 'This API token was revoked.');
  if (row.expiresAt && row.expiresAt <= now) throw new AppError('TOKEN_EXPIRED', 'This API token has expired.');
  const firstUseInAnHour = await touchApiToken(deps.db, row.id, now);
  const expiresAt = row.expiresAt?.getTime() ?? null;
  let actor: Actor;
  if (row.contactId) actor = await contactActor(deps, row.contactId, row.id);
  else {
    let name = row.name;
    let role = row.role ?? 'agent';
    if (row.agentId) {
      const agent = await findAgentById(deps.db, row.agentId);
      if (!agent?.active) throw new AppError('TOKEN_INVALID', 'The agent behind this API token is not active.');
      name = agent.name;
      // a personal token (no role of its own) acts as the agent does now: demoted, it can do less at once
      if (row.role === null) role = agent.role;
    }
    actor = {
      kind: 'agent',
      role,
      agentId: row.agentId,
      tokenId: row.id,
      name,
      ...(row.scope === 'read' ? { tokenScope: 'read' as const } : {}),
    };
  }
  // the audit log shows a token at work, not each call: its first use after an hour's quiet
  if (firstUseInAnHour) {
    await recordEvent(deps.db, {
      actor,
      at: now,
      action: 'token.used',
      entityType: 'token',
      entityId: row.id,
      data: { name: row.name },
    });
  }
  return { actor, expiresAt };
}

/** The actor behind a session cookie, with the session's CSRF token. */
export async function authenticateSession(deps: Deps, secret: string): Promise<{ actor: Actor; csrfToken: string }> {
  const hash = hashSecret(secret);
  const key = sessionCacheKey(hash);
  const now = deps.clock.now();
  const cached = credentialCache.get(key, now.getTime());
  if (cached) return { actor: cached.actor, csrfToken: cached.csrfToken as string };
  const resolved = await resolveSession(deps, hash, now);
  credentialCache.set(key, resolved, now.getTime());
  return { actor: resolved.actor, csrfToken: resolved.csrfToken };
}

export function sessionCacheKey(hash: Buffer): string {
  return `s:${hash.toString('base64')}`;
}

async function resolveSession(deps: Deps, hash: Buffer, now: Date) {
  const session = await findSessionByHash(deps.db, hash);
  if (!session || session.expiresAt <= now) {
    throw new AppError('SESSION_EXPIRED', 'Your session has ended; sign in again.');
  }
  const expiresAt = session.expiresAt.getTime();
  // the sessions list says when each was last used; a write a minute at most (and this runs only
  // when the credential cache has no answer)
  if (!session.lastSeenAt || session.lastSeenAt.getTime() <= now.getTime() - MINUTE_MS) {
    await touchSession(deps.db, hash, now);
  }
  if (session.contactId) {
    return { actor: await contactActor(deps, session.contactId, null), csrfToken: session.csrfToken, expiresAt };
  }
  const agent = await findAgentById(deps.db, session.agentId as string);
  if (!agent?.active) throw new AppError('SESSION_EXPIRED', 'This agent account is not active.');
  const enrol = session.via !== 'sso' && (await mustEnrolTwoFactor(deps, agent.id));
  return {
    actor: {
      kind: 'agent',
      role: agent.role,
      agentId: agent.id,
      tokenId: null,
      name: agent.name,
      ...(enrol ? { twoFactorEnrolmentRequired: true } : {}),
    } as Actor,
    csrfToken: session.csrfToken,
    expiresAt,
  };
}
