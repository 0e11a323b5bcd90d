import type { Deps } from '../../deps.js';
import { beginOidcAttempt } from './attempt.js';
import { type OidcProvider, scopesFor } from './client.js';

export { ATTEMPT_MINUTES } from './attempt.js';

export const callbackUrl = (deps: Deps) => `${deps.config.publicUrl}/auth/oidc/callback`;

/**
 * Begins a sign-in at the provider: a fresh state, nonce and PKCE verifier (S256) kept server-side
 * under the hash of a secret that only this browser gets, in its attempt cookie.
 */
export async function startOidcSignIn(
  deps: Deps,
  provider: OidcProvider,
  input: { returnTo?: unknown },
): Promise<{ authorizationUrl: string; attemptSecret: string; expiresAt: Date }> {
  const configuration = await provider.configuration();
  return beginOidcAttempt(deps, configuration, {
    redirectUri: callbackUrl(deps),
    scope: scopesFor(configuration, provider.settings.roleClaim),
    returnTo: input.returnTo,
    organizationId: null,
  });
}
