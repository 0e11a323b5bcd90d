import { fingerprintSync } from '@libpg-query/parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { approxNormalize, clearSqlCache, fingerprintSql, sqlCacheSize, stripMarginalia } from './sql-fingerprint.js';

beforeEach(() => clearSqlCache());

describe('fingerprintSql', () => {
  it('groups IN-lists of any length, parameters and constants under one fingerprint', () => {
    const shapes = [
      'SELECT * FROM users WHERE id IN (1, 2)',
      'SELECT * FROM users WHERE id IN ($1)',
      'select * from users where id in (3,4,5,6,7)',
      "SELECT * FROM users WHERE id IN ('8')",
      'SELECT * FROM users WHERE id = ANY($1)',
    ].map(fingerprintSql);
    const [first] = shapes;
    expect(first?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    for (const s of shapes) expect(s.fingerprint).toBe(first?.fingerprint);
  });

  it('labels the group with the normalised text, constants as $n', () => {
    const s = fingerprintSql(
      `SELECT "ci_builds".* FROM "ci_builds" WHERE "ci_builds"."id" = 42 AND status = 'running'`,
    );
    expect(s.query).toBe(`SELECT "ci_builds".* FROM "ci_builds" WHERE "ci_builds"."id" = $1 AND status = $2`);
  });

  it('tells different statements apart', () => {
    const a = fingerprintSql('SELECT * FROM users WHERE id = 1');
    const b = fingerprintSql('SELECT * FROM projects WHERE id = 1');
    const c = fingerprintSql('SELECT * FROM users WHERE id = 1 AND state = 2');
    expect(new Set([a.fingerprint, b.fingerprint, c.fingerprint]).size).toBe(3);
  });

  it('strips Marginalia comments before and after the statement', () => {
    const tagged = fingerprintSql(
      '/*application:sidekiq,correlation_id:01HWEXAMPLE,jid:abc,job_class:PipelineProcessWorker*/ SELECT 1 FROM ci_pipelines WHERE id = 7',
    );
    const trailing = fingerprintSql(
      'SELECT 1 FROM ci_pipelines WHERE id = 9 /*application:web,endpoint_id:GET /api/:version/projects*/',
    );
    const plain = fingerprintSql('SELECT 1 FROM ci_pipelines WHERE id = 8');
    expect(tagged.fingerprint).toBe(plain.fingerprint);
    expect(trailing.fingerprint).toBe(plain.fingerprint);
    expect(tagged.query).toBe('SELECT $1 FROM ci_pipelines WHERE id = $2');
    expect(stripMarginalia('/*a:b*/ SELECT 1 /*c:d*/')).toBe('SELECT 1');
  });

  it('falls back to an approx: key for text the parser refuses, stable across constants', () => {
    // pg_stat_activity cut at track_activity_query_size, mid IN-list
    const a = fingerprintSql(
      'SELECT "issues".* FROM "issues" WHERE "issues"."project_id" = 12 AND "issues"."id" IN (1, 2, 3, 4',
    );
    const b = fingerprintSql(
      'SELECT "issues".* FROM "issues" WHERE "issues"."project_id" = 99 AND "issues"."id" IN (5, 6',
    );
    expect(a.fingerprint).toMatch(/^approx:[0-9a-f]{16}$/);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(a.query).toBe('select "issues".* from "issues" where "issues"."project_id" = ? and "issues"."id" in (...)');
    // a string cut open, and plain garbage
    expect(fingerprintSql("SELECT * FROM notes WHERE note = 'it''s").fingerprint).toMatch(/^approx:/);
    expect(fingerprintSql('selec 1 frm').fingerprint).toMatch(/^approx:/);
    expect(fingerprintSql('').fingerprint).toMatch(/^approx:/);
  });

  it('never merges approximate and exact groups', () => {
    const exact = fingerprintSql('SELECT * FROM t WHERE a IN (1, 2)');
    const cut = fingerprintSql('SELECT * FROM t WHERE a IN (1, 2');
    expect(exact.fingerprint).not.toBe(cut.fingerprint);
  });

  it('answers repeated shapes from the cache, with the answer the parser gives', () => {
    for (let i = 0; i < 500; i++) {
      const sql = `SELECT "projects".* FROM "projects" WHERE "projects"."id" = ${i} AND "projects"."namespace_id" IN (${i}, ${i + 1}) LIMIT 1`;
      expect(fingerprintSql(sql).fingerprint).toBe(fingerprintSync(sql));
    }
    expect(sqlCacheSize()).toBe(1);
    // bulk inserts with a different number of identical rows share a key and a fingerprint
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `(${i}, 'x${i}')`).join(', ');
    const three = fingerprintSql(`INSERT INTO events (id, name) VALUES ${rows(3)}`);
    const nine = fingerprintSql(`INSERT INTO events (id, name) VALUES ${rows(9)}`);
    expect(nine.fingerprint).toBe(three.fingerprint);
    expect(sqlCacheSize()).toBe(2);
  });

  it('keeps quoted identifiers case-sensitive in the cache key', () => {
    const upper = fingerprintSql('SELECT "Name" FROM t');
    const lower = fingerprintSql('SELECT "name" FROM t');
    expect(upper.fingerprint).toBe(fingerprintSync('SELECT "Name" FROM t'));
    expect(lower.fingerprint).toBe(fingerprintSync('SELECT "name" FROM t'));
  });
});

describe('approxNormalize', () => {
  it('does what pgbadger normalize_query does', () => {
    expect(
      approxNormalize(`/*app:web*/ SELECT  *\n FROM "Users" WHERE x = NULL AND y = 'abc' AND z = -12.5 AND h = 0xFF`),
    ).toBe('select * from "Users" where x = ? and y = ? and z = ? and h = ?');
    expect(approxNormalize('CLOSE "cursor_12"')).toBe('close "..."');
    expect(approxNormalize('SELECT a FROM t WHERE id IN ($1, $2, $3) AND b = $4')).toBe(
      'select a from t where id in (...) and b = ?',
    );
  });
});
