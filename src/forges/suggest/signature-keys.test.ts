import { describe, expect, it } from 'vitest';
import { extractErrorSignature } from './error-signature.js';
import { plannedQueries, theirNames } from './forge-terms.js';
import { compareVersions, distinctiveWords, signatureKeys, versionIn } from './signature-keys.js';

describe('signature keys and forge queries', () => {
  const signature =
    extractErrorSignature(`ActiveRecord::StatementInvalid (PG::QueryCanceled: ERROR:  canceling statement due to statement timeout
):
app/models/ci/pipeline.rb:1042:in \`ensure_ci_ref!'
Started POST "/api/v4/projects/4412/pipeline" for 10.2.3.4
Completed 500 Internal Server Error in 15003ms
POST /api/v4/projects/4412/pipeline 500`);

  it('keys say what failed, strong ones apart from the class alone', () => {
    const keys = signatureKeys(signature);
    expect(keys.map((k) => [k.key, k.strong])).toEqual([
      ['exception:ActiveRecord::StatementInvalid', false],
      [
        'failure:ActiveRecord::StatementInvalid: PG::QueryCanceled: ERROR: canceling statement due to statement timeout',
        true,
      ],
      // the wrapped error is keyed too: the same failure as a plain "PG::QueryCanceled: …"
      ['exception:PG::QueryCanceled', false],
      ['failure:PG::QueryCanceled: canceling statement due to statement timeout', true],
      ['frame:ActiveRecord::StatementInvalid at ci/pipeline.rb in ensure_ci_ref!', true],
      ['request:500 POST /api/v4/projects/:id/pipeline', true],
    ]);
  });

  it('asks the forge for the wrapped error with its words, then the route, then two subject words', () => {
    expect(plannedQueries(signature, ['pipeline', 'timeout', 'creation'], new Set())).toEqual([
      ['PG::QueryCanceled', 'canceling', 'statement', 'timeout'],
      ['projects', 'pipeline'],
      ['pipeline', 'timeout'],
    ]);
  });

  it('asks nothing when the ticket names no failure and has too few words', () => {
    expect(plannedQueries(extractErrorSignature('Hello, it does not work'), ['work'], new Set())).toEqual([]);
  });

  it('sends nothing of the customer’s: their classes, hosts, paths, tokens, names, identifiers', () => {
    const theirs = theirNames(['Quux Bank', 'Zorbank Kjellberg', 'kjellberg@zorbank.example']);
    const hostile =
      extractErrorSignature(`java.net.UnknownHostException: db01.zorbank.internal: Name or service not known
Zorbank::FalconLedgerError: ledger sync failed for kjellberg
Faraday::UnauthorizedError: token glpat-QwErTyUiOpAsDfGhJkLz invalid for https://svensson:pw@git.zorbank.example
PG::UndefinedColumn: ERROR:  column zorbank_salary does not exist
POST /api/v4/runners/glrt-t3_QwErTyUiOpAsDfGhJkLz 500
GET /api/v4/users/kjellberg/projects 500
{"exception.class":"KjellbergSalaryExport","exception.message":"boom"}
ZorbankPayrollExportWorker failed`);
    const sent = JSON.stringify(plannedQueries(hostile, ['quuxbank', 'payroll_prod', 'merger', 'pipelines'], theirs));
    // "service", "known": words of the standard message "Name or service not known"
    expect(sent).toBe(
      '[["java.net.UnknownHostException","service","known"],["java.net.UnknownHostException"],["merger","pipelines"]]',
    );
  });

  it('distinctive words leave out numbers, ids, greetings and support talk', () => {
    expect(distinctiveWords('Hi team, please help: Runners stuck 4412 times after upgrade a1b2c3 urgent!')).toEqual([
      'runners',
      'stuck',
      'times',
      'upgrade',
    ]);
  });

  it('reads versions from milestones and tags, and compares them by number', () => {
    expect(versionIn('17.4')).toBe('17.4');
    expect(versionIn('v17.10.2-ee')).toBe('17.10.2');
    expect(versionIn('GitLab 18.0 release')).toBe('18.0');
    expect(versionIn('Backlog')).toBeUndefined();
    expect(compareVersions('17.10', '17.9')).toBe(1);
    expect(compareVersions('17.4', '17.4.0')).toBe(0);
    expect(compareVersions('17.3.1', '17.4')).toBe(-1);
  });
});

describe('words that leave the desk', () => {
  it('nothing of an address, a host, a URL or a path becomes a word', () => {
    expect(
      distinctiveWords(
        'Pipelines hang on gitlab.acme-corp.internal for lena@acme.example, see https://acme.example/x and /srv/acme/data. Still hangs.',
      ),
    ).toEqual(['pipelines', 'hang', 'hangs']);
  });
});
