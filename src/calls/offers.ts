import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { openClaims, sealClaims } from '../platform/signed-links.js';

// Signed links: an offer of times (a ticket and a call type, until a date) that whoever holds it may
// book from, and a join link that records who came before it sends them to the room. Both are
// stateless (platform/signed-links.ts): the desk key signs them, with their purpose.

const seal = (deps: Deps, purpose: string, claims: object) => sealClaims(deps.secret, purpose, claims);
const open = <T>(deps: Deps, purpose: string, token: string) => openClaims<T>(deps.secret, purpose, token);

export interface OfferClaims {
  /** ticket id */
  t: number;
  /** call type id */
  c: string;
  /** expires, epoch ms */
  e: number;
}

export function offerToken(deps: Deps, ticketId: number, typeId: string, expiresAt: Date): string {
  return seal(deps, 'call-offer', { t: ticketId, c: typeId, e: expiresAt.getTime() } satisfies OfferClaims);
}

export function offerUrl(deps: Deps, token: string): string {
  return `${deps.config.publicUrl}/book/${token}`;
}

/** The offer a link carries, or OFFER_INVALID (forged, damaged or expired: the customer asks for a new one). */
export function readOffer(deps: Deps, token: string): OfferClaims {
  const claims = open<OfferClaims>(deps, 'call-offer', token);
  if (!claims || typeof claims.t !== 'number' || typeof claims.c !== 'string' || typeof claims.e !== 'number') {
    throw new AppError('OFFER_INVALID', 'This booking link is not valid. Ask for a new one on your ticket.');
  }
  if (claims.e <= deps.clock.now().getTime()) {
    throw new AppError('OFFER_INVALID', 'This booking link has expired. Ask for a new one on your ticket.');
  }
  return claims;
}

export type JoinRole = 'customer' | 'host';

export function joinUrl(deps: Deps, callId: string, role: JoinRole): string {
  return `${deps.config.publicUrl}/calls/join/${seal(deps, 'call-join', { k: callId, r: role })}`;
}

export function readJoin(deps: Deps, token: string): { callId: string; role: JoinRole } | undefined {
  const claims = open<{ k: string; r: JoinRole }>(deps, 'call-join', token);
  if (!claims || typeof claims.k !== 'string' || (claims.r !== 'customer' && claims.r !== 'host')) return undefined;
  return { callId: claims.k, role: claims.r };
}

/** A call's iCalendar UID: random, and marked as this desk's so its calendar copy is not read back as busy. */
export function callUid(deps: Deps, random: string): string {
  return `${random}@${deps.secret.instanceId}.pipefitter`;
}

export function isOwnCallUid(deps: Deps, uid: string): boolean {
  return uid.endsWith(`@${deps.secret.instanceId}.pipefitter`);
}
