import * as oidc from 'openid-client';
import type { Deps } from '../../deps.js';
import { MINUTE_MS } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { hashSecret, newSecret } from '../../platform/secrets.js';
import { TRY_AGAIN } from './callback-failure.js';
import { deleteExpiredOidcAttempts, insertOidcAttempt, type OidcAttemptRow, takeOidcAttempt } from './oidc-store.js';
import { safeReturnPath } from './safe-return-path.js';

// A sign-in at an OpenID provider, from the desk's side: the attempt (state, nonce, PKCE verifier)
// kept server-side under the hash of a secret only the starting browser holds, then the callback
// that takes it once and lets openid-client check the provider's answer against it. Agents'
// single sign-on (this folder) and organizations' (organization-sso/) both go through here.

/** How long the person has at the provider before the attempt is forgotten. */
export const ATTEMPT_MINUTES = 10;

export interface AttemptFor {
  redirectUri: string;
  scope: string;
  returnTo?: unknown;
  /** whose sign-in this is: an organization's contacts', or (null) the agents' */
  organizationId: string | null;
  /** where the browser goes when returnTo is missing or not a path on this desk */
  defaultReturnTo?: string;
}

/** A fresh state, nonce and PKCE verifier (S256), and the provider's authorization URL that carries them. */
export async function beginOidcAttempt(
  deps: Deps,
  configuration: oidc.Configuration,
  input: AttemptFor,
): Promise<{ authorizationUrl: string; attemptSecret: string; expiresAt: Date }> {
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const attemptSecret = newSecret('pfo');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + ATTEMPT_MINUTES * MINUTE_MS);
  // attempts nobody finished go here, so the table holds ten minutes of them at most
  await deleteExpiredOidcAttempts(deps.db, now);
  const returnTo = safeReturnPath(input.returnTo);
  await insertOidcAttempt(deps.db, {
    idHash: hashSecret(attemptSecret),
    state,
    nonce,
    codeVerifier,
    returnTo: returnTo === '/' && input.defaultReturnTo ? input.defaultReturnTo : returnTo,
    organizationId: input.organizationId,
    createdAt: now,
    expiresAt,
  });
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: input.redirectUri,
    scope: input.scope,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { authorizationUrl: url.href, attemptSecret, expiresAt };
}

/** What the callback learned before it stopped, for the audit trail of a refused sign-in. */
export interface Seen {
  /** the callback took a waiting attempt of this browser (not written into the audit row) */
  attemptTaken?: boolean;
  issuer: string;
  subject?: string;
  email?: string;
}

export interface CheckedCallback {
  attempt: OidcAttemptRow;
  /** the provider's own spelling of its issuer (openid-client checked it is the one configured) */
  issuer: string;
  subject: string;
  /** the ID token's claims, with userinfo's beneath them when the ID token lacked one of `wanted` */
  claims: Record<string, unknown>;
  /** trimmed and lower-cased */
  email: string | undefined;
}

/**
 * The provider sent the browser back: the attempt this browser started is taken (once, whatever
 * happens next), it must be for `organizationId`, and the code is exchanged with state, nonce and
 * PKCE checked by openid-client.
 */
export async function checkOidcCallback(
  deps: Deps,
  input: {
    attemptSecret: string | undefined;
    query: string;
    redirectUri: string;
    organizationId: string | null;
    configuration: (attempt: OidcAttemptRow) => Promise<oidc.Configuration>;
    /** claims to look for in userinfo when the ID token lacks them */
    wanted: string[];
  },
  seen: Seen,
): Promise<CheckedCallback> {
  // taken before anything else and outside any transaction: a refused callback uses it up too
  const attempt = input.attemptSecret
    ? await takeOidcAttempt(deps.db, hashSecret(input.attemptSecret), deps.clock.now())
    : undefined;
  if (attempt) seen.attemptTaken = true;
  if (!attempt) {
    throw new AppError('SSO_FAILED', TRY_AGAIN, {
      reason:
        'no sign-in attempt of this browser was waiting: none started here, used already, or older than 10 minutes',
    });
  }
  if ((attempt.organizationId ?? null) !== input.organizationId) {
    throw new AppError('SSO_FAILED', TRY_AGAIN, {
      reason: `the attempt was started for ${attempt.organizationId ? `organization ${attempt.organizationId}` : 'agents'}, not for ${input.organizationId ? `organization ${input.organizationId}` : 'agents'}`,
    });
  }
  const configuration = await input.configuration(attempt);
  const currentUrl = new URL(input.redirectUri);
  currentUrl.search = input.query;
  const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
    expectedState: attempt.state,
    expectedNonce: attempt.nonce,
    pkceCodeVerifier: attempt.codeVerifier,
    idTokenExpected: true,
  });
  const idToken = tokens.claims();
  if (!idToken) throw new AppError('SSO_FAILED', TRY_AGAIN, { reason: 'the provider sent no ID token' });
  seen.issuer = idToken.iss;
  seen.subject = idToken.sub;
  // many providers put email, name and groups only in the userinfo answer, not in the ID token
  let claims: Record<string, unknown> = idToken;
  if (input.wanted.some((claim) => idToken[claim] === undefined) && configuration.serverMetadata().userinfo_endpoint) {
    const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
    claims = { ...userInfo, ...idToken };
  }
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : undefined;
  if (email) seen.email = email;
  return { attempt, issuer: idToken.iss, subject: idToken.sub, claims, email };
}
