import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';
import { AppError } from '../platform/errors.js';

// argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane), computed in WebAssembly:
// the native argon2 addon's prebuilt binary crashed on this platform, and WASM needs no build step.
const PARAMS = { parallelism: 1, iterations: 2, memorySize: 19_456, hashLength: 32 } as const;

export async function hashPassword(password: string): Promise<string> {
  assertPasswordStrength(password);
  return argon2id({ ...PARAMS, password, salt: randomBytes(16), outputType: 'encoded' });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash });
  } catch {
    return false;
  }
}

// verifying against this when the email is unknown keeps sign-in timing the same for every address
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= argon2id({ ...PARAMS, password: 'not-a-real-password', salt: randomBytes(16), outputType: 'encoded' });
  await verifyPassword(await dummyHash, password);
}

export function assertPasswordStrength(password: string): void {
  if (password.length < 12) {
    throw new AppError('VALIDATION_FAILED', 'A password needs at least 12 characters.');
  }
}
