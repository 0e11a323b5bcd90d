import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import type { Deps } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import { hashSecret } from '../../platform/secrets.js';
import type { Actor } from '../actor.js';
import { findSessionByHash } from '../auth-store.js';
import { changeWithProof, ownAgent, type Proof } from '../two-factor/own-agent.js';
import { findTwoFactor } from '../two-factor/two-factor-store.js';
import { listPasskeysOfAgent } from './passkey-store.js';
import { keepChallenge, RP_NAME, relyingParty } from './relying-party.js';
import { webauthn } from './webauthn.js';

export interface RegistrationStart {
  /** send back with the browser's answer (POST /api/v1/me/passkeys) */
  attempt: string;
  expiresAt: string;
  options: PublicKeyCredentialCreationOptionsJSON;
}

/**
 * The first half of adding a passkey: the agent proves it is them again (the password, or a current
 * code: a session left open on someone's desk must not be enough to add a way in), and gets the
 * options for navigator.credentials.create, whose challenge is kept for this session only.
 */
export async function startPasskeyRegistration(
  deps: Deps,
  actor: Actor,
  input: { sessionSecret: string | undefined; proof: Proof },
): Promise<RegistrationStart> {
  if (!input.sessionSecret) {
    throw new AppError('SESSION_REQUIRED', 'A passkey is added in the browser, signed in: not with an API token.');
  }
  const sessionHash = hashSecret(input.sessionSecret);
  const agent = await ownAgent(deps, actor);
  const start = async (tx: Deps): Promise<RegistrationStart> => {
    const { rpID } = relyingParty(tx.config);
    const existing = await listPasskeysOfAgent(tx.db, agent.id);
    const options = await (await webauthn()).generateRegistrationOptions({
      rpName: RP_NAME,
      rpID,
      userName: agent.email,
      userDisplayName: agent.name,
      // the user handle a discoverable passkey gives back at sign-in: the agent's id, nothing personal
      userID: new Uint8Array(Buffer.from(agent.id, 'utf8')),
      attestationType: 'none',
      // one passkey per authenticator: the browser says so rather than making a second
      excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    });
    const kept = await keepChallenge(tx, {
      challenge: options.challenge,
      purpose: 'register',
      agentId: agent.id,
      sessionHash,
    });
    return { attempt: kept.attempt, expiresAt: kept.expiresAt.toISOString(), options };
  };
  // a code proves it is them only from an authenticator older than this session: one the session
  // set up itself (as someone holding an agent's open browser could) would let a session alone
  // add a passkey, a way in that outlives it
  const codeFromBeforeThisSession = async () => {
    const [session, twoFactor] = await Promise.all([
      findSessionByHash(deps.db, sessionHash),
      findTwoFactor(deps.db, agent.id),
    ]);
    if (session && twoFactor?.enabledAt && twoFactor.enabledAt >= session.createdAt) {
      throw new AppError(
        'SIGN_IN_FAILED',
        'The authenticator was set up in this session: sign out and in again with it, then add the passkey.',
      );
    }
  };
  return changeWithProof(deps, actor, agent, input.proof, start, codeFromBeforeThisSession);
}
