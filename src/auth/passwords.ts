import argon2 from 'argon2';
import { AppError } from '../platform/errors.js';

// argon2id with the library's defaults (m=64 MiB, t=3, p=4), the OWASP-recommended family.
export async function hashPassword(password: string): Promise<string> {
  assertPasswordStrength(password);
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// verifying against this when the email is unknown keeps sign-in timing the same for every address
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= argon2.hash('not-a-real-password', { type: argon2.argon2id });
  await verifyPassword(await dummyHash, password);
}

export function assertPasswordStrength(password: string): void {
  if (password.length < 12) {
    throw new AppError('VALIDATION_FAILED', 'A password needs at least 12 characters.');
  }
}
