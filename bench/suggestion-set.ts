import fs from 'node:fs';
import path from 'node:path';
import { SHARED_FIXTURES, sharedFixturesPresent } from '../test/helpers/shared-fixtures.js';

// The labelled set for issue suggestions (issue 17): public issues of different failure families, each
// with tickets that customers could have written about it. Three "history" tickets per issue are
// linked to it before the bench asks; two "query" tickets, written the same way but with other
// subjects, sentences, ids, hosts, times and log shapes, are what the bench asks suggestions for.
// A quarter of the issues have no history: only the forge's search can find them.
// Pure data and generators, deterministic for a seed; nothing here talks to the desk.

export interface SetIssue {
  key: string;
  family: string;
  project: string;
  iid: number;
  title: string;
  description: string;
  /** closed as fixed in this milestone ("17.4"); open otherwise */
  fixedIn?: string;
  upvotes: number;
  /** no tickets are linked to it: only the forge's search can find it */
  searchOnly: boolean;
  /** five subjects: the first three for history tickets, the last two for query tickets */
  subjects: string[];
  /** what the customer says about it, in their words */
  says: string[];
  /** log lines as a plain log shows them; {{placeholders}} vary per ticket */
  plain: string[];
  /** the same failure as a JSON (structured) log shows it */
  json?: string[];
}

export interface SetTicket {
  issue: SetIssue;
  role: 'history' | 'query';
  subject: string;
  body: string;
  /** days before now the ticket came in (history tickets are spread over the last months) */
  ageDays: number;
}

export const PROJECTS = [
  'gitlab-org/gitlab',
  'gitlab-org/gitaly',
  'gitlab-org/gitlab-runner',
  'gitlab-org/container-registry',
];

/** mulberry32: small, fast and the same everywhere */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Issue = Omit<SetIssue, 'iid' | 'upvotes' | 'searchOnly'> & { searchOnly?: boolean };

const GL = 'gitlab-org/gitlab';
const GITALY = 'gitlab-org/gitaly';
const RUNNER = 'gitlab-org/gitlab-runner';
const REGISTRY = 'gitlab-org/container-registry';

