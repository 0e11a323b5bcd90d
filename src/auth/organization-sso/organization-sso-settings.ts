import { recordEvent } from '../../audit/index.js';
import { type Deps, inTransaction } from '../../deps.js';
import { findOrganizationById, listContacts } from '../../people/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { type Actor, requireAgent } from '../actor.js';
import { endContactSessions } from '../sessions.js';
import { checkIssuerUrl, checkOrganizationProvider, organizationCallbackUrl } from './provider.js';
import {
  deleteOrganizationSso,
  findOrganizationSso,
  type OrganizationSsoRow,
  upsertOrganizationSso,
} from './sso-store.js';

// A desk admin sets up an organization's OpenID provider. The client secret is write-only: sealed
// with the desk key, never shown again (clientSecretSet says whether there is one).

export interface OrganizationSsoView {
  configured: boolean;
  /** register this at the provider as the redirect URI */
  redirectUri: string;
  issuer: string | null;
  clientId: string | null;
  clientSecretSet: boolean;
  required: boolean;
}

function present(deps: Deps, organizationId: string, row: OrganizationSsoRow | undefined): OrganizationSsoView {
  return {
    configured: row !== undefined,
    redirectUri: organizationCallbackUrl(deps, organizationId),
    issuer: row?.issuer ?? null,
    clientId: row?.clientId ?? null,
    clientSecretSet: Boolean(row?.clientSecretSealed),
    required: row?.required ?? false,
  };
}

async function assertOrganization(deps: Deps, organizationId: string) {
  if (!(await findOrganizationById(deps.db, organizationId))) {
    throw new AppError('ORGANIZATION_NOT_FOUND', `No organization ${organizationId}.`);
  }
}

export async function getOrganizationSso(deps: Deps, actor: Actor, organizationId: string) {
  requireAgent(actor, 'admin');
  await assertOrganization(deps, organizationId);
  return present(deps, organizationId, await findOrganizationSso(deps.db, organizationId));
}

export interface OrganizationSsoInput {
  issuer: string;
  clientId: string;
  /** omitted: the stored one stays */
  clientSecret?: string | undefined;
  required: boolean;
}

/** Saves the settings once the provider answers discovery with them (a 422 when it does not). */
export async function saveOrganizationSso(
  deps: Deps,
  actor: Actor,
  organizationId: string,
  input: OrganizationSsoInput,
) {
  requireAgent(actor, 'admin');
  await assertOrganization(deps, organizationId);
  const issuer = checkIssuerUrl(deps, input.issuer);
  const clientId = input.clientId.trim();
  const before = await findOrganizationSso(deps.db, organizationId);
  const now = deps.clock.now();
  const row: OrganizationSsoRow = {
    organizationId,
    issuer,
    clientId,
    clientSecretSealed:
      input.clientSecret !== undefined && input.clientSecret !== ''
        ? deps.secret.encrypt(input.clientSecret)
        : (before?.clientSecretSealed ?? null),
    required: input.required,
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
  };
  try {
    await checkOrganizationProvider(deps, row);
  } catch (err) {
    if (!isAppError(err)) throw err;
    throw new AppError(
      'SSO_PROVIDER_INVALID',
      `${issuer} does not answer as an OpenID provider: check the issuer URL (its /.well-known/openid-configuration must name exactly this issuer).`,
      { field: 'issuer', reason: (err.details as { reason?: string } | undefined)?.reason },
    );
  }
  await inTransaction(deps, async (tx) => {
    await upsertOrganizationSso(tx.db, row);
    // from now on no link signs them in: the sessions links gave (and links not yet used) end too,
    // and they come back through the company sign-in
    if (row.required && !before?.required) await signOutContacts(tx, actor, organizationId);
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'organization.sso-configured',
      entityType: 'organization',
      entityId: organizationId,
      data: {
        issuer,
        clientId,
        required: row.required,
        clientSecretChanged: row.clientSecretSealed !== (before?.clientSecretSealed ?? null),
        ...(before ? { before: { issuer: before.issuer, clientId: before.clientId, required: before.required } } : {}),
      },
    });
  });
  return present(deps, organizationId, row);
}

/** Removes the settings: the organization's contacts sign in by mailed link again. */
export async function removeOrganizationSso(deps: Deps, actor: Actor, organizationId: string) {
  requireAgent(actor, 'admin');
  await assertOrganization(deps, organizationId);
  await inTransaction(deps, async (tx) => {
    const removed = await deleteOrganizationSso(tx.db, organizationId);
    if (!removed) return;
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'organization.sso-removed',
      entityType: 'organization',
      entityId: organizationId,
      data: { issuer: removed.issuer, clientId: removed.clientId },
    });
  });
}

async function signOutContacts(deps: Deps, actor: Actor, organizationId: string) {
  let cursor: string | undefined;
  do {
    const page = await listContacts(deps, actor, { organizationId, limit: 100, ...(cursor ? { cursor } : {}) });
    for (const contact of page.items) await endContactSessions(deps, actor, contact.id, { requireLead: false });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
