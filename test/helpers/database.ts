import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/platform/db.js';
import { loadMigrations, runMigrations } from '../../src/platform/migrate.js';

// A fresh, migrated database per test file: PGlite loaded from a migrated template (fast), or a
// new schema on the PostgreSQL server named by TEST_DATABASE_URL, dropped afterwards.

export type TestDatabaseKind = 'pglite' | 'postgres';

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

async function pgliteTemplate(): Promise<Blob> {
  const migrations = loadMigrations();
  const hash = createHash('sha256')
    .update(migrations.map((m) => m.checksum).join(','))
    .digest('hex')
    .slice(0, 16);
  const file = path.join(os.tmpdir(), `pipefitter-pglite-template-${hash}.tar`);
  if (!fs.existsSync(file)) {
    const fresh = await openDatabase({ kind: 'pglite' });
    await runMigrations(fresh, migrations);
    const dump = await (fresh.dump as () => Promise<Blob>)();
    await fresh.close();
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(temp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(temp, file);
  }
  return new Blob([fs.readFileSync(file)]);
}

export interface TestDatabase {
  database: Database;
  kind: TestDatabaseKind;
  /** a second, independent connection pool to the same database (PostgreSQL only), as another process has */
  openAnother?: () => Promise<Database>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDatabaseKind() === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL');
    const schema = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const database = await openDatabase({ kind: 'postgres', url, searchPath: schema, poolSize: 10 });
    await runMigrations(database);
    const others: Database[] = [];
    return {
      database,
      kind: 'postgres',
      async openAnother() {
        const another = await openDatabase({ kind: 'postgres', url, searchPath: schema, poolSize: 10 });
        others.push(another);
        return another;
      },
      async drop() {
        await Promise.all(others.map((o) => o.close()));
        await database.close();
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
        await cleanup.end();
      },
    };
  }
  const database = await openDatabase({ kind: 'pglite', loadDataDir: await pgliteTemplate() });
  await runMigrations(database);
  return { database, kind: 'pglite', drop: () => database.close() };
}
