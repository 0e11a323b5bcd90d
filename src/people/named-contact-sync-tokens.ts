import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { DAY_MS, MINUTE_MS } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { hashSecret, newSecret } from '../platform/secrets.js';
import { requireOrgAdmin, type SyncTokenCaller } from './named-contact-access.js';
import {
  findSyncTokenByHash,
  insertSyncToken,
  listSyncTokenRows,
  revokeSyncTokenRow,
  type SyncTokenRow,
  touchSyncToken,
} from './named-contacts-store.js';

// An organization's sync token lets a CI job in the customer's Git repository push the named-contact
// list (PUT /api/v1/organizations/{id}/named-contacts) and do nothing else: it is not an API token,
// the general authentication never accepts it (http-auth.ts sends it to that one route), and the
// sync checks it names the organization. Like every secret, only its SHA-256 is kept.

const PREFIX = 'pfsync';
/** a year at most, as GitLab's access tokens: a secret in a customer's CI settings for ever leaks some day */
export const SYNC_TOKEN_MAX_DAYS = 365;

export function isSyncTokenSecret(secret: string): boolean {
  return secret.startsWith(`${PREFIX}_`);
}

function presentSyncToken(row: SyncTokenRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
  };
}

/** An organization admin makes a sync token; the secret is in this answer only. */
export async function createSyncToken(deps: Deps, actor: Actor, name: string, expiresInDays = SYNC_TOKEN_MAX_DAYS) {
  if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > SYNC_TOKEN_MAX_DAYS) {
    throw new AppError('VALIDATION_FAILED', `A sync token lasts 1 to ${SYNC_TOKEN_MAX_DAYS} days.`);
  }
  return inTransaction(deps, async (tx) => {
    const { contactId, organizationId } = await requireOrgAdmin(tx.db, actor);
    const secret = newSecret(PREFIX);
    const now = tx.clock.now();
    const row = await insertSyncToken(tx.db, {
      organizationId,
      name: name.trim(),
      tokenHash: hashSecret(secret),
      prefix: secret.slice(0, PREFIX.length + 5),
      createdByContactId: contactId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + expiresInDays * DAY_MS),
    });
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'sync-token.created',
      entityType: 'sync-token',
      entityId: row.id,
      data: { organizationId, name: row.name, expiresAt: row.expiresAt.toISOString() },
    });
    return { ...presentSyncToken(row), token: secret };
  });
}

export async function listSyncTokens(deps: Deps, actor: Actor) {
  const { organizationId } = await requireOrgAdmin(deps.db, actor);
  return (await listSyncTokenRows(deps.db, organizationId)).map(presentSyncToken);
}

/** Revoked, it stops at once: sync tokens are looked up on every use, never cached. */
export async function revokeSyncToken(deps: Deps, actor: Actor, id: string) {
  return inTransaction(deps, async (tx) => {
    const { organizationId } = await requireOrgAdmin(tx.db, actor);
    await revoke(tx, actor, organizationId, id);
  });
}

/** An organization's sync tokens, for agents (a lead revokes one that leaked). */
export async function listOrganizationSyncTokens(deps: Deps, actor: Actor, organizationId: string) {
  requireAgent(actor);
  return (await listSyncTokenRows(deps.db, organizationId)).map(presentSyncToken);
}

/** A lead revokes an organization's sync token: a leaked one, or its admin left without doing so. */
export async function revokeOrganizationSyncToken(deps: Deps, actor: Actor, organizationId: string, id: string) {
  requireAgent(actor, 'lead');
  return inTransaction(deps, (tx) => revoke(tx, actor, organizationId, id));
}

/** Revokes the organization's token and audits it; another organization's is not found. */
async function revoke(tx: Deps, actor: Actor, organizationId: string, id: string) {
  const now = tx.clock.now();
  const row = await revokeSyncTokenRow(tx.db, organizationId, id, now);
  if (!row) throw new AppError('TOKEN_NOT_FOUND', `No active sync token ${id}.`);
  await recordEvent(tx.db, {
    actor,
    at: now,
    action: 'sync-token.revoked',
    entityType: 'sync-token',
    entityId: id,
    data: { organizationId, name: row.name },
  });
}

/** The organization behind a sync token's secret. */
export async function authenticateSyncToken(deps: Deps, secret: string): Promise<SyncTokenCaller> {
  const row = await findSyncTokenByHash(deps.db, hashSecret(secret));
  if (!row) throw new AppError('TOKEN_INVALID', 'This sync token is not valid.');
  if (row.revokedAt) throw new AppError('TOKEN_REVOKED', 'This sync token was revoked.');
  const now = deps.clock.now();
  if (row.expiresAt.getTime() <= now.getTime()) {
    throw new AppError(
      'TOKEN_EXPIRED',
      `This sync token expired on ${row.expiresAt.toISOString().slice(0, 10)}: an organization admin makes a new one in the portal.`,
    );
  }
  // the list shows when it was last used; a write a minute at most
  if (!row.lastUsedAt || row.lastUsedAt.getTime() <= now.getTime() - MINUTE_MS) {
    await touchSyncToken(deps.db, row.id, now);
  }
  return { kind: 'sync-token', tokenId: row.id, organizationId: row.organizationId, name: row.name };
}
