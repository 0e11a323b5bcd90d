import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { errorResponses } from '../platform/http/schemas.js';
import { closeRenderThreads, messageHtmlOf } from './message-body.js';

/** The composer's preview: the same renderer and sanitizer the message will go through. */
export function previewRoutes(app: FastifyInstance, _deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onClose', closeRenderThreads);
  api.post(
    '/api/v1/messages/preview',
    {
      // a preview is asked for as the agent types: generous, but a loop cannot pin a core
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['tickets'],
        summary: 'Renders Markdown as a message would show it (safe HTML); agents',
        body: Type.Object(
          { body: Type.String({ maxLength: 200_000 }), format: Type.Optional(Type.Enum(['markdown'])) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ html: Type.String() }), ...errorResponses },
      },
    },
    async (request) => {
      requireAgent(request.actor);
      return { html: await messageHtmlOf({ body: request.body.body, format: 'markdown' }) };
    },
  );
}