const ISSUES: Issue[] = [
  {
    key: 'pg-canceled-pipelines',
    family: 'Rails PG::QueryCanceled',
    project: GL,
    title: 'PG::QueryCanceled on pipelines index for projects with many pipelines',
    description:
      'Loading /-/pipelines for projects with more than 500k pipelines fails with `PG::QueryCanceled: ERROR: canceling statement due to statement timeout` (SQLSTATE 57014) in `Ci::PipelinesFinder#execute`. The count query scans ci_pipelines without the status index.',
    fixedIn: '17.4',
    subjects: [
      'Pipelines page times out',
      'CI/CD > Pipelines returns error 500 on our monorepo',
      'Pipeline list not loading after upgrade',
      'Cannot open the pipelines tab of our main project',
      'pipelines view: statement timeout',
    ],
    says: [
      'The pipelines page of our biggest project spins for 15 seconds and then shows a 500 error.',
      'Developers cannot see their pipelines any more, the list never loads.',
      'Smaller projects are fine, only the one with years of pipelines fails.',
    ],
    plain: [
      '{{ts}} ERROR -- : PG::QueryCanceled: ERROR:  canceling statement due to statement timeout',
      "app/finders/ci/pipelines_finder.rb:{{line}}:in `execute'",
      "app/controllers/projects/pipelines_controller.rb:{{line}}:in 'index'",
      'Completed 500 Internal Server Error in {{ms}}ms (ActiveRecord: {{ms}}.2ms)',
    ],
    json: [
      '{"severity":"ERROR","time":"{{ts}}","correlation_id":"{{cid}}","exception.class":"ActiveRecord::QueryCanceled","exception.message":"PG::QueryCanceled: ERROR:  canceling statement due to statement timeout","exception.backtrace":["app/finders/ci/pipelines_finder.rb:{{line}}:in `execute\'"],"sqlstate":"57014","status":500,"method":"GET","path":"/{{proj}}/-/pipelines"}',
    ],
  },
  {
    key: 'deadlock-stuck-builds',
    family: 'Rails ActiveRecord::Deadlocked',
    project: GL,
    title: 'ActiveRecord::Deadlocked in StuckCiJobsWorker when dropping stale builds',
    description:
      '`Ci::StuckBuilds::DropPendingService` and job updates from runners lock ci_builds rows in a different order. `ActiveRecord::Deadlocked: PG::TRDeadlockDetected: ERROR: deadlock detected` (SQLSTATE 40P01) is raised by StuckCiJobsWorker every few minutes on busy instances.',
    subjects: [
      'Deadlock errors in Sidekiq every few minutes',
      'StuckCiJobsWorker keeps failing',
      'deadlock detected in sidekiq logs',
      'Sidekiq: PG deadlock when dropping stuck jobs',
      'Jobs stuck in pending and deadlock in logs',
    ],
    says: [
      'Our Sidekiq log is full of deadlock errors since we doubled the number of runners.',
      'Some CI jobs stay pending forever and we see deadlocks at the same time.',
      'The Sidekiq dashboard shows the worker failing and retrying.',
    ],
    plain: [
      '{{ts}} WARN: StuckCiJobsWorker JID-{{jid}}: ActiveRecord::Deadlocked: PG::TRDeadlockDetected: ERROR:  deadlock detected',
      'DETAIL:  Process {{pid}} waits for ShareLock on transaction {{id}}; blocked by process {{pid}}.',
      "app/services/ci/stuck_builds/drop_pending_service.rb:{{line}}:in `drop_stuck'",
    ],
    json: [
      '{"severity":"WARN","time":"{{ts}}","class":"StuckCiJobsWorker","jid":"{{jid}}","job_status":"fail","error_class":"ActiveRecord::Deadlocked","error_message":"PG::TRDeadlockDetected: ERROR:  deadlock detected\\nDETAIL:  Process {{pid}} waits for ShareLock on transaction {{id}}","sqlstate":"40P01"}',
    ],
  },
  {
    key: 'unique-violation-mr-diff-commits',
    family: 'Rails PG::UniqueViolation',
    project: GL,
    title: 'PG::UniqueViolation on merge_request_diff_commits when refreshing merge requests',
    description:
      'UpdateMergeRequestsWorker fails with `ActiveRecord::RecordNotUnique: PG::UniqueViolation: ERROR: duplicate key value violates unique constraint "merge_request_diff_commits_pkey"` (SQLSTATE 23505) when two pushes to the same branch arrive within a second.',
    subjects: [
      'Merge request not updated after push',
      'MR does not show the latest commits',
      'UpdateMergeRequestsWorker duplicate key errors',
      'New commits missing from merge request diff',
      'Merge request diff stale after force push',
    ],
    says: [
      'We pushed new commits but the merge request still shows the old diff.',
      'The commits tab of the merge request is missing the latest commits after a push.',
      'It happens when CI pushes twice quickly to the same branch.',
    ],
    plain: [
      '{{ts}} ERROR: UpdateMergeRequestsWorker JID-{{jid}}: ActiveRecord::RecordNotUnique: PG::UniqueViolation: ERROR:  duplicate key value violates unique constraint "merge_request_diff_commits_pkey"',
      'DETAIL:  Key (merge_request_diff_id, relative_order)=({{id}}, {{n}}) already exists.',
      "app/models/merge_request_diff_commit.rb:{{line}}:in `create_bulk'",
    ],
    json: [
      '{"severity":"ERROR","time":"{{ts}}","class":"UpdateMergeRequestsWorker","jid":"{{jid}}","exception.class":"ActiveRecord::RecordNotUnique","exception.message":"PG::UniqueViolation: ERROR:  duplicate key value violates unique constraint \\"merge_request_diff_commits_pkey\\"","sqlstate":"23505"}',
    ],
  },
  {
    key: 'pg-canceled-audit-export',
    family: 'Rails PG::QueryCanceled',
    project: GL,
    title: 'Audit events CSV export fails with statement timeout for instances with many events',
    description:
      'Exporting audit events from Admin > Monitoring > Audit events returns 500: `PG::QueryCanceled: ERROR: canceling statement due to statement timeout` in `AuditEvents::ExportCsvService`. The export does not use the created_at index when a date range is given.',
    subjects: [
      'Audit log export gives 500',
      'Cannot export audit events to CSV',
      'Audit events CSV download fails for last year',
      'Compliance team cannot download the audit event report',
      'Admin audit events export error',
    ],
    says: [
      'Our compliance team needs the audit events of the last year and the CSV export fails.',
      'Exporting a short date range works, a long range gives an error after a while.',
      'The audit event export used to work before the instance grew.',
    ],
    plain: [
      'Started GET "/admin/audit_log_reports.csv?created_after=2025-01-01" for {{ip}}',
      '{{ts}} ERROR -- : PG::QueryCanceled: ERROR:  canceling statement due to statement timeout',
      "ee/app/services/audit_events/export_csv_service.rb:{{line}}:in 'csv_data'",
      'Completed 500 Internal Server Error in {{ms}}ms',
    ],
    json: [
      '{"severity":"ERROR","time":"{{ts}}","method":"GET","path":"/admin/audit_log_reports.csv","status":500,"exception.class":"ActiveRecord::QueryCanceled","exception.message":"PG::QueryCanceled: ERROR:  canceling statement due to statement timeout","correlation_id":"{{cid}}"}',
    ],
  },
  {
    key: 'mirror-command-error',
    family: 'Sidekiq worker failing',
    project: GL,
    title: 'RepositoryUpdateMirrorWorker fails with Gitlab::Git::CommandError: could not read Username',
    description:
      "Pull mirroring over HTTPS fails after the source credentials are rotated: `Gitlab::Git::CommandError: fatal: could not read Username for 'https://...': terminal prompts disabled`. The mirror is not retried and stays failed.",
    subjects: [
      'Pull mirror stopped updating',
      'Repository mirroring broken since password change',
      'Mirror fails: could not read Username',
      'Our mirrored repositories are out of date',
      'Pull mirroring error after rotating credentials',
    ],
    says: [
      'The pull mirror of our upstream repository has not updated for three days.',
      'The mirroring settings page shows an error badge next to the mirror.',
      'We changed the password of the mirroring account last week.',
    ],
    plain: [
      "{{ts}} ERROR: RepositoryUpdateMirrorWorker JID-{{jid}}: Gitlab::Git::CommandError: fatal: could not read Username for 'https://git.{{host}}': terminal prompts disabled",
      "lib/gitlab/git/remote_mirror.rb:{{line}}:in `update'",
    ],
    json: [
      '{"severity":"ERROR","time":"{{ts}}","class":"RepositoryUpdateMirrorWorker","jid":"{{jid}}","project_id":{{id}},"exception.class":"Gitlab::Git::CommandError","exception.message":"fatal: could not read Username for \'https://git.{{host}}\': terminal prompts disabled"}',
    ],
  },
  {
    key: 'housekeeping-bad-object',
    family: 'Gitlab::Git::CommandError',
    project: GL,
    searchOnly: true,
    title: 'Housekeeping fails with Gitlab::Git::CommandError: bad object after interrupted push',
    description:
      'GitGarbageCollectWorker raises `Gitlab::Git::CommandError: 13:fatal: bad object` for repositories with a dangling ref left by an interrupted push; housekeeping then never runs for the repository.',
    subjects: [
      'Housekeeping keeps failing on one repository',
      'Repository housekeeping error: bad object',
      'Git garbage collection failing',
      'Housekeeping fails with fatal bad object',
      'Repository size keeps growing, housekeeping fails',
    ],
    says: [
      'The repository keeps growing because housekeeping never completes.',
      'Running housekeeping from the project settings fails.',
    ],
    plain: [
      '{{ts}} ERROR: GitGarbageCollectWorker JID-{{jid}}: Gitlab::Git::CommandError: 13:fatal: bad object {{sha}}',
      "app/workers/concerns/git_garbage_collect_methods.rb:{{line}}:in 'gitaly_call'",
    ],
    json: [
      '{"severity":"ERROR","time":"{{ts}}","class":"Projects::GitGarbageCollectWorker","jid":"{{jid}}","exception.class":"Gitlab::Git::CommandError","exception.message":"13:fatal: bad object {{sha}}."}',
    ],
  },
  {
    key: 'grpc-unavailable-gitaly-restart',
    family: 'GRPC::Unavailable',
    project: GL,
    title: 'GRPC::Unavailable: failed to connect to all addresses while a Gitaly node restarts',
    description:
      'During a Gitaly restart, Rails requests fail with `GRPC::Unavailable: 14:failed to connect to all addresses` instead of retrying; users see 503 on repository pages for about a minute.',
    fixedIn: '17.5',
    subjects: [
      'Repository pages return 503 during Gitaly restart',
      'Errors browsing files when Gitaly is restarted',
      'GRPC Unavailable after gitaly reconfigure',
      'Users get errors on repository tree during maintenance',
      'Short outage of repository browsing after gitaly-ctl restart',
    ],
    says: [
      'Every time we restart Gitaly, users get errors browsing repositories for a minute.',
      'We expected Rails to retry while Gitaly comes back.',
      'The error shows failed to connect to all addresses.',
    ],
    plain: [
      '{{ts}} ERROR -- : GRPC::Unavailable: 14:failed to connect to all addresses; last error: UNKNOWN: ipv4:{{ip}}:8075: Failed to connect to remote host: Connection refused',
      "lib/gitlab/gitaly_client.rb:{{line}}:in 'call'",
      'Completed 503 Service Unavailable in {{ms}}ms',
    ],
    json: [
      '{"severity":"ERROR","time":"{{ts}}","exception.class":"GRPC::Unavailable","exception.message":"14:failed to connect to all addresses; last error: UNKNOWN: ipv4:{{ip}}:8075: Failed to connect to remote host: Connection refused","exception.backtrace":["lib/gitlab/gitaly_client.rb:{{line}}:in \'call\'"],"status":503}',
    ],
  },
  {
    key: 'grpc-deadline-blame',
    family: 'GRPC::DeadlineExceeded',
    project: GL,
    searchOnly: true,
    title: 'Blame page fails with GRPC::DeadlineExceeded for large files with long history',
    description:
      'Opening the blame view of a file with many thousand commits raises `GRPC::DeadlineExceeded: 4:Deadline Exceeded` after 55 seconds; the page shows a 500 error. Gitaly RawBlame should be paginated.',
    subjects: [
      'Blame view of a large file fails',
      'Git blame page error 500 on old file',
      'Blame times out with deadline exceeded',
      'Cannot open blame for our main config file',
      'Blame page DeadlineExceeded',
    ],
    says: ['The blame page of our oldest file never loads and ends with an error.'],
    plain: [
      '{{ts}} ERROR -- : GRPC::DeadlineExceeded: 4:Deadline Exceeded. debug_error_string:{UNKNOWN:Deadline Exceeded {grpc_status:4}}',
      "lib/gitlab/git/blame.rb:{{line}}:in 'load_blame'",
      'Completed 500 Internal Server Error in {{ms}}ms',
    ],
  },
  {
    key: 'mr-changes-500',
    family: 'HTTP 500 on an API route',
    project: GL,
    title: 'GET /api/v4/projects/:id/merge_requests/:iid/changes returns 500 for merge requests with renamed files',
    description:
      "The changes endpoint raises `NoMethodError: undefined method 'diff_refs' for nil` when a merge request renames a file that was deleted in the target branch; the API answers 500.",
    subjects: [
      'API returns 500 for merge request changes',
      'Our bot cannot read MR changes through the API',
      'merge_requests changes endpoint: Internal Server Error',
      'Integration fails fetching merge request diff via REST API',
      'MR changes API gives 500 on some merge requests',
    ],
    says: [
      'Our review bot calls the merge request changes API and gets 500 for some merge requests.',
      'It only happens for merge requests that rename files.',
    ],
    plain: [
      'Started GET "/api/v4/projects/{{id}}/merge_requests/{{n}}/changes" for {{ip}}',
      "{{ts}} ERROR -- : NoMethodError: undefined method `diff_refs' for nil:NilClass",
      "lib/api/merge_requests.rb:{{line}}:in 'block in <class:MergeRequests>'",
      'Completed 500 Internal Server Error in {{ms}}ms',
    ],
    json: [
      '{"time":"{{ts}}","severity":"INFO","method":"GET","path":"/api/v4/projects/{{id}}/merge_requests/{{n}}/changes","status":500,"duration_s":1.2,"exception.class":"NoMethodError","exception.message":"undefined method `diff_refs\' for nil:NilClass","correlation_id":"{{cid}}"}',
    ],
  },
  {
    key: 'jobs-request-502',
    family: 'HTTP 502 on an API route',
    project: GL,
    title: '502 Bad Gateway on POST /api/v4/jobs/request when many runners poll at once',
    description:
      'Workhorse answers 502 to runners polling `POST /api/v4/jobs/request` when Puma workers are all busy with long polling; runners log `ERROR: Checking for jobs... forbidden` or `502 Bad Gateway` and back off.',
    subjects: [
      'Runners get 502 Bad Gateway when asking for jobs',
      'Jobs are picked up late, runners log 502',
      'Bad Gateway errors from jobs/request endpoint',
      'Runner cannot check for jobs: status 502',
      'CI jobs wait minutes before starting, 502 in runner logs',
    ],
    says: [
      'With 300 runners registered, jobs sometimes wait several minutes before a runner picks them up.',
      'The runner logs show bad gateway while checking for jobs.',
    ],
    plain: [
      '{{time}} WARNING: Checking for jobs... failed  runner={{short}} status=POST https://gitlab.{{host}}/api/v4/jobs/request: 502 Bad Gateway',
      '{{ip}} - - [{{clf}}] "POST /api/v4/jobs/request HTTP/1.1" 502 150 "-" "gitlab-runner 17.2.0 (17-2-stable; go1.22.5; linux/amd64)"',
    ],
    json: [
      '{"correlation_id":"{{cid}}","duration_ms":{{ms}},"host":"gitlab.{{host}}","level":"info","method":"POST","msg":"access","proto":"HTTP/1.1","remote_ip":"{{ip}}","status":502,"uri":"/api/v4/jobs/request","time":"{{ts}}"}',
    ],
  },
  {
    key: 'registry-manifest-503',
    family: 'HTTP 503 on a route',
    project: REGISTRY,
    title: 'Registry returns 503 on GET /v2/<name>/manifests/<reference> during online garbage collection',
    description:
      'While online garbage collection reviews a repository, manifest reads answer 503 Service Unavailable with `database connection pool exhausted`; docker pull fails with `received unexpected HTTP status: 503 Service Unavailable`.',
    subjects: [
      'docker pull fails with 503 from registry',
      'Container registry unavailable for some images',
      'received unexpected HTTP status: 503 Service Unavailable on pull',
      'Pulling images from GitLab registry intermittently fails',
      'Registry manifests endpoint gives 503',
    ],
    says: [
      'CI jobs fail to pull images from our container registry a few times an hour.',
      'Retrying the pull usually works.',
    ],
    plain: [
      'Error response from daemon: received unexpected HTTP status: 503 Service Unavailable',
      '{{ip}} - - [{{clf}}] "GET /v2/{{proj}}/manifests/latest HTTP/1.1" 503 87 "" "docker/24.0.7 go/go1.20.10"',
      'level=error msg="database connection pool exhausted" go.version=go1.22.5 instance.id={{uuid}}',
    ],
    json: [
      '{"level":"info","msg":"access","method":"GET","uri":"/v2/{{proj}}/manifests/latest","status":503,"duration_ms":{{ms}},"time":"{{ts}}"}',
      '{"level":"error","msg":"database connection pool exhausted","time":"{{ts}}","correlation_id":"{{cid}}"}',
    ],
  },
  {
    key: 'nginx-413-maven',
    family: 'nginx 413 on uploads',
    project: GL,
    title: '413 Request Entity Too Large when uploading large Maven packages through bundled NGINX',
    description:
      'The Omnibus NGINX `client_max_body_size` is 250m for the packages API, so `PUT /api/v4/projects/:id/packages/maven/*path/:file_name` answers 413 for packages bigger than that, whatever the application limit says.',
    subjects: [
      'Maven deploy fails with 413',
      'Request Entity Too Large when publishing package',
      'Cannot upload big jar to package registry',
      'mvn deploy to GitLab packages: 413 error',
      'Package upload rejected by nginx',
    ],
    says: [
      'Publishing our 400 MB artifact to the package registry with mvn deploy fails.',
      'Smaller packages upload fine; we raised the package size limit in the admin area already.',
    ],
    plain: [
      '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-deploy-plugin:3.1.1:deploy: Could not transfer artifact com.acme:core:jar:2.{{k}}.0 from/to gitlab-maven: status code: 413, reason phrase: Request Entity Too Large (413)',
      '{{ip}} - - [{{clf}}] "PUT /api/v4/projects/{{id}}/packages/maven/com/acme/core/2.{{k}}.0/core-2.{{k}}.0.jar HTTP/1.1" 413 183 "-" "Apache-Maven/3.9.6"',
      '{{time}} [error] {{pid}}#0: *{{id}} client intended to send too large body: {{big}} bytes',
    ],
  },
  {
    key: 'redis-timeout-sessions',
    family: 'Redis timeout',
    project: GL,
    title: 'Redis::TimeoutError on sign-in when the sessions Redis is saturated',
    description:
      'Under load the sessions Redis instance hits its CPU limit and sign-ins fail with `Redis::TimeoutError: Connection timed out` in `ActiveSession.set`; users see a 500 page after submitting the sign-in form.',
    fixedIn: '17.3',
    subjects: [
      'Users cannot sign in: 500 error',
      'Login fails randomly in the morning',
      'Sign-in page throws error under load',
      'Redis timeout errors when logging in',
      'Intermittent 500 on sign in',
    ],
    says: [
      'At 9:00 when everyone logs in, about one sign-in in five fails.',
      'The users see a 500 page after entering their password.',
    ],
    plain: [
      '{{ts}} ERROR -- : Redis::TimeoutError: Connection timed out',
      "app/models/active_session.rb:{{line}}:in 'set'",
      'Completed 500 Internal Server Error in {{ms}}ms',
    ],
    json: [
      '{"severity":"ERROR","time":"{{ts}}","method":"POST","path":"/users/sign_in","status":500,"exception.class":"Redis::TimeoutError","exception.message":"Connection timed out","exception.backtrace":["app/models/active_session.rb:{{line}}:in \'set\'"]}',
    ],
  },
  {
    key: 'redis-sentinel-failover',
    family: 'Redis connection',
    project: GL,
    searchOnly: true,
    title: 'Redis::CannotConnectError after Sentinel failover: cache clients keep the old primary address',
    description:
      'After a Redis Sentinel failover the cache clients keep connecting to the old primary and fail with `Redis::CannotConnectError: Error connecting to Redis on 10.0.0.5:6379 (Errno::ECONNREFUSED)` until Puma restarts.',
    fixedIn: '17.4',
    subjects: [
      'Errors after Redis failover until restart',
      'Redis cannot connect after sentinel switched primary',
      'GitLab down after Redis failover test',
      'CannotConnectError after failover',
      'Puma keeps using old Redis primary',
    ],
    says: ['After our Redis failover test GitLab kept failing until we restarted Puma.'],
    plain: [
      '{{ts}} ERROR -- : Redis::CannotConnectError: Error connecting to Redis on {{ip}}:6379 (Errno::ECONNREFUSED)',
      "lib/gitlab/redis/wrapper.rb:{{line}}:in 'with'",
    ],
  },
  {
    key: 'ldap-group-sync-timeout',
    family: 'LDAP sync',
    project: GL,
    title: 'LDAP group sync removes members when the LDAP server times out',
    description:
      'LdapAllGroupsSyncWorker treats `Net::LDAP::Error: Connection timed out - user specified timeout` as an empty group and removes every member of the synced GitLab group.',
    subjects: [
      'Users removed from groups overnight',
      'LDAP group sync kicked everyone out of our group',
      'Group members disappear after LDAP sync',
      'LDAP sync timeout removes memberships',
      'Group lost all members after nightly sync',
    ],
    says: [
      'This morning the developers group had no members any more.',
      'Our domain controller was slow during the night.',
      'Memberships come back at the next LDAP group sync.',
    ],
    plain: [
      '{{ts}} ERROR: LdapAllGroupsSyncWorker JID-{{jid}}: Net::LDAP::Error: Connection timed out - user specified timeout',
      "ee/lib/ee/gitlab/auth/ldap/sync/group.rb:{{line}}:in 'update_permissions'",
    ],
    json: [
      '{"severity":"ERROR","time":"{{ts}}","class":"LdapAllGroupsSyncWorker","jid":"{{jid}}","exception.class":"Net::LDAP::Error","exception.message":"Connection timed out - user specified timeout"}',
    ],
  },
  {
    key: 'ldap-blocked-password-change',
    family: 'words only',
    project: GL,
    title: 'LDAP users blocked after changing their password in Active Directory',
    description:
      'Users who change their Active Directory password are marked "ldap_blocked" by the LDAP user sync when the bind happens during AD replication; they must be unblocked by an administrator.',
    subjects: [
      'Users blocked after password change',
      'Account shows ldap_blocked after changing AD password',
      'Employees locked out after resetting Windows password',
      'User state ldap_blocked for no reason',
      'Admin must unblock users after password change',
    ],
    says: [
      'Several users who changed their Active Directory password yesterday are blocked in GitLab.',
      'Their account shows ldap_blocked in the admin area and they cannot sign in.',
      'Unblocking them by hand works until the next password change.',
    ],
    plain: [
      '{{ts}} INFO -- : LDAP account "uid={{user}},ou=people,dc=corp,dc=example" blocked: user not found or password expired',
      '{{ts}} INFO -- : Gitlab::Auth::Ldap::Access: user {{user}} state changed to ldap_blocked',
    ],
  },
  {
    key: 'puma-oom-graphql',
    family: 'OOM kill',
    project: GL,
    title: 'Puma workers OOM killed: memory grows on GraphQL pipeline queries',
    description:
      'After upgrading to 17.2, Puma worker memory grows by several GB when the pipeline editor runs its GraphQL query for large CI configurations; the kernel OOM killer ends the worker.',
    subjects: [
      'Puma workers killed by OOM killer',
      'Memory usage of puma explodes since upgrade',
      'Out of memory: Killed process puma',
      'Web nodes run out of memory',
      'Puma memory leak after upgrade to 17.2',
    ],
    says: [
      'Since the upgrade the web nodes run out of memory every few hours.',
      'dmesg shows the kernel killing puma cluster workers.',
      'It seems to happen when people open the pipeline editor.',
    ],
    plain: [
      '[{{uptime}}] Out of memory: Killed process {{pid}} (puma: cluster worker {{k}}) total-vm:{{big}}kB, anon-rss:{{big}}kB',
      '[{{uptime}}] oom-kill:constraint=CONSTRAINT_NONE,task=ruby,pid={{pid}},uid=998',
      '{{ts}} WARN -- : PumaWorkerKiller: Out of memory. {{k}} workers consuming total: {{mb}} mb',
    ],
  },
  {
    key: 'sidekiq-memory-killer-artifacts',
    family: 'OOM kill',
    project: GL,
    title: 'Sidekiq MemoryKiller restarts during expired artifacts removal',
    description:
      'Ci::ArchiveTracesCronWorker and the expired artifacts removal load too many job artifacts at once; Sidekiq RSS grows past the MemoryKiller limit and the process restarts, leaving expired artifacts on disk.',
    subjects: [
      'Sidekiq restarts every night',
      'Expired artifacts are not deleted, disk full',
      'Sidekiq memory killer during artifact cleanup',
      'Artifacts storage keeps growing, sidekiq restarting',
      'Sidekiq RSS exceeds limit when removing expired artifacts',
    ],
    says: [
      'Our artifacts disk keeps growing although artifacts expire after a week.',
      'Every night Sidekiq is restarted by the memory killer.',
    ],
    plain: [
      '{{ts}} WARN: Sidekiq::MemoryKiller: RSS {{mb}} MB exceeds limit; shutting down process {{pid}}',
      '{{ts}} INFO: Ci::DestroyExpiredJobArtifactsService: removing expired artifacts batch of {{big}}',
    ],
    json: [
      '{"severity":"WARN","time":"{{ts}}","message":"Sidekiq memory killer: RSS exceeds limit","current_rss":{{big}},"max_rss":{{big}},"pid":{{pid}},"class":"Ci::ScheduleDeleteObjectsCronWorker"}',
    ],
  },
  {
    key: 'es-too-many-requests',
    family: 'Sidekiq worker failing',
    project: GL,
    title: 'Advanced search initial indexing fails with 429 Too Many Requests from Elasticsearch',
    description:
      'ElasticCommitIndexerWorker fails with `Elasticsearch::Transport::Transport::Errors::TooManyRequests: [429] circuit_breaking_exception` during initial indexing of large instances; the bulk size is not reduced on retry.',
    subjects: [
      'Advanced search indexing never finishes',
      'Elasticsearch indexing errors 429',
      'ElasticCommitIndexerWorker failing',
      'Search index incomplete after enabling advanced search',
      'Indexing fails with circuit_breaking_exception',
    ],
    says: [
      'We enabled advanced search two weeks ago and indexing is still not finished.',
      'Code search misses many projects.',
    ],
    plain: [
      '{{ts}} ERROR: ElasticCommitIndexerWorker JID-{{jid}}: Elasticsearch::Transport::Transport::Errors::TooManyRequests: [429] {"error":{"type":"circuit_breaking_exception","reason":"[parent] Data too large"}}',
    ],
    json: [
      '{"severity":"ERROR","time":"{{ts}}","class":"ElasticCommitIndexerWorker","jid":"{{jid}}","error_class":"Elasticsearch::Transport::Transport::Errors::TooManyRequests","error_message":"[429] circuit_breaking_exception [parent] Data too large"}',
    ],
  },
  {
    key: 'geo-lfs-econnreset',
    family: 'Geo replication',
    project: GL,
    searchOnly: true,
    title: 'Geo: LFS objects stay pending on the secondary with Errno::ECONNRESET',
    description:
      'Geo::FileDownloadDispatchWorker downloads fail with `Errno::ECONNRESET: Connection reset by peer` behind a load balancer with a 60 s idle timeout; the LFS objects stay in the pending state.',
    subjects: [
      'Geo secondary: LFS objects not syncing',
      'LFS objects pending forever on Geo site',
      'Geo replication of LFS stuck',
      'Connection reset by peer on Geo secondary',
      'Geo site shows LFS sync failures',
    ],
    says: ['The Geo admin page shows thousands of LFS objects pending on the secondary site.'],
    plain: [
      '{{ts}} WARN: Geo::FileDownloadDispatchWorker JID-{{jid}}: Errno::ECONNRESET: Connection reset by peer',
      "ee/app/services/geo/file_download_service.rb:{{line}}:in 'execute'",
    ],
  },
  {
    key: 'backup-file-changed',
    family: 'words only',
    project: GL,
    title: 'gitlab-backup create fails: tar "file changed as we read it" for uploads',
    description:
      'The backup of uploads aborts when a file is written during the tar: `tar: ./@hashed/...: file changed as we read it` makes gitlab-backup exit with status 1 and no backup archive is written.',
    subjects: [
      'Nightly backup failed',
      'gitlab-backup create exits with error on uploads',
      'Backup job fails: file changed as we read it',
      'Backups broken since last week',
      'Uploads backup step aborts',
    ],
    says: [
      'Our nightly gitlab-backup create job fails at the uploads step.',
      'The backup archive is not created at all.',
      'It fails at a different file each night.',
    ],
    plain: [
      '{{time}} -- Dumping uploads ...',
      'tar: ./@hashed/{{hash2}}/{{hash2}}/{{sha}}/file_{{n}}.png: file changed as we read it',
      'Backup failed: uploads: tar exited with status 1',
    ],
  },
  {
    key: 'restore-undefined-table',
    family: 'Rails PG error',
    project: GL,
    title: 'Restore fails with PG::UndefinedTable when restoring a backup from an older version',
    description:
      'Restoring a backup taken on an older version into a newer one runs migrations in the wrong order: `ActiveRecord::StatementInvalid: PG::UndefinedTable: ERROR: relation "ci_builds_metadata" does not exist` (SQLSTATE 42P01).',
    subjects: [
      'Restore fails: relation does not exist',
      'gitlab-backup restore error on new server',
      'Cannot restore our backup to the new VM',
      'Restore aborts with PG UndefinedTable',
      'Migration to new server: backup restore broken',
    ],
    says: [
      'We are moving to a new server and the restore of our backup fails half way.',
      'The old server runs an older version than the new one.',
    ],
    plain: [
      'Restoring database ...',
      'rake aborted!',
      'ActiveRecord::StatementInvalid: PG::UndefinedTable: ERROR:  relation "ci_builds_metadata" does not exist',
      "lib/backup/database.rb:{{line}}:in 'restore'",
    ],
  },
  {
    key: 'github-import-rate-limit',
    family: 'Importer',
    project: GL,
    searchOnly: true,
    title: 'GitHub importer stalls at importing pull requests with Gitlab::GithubImport::RateLimitError',
    description:
      'Large GitHub imports stop at the pull requests stage: `Gitlab::GithubImport::RateLimitError: Rate limit exceeded` is raised and the import is not rescheduled after the reset time.',
    fixedIn: '17.6',
    subjects: [
      'GitHub import stuck on pull requests',
      'Import from GitHub never finishes',
      'GitHub importer rate limit error',
      'Project import from GitHub hangs',
      'Importing pull requests from GitHub stops',
    ],
    says: ['The import of our GitHub repository has been stuck for two days.'],
    plain: [
      '{{ts}} ERROR: Gitlab::GithubImport::Stage::ImportPullRequestsWorker JID-{{jid}}: Gitlab::GithubImport::RateLimitError: Rate limit exceeded',
    ],
  },
  {
    key: 'webhook-read-timeout',
    family: 'Sidekiq worker failing',
    project: GL,
    title: 'Project webhooks auto-disabled after Net::ReadTimeout from slow receivers',
    description:
      'WebHookWorker counts `Net::ReadTimeout` as a failure and disables the webhook after four of them, even when the receiver accepted the delivery; the project settings then show the hook as failing.',
    subjects: [
      'Webhook disabled automatically',
      'Our Jenkins webhook keeps getting disabled',
      'Webhooks stop firing after a while',
      'Project hook shows failing, deliveries stopped',
      'Webhook auto-disabled after timeouts',
    ],
    says: [
      'Our project webhook gets disabled every few days and builds are not triggered.',
      'The receiver is slow but does accept the request.',
    ],
    plain: [
      '{{ts}} WARN: WebHookWorker JID-{{jid}}: Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)>',
      "app/services/web_hook_service.rb:{{line}}:in 'make_request'",
    ],
    json: [
      '{"severity":"WARN","time":"{{ts}}","class":"WebHookWorker","jid":"{{jid}}","exception.class":"Net::ReadTimeout","exception.message":"Net::ReadTimeout with #<TCPSocket:(closed)>","hook_id":{{id}}}',
    ],
  },
  {
    key: 'saml-notbefore',
    family: 'SAML',
    project: GL,
    title: 'SAML sign-in fails: OneLogin::RubySaml::ValidationError Current time is earlier than NotBefore condition',
    description:
      'A clock skew of a few seconds between the IdP and GitLab rejects SAML responses: `OneLogin::RubySaml::ValidationError: Current time is earlier than NotBefore condition`. allowed_clock_drift is not applied to NotBefore.',
    subjects: [
      'SAML login fails sometimes',
      'SSO sign-in error NotBefore',
      'Single sign-on rejected: current time is earlier',
      'Okta SAML login intermittently fails',
      'SAML authentication error after IdP change',
    ],
    says: ['Some users cannot sign in with SSO, a second attempt usually works.', 'We use Okta as identity provider.'],
    plain: [
      '{{ts}} ERROR -- : OneLogin::RubySaml::ValidationError: Current time is earlier than NotBefore condition ({{ts}} < {{ts}})',
      "lib/omni_auth/strategies/saml.rb:{{line}}:in 'callback_phase'",
    ],
  },
  {
    key: 'group-projects-api-500',
    family: 'HTTP 500 on an API route',
    project: GL,
    searchOnly: true,
    title: 'GET /api/v4/groups/:id/projects?include_subgroups=true times out for large groups',
    description:
      'Listing the projects of a group with thousands of subgroups and include_subgroups=true answers 500 after the statement timeout (`PG::QueryCanceled`).',
    subjects: [
      'Group projects API returns 500',
      'Listing group projects with subgroups fails',
      'API groups projects include_subgroups error',
      'Our inventory script fails on the groups projects endpoint',
      'groups/:id/projects gives Internal Server Error',
    ],
    says: ['Our inventory script lists all projects of our top-level group and gets 500.'],
    plain: [
      'Started GET "/api/v4/groups/{{id}}/projects?include_subgroups=true&per_page=100" for {{ip}}',
      '{{ts}} ERROR -- : PG::QueryCanceled: ERROR:  canceling statement due to statement timeout',
      'Completed 500 Internal Server Error in {{ms}}ms',
    ],
    json: [
      '{"time":"{{ts}}","method":"GET","path":"/api/v4/groups/{{id}}/projects","params":[{"key":"include_subgroups","value":"true"}],"status":500,"exception.class":"ActiveRecord::QueryCanceled","exception.message":"PG::QueryCanceled: ERROR:  canceling statement due to statement timeout"}',
    ],
  },
  {
    key: 'mergeability-stuck',
    family: 'words only',
    project: GL,
    title: "Merge requests stuck in 'Checking mergeability' after upgrade",
    description:
      'After upgrading to 17.2 some merge requests stay in "Checking if merge request can be merged" forever; MergeRequestMergeabilityCheckWorker is deduplicated and never runs again for them.',
    fixedIn: '17.4',
    subjects: [
      'Merge button missing, checking mergeability forever',
      'MR stuck at "Checking if merge request can be merged"',
      'Cannot merge: mergeability check never finishes',
      'Merge requests hang in checking state',
      'Merge request mergeability status stuck since upgrade',
    ],
    says: [
      'Since the upgrade some merge requests never show the merge button.',
      'The widget keeps saying it is checking whether the merge request can be merged.',
      'Rebasing the source branch sometimes helps.',
    ],
    plain: [
      '{{ts}} INFO: MergeRequestMergeabilityCheckWorker JID-{{jid}}: dropped as duplicate (deduplication strategy until_executed)',
    ],
  },
  {
    key: 'gitaly-catfile-panic',
    family: 'Go panic (Gitaly)',
    project: GITALY,
    title: 'Gitaly panics with nil pointer dereference in catfile object info reader',
    description:
      'When a repository is removed while a catfile cache entry is in use, Gitaly crashes: `panic: runtime error: invalid memory address or nil pointer dereference` in `catfile.(*objectInfoReader).Info`.',
    subjects: [
      'Gitaly crashes with panic',
      'gitaly process restarts: nil pointer dereference',
      'Gitaly panic in catfile',
      'Gitaly keeps crashing during repository deletion',
      'runtime error invalid memory address in gitaly',
    ],
    says: [
      'Gitaly crashed three times today and all repository operations failed meanwhile.',
      'It seems to coincide with our cleanup script deleting old projects.',
    ],
    plain: [
      'panic: runtime error: invalid memory address or nil pointer dereference',
      '[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc={{addr}}]',
      'goroutine {{k}}{{k}} [running]:',
      'gitlab.com/gitlab-org/gitaly/v16/internal/git/catfile.(*objectInfoReader).Info(0x0, {0x1e3a2c8, {{addr}}}, {{{addr}}, 0x28})',
      '\t/builds/gitlab-org/gitaly/internal/git/catfile/object_info_reader.go:{{line}} +0x3c',
    ],
  },
  {
    key: 'praefect-replication-canceled',
    family: 'Go log (Praefect)',
    project: GITALY,
    searchOnly: true,
    title: 'Praefect replication jobs pile up with "replicate: rpc error: code = Canceled"',
    description:
      'Praefect replication events fail with `replicate: rpc error: code = Canceled desc = context canceled` when a secondary Gitaly is slow; the replication queue grows and repositories become read-only.',
    fixedIn: '17.4',
    subjects: [
      'Praefect replication queue growing',
      'Repositories read-only on Gitaly Cluster',
      'replicate rpc error code Canceled',
      'Gitaly Cluster replication lag keeps increasing',
      'Praefect: replication jobs failing',
    ],
    says: ['Our Gitaly Cluster replication queue keeps growing and some repositories turned read-only.'],
    plain: [
      '{"level":"error","msg":"replication event failed","error":"replicate: rpc error: code = Canceled desc = context canceled","virtual_storage":"default","relative_path":"@hashed/{{hash2}}/{{hash2}}/{{sha}}.git","time":"{{ts}}"}',
    ],
  },
  {
    key: 'gitaly-repack-oom',
    family: 'OOM kill',
    project: GITALY,
    title: 'git repack OOM killed in Gitaly during full repack of large monorepos',
    description:
      'Full repacks started by housekeeping use unbounded memory for repositories with many large blobs; the kernel OOM killer ends `git repack` and sometimes the Gitaly process itself.',
    subjects: [
      'Gitaly server out of memory during repack',
      'git repack killed by OOM on gitaly node',
      'Gitaly node memory spikes at night',
      'OOM killer ends git processes on gitaly',
      'Repack of our monorepo crashes gitaly',
    ],
    says: [
      'The Gitaly node runs out of memory every night when housekeeping repacks our monorepo.',
      'dmesg shows git being killed by the OOM killer.',
    ],
    plain: [
      '[{{uptime}}] Out of memory: Killed process {{pid}} (git) total-vm:{{big}}kB, anon-rss:{{big}}kB',
      '{"level":"error","msg":"full repack failed","error":"signal: killed","grpc.method":"OptimizeRepository","time":"{{ts}}"}',
    ],
  },
  {
    key: 'runner-concurrent-map-writes',
    family: 'Go panic (Runner)',
    project: RUNNER,
    title: 'Runner crashes with "fatal error: concurrent map writes" in docker-autoscaler executor',
    description:
      'gitlab-runner with the docker-autoscaler executor exits with `fatal error: concurrent map writes` in `taskscaler.(*taskscaler).Acquire` when many jobs start at once.',
    subjects: [
      'gitlab-runner crashes under load',
      'Runner exits: concurrent map writes',
      'Autoscaler runner process dies',
      'fatal error in runner with docker-autoscaler',
      'Runner service restarts when many jobs start',
    ],
    says: [
      'Our autoscaling runner crashes when a big pipeline starts 200 jobs at once.',
      'All running jobs on it fail with the runner system failure.',
    ],
    plain: [
      'fatal error: concurrent map writes',
      'goroutine {{k}}{{k}}{{k}} [running]:',
      'gitlab.com/gitlab-org/fleeting/taskscaler.(*taskscaler).Acquire({{addr}}, {0x2b1c6a8, {{addr}}}, {{{addr}}, 0x24})',
      '\t/go/pkg/mod/gitlab.com/gitlab-org/fleeting/taskscaler@v0.0.0/taskscaler.go:{{line}} +0x1f4',
    ],
  },
  {
    key: 'runner-artifacts-proxy',
    family: 'words only',
    project: RUNNER,
    title: 'Runner artifacts upload stalls behind proxy',
    description:
      'When HTTPS_PROXY is set, uploading job artifacts stalls at "Uploading artifacts..." until the job times out: the runner keeps the proxy connection open without sending the multipart body.',
    subjects: [
      'Artifact upload hangs forever',
      'Jobs stuck at Uploading artifacts',
      'Uploading artifacts never completes on our runners behind corporate proxy',
      'Artifacts upload stalls since we added HTTPS_PROXY',
      'Job times out while uploading artifacts to coordinator',
    ],
    says: [
      'Our runners sit behind the corporate proxy and jobs hang at the artifacts upload step.',
      'The same job without artifacts finishes fine.',
      'After an hour the job times out.',
    ],
    plain: [
      'Uploading artifacts for successful job',
      'Uploading artifacts...',
      'build/: found {{n}}{{k}} matching artifact files and directories',
      'ERROR: Job failed: execution took longer than 1h0m0s seconds',
    ],
  },
  {
    key: 'runner-k8s-pending',
    family: 'words only',
    project: RUNNER,
    searchOnly: true,
    title: 'Kubernetes executor: "timed out waiting for pod to start" when pods stay Pending',
    description:
      'With the Kubernetes executor, jobs fail with `ERROR: Job failed (system failure): prepare environment: waiting for pod running: timed out waiting for pod to start` when the cluster autoscaler needs longer than poll_timeout.',
    subjects: [
      'Kubernetes runner: timed out waiting for pod to start',
      'Jobs fail while pod stays Pending',
      'k8s executor system failure waiting for pod',
      'Pods pending then job fails',
      'Kubernetes executor pod start timeout',
    ],
    says: ['Jobs on our Kubernetes runner fail when the cluster has to add nodes first.'],
    plain: [
      'Waiting for pod {{proj}}/runner-{{short}}-project-{{id}}-concurrent-0 to be running, status is Pending',
      'ERROR: Job failed (system failure): prepare environment: waiting for pod running: timed out waiting for pod to start',
    ],
  },
  {
    key: 'runner-cache-s3-signature',
    family: 'words only',
    project: RUNNER,
    title: 'Cache upload to S3 fails with SignatureDoesNotMatch when the cache key contains spaces',
    description:
      'The runner builds the pre-signed URL from an unescaped cache key; S3 answers 403 SignatureDoesNotMatch and the cache is never saved.',
    subjects: [
      'Runner cache never saved to S3',
      'SignatureDoesNotMatch when uploading cache',
      'Cache upload to bucket returns 403',
      'Distributed cache not working with MinIO',
      'Creating cache fails: signature does not match',
    ],
    says: [
      'The distributed cache on our S3 bucket is never used, every job downloads dependencies again.',
      'Our cache key uses the branch name, which may have spaces.',
    ],
    plain: [
      'Creating cache {{short}} build-cache...',
      'WARNING: Retrying...                                error=received: 403 Forbidden',
      'ERROR: Failed to upload cache: SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.',
    ],
  },
  {
    key: 'runner-register-410',
    family: 'HTTP 410 on an API route',
    project: RUNNER,
    title: 'Runner registration with registration token fails with 410 Gone on POST /api/v4/runners',
    description:
      'When registration tokens are disabled for the instance, `gitlab-runner register --registration-token` gets `410 Gone` from `POST /api/v4/runners`; the runner should say to use an authentication token.',
    subjects: [
      'Cannot register new runner: 410 Gone',
      'gitlab-runner register fails',
      'Runner registration token does not work anymore',
      'POST /api/v4/runners returns 410',
      'Registering runner error after upgrade',
    ],
    says: [
      'Our automation that registers runners stopped working after the upgrade.',
      'The register command fails right away.',
    ],
    plain: [
      'ERROR: Registering runner... failed  runner={{short}} status=POST https://gitlab.{{host}}/api/v4/runners: 410 Gone',
      '{{ip}} - - [{{clf}}] "POST /api/v4/runners HTTP/1.1" 410 40 "-" "gitlab-runner 17.2.0"',
    ],
  },
  {
    key: 'registry-gc-gcs-deadline',
    family: 'words only',
    project: REGISTRY,
    searchOnly: true,
    title: 'Online garbage collection: context deadline exceeded deleting blobs on GCS',
    description:
      'The blob review worker of online garbage collection fails with `context deadline exceeded` when deleting blobs from Google Cloud Storage buckets with many objects; storage is not reclaimed.',
    subjects: [
      'Registry storage not reclaimed',
      'Garbage collection fails with deadline exceeded on GCS',
      'Registry GC blob delete timeouts',
      'Container registry bucket keeps growing',
      'Online GC not deleting blobs',
    ],
    says: ['Our registry bucket on Google Cloud Storage grows although we delete tags.'],
    plain: [
      'level=error msg="failed to delete blob" error="context deadline exceeded" component=registry.gc.worker.BlobWorker digest=sha256:{{sha}}',
    ],
  },
  {
    key: 'jenkins-socket-timeout',
    family: 'Java trace',
    project: GL,
    title: 'Jenkins integration: java.net.SocketTimeoutException Read timed out when posting build status',
    description:
      'The Jenkins GitLab plugin posts commit statuses and gets `java.net.SocketTimeoutException: Read timed out` because `POST /api/v4/projects/:id/statuses/:sha` waits on a lock on the pipeline.',
    subjects: [
      'Jenkins cannot post build status to GitLab',
      'Commit status from Jenkins missing',
      'Jenkins GitLab plugin Read timed out',
      'Build status not shown on merge request (Jenkins)',
      'Jenkins job log: SocketTimeoutException talking to GitLab',
    ],
    says: [
      'Our Jenkins jobs finish but the merge request does not show their status.',
      'The Jenkins log shows read timeouts when it updates the commit status.',
    ],
    plain: [
      'java.net.SocketTimeoutException: Read timed out',
      '\tat java.base/java.net.SocketInputStream.socketRead0(Native Method)',
      '\tat com.dabsquared.gitlabjenkins.gitlab.api.impl.ResteasyGitLabClient.changeBuildStatus(ResteasyGitLabClient.java:{{line}})',
      '\tat com.dabsquared.gitlabjenkins.util.CommitStatusUpdater.updateCommitStatus(CommitStatusUpdater.java:{{line}})',
    ],
  },
  {
    key: 'python-artifacts-chunked',
    family: 'Python traceback',
    project: GL,
    title: 'Downloading job artifacts through the API breaks off: ChunkedEncodingError for archives over 1 GB',
    description:
      'python-gitlab and curl downloads of `GET /api/v4/projects/:id/jobs/:job_id/artifacts` stop after about 1 GB with `requests.exceptions.ChunkedEncodingError: Connection broken: IncompleteRead`; Workhorse closes the stream after proxy_read_timeout.',
    subjects: [
      'Artifact download via API breaks off',
      'python-gitlab artifacts download fails with IncompleteRead',
      'Large job artifacts cannot be downloaded by script',
      'ChunkedEncodingError downloading artifacts',
      'Downloading big artifacts archive through REST API fails',
    ],
    says: [
      'Our release script downloads the job artifacts with python-gitlab and fails for the big archive.',
      'Smaller artifacts download fine.',
    ],
    plain: [
      'Traceback (most recent call last):',
      '  File "/opt/release/fetch.py", line {{line}}, in <module>',
      '  File "/usr/lib/python3/dist-packages/requests/models.py", line {{line}}, in generate',
      "requests.exceptions.ChunkedEncodingError: ('Connection broken: IncompleteRead({{big}} bytes read, {{big}} more expected)', IncompleteRead({{big}} bytes read))",
    ],
  },
  {
    key: 'code-quality-java-heap',
    family: 'Java trace',
    project: GL,
    searchOnly: true,
    title: 'Code Quality job fails with java.lang.OutOfMemoryError: Java heap space in the SpotBugs analyzer',
    description:
      'The SpotBugs analyzer runs with the default 512m heap and fails on large projects: `java.lang.OutOfMemoryError: Java heap space`. SAST_JAVA_OPTS is not passed to the analyzer.',
    subjects: [
      'SpotBugs SAST job out of memory',
      'Java heap space error in spotbugs analyzer',
      'SAST job fails on our Java project',
      'OutOfMemoryError in SpotBugs',
      'spotbugs-sast job crashes',
    ],
    says: ['The spotbugs-sast job fails on our biggest Java service.'],
    plain: [
      'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space',
      '\tat edu.umd.cs.findbugs.ba.ClassContext.getMethodAnalysis(ClassContext.java:{{line}})',
    ],
  },
  {
    key: 'csv-export-last-row',
    family: 'words only (fixture title)',
    project: GL,
    title: 'Export to CSV drops the last row',
    description:
      'Exporting issues to CSV leaves out the last issue of the list; the e-mail says one more issue than the file holds.',
    subjects: [
      'CSV export missing one issue',
      'Issues export to CSV: last issue is missing',
      'Exported CSV has one row less than the list',
      'Last row not in the CSV file we get by mail',
      'Issue list CSV export incomplete',
    ],
    says: [
      'When we export the issue list to CSV the last issue is always missing from the file.',
      'The mail says 120 issues were exported, the CSV file has 119 rows.',
      'We use the export for our weekly report.',
    ],
    plain: [],
  },
  {
    key: 'repository-files-api',
    family: 'words only (fixture title)',
    project: GL,
    title: 'New API: create/update/delete file',
    description:
      'Create new API for manipulations with repository: create, update and delete a file in a repository branch.',
    subjects: [
      'API to update a file in the repository?',
      'How to create or delete a repository file through the API',
      'Need REST endpoint to change a file in a branch',
      'Update a file in a repository with an API call',
      'Delete a file from a branch via API',
    ],
    says: [
      'Our tooling needs to create, update and delete files in a repository branch without cloning.',
      'Is there an API endpoint for manipulations with repository files?',
    ],
    plain: [],
  },
];

