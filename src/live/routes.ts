import type { ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Actor } from '../auth/actor.js';
import { requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { findAgentById } from '../people/index.js';
import { errorResponses } from '../platform/http/schemas.js';
import { getTicket } from '../tickets/get-ticket.js';
import { subscribeLive } from './hub.js';
import { type LiveEvent, notifyLive } from './publish.js';

/** What this viewer may hear: agents hear everything; a contact only the tickets they may see. */
function audible(actor: Actor, event: LiveEvent): boolean {
  if (actor.kind !== 'contact') return true;
  if (event.kind !== 'ticket' || event.internal) return false;
  return (
    event.requesterId === actor.contactId ||
    (actor.shareTickets && event.organizationId !== null && event.organizationId === actor.organizationId)
  );
}

export function liveRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  // open streams end when the server closes, or it would wait for browsers to hang up
  const streams = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });

  api.get(
    '/api/v1/stream',
    {
      schema: {
        tags: ['live'],
        summary: 'Server-sent events: a ticket changed (ticket), someone is replying (presence)',
        description:
          'text/event-stream. Each event names the ticket; the client fetches what it shows. Contacts hear only their own tickets.',
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write('retry: 3000\n\n');
      streams.add(raw);
      const unsubscribe = await subscribeLive(deps, (event) => {
        if (!audible(actor, event)) return;
        const data =
          event.kind === 'ticket'
            ? { ticket: event.ticket, change: event.change }
            : { ticket: event.ticket, agentId: event.agentId, name: event.name, activity: event.activity };
        raw.write(`event: ${event.kind}\ndata: ${JSON.stringify(data)}\n\n`);
      });
      // proxies close quiet connections; a comment line keeps it open
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), 25_000);
      heartbeat.unref();
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(raw);
      });
    },
  );

  api.post(
    '/api/v1/tickets/:number/presence',
    {
      schema: {
        tags: ['live'],
        summary: 'Tells the other agents on this ticket that you are writing a reply (send every few seconds)',
        params: Type.Object({ number: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ activity: Type.Literal('replying') }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errorResponses },
      },
      config: { rateLimit: { max: 60, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const agent = requireAgent(request.actor);
      await getTicket(deps, request.actor, request.params.number);
      const name = agent.agentId ? ((await findAgentById(deps.db, agent.agentId))?.name ?? agent.name) : agent.name;
      await notifyLive(deps, {
        kind: 'presence',
        desk: deps.secret.instanceId,
        ticket: request.params.number,
        agentId: agent.agentId ?? 'token',
        name,
        activity: request.body.activity,
      });
      return reply.status(204).send(null);
    },
  );
}
