import type { AuthenticationResponseJSON, VerifiedAuthenticationResponse } from '@simplewebauthn/server';
import type { Deps } from '../../deps.js';
import { findPasskeyByCredentialId, type PasskeyRow, recordPasskeyUse } from './passkey-store.js';
import { relyingParty } from './relying-party.js';
import { webauthn } from './webauthn.js';

export type AssertionOutcome =
  | { ok: true; passkey: PasskeyRow }
  | { ok: false; reason: 'unknown-passkey' | 'other-agent' | 'invalid' | 'counter-backwards'; passkey?: PasskeyRow };

/**
 * Checks an assertion against the kept challenge: the passkey must be one we know (and, where the
 * agent is known already, theirs), signed over our challenge, from our origin and RP ID, with a
 * counter that moved on. A counter that goes backwards is the sign of a cloned authenticator:
 * refused, as @simplewebauthn/server does, and the caller audits it. Runs in the caller's transaction.
 */
export async function verifyAssertion(
  deps: Deps,
  input: {
    response: AuthenticationResponseJSON;
    challenge: string;
    /** the agent the ceremony is for; unset for a sign-in with the passkey alone */
    agentId?: string | undefined;
    requireUserVerification: boolean;
  },
): Promise<AssertionOutcome> {
  const passkey = await findPasskeyByCredentialId(deps.db, input.response.id);
  if (!passkey) return { ok: false, reason: 'unknown-passkey' };
  if (input.agentId !== undefined && passkey.agentId !== input.agentId) {
    return { ok: false, reason: 'other-agent', passkey };
  }
  // a discoverable credential names its user: it must be the passkey's agent
  const userHandle = input.response.response.userHandle;
  if (userHandle && Buffer.from(userHandle, 'base64url').toString('utf8') !== passkey.agentId) {
    return { ok: false, reason: 'other-agent', passkey };
  }
  const { rpID, origin } = relyingParty(deps.config);
  let verification: VerifiedAuthenticationResponse;
  try {
    verification = await (await webauthn()).verifyAuthenticationResponse({
      response: input.response,
      expectedChallenge: input.challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports as never,
      },
      requireUserVerification: input.requireUserVerification,
    });
  } catch (err) {
    const backwards = err instanceof Error && /counter value .* was lower than expected/i.test(err.message);
    return { ok: false, reason: backwards ? 'counter-backwards' : 'invalid', passkey };
  }
  if (!verification.verified) return { ok: false, reason: 'invalid', passkey };
  const info = verification.authenticationInfo;
  const moved = await recordPasskeyUse(deps.db, passkey, {
    counter: info.newCounter,
    backedUp: info.credentialBackedUp,
    now: deps.clock.now(),
  });
  // another use of this passkey counted first with the same counter: this one is a replay
  if (!moved) return { ok: false, reason: 'counter-backwards', passkey };
  return { ok: true, passkey };
}

export const REASONS: Record<Exclude<AssertionOutcome, { ok: true }>['reason'], string> = {
  'unknown-passkey': 'unknown or removed passkey',
  'other-agent': "another agent's passkey",
  invalid: 'assertion did not verify',
  'counter-backwards': 'signature counter went backwards (cloned authenticator?)',
};