// the fixture files that hold the titles of the last two issues (when ../shared is beside the project)
const FIXTURE_TITLES: Record<string, [string, (json: Record<string, unknown>) => unknown]> = {
  'csv-export-last-row': [
    'gitlab/issue-hook.update-milestone.json',
    (j) => (j.object_attributes as Record<string, unknown> | undefined)?.title,
  ],
  'repository-files-api': [
    'gitlab/issue-hook.open.json',
    (j) => (j.object_attributes as Record<string, unknown> | undefined)?.title,
  ],
};

function fixtureTitle(key: string): string | undefined {
  const entry = FIXTURE_TITLES[key];
  if (!entry || !sharedFixturesPresent) return undefined;
  const file = path.join(SHARED_FIXTURES, 'forges', entry[0]);
  if (!fs.existsSync(file)) return undefined;
  const title = entry[1](JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>);
  return typeof title === 'string' && title.length > 0 ? title : undefined;
}

/** The labelled issues, with their numbers on the simulated forge. */
export function suggestionIssues(seed = 17): SetIssue[] {
  const r = seededRandom(seed);
  const next = new Map<string, number>();
  return ISSUES.map((issue) => {
    const base = next.get(issue.project) ?? (issue.project === GL ? 412_000 : 5_000);
    const iid = base + 1 + Math.floor(r() * 40);
    next.set(issue.project, iid);
    return {
      ...issue,
      title: fixtureTitle(issue.key) ?? issue.title,
      iid,
      upvotes: Math.floor(r() * 60),
      searchOnly: issue.searchOnly ?? false,
    };
  });
}

