import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './db.js';

// Versioned, forward-only SQL migrations in migrations/NNNN_name.sql, applied in order at start.
// One transaction under an advisory lock: processes starting together on one PostgreSQL wait
// for each other instead of racing, and a failing migration leaves nothing half-applied.

const MIGRATION_LOCK_KEY = 7_240_301; // any constant shared by every Pipefitter process

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

function findMigrationsDir(): string {
  // src/platform → ../../migrations when run from source; dist/src/platform → ../../../migrations when built
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.resolve(here, '../../migrations'), path.resolve(here, '../../../migrations')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`migrations folder not found near ${here}`);
}

export function loadMigrations(dir = findMigrationsDir()): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

export interface MigrationResult {
  applied: string[];
  current: number;
}

export async function runMigrations(database: Database, migrations = loadMigrations()): Promise<MigrationResult> {
  return database.rawTransaction(async (raw) => {
    await raw.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await raw.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = await raw.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    const known = new Map(done.map((row) => [row.version, row]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const previous = known.get(migration.version);
      if (previous) {
        if (previous.checksum !== migration.checksum) {
          throw new Error(
            `migration ${migration.name} was changed after it was applied; add a new migration instead of editing it`,
          );
        }
        continue;
      }
      await raw.exec(migration.sql);
      await raw.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      applied.push(migration.name);
    }
    const newest = migrations.at(-1)?.version ?? 0;
    const newestApplied = Math.max(0, ...done.map((row) => row.version));
    if (newestApplied > newest) {
      throw new Error(
        `the database is at migration ${newestApplied}, newer than this build knows (${newest}); upgrade Pipefitter`,
      );
    }
    return { applied, current: newest };
  });
}
