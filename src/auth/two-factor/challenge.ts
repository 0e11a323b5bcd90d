import { randomUUID } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { MINUTE_MS } from '../../platform/clock.js';
import { openClaims, sealClaims } from '../../platform/signed-links.js';
import { insertChallenge } from './two-factor-store.js';

// After the right password, an agent with two-factor sign-in gets a challenge instead of a session:
// a token signed by the desk key, bound to the agent, good for five minutes and a few wrong codes,
// and spent by the first right one (its row says so). A new sign-in with the password is the only
// way to get another.

export const CHALLENGE_MINUTES = 5;
/** wrong codes one challenge takes before the password is needed again */
export const CHALLENGE_TRIES = 5;
const PURPOSE = 'two-factor-challenge';

export type SecondFactorMethod = 'totp' | 'recovery' | 'passkey';

export interface TwoFactorChallenge {
  challenge: string;
  methods: SecondFactorMethod[];
  expiresAt: string;
}

interface Claims {
  /** the challenge's row */
  c: string;
  /** the agent */
  a: string;
  /** expiry, ms since the epoch */
  e: number;
}

export async function issueChallenge(
  deps: Deps,
  agentId: string,
  methods: SecondFactorMethod[] = ['totp', 'recovery'],
): Promise<TwoFactorChallenge> {
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + CHALLENGE_MINUTES * MINUTE_MS);
  const id = randomUUID();
  await insertChallenge(deps.db, { id, agentId, createdAt: now, expiresAt });
  const claims: Claims = { c: id, a: agentId, e: expiresAt.getTime() };
  return {
    challenge: sealClaims(deps.secret, PURPOSE, claims),
    methods,
    expiresAt: expiresAt.toISOString(),
  };
}

/** The challenge's row id and agent, when the token is ours, whole and not expired. */
export function readChallenge(deps: Deps, token: string): { challengeId: string; agentId: string } | undefined {
  const claims = openClaims<Claims>(deps.secret, PURPOSE, token);
  if (!claims || typeof claims.c !== 'string' || typeof claims.a !== 'string' || typeof claims.e !== 'number') {
    return undefined;
  }
  if (claims.e <= deps.clock.now().getTime()) return undefined;
  return { challengeId: claims.c, agentId: claims.a };
}
