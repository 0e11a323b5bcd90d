import type { Deps } from '../deps.js';
import { AppError, storableError } from '../platform/errors.js';
import { type ForgeConfig, ForgeHttpError } from './forge.js';
import { MAX_RESPONSE_BYTES } from './http.js';

/**
 * A forge call that failed, as the API caller hears it: FORGE_UNREACHABLE and a short message in
 * our words. What the forge itself answered may hold anything (a stack trace, internal hosts, the
 * token echoed back), so it goes to the debug log only, with secrets already cut out.
 */
export function forgeFailure(deps: Pick<Deps, 'log'>, forge: Pick<ForgeConfig, 'baseUrl'>, err: unknown): AppError {
  const host = new URL(forge.baseUrl).host;
  if (!(err instanceof ForgeHttpError)) {
    deps.log.debug({ forge: host, err: storableError(err, 500) }, 'forge call failed');
    return new AppError('FORGE_UNREACHABLE', `Could not reach ${host}, or it answered something the desk cannot read.`);
  }
  deps.log.debug({ forge: host, status: err.status, reason: err.reason, detail: err.detail }, 'forge call failed');
  switch (err.reason) {
    case 'redirect':
      return new AppError(
        'FORGE_UNREACHABLE',
        `${host} redirected the desk to another site; the desk does not follow, as its token would go along.`,
      );
    case 'too-large':
      return new AppError(
        'FORGE_UNREACHABLE',
        `${host} sent an answer too large to read (over ${MAX_RESPONSE_BYTES / 1024 / 1024} MB).`,
      );
    case 'not-json':
      return new AppError('FORGE_UNREACHABLE', `${host} answered with something that is not JSON.`);
    case 'graphql':
      return new AppError('FORGE_UNREACHABLE', `${host} could not answer the desk's GraphQL query.`);
    case 'rate-limited':
      return new AppError(
        'FORGE_UNREACHABLE',
        `${host} is rate limiting the desk; try again in ${err.retryAfterSeconds ?? 60} s.`,
      );
    default:
      if (err.status === 401 || err.status === 403) {
        return new AppError(
          'FORGE_UNREACHABLE',
          `${host} refused the desk's token (${err.status}); check the forge's token.`,
        );
      }
      return new AppError('FORGE_UNREACHABLE', `${host} answered ${err.status}.`);
  }
}
