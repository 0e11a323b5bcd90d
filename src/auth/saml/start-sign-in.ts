import { randomBytes } from 'node:crypto';
import type { SamlSettings } from '../../config.js';
import type { Deps } from '../../deps.js';
import { MINUTE_MS } from '../../platform/clock.js';
import { hashSecret, newSecret } from '../../platform/secrets.js';
import { safeReturnPath } from '../oidc/safe-return-path.js';
import { deleteExpiredSamlRequests, insertSamlRequest } from './saml-store.js';
import { REQUEST_MINUTES, serviceProvider } from './service-provider.js';

/**
 * Begins a sign-in at the identity provider: an AuthnRequest by HTTP-Redirect whose ID is kept
 * server-side until a Response names it, with the path to return to (also sent as RelayState) and
 * the hash of a secret only this browser gets, in its cookie.
 */
export async function startSamlSignIn(
  deps: Deps,
  settings: SamlSettings,
  input: { returnTo?: unknown },
): Promise<{ redirectUrl: string; browserSecret: string }> {
  // an xs:ID starts with a letter or underscore
  const requestId = `_${randomBytes(20).toString('hex')}`;
  const browserSecret = newSecret('pfq');
  const now = deps.clock.now();
  const returnTo = safeReturnPath(input.returnTo);
  // requests nobody answered go here, so the table holds ten minutes of them at most
  await deleteExpiredSamlRequests(deps.db, now);
  await insertSamlRequest(deps.db, {
    id: requestId,
    browserHash: hashSecret(browserSecret),
    returnTo,
    createdAt: now,
    expiresAt: new Date(now.getTime() + REQUEST_MINUTES * MINUTE_MS),
  });
  const redirectUrl = await serviceProvider(deps, settings, { requestId }).getAuthorizeUrlAsync(
    returnTo,
    undefined,
    {},
  );
  return { redirectUrl, browserSecret };
}
