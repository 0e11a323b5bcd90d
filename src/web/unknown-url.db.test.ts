import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';

// An unknown URL typed in a browser shows a page of the desk; the API answers JSON with a code.

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('unknown URLs', () => {
  it('a browser gets an HTML page with status 404, not JSON', async () => {
    const res = await desk.app.inject({ method: 'GET', url: '/no/such/page?x=1', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<!doctype html>/i);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('the API answers a JSON 404 with a stable code', async () => {
    for (const url of ['/api/v1/no-such-thing', '/api', '/hooks/nowhere']) {
      const res = await desk.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toEqual({ error: { code: 'NOT_FOUND', message: `There is no GET ${url}.` } });
    }
  });

  it('the pages the app routes still answer 200', async () => {
    for (const url of ['/', '/oncall', '/tickets/1', '/people/abc', '/notifications']) {
      expect((await desk.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });
});
