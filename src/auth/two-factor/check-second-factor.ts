import { type Deps, inTransaction } from '../../deps.js';
import { MINUTE_MS } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { recoveryCodeHash } from './recovery-codes.js';
import { checkCode } from './totp.js';
import { acceptStep, findTwoFactor, recordFailure, spendRecoveryCode, type TwoFactorRow } from './two-factor-store.js';

// One check for every place a second factor is asked for (the sign-in's second step, turning it
// off, new recovery codes). Wrong codes count against the agent across all of them: past
// MAX_FAILURES in FAILURE_WINDOW, every code is refused until the window ends. The count must
// outlive the refusal, so callers commit before they throw (commitRefusal).

export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * MINUTE_MS;

export type SecondFactor = { code: string } | { recoveryCode: string };

export type SecondFactorOutcome =
  | { ok: true; method: 'totp' | 'recovery' }
  | { ok: false; reason: 'wrong' | 'replayed' | 'locked' | 'not-enabled' };

export function isLocked(row: TwoFactorRow, now: Date): boolean {
  return (
    row.failures >= MAX_FAILURES &&
    row.failuresSince !== null &&
    row.failuresSince.getTime() > now.getTime() - FAILURE_WINDOW_MS
  );
}

/** Checks the agent's code or recovery code; a right one is spent, a wrong one counted. */
export async function checkSecondFactor(
  deps: Deps,
  agentId: string,
  factor: SecondFactor,
): Promise<SecondFactorOutcome> {
  const now = deps.clock.now();
  const row = await findTwoFactor(deps.db, agentId, { forUpdate: true });
  if (!row?.secretSealed) return { ok: false, reason: 'not-enabled' };
  if (isLocked(row, now)) return { ok: false, reason: 'locked' };
  let outcome: SecondFactorOutcome;
  if ('code' in factor) {
    const check = checkCode({
      secret: deps.secret.decrypt(row.secretSealed),
      code: factor.code,
      at: now,
      lastStep: row.lastStep,
    });
    // the step is taken with a conditional update: of two requests with one code, one wins
    if (check.ok) {
      outcome = (await acceptStep(deps.db, agentId, check.step, now))
        ? { ok: true, method: 'totp' }
        : { ok: false, reason: 'replayed' };
    } else {
      outcome = check;
    }
  } else {
    outcome = (await spendRecoveryCode(deps.db, agentId, recoveryCodeHash(factor.recoveryCode), now))
      ? { ok: true, method: 'recovery' }
      : { ok: false, reason: 'wrong' };
  }
  if (!outcome.ok) await recordFailure(deps.db, agentId, now, FAILURE_WINDOW_MS);
  return outcome;
}

/** The refusal an agent sees for a failed check. */
export function refusalOf(outcome: Extract<SecondFactorOutcome, { ok: false }>): AppError {
  switch (outcome.reason) {
    case 'replayed':
      return new AppError('TWO_FACTOR_CODE_REPLAYED', 'That code was used already: wait for the next one.');
    case 'locked':
      return new AppError(
        'TWO_FACTOR_LOCKED',
        `Too many wrong codes: try again in ${FAILURE_WINDOW_MS / MINUTE_MS} minutes.`,
      );
    case 'not-enabled':
      return new AppError('TWO_FACTOR_NOT_ENABLED', 'Two-factor sign-in is not turned on for this account.');
    case 'wrong':
      return new AppError(
        'TWO_FACTOR_CODE_WRONG',
        'That code is not right. Check that your phone’s clock is right, or use a recovery code.',
      );
  }
}

/**
 * Runs fn in a transaction that commits even when its answer is a refusal (a wrong code must stay
 * counted, its audit event kept), then throws the refusal.
 */
export async function commitRefusal<T>(deps: Deps, fn: (tx: Deps) => Promise<T | AppError>): Promise<T> {
  const result = await inTransaction(deps, fn);
  if (result instanceof AppError) throw result;
  return result;
}
