import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { openClaims, sealClaims } from '../platform/signed-links.js';
import type { CsatRating } from './tables.js';

// A rating link names one solve of one ticket, signed by the desk key: whoever holds it (the
// requester, by mail or in the portal) rates that solve without signing in. How long it works is
// the rating's business (rating-window.ts), read from the row, not carried in the link.

const PURPOSE = 'csat';

interface RatingClaims {
  /** ticket id */
  t: number;
  /** the solve: the ticket's solved_at, epoch ms */
  s: number;
}

export function ratingToken(deps: Deps, solve: { ticketId: number; solvedAt: Date }): string {
  return sealClaims(deps.secret, PURPOSE, { t: solve.ticketId, s: solve.solvedAt.getTime() } satisfies RatingClaims);
}

/** The page a rating link opens; with a rating, the page records it on arrival (one click in the mail). */
export function ratingUrl(deps: Deps, token: string, rating?: CsatRating): string {
  return `${deps.config.publicUrl}/csat/${token}${rating ? `?rating=${rating}` : ''}`;
}

/** The solve a link names, or CSAT_LINK_INVALID (forged or damaged). */
export function readRatingToken(deps: Deps, token: string): { ticketId: number; solvedAt: Date } {
  const claims = openClaims<RatingClaims>(deps.secret, PURPOSE, token);
  if (!claims || !Number.isSafeInteger(claims.t) || !Number.isSafeInteger(claims.s)) {
    throw new AppError('CSAT_LINK_INVALID', 'This rating link is not valid. Rate the ticket from your tickets page.');
  }
  return { ticketId: claims.t, solvedAt: new Date(claims.s) };
}
