import type * as oidc from 'openid-client';
import type { Deps } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import { discoverOidc } from '../oidc/client.js';
import type { OrganizationSsoRow } from './sso-store.js';

// An organization's provider is discovered at each sign-in (two requests to it): the settings can
// change at any moment, and a contact signs in rarely enough that a cache would only go stale.

/** Where the organization's provider sends the browser back; the admin registers it there. */
export const organizationCallbackUrl = (deps: Pick<Deps, 'config'>, organizationId: string) =>
  `${deps.config.publicUrl}/auth/organization-sso/${organizationId}/callback`;

/** The scopes asked for: who the person is, their email (and whether it is verified) and name. */
export const ORGANIZATION_SCOPES = 'openid email profile';

export function organizationProvider(deps: Pick<Deps, 'secret'>, row: OrganizationSsoRow): Promise<oidc.Configuration> {
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
