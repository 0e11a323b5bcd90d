import { recordEvent } from '../../audit/index.js';
import { type Deps, inTransaction } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import { hashSecret } from '../../platform/secrets.js';
import { accessChanged } from '../access.js';
import type { Actor } from '../actor.js';
import { deleteSessionOfAgent, listSessionsOfAgent, type SessionRow } from '../auth-store.js';
import { credentialCache, sessionCacheKey } from '../authenticate.js';
import { endAgentSessions } from '../sessions.js';
import { selfAgent } from './self.js';

// An agent's own browser sessions: listed with where and when, ended one by one or all but this one.
// A session is named by its public id; its secret (the cookie) is never shown or accepted here.

/** The session the request came with, when it came with one (a token has none). */
export interface CurrentSession {
  sessionSecret: string;
}

function presentSession(row: SessionRow, currentHash: Buffer | undefined) {
  return {
    id: row.publicId,
    via: row.via,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    userAgent: row.userAgent,
    ip: row.ip,
    current: currentHash !== undefined && row.idHash.equals(currentHash),
  };
}

export async function listMySessions(deps: Deps, actor: Actor, current?: CurrentSession) {
  const { agent } = await selfAgent(deps, actor);
  const currentHash = current ? hashSecret(current.sessionSecret) : undefined;
  const rows = await listSessionsOfAgent(deps.db, agent.id, deps.clock.now());
  return rows.map((row) => presentSession(row, currentHash));
}

/** Ends one of the caller's sessions at once; says whether it was the one making the request. */
export async function endMySession(
  deps: Deps,
  actor: Actor,
  publicId: string,
  current?: CurrentSession,
): Promise<{ wasCurrent: boolean }> {
  const self = await selfAgent(deps, actor);
  const agentId = self.agent.id;
  const ended = await inTransaction(deps, async (tx) => {
    // someone else's session is not found, as one that does not exist
    const row = await deleteSessionOfAgent(tx.db, agentId, publicId);
    if (!row) throw new AppError('SESSION_NOT_FOUND', `You have no session ${publicId}.`);
    await accessChanged(tx, { agentId });
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'agent.session-ended',
      entityType: 'agent',
      entityId: agentId,
      data: { session: row.publicId, via: row.via, ip: row.ip },
    });
    return row;
  });
  credentialCache.delete(sessionCacheKey(ended.idHash));
  return { wasCurrent: current !== undefined && ended.idHash.equals(hashSecret(current.sessionSecret)) };
}

/** Ends every session of the caller but the one making the request (all of them, asked with a token). */
export async function endMyOtherSessions(deps: Deps, actor: Actor, current?: CurrentSession) {
  const { agent } = await selfAgent(deps, actor);
  await inTransaction(deps, async (tx) => {
    await endAgentSessions(tx, agent.id, current);
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'agent.signed-out-elsewhere',
      entityType: 'agent',
      entityId: agent.id,
    });
  });
}
