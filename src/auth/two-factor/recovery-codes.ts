import { randomInt } from 'node:crypto';
import { hashSecret } from '../../platform/secrets.js';

// Recovery codes: for the day the phone is lost. Ten, shown once; each 12 characters from an
// alphabet without look-alikes (no i, l, o, 0, 1), about 59 bits: a plain SHA-256 stores them, as it
// does other random secrets, and the few tries a sign-in allows could never guess one.

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from({ length: GROUPS }, () =>
      Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
    ).join('-'),
  );
}

/** As typed: any case, with or without the dashes and spaces. */
export function recoveryCodeHash(code: string): Buffer {
  return hashSecret(code.toLowerCase().replace(/[^a-z0-9]/g, ''));
}
