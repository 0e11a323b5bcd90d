import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { createLogger, scrubUrl } from './log.js';

it('cuts sign-in tokens out of logged URLs', () => {
  expect(scrubUrl('/auth/link?token=pfl_secret&x=1')).toBe('/auth/link?token=[redacted]&x=1');
  expect(scrubUrl('/api/v1/tickets?status=open')).toBe('/api/v1/tickets?status=open');
  // the identity provider's answer: a code (one use, but a credential until then) and the state
  expect(scrubUrl('/auth/oidc/callback?code=abc&state=xyz&iss=https%3A%2F%2Fidp')).toBe(
    '/auth/oidc/callback?code=[redacted]&state=[redacted]&iss=https%3A%2F%2Fidp',
  );
});

it('never writes credentials to the log', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const log = createLogger('info', sink as never);
  log.info(
    { req: { method: 'GET', url: '/auth/link?token=pfl_abc', headers: { authorization: 'Bearer pf_abc' } } },
    'x',
  );
  log.info({ body: { password: 'hunter2hunter2', token: 'pf_abc' } }, 'y');
  const text = lines.join('');
  expect(text).not.toContain('pfl_abc');
  expect(text).not.toContain('pf_abc');
  expect(text).not.toContain('hunter2');
});
