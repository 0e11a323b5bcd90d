import type * as oidc from 'openid-client';
import type { Deps } from '../../deps.js';
import { MINUTE_MS } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { discoverOidc } from '../oidc/client.js';
import type { OrganizationSsoRow } from './sso-store.js';

// An organization's provider metadata is kept a few minutes in this process, with the settings it
// was discovered for: a sign-in's start and its callback discover once, and changed settings (issuer,
// client, secret, a resealed secret) discover anew at once. A failed discovery is not kept; saving the
// settings always discovers afresh (checkOrganizationProvider).
const DISCOVERY_KEPT_MS = 5 * MINUTE_MS;
const discovered = new Map<string, { settings: string; until: number; configuration: Promise<oidc.Configuration> }>();

/** Where the organization's provider sends the browser back; the admin registers it there. */
export const organizationCallbackUrl = (deps: Pick<Deps, 'config'>, organizationId: string) =>
  `${deps.config.publicUrl}/auth/organization-sso/${organizationId}/callback`;

/** The scopes asked for: who the person is, their email (and whether it is verified) and name. */
export const ORGANIZATION_SCOPES = 'openid email profile';

export function organizationProvider(
  deps: Pick<Deps, 'secret' | 'clock'>,
  row: OrganizationSsoRow,
): Promise<oidc.Configuration> {
  const now = deps.clock.now().getTime();
  const settings = JSON.stringify([row.issuer, row.clientId, row.clientSecretSealed]);
  const kept = discovered.get(row.organizationId);
  if (kept && kept.settings === settings && kept.until > now) return kept.configuration;
  const configuration = checkOrganizationProvider(deps, row);
  const entry = { settings, until: now + DISCOVERY_KEPT_MS, configuration };
  discovered.set(row.organizationId, entry);
  configuration.catch(() => {
    if (discovered.get(row.organizationId) === entry) discovered.delete(row.organizationId);
  });
  return configuration;
}

/** Discovers the organization's provider now, as its settings are saved. */
export function checkOrganizationProvider(
  deps: Pick<Deps, 'secret'>,
  row: OrganizationSsoRow,
): Promise<oidc.Configuration> {
  return discoverOidc({
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecret: row.clientSecretSealed ? deps.secret.decrypt(row.clientSecretSealed) : undefined,
  });
}

/**
 * An issuer URL the desk may fetch: https, or http on this machine when the desk itself runs on
 * http (development, tests). An admin types it, so no other address of the desk's network.
 */
export function checkIssuerUrl(deps: Pick<Deps, 'config'>, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('SSO_PROVIDER_INVALID', `"${raw}" is not a URL.`, { field: 'issuer' });
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  const developing = deps.config.publicUrl.startsWith('http:');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback && developing)) {
    throw new AppError('SSO_PROVIDER_INVALID', 'The issuer must be an https URL.', { field: 'issuer' });
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new AppError('SSO_PROVIDER_INVALID', 'The issuer URL has no user, query or fragment.', { field: 'issuer' });
  }
  // as typed otherwise: the provider's metadata must name exactly this issuer
  return raw.trim();
}
