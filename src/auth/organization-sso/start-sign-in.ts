import type { Deps } from '../../deps.js';
import { isUuid } from '../../people/index.js';
import { AppError } from '../../platform/errors.js';
import { beginOidcAttempt } from '../oidc/attempt.js';
import { ORGANIZATION_SCOPES, organizationCallbackUrl, organizationProvider } from './provider.js';
import { findOrganizationSso } from './sso-store.js';

/** A contact's sign-in at their organization's provider begins: an attempt bound to this organization. */
export async function startOrganizationSignIn(deps: Deps, organizationId: string, input: { returnTo?: unknown }) {
  const sso = isUuid(organizationId) ? await findOrganizationSso(deps.db, organizationId) : undefined;
  if (!sso) {
    throw new AppError('SSO_NOT_CONFIGURED', 'This organization has no company sign-in here.', {
      reason: `no single sign-on for organization ${organizationId}`,
    });
  }
  return beginOidcAttempt(deps, await organizationProvider(deps, sso), {
    redirectUri: organizationCallbackUrl(deps, organizationId),
    scope: ORGANIZATION_SCOPES,
    returnTo: input.returnTo,
    organizationId,
    defaultReturnTo: '/portal',
  });
}
