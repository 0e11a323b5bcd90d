import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { queryRows, sql } from './db.js';
import { loadMigrations, runMigrations } from './migrate.js';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase(); // already migrated
});
afterAll(async () => {
  await testDb?.drop();
});

it('applies nothing twice', async () => {
  const again = await runMigrations(testDb.database);
  expect(again.applied).toEqual([]);
  const rows = await queryRows<{ name: string }>(
    testDb.database.db,
    sql`SELECT name FROM schema_migrations ORDER BY version`,
  );
  expect(rows.map((r) => r.name)).toEqual(loadMigrations().map((m) => m.name));
});

it('refuses a migration that was edited after it was applied', async () => {
  const edited = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'different' } : m));
  await expect(runMigrations(testDb.database, edited)).rejects.toThrow(/was changed after it was applied/);
});

it('applies a new migration in order, and rolls back one that fails', async () => {
  const known = loadMigrations();
  const extra = { version: 9001, name: '9001_extra', sql: 'CREATE TABLE extra_test (id int);', checksum: 'x' };
  expect((await runMigrations(testDb.database, [...known, extra])).applied).toEqual(['9001_extra']);
  const broken = {
    version: 9002,
    name: '9002_broken',
    sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();',
    checksum: 'y',
  };
  await expect(runMigrations(testDb.database, [...known, extra, broken])).rejects.toThrow();
  const tables = await queryRows<{ n: number }>(
    testDb.database.db,
    sql`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'half_done'`,
  );
  expect(tables[0]?.n).toBe(0);
});

it('refuses to run an older build against a newer database', async () => {
  await expect(runMigrations(testDb.database, loadMigrations())).rejects.toThrow(/newer than this build knows/);
});
