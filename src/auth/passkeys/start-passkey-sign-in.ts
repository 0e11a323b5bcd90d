import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { Deps } from '../../deps.js';
import { keepChallenge, relyingParty } from './relying-party.js';
import { webauthn } from './webauthn.js';

export interface PasskeyCeremony {
  /** send back with the browser's answer */
  attempt: string;
  expiresAt: string;
  options: PublicKeyCredentialRequestOptionsJSON;
}

/**
 * Signing in with a passkey alone: no email first, the browser offers the passkeys it has for the
 * desk (discoverable credentials). The passkey must verify its user (a PIN, a fingerprint), so it is
 * both factors at once.
 */
export async function startPasskeySignIn(deps: Deps): Promise<PasskeyCeremony> {
  const { rpID } = relyingParty(deps.config);
  const options = await (await webauthn()).generateAuthenticationOptions({ rpID, userVerification: 'required' });
  const kept = await keepChallenge(deps, { challenge: options.challenge, purpose: 'sign-in' });
  return { attempt: kept.attempt, expiresAt: kept.expiresAt.toISOString(), options };
}
