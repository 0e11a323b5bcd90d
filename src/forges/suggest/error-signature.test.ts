import { describe, expect, it } from 'vitest';
import { extractErrorSignature, searchTerms } from './error-signature.js';
import { signatureKeys } from './signature-keys.js';

// What the desk pulls out of a customer's text to find the public issue: the same for two customers
// with the same failure, and nothing of theirs.

describe('the error signature of a ticket', () => {
  it('a Rails exception from production.log, with its top frames and no ids, hosts or paths', () => {
    const text = `Hi team, since the upgrade to GitLab 17.3.1-ee our pipelines fail for project 4412 on gitlab.acme.example.

Started POST "/api/v4/projects/4412/pipeline" for 10.2.3.4 at 2026-11-30 10:12:01 +0000
ActiveRecord::StatementInvalid (PG::QueryCanceled: ERROR:  canceling statement due to statement timeout
):
app/models/ci/pipeline.rb:1042:in \`ensure_ci_ref!'
app/services/ci/create_pipeline_service.rb:88:in \`block in execute'
lib/gitlab/ci/pipeline/chain/build.rb:12:in \`perform!'
lib/gitlab/ci/pipeline/chain/sequence.rb:20:in \`build!'
Completed 500 Internal Server Error in 15003ms

Thanks, Lena (lena@acme.example)`;
    const signature = extractErrorSignature(text);
    expect(signature.exceptions).toEqual([
      {
        errorClass: 'ActiveRecord::StatementInvalid',
        message: 'PG::QueryCanceled: ERROR: canceling statement due to statement timeout',
        frames: [
          'ci/pipeline.rb in ensure_ci_ref!',
          'ci/create_pipeline_service.rb in execute',
          'chain/build.rb in perform!',
        ],
      },
    ]);
    expect(signature.versions).toEqual(['17.3.1']);
    // nothing of the customer's: not their host, project id, address or name
    const sent = JSON.stringify({ signature, terms: searchTerms(signature) });
    for (const secret of ['acme', '4412', '10.2.3.4', 'Lena', '1042']) expect(sent).not.toContain(secret);
  });

  it('two customers with the same failure get the same signature', () => {
    const a = extractErrorSignature(
      "ActiveRecord::RecordNotFound: Couldn't find Project with 'id'=42\nfrom app/finders/projects_finder.rb:17:in `find'",
    );
    const b = extractErrorSignature(
      "  ActiveRecord::RecordNotFound: Couldn't find Project with 'id'=9001\n  from /opt/gitlab/embedded/service/gitlab-rails/app/finders/projects_finder.rb:19:in `find'",
    );
    expect(a).toEqual(b);
    expect(a.exceptions[0]?.message).toBe("Couldn't find Project with '?'=<n>");
  });

  it('structured logs: exception fields, failing requests by route, the Sidekiq worker and the SQLSTATE', () => {
    const sidekiq =
      '{"severity":"ERROR","time":"2026-11-30T10:00:00Z","class":"Ci::ArchiveTraceWorker","jid":"9c1f0e0d2b8a4c7e","exception.class":"Gitlab::Ci::Trace::ArchiveError","exception.message":"Archive failed for build 88213: object storage returned 503","sqlstate":"40P01"}';
    const api =
      '{"time":"2026-11-30T10:00:01Z","method":"PUT","path":"/api/v4/jobs/88213/trace","status":502,"duration_s":60.2,"remote_ip":"198.51.100.7"}';
    const signature = extractErrorSignature(`${sidekiq}\n${api}`);
    expect(signature.exceptions).toEqual([
      {
        errorClass: 'Gitlab::Ci::Trace::ArchiveError',
        message: 'Archive failed for build <n>: object storage returned <n>',
        frames: [],
      },
    ]);
    expect(signature.jobs).toEqual(['Ci::ArchiveTraceWorker']);
    expect(signature.postgresCodes).toEqual(['40P01']);
    expect(signature.requests).toEqual(['502 PUT /api/v4/jobs/:id/trace']);
    expect(JSON.stringify(signature)).not.toContain('198.51.100.7');
  });

  it('access logs and plain text: only failing requests, with the route and not the project', () => {
    const text = [
      '203.0.113.9 - - [30/Nov/2026:10:00:00 +0000] "GET /acme/backend/-/merge_requests/17/diffs.json HTTP/1.1" 500 1234 "-" "Mozilla/5.0"',
      '203.0.113.9 - - [30/Nov/2026:10:00:01 +0000] "GET /acme/backend/-/merge_requests/17 HTTP/1.1" 200 5678 "-" "Mozilla/5.0"',
    ].join('\n');
    expect(extractErrorSignature(text).requests).toEqual(['500 GET /:project/-/merge_requests/:id/diffs.json']);
  });

  it('Java, JavaScript and Python traces, and PostgreSQL codes said in words', () => {
    const java = extractErrorSignature(
      'java.lang.IllegalStateException: Connection pool shut down\n\tat org.apache.http.impl.conn.PoolingHttpClientConnectionManager.requestConnection(PoolingHttpClientConnectionManager.java:269)\n\tat com.acme.Sync.run(Sync.java:88)',
    );
    expect(java.exceptions[0]).toEqual({
      errorClass: 'java.lang.IllegalStateException',
      message: 'Connection pool shut down',
      frames: ['org.apache.http.impl.conn.PoolingHttpClientConnectionManager.requestConnection', 'com.acme.Sync.run'],
    });
    const js = extractErrorSignature(
      "TypeError: Cannot read properties of undefined (reading 'sha')\n    at MergeRequestWidget.render (/srv/app/node_modules/widget/dist/index.js:10:22)",
    );
    expect(js.exceptions[0]).toEqual({
      errorClass: 'TypeError',
      message: "Cannot read properties of undefined (reading '?')",
      frames: ['MergeRequestWidget.render (dist/index.js)'],
    });
    const py = extractErrorSignature(
      'Traceback (most recent call last):\n  File "/home/lena/sync/client.py", line 41, in fetch\n    raise TimeoutError("gave up after 30s")\nrequests.exceptions.ReadTimeout: HTTPSConnectionPool(host=\'gitlab.acme.example\', port=443): Read timed out. (read timeout=30)',
    );
    expect(py.exceptions.map((e) => e.errorClass)).toEqual(['requests.exceptions.ReadTimeout']);
    expect(py.exceptions[0]?.frames).toEqual(['sync/client.py in fetch']);
    expect(JSON.stringify(py)).not.toContain('lena');
    expect(extractErrorSignature('pq: could not serialize access (SQLSTATE 40001)').postgresCodes).toEqual(['40001']);
    expect(extractErrorSignature('SQLSTATE[23505]: Unique violation').postgresCodes).toEqual(['23505']);
  });

  it('the search terms: classes, then the message’s words, the worker and the code', () => {
    const terms = searchTerms(
      extractErrorSignature(
        'ActiveRecord::StatementInvalid: PG::QueryCanceled: ERROR: canceling statement due to statement timeout\nclass=Ci::BuildFinishedWorker failed (SQLSTATE 57014)',
      ),
    );
    expect(terms).toEqual([
      'ActiveRecord::StatementInvalid',
      'QueryCanceled',
      'ERROR',
      'canceling',
      'statement',
      'Ci::BuildFinishedWorker',
      '57014',
    ]);
  });

  it('text with no failure in it has an empty signature; numbers alone are not versions', () => {
    const signature = extractErrorSignature(
      'Hello, could you tell us when 3.5 GB of artifacts will be cleaned? We have 12.5 users and 500 projects. Error prone people.',
    );
    expect(signature).toEqual({ exceptions: [], requests: [], jobs: [], postgresCodes: [], versions: [] });
  });

  it('keeps at most five exceptions from hostile text, and finishes', () => {
    const hostile = [
      'a::'.repeat(100_000),
      `${'Error'.repeat(50_000)}: x`,
      `at ${'('.repeat(100_000)}`,
      `"exception.class":"${'\\'.repeat(100_000)}`,
      Array.from({ length: 20_000 }, (_, i) => `E${i}Error: boom ${i}`).join('\n'),
    ].join('\n');
    const signature = extractErrorSignature(hostile);
    expect(signature.exceptions.length).toBeLessThanOrEqual(5);
  });

  it('a Go panic from Gitaly: the message and the frames where it happened, not the runtime’s or the paths', () => {
    const text = `Gitaly crashes on our node gitaly-3.corp.example after the upgrade to GitLab 17.4.0:

panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x9c2f1a]

goroutine 4711 [running]:
panic({0x1a2b3c0?, 0x2f4e5d0?})
	/usr/local/go/src/runtime/panic.go:785 +0x132
gitlab.com/gitlab-org/gitaly/v16/internal/git/catfile.(*objectReader).Object(0x0, {0x1f00e28, 0xc000a1b2c0}, {0xc0004e8000, 0x28})
	/builds/gitlab-org/gitaly/internal/git/catfile/object_reader.go:123 +0x5a
gitlab.com/gitlab-org/gitaly/v16/internal/gitaly/service/commit.(*server).FindCommit(0xc0001f2000, {0x1f00e28, 0xc000a1b2c0}, 0xc0003d4000)
	/builds/gitlab-org/gitaly/internal/gitaly/service/commit/find_commit.go:40 +0x1c5
created by google.golang.org/grpc.(*Server).serveStreams.func2 in goroutine 212
	/go/pkg/mod/google.golang.org/grpc@v1.67.1/server.go:1029 +0x139`;
    const signature = extractErrorSignature(text);
    expect(signature.exceptions).toEqual([
      {
        errorClass: 'panic',
        message: 'runtime error: invalid memory address or nil pointer dereference',
        frames: ['catfile.(*objectReader).Object', 'commit.(*server).FindCommit'],
      },
    ]);
    expect(signature.versions).toEqual(['17.4.0']);
    expect(JSON.stringify(signature)).not.toMatch(/corp\.example|builds|0xc000/);
  });

  it('a gRPC failure logged by a Go service (logfmt or JSON) is the GRPC:: error Rails logs for it', () => {
    const logfmt = extractErrorSignature(
      'time="2026-12-01T10:12:01Z" level=error msg="finished unary call with code Unavailable" error="rpc error: code = Unavailable desc = connection refused" grpc.method=FindCommit correlation_id=01HZX',
    );
    const json = extractErrorSignature(
      '{"level":"error","msg":"finished unary call","error":"rpc error: code = Unavailable desc = connection refused","grpc.method":"FindCommit","correlation_id":"01J0A"}',
    );
    const rails = extractErrorSignature('GRPC::Unavailable: 14:connection refused');
    for (const s of [logfmt, json]) {
      expect(s.exceptions).toEqual([{ errorClass: 'GRPC::Unavailable', message: 'connection refused', frames: [] }]);
    }
    expect(rails.exceptions[0]?.errorClass).toBe('GRPC::Unavailable');
  });

  it('a Python traceback: the frames printed before the exception, innermost first; a chained one has its own', () => {
    const text = `Traceback (most recent call last):
  File "/opt/acme/venv/lib/python3.12/site-packages/gitlab/client.py", line 812, in http_request
    result = self.session.request(method, url, **opts)
  File "/opt/acme/venv/lib/python3.12/site-packages/requests/sessions.py", line 589, in request
    resp = self.send(prep, **send_kwargs)
  File "/opt/acme/venv/lib/python3.12/site-packages/requests/adapters.py", line 713, in send
    raise ReadTimeout(e, request=request)
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='gitlab.acme.example', port=443): Read timed out.

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "/opt/acme/sync.py", line 40, in main
    project.mirror_pull()
gitlab.exceptions.GitlabHttpError: 504: Gateway Timeout`;
    const signature = extractErrorSignature(text);
    expect(signature.exceptions).toEqual([
      {
        errorClass: 'requests.exceptions.ReadTimeout',
        message: expect.any(String),
        frames: ['requests/adapters.py in send', 'requests/sessions.py in request', 'gitlab/client.py in http_request'],
      },
      {
        errorClass: 'gitlab.exceptions.GitlabHttpError',
        message: expect.any(String),
        frames: ['acme/sync.py in main'],
      },
    ]);
    expect(JSON.stringify(signature)).not.toMatch(/venv|site-packages|acme\.example/);
    // the frame key names where it was raised
    expect(signatureKeys(signature).map((k) => k.key)).toContain(
      'frame:requests.exceptions.ReadTimeout at requests/adapters.py in send',
    );
  });

  it('Go’s “fatal error:” with the goroutine trace after it; the same words from a compiler are not Go’s', () => {
    const go = extractErrorSignature(`fatal error: concurrent map writes

goroutine 881 [running]:
gitlab.com/gitlab-org/gitlab/workhorse/internal/upload.(*SavedFileTracker).Track(0xc0004a2000, {0xc00012a0f0, 0x4})
	/builds/gitlab-org/gitlab/workhorse/internal/upload/saved_file_tracker.go:27 +0x7c`);
    expect(go.exceptions).toEqual([
      { errorClass: 'fatal error', message: 'concurrent map writes', frames: ['upload.(*SavedFileTracker).Track'] },
    ]);
    expect(
      extractErrorSignature('fatal error: openssl/ssl.h: No such file or directory\ncompilation terminated.')
        .exceptions,
    ).toEqual([]);
    expect(
      extractErrorSignature('fatal error: concurrent map writes\nwe restarted it and it went away').exceptions,
    ).toEqual([]);
  });

  it('a line of code that calls something is not a Go frame', () => {
    const signature = extractErrorSignature('Net::ReadTimeout: Net::ReadTimeout\nconsole.log(x)\nclient.Do(req)');
    expect(signature.exceptions[0]?.frames).toEqual([]);
  });
});
