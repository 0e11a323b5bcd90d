import type { FastifyError, FastifyInstance } from 'fastify';
import { isDatabaseUnavailable, isDiskFull } from '../db.js';
import { ERROR_STATUS, type ErrorCode, isAppError } from '../errors.js';

// Every error leaves as {"error":{"code","message"}} with a stable code; 5xx details stay in the log.

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: { code, message, ...(details !== undefined ? { details } : {}) } };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (isAppError(err)) {
      if (err.status >= 500) request.log.error({ err }, 'request failed');
      return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    }
    if (err.validation) {
      const first = err.validation[0];
      const where = `${err.validationContext ?? 'request'}${first?.instancePath ?? ''}`;
      const extra =
        first?.keyword === 'additionalProperties'
          ? ` (unknown field "${(first.params as { additionalProperty?: string }).additionalProperty}")`
          : first?.keyword === 'enum'
            ? ` (one of ${((first.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')})`
            : '';
      return reply
        .status(400)
        .send(errorBody('VALIDATION_FAILED', `${where} ${first?.message ?? 'is invalid'}${extra}`));
    }
    const status = err.statusCode ?? 500;
    if (status < 500) {
      const code = BY_STATUS[status] ?? 'VALIDATION_FAILED';
      const message =
        err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError
          ? 'The body is not valid JSON.'
          : err.message;
      return reply.status(ERROR_STATUS[code] === status ? status : ERROR_STATUS[code]).send(errorBody(code, message));
    }
    // the database gone for a moment (restart, failover) or out of disk: a retryable answer, not a 500
    if (isDatabaseUnavailable(err)) {
      request.log.warn({ err }, 'request refused: the database is unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send(
          errorBody('DATABASE_UNAVAILABLE', 'The database is unavailable for a moment; try again in a few seconds.'),
        );
    }
    if (isDiskFull(err)) {
      request.log.error({ err }, 'request refused: the disk is full');
      return reply
        .status(507)
        .send(
          errorBody(
            'STORAGE_FULL',
            'The desk’s disk is full, so nothing new can be stored; an admin must free space. Reading still works.',
          ),
        );
    }
    request.log.error({ err }, 'request failed');
    return reply
      .status(500)
      .send(errorBody('INTERNAL', `Something went wrong on our side; it is in our log as request ${request.id}.`));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody('NOT_FOUND', `There is no ${request.method} ${request.url.split('?')[0]}.`));
  });
}
