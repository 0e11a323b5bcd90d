import { Secret, TOTP } from 'otpauth';

// Time-based one-time passwords (RFC 6238) as every authenticator app speaks them: HMAC-SHA1, six
// digits, a 30-second step. A code is accepted one step either side (a phone's clock a little off),
// and only for a later step than the last one accepted: a code seen over someone's shoulder, or
// replayed from a log, is refused.

export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_WINDOW = 1;
const ISSUER = 'Pipefitter';

/** Every code the desk makes or checks goes through this one configuration. */
export function totpFor(secret: Secret, options: { digits?: number; label?: string } = {}): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: options.label ?? ISSUER,
    secret,
    algorithm: 'SHA1',
    digits: options.digits ?? TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
}

/** A new secret: 20 random bytes (RFC 4226's recommended length), in base32 for manual entry. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, label: string): string {
  return totpFor(Secret.fromBase32(secretBase32), { label }).toString();
}

/** The code for the instant `at` (tests, and the RFC's vectors with 8 digits). */
export function codeAt(secret: Secret | string, at: Date, digits = TOTP_DIGITS): string {
  const key = typeof secret === 'string' ? Secret.fromBase32(secret) : secret;
  return totpFor(key, { digits }).generate({ timestamp: at.getTime() });
}

/** The time step an instant falls in. */
export function stepAt(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export type CodeCheck = { ok: true; step: number } | { ok: false; reason: 'wrong' | 'replayed' };

/**
 * Whether `code` is right at `at` (one step either side), and of a later step than `lastStep`, the
 * last one accepted for this secret. The caller stores the returned step before it trusts the code.
 */
export function checkCode(input: {
  secret: Secret | string;
  code: string;
  at: Date;
  lastStep: number | null;
  digits?: number;
}): CodeCheck {
  const digits = input.digits ?? TOTP_DIGITS;
  const token = input.code.replace(/\s+/g, '');
  if (token.length !== digits || !/^\d+$/.test(token)) return { ok: false, reason: 'wrong' };
  const key = typeof input.secret === 'string' ? Secret.fromBase32(input.secret) : input.secret;
  const totp = totpFor(key, { digits });
  const delta = totp.validate({ token, timestamp: input.at.getTime(), window: TOTP_WINDOW });
  if (delta === null) return { ok: false, reason: 'wrong' };
  const step = stepAt(input.at) + delta;
  if (input.lastStep !== null && step <= input.lastStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step };
}
