import { expect, it } from 'vitest';
import { redactForPublicIssue } from './redact.js';

it('strips addresses, hosts, IPs and secrets, and says what it removed', () => {
  const input = [
    'Customer lena@acme.example sees 502s on db-primary.acme.internal (10.20.30.40) and 2001:db8::1:2:3.',
    'Their token glpat-AbCdEfGhIjKlMnOpQrSt12 and password=hunter2hunter2 were in the log.',
    'See https://grafana.acme.example/d/abc and https://gitlab.com/gitlab-org/gitlab/-/issues/1.',
    'Sidekiq 7.2 in config/sidekiq.yml, time 10:30:00, version 17.3.1.',
  ].join('\n');
  const { text, removed } = redactForPublicIssue(input, ['gitlab.com']);
  expect(text).not.toMatch(/lena@|acme\.internal|10\.20\.30\.40|glpat-|hunter2|grafana\.acme/);
  expect(text).toContain('https://gitlab.com/gitlab-org/gitlab/-/issues/1'); // the forge itself may stay
  expect(text).toContain('config/sidekiq.yml'); // file names are not hosts
  expect(text).toContain('10:30:00');
  expect(text).toContain('17.3.1');
  expect(removed).toEqual(
    expect.arrayContaining([
      { kind: 'email', count: 1 },
      { kind: 'host', count: 1 },
      { kind: 'url', count: 1 },
    ]),
  );
  expect(removed.find((r) => r.kind === 'secret')?.count).toBe(2);
  expect(removed.find((r) => r.kind === 'ip')?.count).toBe(2);
});

it('leaves ordinary prose alone', () => {
  const text = 'The merge request page takes 30 s to load after the upgrade to 17.4.';
  expect(redactForPublicIssue(text)).toEqual({ text, removed: [] });
});
