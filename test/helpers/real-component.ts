import net from 'node:net';
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

/** A loopback port nobody listens on now, for a server a test starts. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
