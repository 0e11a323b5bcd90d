import { randomUUID } from 'node:crypto';
import type { RegistrationResponseJSON, VerifiedRegistrationResponse } from '@simplewebauthn/server';
import { recordEvent } from '../../audit/index.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import { hashSecret } from '../../platform/secrets.js';
import { accessChanged } from '../access.js';
import type { Actor } from '../actor.js';
import { commitRefusal } from '../two-factor/check-second-factor.js';
import { ownAgent } from '../two-factor/own-agent.js';
import { findPasskeyByCredentialId, insertPasskey, spendPasskeyChallenge } from './passkey-store.js';
import { presentPasskey } from './present-passkey.js';
import { relyingParty } from './relying-party.js';
import { webauthn } from './webauthn.js';

const invalid = () =>
  new AppError('PASSKEY_CHALLENGE_INVALID', 'This passkey setup has expired or was used: start again.');

/**
 * The second half: the browser's attestation for the kept challenge (this session's, once, unexpired),
 * from the desk's origin and RP ID. The challenge is spent whatever the answer: a failed one starts over.
 */
export async function finishPasskeyRegistration(
  deps: Deps,
  actor: Actor,
  input: { sessionSecret: string | undefined; attempt: string; name: string; response: RegistrationResponseJSON },
) {
  if (!input.sessionSecret) {
    throw new AppError('SESSION_REQUIRED', 'A passkey is added in the browser, signed in: not with an API token.');
  }
  const agent = await ownAgent(deps, actor);
  const sessionHash = hashSecret(input.sessionSecret);
  const { rpID, origin } = relyingParty(deps.config);
  return commitRefusal(deps, async (tx) => {
    const now = tx.clock.now();
    const kept = await spendPasskeyChallenge(tx.db, input.attempt, 'register', now);
    if (!kept || kept.agentId !== agent.id || !kept.sessionHash?.equals(sessionHash)) return invalid();
    let verification: VerifiedRegistrationResponse;
    try {
      verification = await (await webauthn()).verifyRegistrationResponse({
        response: input.response,
        expectedChallenge: kept.challenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        requireUserVerification: false,
      });
    } catch (err) {
      return new AppError('PASSKEY_REFUSED', `The passkey was not accepted: ${(err as Error).message}`);
    }
    if (!verification.verified) return new AppError('PASSKEY_REFUSED', 'The passkey was not accepted.');
    const info = verification.registrationInfo;
    if (await findPasskeyByCredentialId(tx.db, info.credential.id)) {
      return new AppError('ALREADY_EXISTS', 'This passkey is added already.');
    }
    const row = {
      id: randomUUID(),
      agentId: agent.id,
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey),
      counter: info.credential.counter,
      transports: input.response.response.transports ?? [],
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      name: input.name.trim() || 'Passkey',
      createdAt: now,
      lastUsedAt: null,
    };
    await insertPasskey(tx.db, row);
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'agent.passkey-added',
      entityType: 'agent',
      entityId: agent.id,
      data: { passkey: row.id, name: row.name, deviceType: row.deviceType, backedUp: row.backedUp },
    });
    // a session held to setting up a second factor is free now
    await accessChanged(tx, { agentId: agent.id });
    return presentPasskey(row);
  });
}
