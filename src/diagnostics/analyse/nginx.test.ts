import { describe, expect, it } from 'vitest';
import { agentFamily, type NginxSummary, nginx, nginxError, normalisePath, parseLocalTime } from './nginx.js';
import { feed, random } from './test-support.js';

describe('NGINX access log', () => {
  it("reads GitLab's gitlab_access.log: statuses, IPs, timeline, 5xx as errors", () => {
    const r = random(7);
    const ips = ['10.1.2.3', '203.0.113.40', '198.51.100.7'];
    const requests = [
      'GET /grp/app.git/info/refs?service=git-upload-pack HTTP/1.1',
      'POST /api/v4/jobs/request HTTP/1.1',
      'GET /grp/sub/app/-/merge_requests/42 HTTP/1.1',
      'GET /api/v4/projects/grp%2Fapp/pipelines?private_token=glpat-abcdefghijklmnopqrstu HTTP/1.1',
    ];
    const lines: string[] = [];
    const statuses: Record<string, number> = {};
    const perIp: Record<string, number> = {};
    let errors = 0;
    for (let i = 0; i < 600; i++) {
      const ip = ips[Math.floor(r() * ips.length)] as string;
      const status = r() < 0.05 ? '502' : r() < 0.1 ? '404' : '200';
      if (status === '502') errors++;
      statuses[status] = (statuses[status] ?? 0) + 1;
      perIp[ip] = (perIp[ip] ?? 0) + 1;
      const minute = String(Math.floor(i / 60)).padStart(2, '0');
      const second = String(i % 60).padStart(2, '0');
      const request = requests[i % requests.length];
      lines.push(
        `${ip} - - [01/May/2024:10:${minute}:${second} +0000] "${request}" ${status} ${Math.floor(r() * 5000)} "" "git/2.43.0" ${r() < 0.5 ? '-' : '3.21'}`,
      );
    }
    lines.push('\\x16\\x03\\x01 garbage that is not a log line');
    const { into, bad } = feed(nginx, 'var/log/gitlab/nginx/gitlab_access.log', lines.join('\n'));
    expect(bad).toBe(1);
    const s = into.system.nginx as NginxSummary;
    expect(s.requests).toBe(600);
    expect(s.statuses).toEqual(statuses);
    expect(s.serverErrorPercent).toBeCloseTo((100 * errors) / 600, 2);
    // 10:00:00 to 10:09:59
    expect(s.requestsPerSecond).toBeCloseTo(600 / 599, 2);
    // $gzip_ratio after the user agent is not a request time
    expect(s.slowPaths).toBeUndefined();
    expect(s.topPaths.map((p) => p.path).sort()).toEqual([
      'GET /:project.git/info/refs?service=git-upload-pack',
      'GET /:project/-/merge_requests/:id',
      'GET /api/v4/projects/:id/pipelines',
      'POST /api/v4/jobs/request',
    ]);
    expect(s.userAgents).toEqual([{ agent: 'git', count: 600 }]);
    for (const [ip, n] of Object.entries(perIp)) expect(into.top.ips.get(ip)?.count).toBe(n);
    const timeline = [...into.timeline.values()];
    expect(timeline.reduce((sum, b) => sum + (b.requests ?? 0), 0)).toBe(600);
    expect(timeline.reduce((sum, b) => sum + (b.errors ?? 0), 0)).toBe(errors);
    expect(into.errors.get('nginx 502')?.count).toBe(errors);
  });

  it('reads $request_time from the ingress-nginx format: slow paths with p99', () => {
    const lines: string[] = [];
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const seconds = i < 198 ? 0.05 + (i % 10) / 100 : 12.5;
      times.push(seconds * 1000);
      lines.push(
        `10.0.0.${i % 5} - - [01/May/2024:10:00:${String(i % 60).padStart(2, '0')} +0200] "GET /api/v4/projects/${i}/repository/archive.zip HTTP/2.0" 200 1024 "-" "curl/8.5.0" 233 ${seconds.toFixed(3)} [gitlab-webservice-default-8181] [] 10.2.0.9:8181 1024 ${seconds.toFixed(3)} 200 7d1f0f0a`,
      );
    }
    const { into, bad } = feed(nginx, 'kubesos-20240501/nginx-ingress.log', lines.join('\n'));
    expect(bad).toBe(0);
    const s = into.system.nginx as NginxSummary;
    const slow = s.slowPaths?.[0];
    expect(slow?.path).toBe('GET /api/v4/projects/:id/repository/archive.zip');
    expect(slow?.count).toBe(200);
    // the 99th percentile of 200 values (rank 197) is the last fast one, 0.14 s; the max is 12.5 s
    const sorted = [...times].sort((a, b) => a - b);
    expect(Math.abs((slow?.p99Ms ?? 0) - (sorted[197] as number)) / (sorted[197] as number)).toBeLessThan(0.02);
    expect(slow?.maxMs).toBe(12500);
    // +0200: 10:00 local is 08:00 UTC
    expect(into.firstAt).toBe(Date.UTC(2024, 4, 1, 8, 0, 0));
  });

  it('groups paths and agents', () => {
    expect(normalisePath('/grp/app/-/jobs/123456/raw')).toBe('/:project/-/jobs/:id/raw');
    expect(normalisePath('/grp/app/-/commit/0a1b2c3d4e5f60718293a4b5c6d7e8f901234567')).toBe('/:project/-/commit/:sha');
    expect(normalisePath('/alice')).toBe('/:namespace');
    expect(normalisePath('/api/v4/projects/42/merge_requests/7/changes')).toBe(
      '/api/v4/projects/:id/merge_requests/:id/changes',
    );
    expect(normalisePath('/users/sign_in')).toBe('/users/sign_in');
    expect(normalisePath('/grp/app.git/git-receive-pack')).toBe('/:project.git/git-receive-pack');
    expect(agentFamily('GitLab Runner 16.11.0 (16-11-stable; go1.21.9; linux/amd64)')).toBe('gitlab-runner');
    expect(agentFamily('Mozilla/5.0 (X11; Linux x86_64)')).toBe('browser');
    expect(parseLocalTime('01/May/2024:10:00:08 -0500')).toBe(Date.UTC(2024, 4, 1, 15, 0, 8));
  });
});

describe('NGINX error log', () => {
  it('groups upstream errors', () => {
    const log = `2024/05/01 10:00:08 [error] 1234#0: *5678 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, server: gitlab.example.com, request: "GET / HTTP/1.1", upstream: "http://unix:/var/opt/gitlab/gitlab-workhorse/sockets/socket:/", host: "gitlab.example.com"
2024/05/01 10:00:09 [error] 1234#0: *5679 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.2, server: gitlab.example.com, request: "GET /api/v4/version HTTP/1.1"
2024/05/01 10:00:10 [warn] 1234#0: *5680 an upstream response is buffered to a temporary file
`;
    const { into, bad } = feed(nginxError, 'var/log/gitlab/nginx/gitlab_error.log', log);
    expect(bad).toBe(0);
    expect(
      into.errors.get('nginx error: connect() failed (N: Connection refused) while connecting to upstream')?.count,
    ).toBe(2);
    expect((into.system.nginx as NginxSummary).errorLog).toEqual([
      { message: 'connect() failed (N: Connection refused) while connecting to upstream', count: 2 },
    ]);
  });
});
