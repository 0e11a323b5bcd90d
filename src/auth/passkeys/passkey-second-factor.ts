import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { recordEvent } from '../../audit/index.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import type { AgentActor } from '../actor.js';
import { CHALLENGE_TRIES, readChallenge } from '../two-factor/challenge.js';
import { findOpenChallenge } from '../two-factor/two-factor-store.js';
import { countPasskeysOfAgent, listPasskeysOfAgent, spendPasskeyChallenge } from './passkey-store.js';
import { keepChallenge, relyingParty } from './relying-party.js';
import type { PasskeyCeremony } from './start-passkey-sign-in.js';
import { REASONS, verifyAssertion } from './verify-assertion.js';
import { webauthn } from './webauthn.js';

export interface PasskeyFactor {
  passkey: { attempt: string; response: AuthenticationResponseJSON };
}

export type PasskeyOutcome = { ok: true; method: 'passkey'; passkeyId: string } | { ok: false; reason: string };

const invalid = () =>
  new AppError(
    'TWO_FACTOR_CHALLENGE_INVALID',
    'This sign-in has expired or had too many wrong codes: sign in again with your password.',
  );

export async function hasPasskeys(deps: Pick<Deps, 'db'>, agentId: string): Promise<boolean> {
  return (await countPasskeysOfAgent(deps.db, agentId)) > 0;
}

/**
 * "Use a passkey" at the second step: options for the agent's own passkeys, the challenge kept and
 * bound to the password step's challenge (which must still be open).
 */
export async function passkeySecondFactorOptions(deps: Deps, challengeToken: string): Promise<PasskeyCeremony> {
  const claims = readChallenge(deps, challengeToken);
  if (!claims) throw invalid();
  const open = await findOpenChallenge(deps.db, claims.challengeId, claims.agentId, deps.clock.now(), CHALLENGE_TRIES);
  if (!open) throw invalid();
  const passkeys = await listPasskeysOfAgent(deps.db, claims.agentId);
  if (passkeys.length === 0) throw new AppError('TWO_FACTOR_NOT_ENABLED', 'You have no passkey: use a code.');
  const options = await (await webauthn()).generateAuthenticationOptions({
    rpID: relyingParty(deps.config).rpID,
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
    userVerification: 'preferred',
  });
  const kept = await keepChallenge(deps, {
    challenge: options.challenge,
    purpose: 'second-factor',
    agentId: claims.agentId,
    twoFactorChallengeId: open.id,
  });
  return { attempt: kept.attempt, expiresAt: kept.expiresAt.toISOString(), options };
}

/**
 * The passkey's answer at the second step, inside completeTwoFactorSignIn's transaction: the kept
 * challenge of this very sign-in (once), and one of this agent's passkeys signing it.
 */
export async function checkPasskeyFactor(
  tx: Deps,
  input: { agentId: string; twoFactorChallengeId: string; factor: PasskeyFactor['passkey'] },
): Promise<PasskeyOutcome> {
  const kept = await spendPasskeyChallenge(tx.db, input.factor.attempt, 'second-factor', tx.clock.now());
  if (!kept || kept.agentId !== input.agentId || kept.twoFactorChallengeId !== input.twoFactorChallengeId) {
    return { ok: false, reason: 'challenge used, expired or of another sign-in' };
  }
  const outcome = await verifyAssertion(tx, {
    response: input.factor.response,
    challenge: kept.challenge,
    agentId: input.agentId,
    requireUserVerification: false,
  });
  if (!outcome.ok) return { ok: false, reason: REASONS[outcome.reason] };
  return { ok: true, method: 'passkey', passkeyId: outcome.passkey.id };
}

export function passkeyRefusal(): AppError {
  return new AppError('PASSKEY_REFUSED', 'That passkey was not accepted. Try again, or use a code.');
}

/** A passkey served as the second factor: the audit log says which. */
export async function recordPasskeyUsed(tx: Deps, actor: AgentActor, passkeyId: string, ip: string) {
  await recordEvent(tx.db, {
    actor,
    at: tx.clock.now(),
    action: 'agent.passkey-used',
    entityType: 'agent',
    entityId: actor.agentId as string,
    data: { passkey: passkeyId, as: 'second-factor', ip },
  });
}