const VERSIONS = ['17.1.2', '17.2.1', '17.2.4', '17.3.0', '17.3.3'];
const GREETINGS = ['Hi team,', 'Hello,', 'Good morning,', 'Hi support,', ''];
const CLOSINGS = [
  'Thanks,',
  'Any idea?',
  'This blocks our release, please advise.',
  'Regards',
  'Thank you in advance.',
];
const DEPLOYMENTS = ['Omnibus', 'the Helm chart', 'Docker', 'a reference architecture for 3k users'];
const LOG_INTROS = ['Here is what the log shows:', 'From the logs:', 'Log excerpt below.', 'Relevant lines:', ''];
const FIRST_NAMES = ['Ines', 'Tomasz', 'Priya', 'Kenji', 'Olu', 'Marta', 'Sven', 'Lucia'];
// what a real log has around the failing lines
const NOISE = [
  '{{ts}} INFO -- : Started GET "/-/readiness" for {{ip}}',
  '{"severity":"INFO","time":"{{ts}}","correlation_id":"{{cid}}","message":"health check ok"}',
  '{{time}} [notice] {{pid}}#0: signal process started',
  'Completed 200 OK in {{k}}0ms (Views: {{k}}.1ms | ActiveRecord: {{k}}.4ms)',
  'I, [{{ts}} #{{pid}}]  INFO -- : Cleaning up expired sessions',
  '{"level":"info","msg":"finished streaming","time":"{{ts}}","grpc.code":"OK"}',
];

