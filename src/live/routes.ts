import type { ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { concerns, forgetAccess } from '../auth/access.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { reauthenticate } from '../auth/http-auth.js';
import type { Deps } from '../deps.js';
import { findAgentById } from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { errorResponses } from '../platform/http/schemas.js';
import { getTicket } from '../tickets/get-ticket.js';
import { canSee, canSeeTicket, visibilityOf } from '../tickets/visibility.js';
import { subscribeLive } from './hub.js';
import { type LiveEvent, notifyLive } from './publish.js';

/** a stream checks its credential this often, besides at once when someone's access changes */
const RECHECK_MS = 5_000;
/** open streams per person in this process: a browser tab holds one */
const STREAMS_PER_PERSON = 5;

/** What this viewer may hear: agents hear everything; a contact what the tickets' visibility rule lets them see. */
async function audible(deps: Deps, actor: Actor, event: LiveEvent): Promise<boolean> {
  if (event.kind === 'access') return false;
  if (actor.kind !== 'contact') return true;
  if (event.kind !== 'ticket' || event.internal) return false;
  return canSee(visibilityOf(actor), event) ?? (await canSeeTicket(deps, actor, event.ticket));
}

function personOf(actor: Actor): string {
  if (actor.kind === 'contact') return `contact:${actor.contactId}`;
  if (actor.kind === 'agent') return actor.agentId ? `agent:${actor.agentId}` : `token:${actor.tokenId}`;
  return 'system';
}

export function liveRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  // open streams end when the server closes, or it would wait for browsers to hang up
  const streams = new Set<ServerResponse>();
  const streamsOf = new Map<string, Set<ServerResponse>>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });

  api.get(
    '/api/v1/stream',
    {
      schema: {
        tags: ['live'],
        summary:
          'Server-sent events: listening from now on (ready), a ticket changed (ticket), someone is replying (presence), you have a new notification (notification)',
        description: `text/event-stream. Each event names the ticket; the client fetches what it shows. Contacts hear only the tickets they may see. The stream ends when its session or token does; at most ${STREAMS_PER_PERSON} open streams per person (429 TOO_MANY_STREAMS).`,
      },
    },
    async (request, reply) => {
      let actor = request.actor;
      const person = personOf(actor);
      const mine = streamsOf.get(person) ?? new Set<ServerResponse>();
      // refused rather than closing the oldest: EventSource reconnects, so tabs would take turns
      // closing each other; a 429 stops the newest tab's EventSource for good
      if (mine.size >= STREAMS_PER_PERSON) {
        throw new AppError(
          'TOO_MANY_STREAMS',
          `At most ${STREAMS_PER_PERSON} live streams at once; close another tab.`,
        );
      }
      const recheck = reauthenticate(deps, request);
      reply.hijack();
      const raw = reply.raw;
      mine.add(raw);
      streamsOf.set(person, mine);
      streams.add(raw);
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write('retry: 3000\n\n');

      let ended = false;
      let unsubscribe: (() => void) | undefined;
      const timers: NodeJS.Timeout[] = [];
      const cleanUp = () => {
        if (ended) return;
        ended = true;
        for (const timer of timers) clearInterval(timer);
        unsubscribe?.();
        streams.delete(raw);
        mine.delete(raw);
        if (mine.size === 0 && streamsOf.get(person) === mine) streamsOf.delete(person);
      };
      const end = () => {
        cleanUp();
        raw.end();
      };
      request.raw.on('close', cleanUp);
      raw.on('close', cleanUp);

      const check = async () => {
        try {
          // the actor again, with the organization and sharing they have now
          actor = await recheck();
        } catch {
          end();
        }
      };
      const deliver = async (event: LiveEvent) => {
        if (ended) return;
        if (event.kind === 'access') {
          if (!concerns(actor, event)) return;
          // another process may have made the change: forget what this one cached
          forgetAccess(event);
          return check();
        }
        if (event.kind === 'notification') {
          // only to the agent it is for; the browser fetches the count
          if (actor.kind === 'agent' && actor.agentId === event.agentId) raw.write('event: notification\ndata: {}\n\n');
          return;
        }
        if (!(await audible(deps, actor, event))) return;
        const data =
          event.kind === 'ticket'
            ? { ticket: event.ticket, change: event.change }
            : { ticket: event.ticket, agentId: event.agentId, name: event.name, activity: event.activity };
        raw.write(`event: ${event.kind}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      // one event after another, so whatever follows an access change is judged by the new rule
      let queue = Promise.resolve();
      const later = (step: () => Promise<void>) => {
        queue = queue.then(step).catch(end);
      };
      const stop = await subscribeLive(deps, (event) => later(() => deliver(event)));
      if (ended) return stop(); // the client left while we subscribed
      unsubscribe = stop;
      // from here on every change is heard: the browser (and tests) know the stream is live
      raw.write('event: ready\ndata: {}\n\n');
      // a session or token can also just expire, which nobody announces
      timers.push(setInterval(() => later(check), RECHECK_MS));
      // proxies close quiet connections; a comment line keeps it open
      timers.push(setInterval(() => raw.write(': keep-alive\n\n'), 25_000));
      for (const timer of timers) timer.unref();
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
