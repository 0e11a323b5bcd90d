import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiTypesFile, renderApiTypes } from '../../scripts/api-types.js';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

it('the OpenAPI document describes the paths integrations rely on', async () => {
  const res = await desk.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  const spec = res.json();
  expect(spec.openapi).toBe('3.1.0');
  const paths = Object.fromEntries(
    Object.entries(spec.paths as Record<string, Record<string, unknown>>).map(([p, m]) => [p, Object.keys(m).sort()]),
  );
  expect(paths).toMatchObject({
    '/api/v1/organizations': ['get', 'post'],
    '/api/v1/contacts': ['get', 'post'],
    '/api/v1/agents': ['get', 'post'],
    '/api/v1/tokens': ['get', 'post'],
    '/api/v1/tokens/{id}': ['delete'],
    '/api/v1/tickets': ['get', 'post'],
    '/api/v1/tickets/{number}': ['get', 'patch'],
    '/api/v1/tickets/{number}/messages': ['get', 'post'],
    '/api/v1/tickets/{number}/events': ['get'],
    '/api/v1/search': ['get'],
  });
  const create = spec.paths['/api/v1/tickets'].post;
  expect(Object.keys(create.requestBody.content['application/json'].schema.properties)).toEqual(
    expect.arrayContaining(['subject', 'body', 'requesterEmail', 'priority', 'tags']),
  );
  expect(create.responses['400']).toBeDefined();
  expect(spec.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer' });
});

it('the web app’s types are the ones the OpenAPI document describes today', async () => {
  const generated = await renderApiTypes(desk.app.swagger());
  expect(
    fs.readFileSync(apiTypesFile, 'utf8'),
    'web/src/shared/openapi.d.ts is stale: run `npm run api-types` and commit it',
  ).toBe(generated);
});

it('health answers without credentials', async () => {
  const res = await desk.app.inject({ method: 'GET', url: '/healthz' });
  expect(res.json()).toMatchObject({ status: 'ok' });
});
