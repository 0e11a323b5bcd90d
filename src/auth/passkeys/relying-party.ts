import { randomUUID } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Deps } from '../../deps.js';
import { MINUTE_MS } from '../../platform/clock.js';
import { insertPasskeyChallenge } from './passkey-store.js';
import type { PasskeyPurpose } from './tables.js';

// The desk is the relying party: its RP ID is PUBLIC_URL's host name and the only origin it accepts
// is PUBLIC_URL's (a passkey made for one desk address does not work at another). WebAuthn needs a
// secure context: https, or http://localhost (not 127.0.0.1: an RP ID is a domain).

export const RP_NAME = 'Pipefitter';
const CEREMONY_MINUTES = 5;

export interface RelyingParty {
  rpID: string;
  origin: string;
}

export function relyingParty(config: Pick<Config, 'publicUrl'>): RelyingParty {
  const url = new URL(config.publicUrl);
  return { rpID: url.hostname, origin: url.origin };
}

/** A ceremony's challenge, kept server-side; its id is what the client sends back with the answer. */
export async function keepChallenge(
  deps: Deps,
  values: {
    challenge: string;
    purpose: PasskeyPurpose;
    agentId?: string;
    sessionHash?: Buffer;
    twoFactorChallengeId?: string;
  },
): Promise<{ attempt: string; expiresAt: Date }> {
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + CEREMONY_MINUTES * MINUTE_MS);
  const id = randomUUID();
  await insertPasskeyChallenge(deps.db, {
    id,
    challenge: values.challenge,
    purpose: values.purpose,
    agentId: values.agentId ?? null,
    sessionHash: values.sessionHash ?? null,
    twoFactorChallengeId: values.twoFactorChallengeId ?? null,
    createdAt: now,
    expiresAt,
  });
  return { attempt: id, expiresAt };
}
