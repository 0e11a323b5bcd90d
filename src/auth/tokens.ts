import { recordEvent } from '../audit/index.js';
import { type Deps, inTransaction } from '../deps.js';
import { findAgentByEmail, findContactByEmail } from '../people/index.js';
import type { AgentRole } from '../people/tables.js';
import { AppError } from '../platform/errors.js';
import { hashSecret, newSecret } from '../platform/secrets.js';
import { accessChanged } from './access.js';
import { type Actor, requireAgent } from './actor.js';
import { type ApiTokenRow, insertApiToken, listApiTokenRows, revokeApiTokenRow } from './auth-store.js';

export interface TokenInput {
  name: string;
  role?: AgentRole;
  contactEmail?: string;
  /** attribute the token's actions to this agent (its role still comes from `role`) */
  agentEmail?: string;
  expiresAt?: Date;
}

export function presentToken(row: ApiTokenRow, contactEmail?: string | null) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    contactId: row.contactId,
    ...(contactEmail !== undefined ? { contactEmail } : {}),
    agentId: row.agentId,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/** Creates an API token; the secret is returned only here and stored only as a hash. */
export async function createToken(deps: Deps, actor: Actor, input: TokenInput) {
  requireAgent(actor, 'admin');
  if ((input.role === undefined) === (input.contactEmail === undefined)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'A token is for either an agent role (role) or one contact (contactEmail).',
    );
  }
  return inTransaction(deps, async (tx) => {
    let contactId: string | null = null;
    let agentId: string | null = null;
    if (input.contactEmail) {
      const contact = await findContactByEmail(tx.db, input.contactEmail);
      if (!contact) throw new AppError('CONTACT_NOT_FOUND', `No contact with the email ${input.contactEmail}.`);
      contactId = contact.id;
    }
    if (input.agentEmail) {
      const agent = await findAgentByEmail(tx.db, input.agentEmail);
      if (!agent) throw new AppError('AGENT_NOT_FOUND', `No agent with the email ${input.agentEmail}.`);
      agentId = agent.id;
    }
    const now = tx.clock.now();
    if (input.expiresAt && input.expiresAt <= now) {
      throw new AppError('VALIDATION_FAILED', 'expiresAt must be in the future.');
    }
    const secret = newSecret('pf');
    const row = await insertApiToken(tx.db, {
      name: input.name.trim(),
      tokenHash: hashSecret(secret),
      prefix: secret.slice(0, 7),
      role: input.role ?? null,
      agentId,
      contactId,
      createdAt: now,
      expiresAt: input.expiresAt ?? null,
    });
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'token.created',
      entityType: 'token',
      entityId: row.id,
      data: { name: row.name, role: row.role, contactId, agentId },
    });
    return { ...presentToken(row, input.contactEmail?.toLowerCase() ?? null), token: secret };
  });
}

export async function listTokens(deps: Deps, actor: Actor) {
  requireAgent(actor, 'admin');
  return (await listApiTokenRows(deps.db)).map((row) => presentToken(row));
}

export async function revokeToken(deps: Deps, actor: Actor, id: string) {
  requireAgent(actor, 'admin');
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const row = await revokeApiTokenRow(tx.db, id, now);
    if (!row) throw new AppError('TOKEN_NOT_FOUND', `No active token ${id}.`);
    await tokenRevoked(tx, actor, id, now, { name: row.name });
  });
}

/** A revoked token stops working at once in every process, and the audit log says who ended it. */
export async function tokenRevoked(tx: Deps, actor: Actor, id: string, at: Date, data: Record<string, unknown>) {
  await accessChanged(tx, { tokenId: id });
  await recordEvent(tx.db, { actor, at, action: 'token.revoked', entityType: 'token', entityId: id, data });
}
