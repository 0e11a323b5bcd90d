import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.js';

// The web app (web/, built by Vite into dist/web) is served by the desk itself: hashed assets
// cached for good, and index.html for every page the app routes (/, /tickets/…, /portal/…), so a
// link or a reload lands on the right page. Any other URL a browser asks for gets the app too, with
// status 404: the app says there is no such page, with the desk around it. The API keeps its JSON 404s.

/** dist/web from the compiled server (dist/src/web) or from the sources run by tsx (src/web). */
export function findWebRoot(): string | undefined {
  const here = import.meta.dirname;
  return [path.resolve(here, '../../web'), path.resolve(here, '../../dist/web')].find((dir) =>
    fs.existsSync(path.join(dir, 'assets')),
  );
}

// scripts only from the desk itself: a script that slipped into mail HTML would not run
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>Pipefitter</title><h1>Pipefitter</h1><p>The desk is running, but its web app is not built: run <code>npm run build</code>. The API is described at <a href="/api/openapi.json">/api/openapi.json</a>.</p>';

export async function registerWebApp(app: FastifyInstance): Promise<{ sendPage(reply: FastifyReply): FastifyReply }> {
  const root = findWebRoot();
  const sendPage = (reply: FastifyReply) => {
    reply.header('content-security-policy', CSP).header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin').header('cache-control', 'no-cache');
    if (!root) return reply.type('text/html').send(NOT_BUILT);
    return reply.type('text/html').sendFile('index.html', root);
  };
  if (root) await app.register(fastifyStatic, { root, serve: false });

  const page = { config: { public: true }, schema: { hide: true } };
  for (const url of [
    '/',
    '/portal',
    '/portal/*',
    '/views/*',
    '/tickets/*',
    '/search',
    '/coverage',
    '/oncall',
    '/macros',
    '/notifications',
    '/people/*',
    '/organizations/*',
    '/admin/*',
    '/auth/link',
    '/auth/reset',
    '/account',
    '/book/*',
    '/csat/*',
    '/calls',
  ]) {
    app.get(url, page, async (_request, reply) => sendPage(reply));
  }
  // anything else: the API's unknown paths answer JSON; a browser gets the app, which says there
  // is no such page (status 404, so crawlers and scripts know)
  app.get('/*', page, async (request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (/^\/(api|hooks)(\/|$)/.test(url)) throw new AppError('NOT_FOUND', `There is no GET ${url}.`);
    return sendPage(reply.status(404));
  });
  app.get('/assets/*', page, async (request: FastifyRequest<{ Params: { '*': string } }>, reply) => {
    if (!root) return reply.status(404).send();
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    return reply.sendFile(path.posix.join('assets', request.params['*']), root);
  });
  return { sendPage };
}
