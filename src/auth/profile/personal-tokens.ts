import { recordEvent } from '../../audit/index.js';
import { type Deps, inTransaction } from '../../deps.js';
import { DAY_MS } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { hashSecret, newSecret } from '../../platform/secrets.js';
import type { Actor } from '../actor.js';
import {
  type ApiTokenRow,
  insertApiToken,
  listPersonalTokenRows,
  lockAgentRow,
  revokePersonalTokenRow,
} from '../auth-store.js';
import { tokenRevoked } from '../tokens.js';
import { selfAgent } from './self.js';

// Personal API tokens: an agent's own, acting as them. A personal token has no role of its own (role
// null, agent_id set): authenticate.ts gives it the agent's role at each use, so a demoted or
// deactivated agent's tokens follow at once. 'read' tokens may only GET (http-auth.ts).

export const PERSONAL_TOKEN_DEFAULT_DAYS = 90;
export const PERSONAL_TOKEN_MAX_DAYS = 365;
/** live tokens an agent may hold: enough for every script, bounded for the table and the page */
export const PERSONAL_TOKEN_LIMIT = 50;

export type TokenScope = 'read' | 'write';

export function presentPersonalToken(row: ApiTokenRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

export async function listPersonalTokens(deps: Deps, actor: Actor) {
  const { agent } = await selfAgent(deps, actor);
  return (await listPersonalTokenRows(deps.db, agent.id)).map(presentPersonalToken);
}

/** Makes a personal token; the secret is returned only here and stored only as a hash. */
export async function createPersonalToken(
  deps: Deps,
  actor: Actor,
  input: { name: string; scope: TokenScope; expiresInDays?: number | undefined },
) {
  const { agent } = await selfAgent(deps, actor);
  // a token must not make tokens: a leaked one could outlive its own expiry and revocation
  if (actor.kind === 'agent' && actor.tokenId !== null) {
    throw new AppError('SESSION_REQUIRED', 'Personal API tokens are made when signed in, not with a token.');
  }
  const days = input.expiresInDays ?? PERSONAL_TOKEN_DEFAULT_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > PERSONAL_TOKEN_MAX_DAYS) {
    throw new AppError('VALIDATION_FAILED', `A personal token lasts 1 to ${PERSONAL_TOKEN_MAX_DAYS} days.`);
  }
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    // one maker at a time per agent, so parallel requests cannot pass the limit together
    await lockAgentRow(tx.db, agent.id);
    const live = (await listPersonalTokenRows(tx.db, agent.id)).filter((t) => !t.expiresAt || t.expiresAt > now);
    if (live.length >= PERSONAL_TOKEN_LIMIT) {
      throw new AppError(
        'TOKEN_LIMIT',
        `You hold ${PERSONAL_TOKEN_LIMIT} personal tokens: revoke one you no longer use before making another.`,
      );
    }
    const secret = newSecret('pf');
    const row = await insertApiToken(tx.db, {
      name: input.name.trim(),
      tokenHash: hashSecret(secret),
      prefix: secret.slice(0, 7),
      role: null,
      agentId: agent.id,
      contactId: null,
      scope: input.scope,
      createdAt: now,
      expiresAt: new Date(now.getTime() + days * DAY_MS),
    });
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'token.created',
      entityType: 'token',
      entityId: row.id,
      data: { name: row.name, personal: true, agentId: agent.id, scope: row.scope, expiresAt: row.expiresAt },
    });
    return { ...presentPersonalToken(row), token: secret };
  });
}

/** Revokes one of the caller's personal tokens; it stops working at once. */
export async function revokePersonalToken(deps: Deps, actor: Actor, id: string) {
  const { agent } = await selfAgent(deps, actor);
  await inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const row = await revokePersonalTokenRow(tx.db, agent.id, id, now);
    if (!row) throw new AppError('TOKEN_NOT_FOUND', `You have no active personal token ${id}.`);
    await tokenRevoked(tx, actor, id, now, { name: row.name, personal: true });
  });
}
