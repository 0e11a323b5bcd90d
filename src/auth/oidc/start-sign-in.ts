import * as oidc from 'openid-client';
import type { Deps } from '../../deps.js';
import { MINUTE_MS } from '../../platform/clock.js';
import { hashSecret, newSecret } from '../../platform/secrets.js';
import { type OidcProvider, scopesFor } from './client.js';
import { deleteExpiredOidcAttempts, insertOidcAttempt } from './oidc-store.js';
import { safeReturnPath } from './safe-return-path.js';

/** How long the person has at the provider before the attempt is forgotten. */
export const ATTEMPT_MINUTES = 10;

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
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const attemptSecret = newSecret('pfo');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + ATTEMPT_MINUTES * MINUTE_MS);
  // attempts nobody finished go here, so the table holds ten minutes of them at most
  await deleteExpiredOidcAttempts(deps.db, now);
  await insertOidcAttempt(deps.db, {
    idHash: hashSecret(attemptSecret),
    state,
    nonce,
    codeVerifier,
    returnTo: safeReturnPath(input.returnTo),
    createdAt: now,
    expiresAt,
  });
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: callbackUrl(deps),
    scope: scopesFor(configuration, provider.settings.roleClaim),
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { authorizationUrl: url.href, attemptSecret, expiresAt };
}
