import { describe, expect, it } from 'vitest';
import { generateLog } from '../../../test/helpers/log-generator.js';
import { analyseFile } from './engine.js';
import { maskIp, redactLine } from './redact.js';
import { tempDir } from './test-support.js';

const { write } = tempDir('pf-redact-');

describe('redactLine', () => {
  it.each([
    ['GET /api/v4/projects?private_token=glpat-AbCdEf1234567890xyzQ&page=2', 'glpat-AbCdEf'],
    ['token glrt-t1_AbCdEf1234567890 registered', 'glrt-t1_'],
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def', 'eyJhbGci'],
    ['"Authorization":"Basic dXNlcjpodW50ZXIy"', 'dXNlcjpo'],
    ['Cookie: _gitlab_session=0123456789abcdef0123; known_sign_in=xyz', '0123456789abcdef'],
    ['https://ana:hunter2-secret@gitlab.example.com/grp/app.git', 'hunter2-secret'],
    ['/users/sign_in?login=ana&password=hunter2-secret', 'hunter2-secret'],
    ['{"password":"hunter2-secret","login":"ana"}', 'hunter2-secret'],
    ['"params":[{"key":"password","value":"hunter2-secret"},{"key":"id","value":"7"}]', 'hunter2-secret'],
    ['mail from jane.doe@corp.example failed', 'jane.doe'],
  ])('%s', (line, secret) => {
    const out = redactLine(line);
    expect(out).not.toContain(secret);
    expect(out).toMatch(/\[REDACTED\]|…@/);
  });

  it('keeps what is not secret: the email domain, params keys, ordinary values', () => {
    expect(redactLine('mail from jane.doe@corp.example failed')).toBe('mail from …@corp.example failed');
    expect(redactLine('"params":[{"key":"id","value":"7"}],"meta.feature_category":"secret_detection"')).toBe(
      '"params":[{"key":"id","value":"7"}],"meta.feature_category":"secret_detection"',
    );
  });

  it('masks public IPs to their network and leaves private ones whole', () => {
    expect(maskIp('203.0.113.57')).toBe('203.0.113.x');
    expect(maskIp('10.1.2.3')).toBe('10.1.2.3');
    expect(maskIp('192.168.7.1')).toBe('192.168.7.1');
    expect(maskIp('2001:db8:85a3::8a2e:370:7334')).toBe('2001:db8:85a3::x');
    expect(maskIp('::1')).toBe('::1');
    expect(redactLine('from 198.51.100.23 at 10:00:02 via fe80::1')).toBe('from 198.51.100.x at 10:00:02 via fe80::1');
  });
});

describe('the results of a bundle', { timeout: 30_000 }, () => {
  it('never show a token, a password or an email local part', async () => {
    const base = generateLog('production_json', 500, 71).text;
    const time = '2024-05-01T11:00:00.000Z';
    const hostile = [
      // the slowest lines of their endpoint: kept as samples
      `{"method":"GET","path":"/api/v4/projects?private_token=glpat-AbCdEf1234567890xyzQ","controller":"Projects::IssuesController","action":"index","status":200,"time":"${time}","params":[{"key":"password","value":"hunter2-secret"}],"meta.user":"jane.doe@corp.example","remote_ip":"198.51.100.23","duration_s":999}`,
      `{"method":"POST","path":"/users/sign_in?login=ana&password=hunter2-secret","controller":"SessionsController","action":"create","status":500,"time":"${time}","meta.user":"jane.doe@corp.example","exception.class":"Gitlab::Git::CommandError","exception.message":"fatal: could not read from https://deploy:s3cr3tpass@gitlab.example.com/x.git (Authorization: Bearer abcdef123456789xyz; Cookie: _gitlab_session=feedfacecafe0123)","duration_s":998}`,
    ].join('\n');
    const file = write('production_json.log', `${base}${hostile}\n`);
    const results = await analyseFile(file, { filename: 'production_json.log' });
    const json = JSON.stringify(results);
    for (const secret of [
      'glpat-AbCdEf',
      'hunter2-secret',
      's3cr3tpass',
      'jane.doe',
      'abcdef123456789xyz',
      'feedfacecafe0123',
      '198.51.100.23',
    ]) {
      expect(json, secret).not.toContain(secret);
    }
    expect(results.top.users.map((u) => u.key)).toContain('…@corp.example');
    expect(results.samples['endpoint:Projects::IssuesController#index']?.[0]).toContain('private_token=[REDACTED]');
    expect(results.errors.map((e) => e.signature)).toContain(
      'Gitlab::Git::CommandError: fatal: could not read from https://deploy:<email>/x.git (Authorization: [REDACTED]',
    );
  });
});
