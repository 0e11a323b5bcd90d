// Tests speak to real components: ../shared's fixtures, Dovecot, Chromium, PostgreSQL. On a
// developer's machine a missing one skips its tests with the reason printed; in CI (CI=true)
// nothing may be skipped that way, so a missing component fails the run instead.

export const inCi = (env: Record<string, string | undefined> = process.env) => /^(1|true)$/i.test(env.CI ?? '');

/** True when the tests that need it should be skipped; throws in CI. */
export function missingComponent(what: string, reason: string | undefined, env = process.env): boolean {
  if (reason === undefined) return false;
  if (inCi(env)) throw new Error(`CI needs ${what}, and it is missing: ${reason}`);
  process.stderr.write(`${what} tests skipped: ${reason}\n`);
  return true;
}