const pick = <T>(r: () => number, items: T[]): T => items[Math.floor(r() * items.length)] as T;
const hex = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
const alnum = (r: () => number, n: number) =>
  Array.from({ length: n }, () => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Math.floor(r() * 32)]).join('');

/** Fills each {{placeholder}} with a value of its own: ids, hosts and times are the customer's, never the failure's. */
function fill(template: string, r: () => number, org: string): string {
  const day = 1 + Math.floor(r() * 28);
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const d = `2026-11-${String(day).padStart(2, '0')}`;
    const clock = `${String(Math.floor(r() * 24)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}`;
    switch (name) {
      case 'ts':
        return `${d}T${clock}.${String(Math.floor(r() * 1000)).padStart(3, '0')}Z`;
      case 'time':
        return `${d.replace(/-/g, '/')} ${clock}`;
      case 'clf':
        return `${String(day).padStart(2, '0')}/Nov/2026:${clock} +0000`;
      case 'uptime':
        return `${Math.floor(r() * 900000)}.${hex(r, 6)}`;
      case 'host':
        return `${org}.${pick(r, ['internal', 'corp', 'example', 'lan'])}`;
      case 'ip':
        return `10.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${1 + Math.floor(r() * 254)}`;
      case 'id':
        return String(10_000 + Math.floor(r() * 9_000_000));
      case 'n':
        return String(1 + Math.floor(r() * 399));
      case 'k':
        return String(2 + Math.floor(r() * 8));
      case 'line':
        return String(10 + Math.floor(r() * 890));
      case 'ms':
        return String(1_000 + Math.floor(r() * 59_000));
      case 'mb':
        return String(1_200 + Math.floor(r() * 6_000));
      case 'big':
        return String(1_000_000 + Math.floor(r() * 900_000_000));
      case 'pid':
        return String(1_000 + Math.floor(r() * 60_000));
      case 'jid':
        return hex(r, 24);
      case 'cid':
        return alnum(r, 26);
      case 'sha':
        return hex(r, 40);
      case 'hash2':
        return hex(r, 2);
      case 'short':
        return hex(r, 8);
      case 'addr':
        return `0xc000${hex(r, 6)}`;
      case 'uuid':
        return `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
      case 'proj':
        return `${org}/${pick(r, ['platform', 'web', 'infra', 'mobile'])}/${pick(r, ['api', 'app', 'core', 'deploy'])}`;
      case 'user':
        return `${pick(r, FIRST_NAMES).toLowerCase()}.${alnum(r, 3).toLowerCase()}`;
      default:
        return name;
    }
  });
}

function older(version: string, than: string): boolean {
  const a = version.split('.').map(Number);
  const b = than.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  }
  return false;
}

function shuffled<T>(r: () => number, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function ticketText(issue: SetIssue, index: number, r: () => number): { subject: string; body: string } {
  const org =
    pick(r, ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'vandelay', 'tyrell', 'wonka']) +
    alnum(r, 2).toLowerCase();
  // history tickets take the first three subjects, query tickets the last two; sentences are shuffled
  const subject = issue.subjects[index] as string;
  const says = shuffled(r, issue.says).slice(0, 1 + Math.floor(r() * Math.min(2, issue.says.length)));
  const lines: string[] = [];
  const greeting = pick(r, GREETINGS);
  if (greeting) lines.push(greeting, '');
  lines.push(says.join(' '));
  if (r() < 0.7) {
    // a customer who meets a failure fixed in 17.4 runs something older
    const version = pick(
      r,
      VERSIONS.filter((v) => !issue.fixedIn || older(v, issue.fixedIn)),
    );
    lines.push(
      pick(r, [
        `We run GitLab ${version} (${pick(r, DEPLOYMENTS)}).`,
        `Version: GitLab ${version}-ee`,
        `We upgraded to GitLab ${version} two weeks ago.`,
      ]),
    );
  }
  const template = issue.json && r() < 0.45 ? issue.json : issue.plain;
  if (template.length > 0) {
    const log = template.map((line) => fill(line, r, org));
    // a few unrelated lines before, between or after, as a pasted log has them
    for (let i = Math.floor(r() * 4); i > 0; i--) {
      log.splice(Math.floor(r() * (log.length + 1)), 0, fill(pick(r, NOISE), r, org));
    }
    const intro = pick(r, LOG_INTROS);
    lines.push('', ...(intro ? [intro] : []), ...(r() < 0.5 ? ['```', ...log, '```'] : log));
  }
  lines.push('', pick(r, CLOSINGS), pick(r, FIRST_NAMES));
  return { subject, body: lines.join('\n') };
}

/**
 * The tickets of the set: three history tickets for each issue that has history, and two query
 * tickets for every issue. The same seed gives the same tickets.
 */
export function suggestionTickets(issues: SetIssue[], seed = 17): SetTicket[] {
  const r = seededRandom(seed * 7919);
  const tickets: SetTicket[] = [];
  for (const issue of issues) {
    for (let index = 0; index < 5; index++) {
      const role = index < 3 ? 'history' : 'query';
      if (role === 'history' && issue.searchOnly) continue;
      tickets.push({
        issue,
        role,
        ...ticketText(issue, index, r),
        ageDays: role === 'history' ? 2 + Math.floor(r() * 300) : 0,
      });
    }
  }
  return tickets;
}
