import { argon2id, argon2Verify } from 'hash-wasm';

// Runs on a worker thread (see passwords.ts): argon2id is ~80 ms of CPU in WebAssembly, which on
// the main thread would stall every other request.

export type PasswordTask =
  | { kind: 'hash'; password: string; salt: Uint8Array }
  | { kind: 'verify'; hash: string; password: string };

// OWASP's recommended argon2id parameters: 19 MiB, 2 passes, 1 lane
const PARAMS = { parallelism: 1, iterations: 2, memorySize: 19_456, hashLength: 32 } as const;

export default async function passwordTask(task: PasswordTask): Promise<string | boolean> {
  if (task.kind === 'hash') {
    return argon2id({ ...PARAMS, password: task.password, salt: task.salt, outputType: 'encoded' });
  }
  try {
    return await argon2Verify({ password: task.password, hash: task.hash });
  } catch {
    // a malformed stored hash matches nothing
    return false;
  }
}
