import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { contentDisposition } from '../platform/http/content-disposition.js';
import { ErrorSchema, errorResponses } from '../platform/http/schemas.js';
import { addRawBundle, attachUpload } from './add-bundle.js';
import { deleteBundle } from './delete-bundle.js';
import { bundleLimits, downloadBundle, getBundle, listBundles } from './get-bundle.js';
import {
  AttachUpload,
  Bundle,
  BundleLimits,
  BundleList,
  BundleParams,
  RawBundleQuery,
  TicketParams,
} from './schemas.js';
import { ownerOf } from './upload-server.js';

const RAW_TYPES = ['application/gzip', 'application/x-gzip', 'application/x-tar', 'application/octet-stream'];
const bundleErrors = { ...errorResponses, 413: ErrorSchema, 415: ErrorSchema, 422: ErrorSchema, 507: ErrorSchema };

export function bundleRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['bundles'];

  app.register(async (scope) => {
    // raw bundles stream through untouched (no body limit here: the storage counts the bytes and stops at the cap);
    // octet-stream is the inbound mail route's buffer elsewhere, a stream in this scope
    scope.removeContentTypeParser('application/octet-stream');
    scope.addContentTypeParser(RAW_TYPES, (_request, payload, done) => done(null, payload));
    const api = scope.withTypeProvider<TypeBoxTypeProvider>();

    api.post(
      '/api/v1/tickets/:number/bundles',
      {
        // per person, like the uploads: customers behind one NAT do not share it, one token cannot spread out
        config: {
          rateLimit: {
            max: 30,
            timeWindow: 60_000,
            hook: 'preHandler' as const,
            keyGenerator: (request: FastifyRequest) => `bundles:${ownerOf(request.actor)}`,
          },
        },
        schema: {
          tags,
          summary: 'Adds a log bundle to a ticket: a finished resumable upload, or a raw body (< 100 MB)',
          description:
            'JSON `{"uploadId"}` claims a finished tus upload (/api/v1/uploads). A raw body with Content-Type application/gzip, application/x-tar or application/octet-stream and `?filename=` is streamed into the storage (scripts, `pipefitter bundle add`). Zip archives and programs are refused (415); the analysis runs in the background.',
          params: TicketParams,
          querystring: Type.Partial(RawBundleQuery),
          response: { 201: Bundle, ...bundleErrors },
        },
      },
      async (request, reply) => {
        const { body, actor } = request;
        const number = request.params.number;
        if (body instanceof Readable) {
          const filename = request.query.filename;
          if (!filename)
            throw new AppError('VALIDATION_FAILED', 'A raw bundle needs ?filename= (e.g. gitlabsos.tar.gz).');
          const length = Number(request.headers['content-length']);
          const created = await addRawBundle(deps, actor, number, {
            filename,
            contentType: request.headers['content-type']?.split(';')[0]?.trim() ?? 'application/octet-stream',
            contentLength: Number.isFinite(length) ? length : undefined,
            body,
          });
          return reply.status(201).send(created);
        }
        if (!Value.Check(AttachUpload, body)) {
          throw new AppError(
            'VALIDATION_FAILED',
            'Send {"uploadId": "…"} for a finished upload, or the bundle itself as application/gzip, application/x-tar or application/octet-stream with ?filename=.',
          );
        }
        return reply.status(201).send(await attachUpload(deps, actor, number, body.uploadId));
      },
    );
  });

  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/api/v1/tickets/:number/bundles',
    {
      schema: {
        tags,
        summary: 'A ticket’s log bundles, newest first (customers: state and size, no findings)',
        params: TicketParams,
        response: { 200: BundleList, ...errorResponses },
      },
    },
    async (request) => listBundles(deps, request.actor, request.params.number),
  );
  api.get(
    '/api/v1/bundles/:id',
    {
      schema: {
        tags,
        summary: 'A bundle and its analysis (the analysis: agents only)',
        params: BundleParams,
        response: { 200: Bundle, ...errorResponses },
      },
    },
    async (request) => getBundle(deps, request.actor, request.params.id),
  );
  api.get(
    '/api/v1/bundles/:id/file',
    {
      schema: {
        tags,
        summary: 'Downloads a bundle as it was uploaded (agents, and the ticket’s contacts)',
        description:
          'With a virus scan configured, 409 BUNDLE_NOT_READY until the scan has passed (`downloadable` on the bundle says when); a bundle the scan refused has no file any more.',
        params: BundleParams,
        response: {
          200: Type.Unknown({ description: 'the bundle’s bytes (application/octet-stream)' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const file = await downloadBundle(deps, request.actor, request.params.id);
      return (
        reply
          .header('content-disposition', contentDisposition(file.filename))
          .header('content-length', String(file.size))
          .header('x-content-type-options', 'nosniff')
          // always bytes to save, never something a browser would render
          .type('application/octet-stream')
          .send(file.stream)
      );
    },
  );
  api.delete(
    '/api/v1/bundles/:id',
    {
      schema: {
        tags,
        summary: 'Deletes a bundle: its file and its results (agents, and the contact who uploaded it)',
        params: BundleParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteBundle(deps, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
  api.get(
    '/api/v1/bundle-limits',
    {
      schema: {
        tags,
        summary: 'How large a bundle may be, how long it is kept, what the analysis reads',
        response: { 200: BundleLimits, ...errorResponses },
      },
    },
    async (request) => bundleLimits(deps, request.actor),
  );
}
