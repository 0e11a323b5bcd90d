import * as oidc from 'openid-client';
import type { Deps } from '../../deps.js';
import { AppError, isAppError, storableError } from '../../platform/errors.js';
import { reasonOf } from '../single-sign-on/sign-in-agent.js';

// How a callback that went wrong is told: one AppError the sign-in page explains by its code, with
// `details.reason` for the audit trail (agents' single sign-on and organizations' alike).

export const TRY_AGAIN = 'Single sign-on did not complete. Start again from the sign-in page.';

/** Every way the callback can fail, as the AppError the sign-in page shows; the unexpected ones logged. */
function callbackFailure(deps: Pick<Deps, 'log'>, err: unknown): AppError {
  const failure = asFailure(err);
  if (!isAppError(err) && failure.code === 'SSO_FAILED' && !isProtocolError(err)) {
    deps.log.error({ err }, 'single sign-on failed unexpectedly');
  }
  return failure;
}

/** openid-client's refusals (a bad state, nonce, issuer or code; the provider's own error answer). */
function isProtocolError(err: unknown): boolean {
  return (
    err instanceof oidc.AuthorizationResponseError ||
    err instanceof oidc.ResponseBodyError ||
    err instanceof oidc.WWWAuthenticateChallengeError ||
    (err instanceof Error && typeof (err as { code?: unknown }).code === 'string')
  );
}

function asFailure(err: unknown): AppError {
  if (isAppError(err)) return err;
  if (err instanceof oidc.AuthorizationResponseError) {
    const reason = `the provider answered ${err.error}${err.error_description ? `: ${err.error_description}` : ''}`;
    if (err.error === 'access_denied') {
      return new AppError('SSO_REFUSED', 'The identity provider did not let you in.', { reason });
    }
    return new AppError('SSO_FAILED', TRY_AGAIN, { reason });
  }
  if (err instanceof oidc.ResponseBodyError) {
    return new AppError('SSO_FAILED', TRY_AGAIN, {
      reason: `the provider refused the code: ${err.error}${err.error_description ? ` (${err.error_description})` : ''}`,
    });
  }
  if (err instanceof TypeError && /fetch failed/i.test(err.message)) {
    return new AppError('SSO_UNAVAILABLE', 'The identity provider could not be reached; try again in a moment.', {
      reason: storableError(err, 500),
    });
  }
  return new AppError('SSO_FAILED', TRY_AGAIN, { reason: withCauses(err) });
}

/** openid-client words its refusals generally ("invalid response encountered"); the cause says which check. */
function withCauses(err: unknown): string {
  const parts = [storableError(err, 300)];
  let cause = err instanceof Error ? err.cause : undefined;
  for (let depth = 0; cause instanceof Error && depth < 3; depth++) {
    parts.push(storableError(cause, 300));
    cause = cause.cause;
  }
  return parts.join(': ');
}

/** The person's name as the provider gives it, or the email's local part. */
export function nameOf(claims: Record<string, unknown>, email: string): string {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const given = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return text(claims.name) || given || text(claims.preferred_username) || (email.split('@')[0] as string);
}

/**
 * A callback that failed, as the AppError the page shows. Without an attempt of this browser nothing
 * was tried, so it is only logged (anyone can call a callback: an audit row per stranger's request
 * would let them fill the table); otherwise `record` writes it to the audit trail.
 */
export async function refusedCallback<S extends { attemptTaken?: boolean }>(
  deps: Pick<Deps, 'log'>,
  err: unknown,
  seen: S,
  record: (failure: AppError, audited: Omit<S, 'attemptTaken'>) => Promise<void>,
): Promise<AppError> {
  const failure = callbackFailure(deps, err);
  const { attemptTaken, ...audited } = seen;
  if (!attemptTaken) {
    deps.log.info({ reason: reasonOf(failure) }, 'single sign-on callback without a sign-in attempt');
    return failure;
  }
  await record(failure, audited);
  return failure;
}
