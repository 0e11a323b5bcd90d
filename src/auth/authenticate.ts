import type { Deps } from '../deps.js';
import { findAgentById, findContactById, findOrganizationById } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { hashSecret } from '../platform/secrets.js';
import type { Actor, ContactActor } from './actor.js';
import { findApiTokenByHash, findSessionByHash, touchApiToken } from './auth-store.js';

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
    tokenId,
  };
}

/** The actor behind `Authorization: Bearer <token>`. */
export async function authenticateToken(deps: Deps, token: string): Promise<Actor> {
  const row = await findApiTokenByHash(deps.db, hashSecret(token));
  if (!row) throw new AppError('TOKEN_INVALID', 'This API token is not valid.');
  const now = deps.clock.now();
  if (row.revokedAt) throw new AppError('TOKEN_REVOKED', 'This API token was revoked.');
  if (row.expiresAt && row.expiresAt <= now) throw new AppError('TOKEN_EXPIRED', 'This API token has expired.');
  await touchApiToken(deps.db, row.id, now);
  if (row.contactId) return contactActor(deps, row.contactId, row.id);
  let name = row.name;
  if (row.agentId) {
    const agent = await findAgentById(deps.db, row.agentId);
    if (!agent?.active) throw new AppError('TOKEN_INVALID', 'The agent behind this API token is not active.');
    name = agent.name;
  }
  return { kind: 'agent', role: row.role ?? 'agent', agentId: row.agentId, tokenId: row.id, name };
}

/** The actor behind a session cookie, with the session's CSRF token. */
export async function authenticateSession(deps: Deps, secret: string): Promise<{ actor: Actor; csrfToken: string }> {
  const session = await findSessionByHash(deps.db, hashSecret(secret));
  if (!session || session.expiresAt <= deps.clock.now()) {
    throw new AppError('SESSION_EXPIRED', 'Your session has ended; sign in again.');
  }
  if (session.contactId) {
    return { actor: await contactActor(deps, session.contactId, null), csrfToken: session.csrfToken };
  }
  const agent = await findAgentById(deps.db, session.agentId as string);
  if (!agent?.active) throw new AppError('SESSION_EXPIRED', 'This agent account is not active.');
  return {
    actor: { kind: 'agent', role: agent.role, agentId: agent.id, tokenId: null, name: agent.name },
    csrfToken: session.csrfToken,
  };
}
