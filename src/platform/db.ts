import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';

/** A database handle or a transaction: store functions take either, so callers can pass their transaction. */
export type Db = PgDatabase<PgQueryResultHKT>;

/** The low-level handle migrations need: multi-statement scripts inside one transaction. */
export interface RawTx {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  exec(script: string): Promise<void>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  rawTransaction<T>(fn: (raw: RawTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Hears NOTIFY on a channel (what any process sends with pg_notify, delivered at its commit).
   * Returns the function that stops listening.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** the embedded database's files as a tarball (test templates) */
  dump?: () => Promise<Blob>;
}

export type DatabaseOptions =
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob }
  | { kind: 'postgres'; url: string; poolSize?: number; searchPath?: string; onError?: (err: Error) => void };

// int8 (counts, ticket numbers) as a JS number on both drivers; PGlite already does this.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'pglite') {
    if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
    const client = new PGlite({
      // calls: a host's booked times may not overlap (an exclusion constraint on uuid and range);
      // issue suggestions: trigram similarity of subjects
      extensions: { btree_gist, pg_trgm },
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    await client.waitReady;
    return {
      kind: 'pglite',
      db: drizzlePglite(client) as unknown as Db,
      rawTransaction: (fn) =>
        client.transaction((tx) =>
          fn({
            query: async (text, params) => (await tx.query(text, params)).rows as never[],
            exec: async (script) => {
              await tx.exec(script);
            },
          }),
        ),
      close: () => client.close(),
      listen: (channel, onMessage) => client.listen(channel, onMessage),
      dump: async () => (await client.dumpDataDir('none')) as Blob,
    };
  }

  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types: pgTypes,
    // a server that does not answer (down host, full backlog) fails the request instead of hanging it
    connectionTimeoutMillis: 5_000,
    // JIT compiles for queries the planner thinks are big, costing hundreds of ms on short OLTP queries
    options: `-c jit=off${options.searchPath ? ` -c search_path=${options.searchPath}` : ''}`,
  });
  // an idle client losing its connection must not take the process down; the pool replaces it
  pool.on('error', (err) => options.onError?.(err));
  // nor may a checked-out one (a transaction between two queries when the server restarts): the pool
  // listens only to idle clients, and an 'error' nobody hears is an uncaught exception. The query
  // waiting on it fails on its own, and the pool drops the broken client when it is released.
  pool.on('connect', (client) => client.on('error', (err) => options.onError?.(err)));
  return {
    kind: 'postgres',
    db: drizzlePg(pool) as unknown as Db,
    rawTransaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async (text, params) => (await client.query(text, params)).rows,
          exec: async (script) => {
            await client.query(script);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
    listen: (channel, onMessage) => listenOnPostgres(options, channel, onMessage),
  };
}

/** LISTEN needs a connection of its own, kept open and opened again when it drops. */
async function listenOnPostgres(
  options: { url: string; searchPath?: string; onError?: (err: Error) => void },
  channel: string,
  onMessage: (payload: string) => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const again = () => {
    if (!stopped) retry = setTimeout(() => void connect().catch(again), 1_000);
  };
  const connect = async () => {
    const next = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: 5_000 });
    next.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) onMessage(n.payload);
    });
    next.on('error', (err) => {
      options.onError?.(err);
      next.end().catch(() => {});
      again();
    });
    await next.connect();
    await next.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}

/** Runs a raw SQL query and returns its rows, typed by the caller. */
export async function queryRows<R>(db: Db, query: SQL): Promise<R[]> {
  const result = (await db.execute(query)) as unknown as { rows: R[] };
  return result.rows;
}

export async function queryOne<R>(db: Db, query: SQL): Promise<R | undefined> {
  return (await queryRows<R>(db, query))[0];
}

/**
 * True when the error, or one in its chain of causes (drivers and Drizzle wrap what the server said),
 * has a `code` and `message` that `test` accepts.
 */
function someCause(err: unknown, test: (code: unknown, message: unknown, e: object) => boolean): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (test(code, message, e)) return true;
  }
  return false;
}

/** True when a query failed on a unique index (SQLSTATE 23505), whichever driver raised it. */
export function isUniqueViolation(err: unknown): boolean {
  return someCause(err, (code) => code === '23505');
}

/** True when a query failed on an exclusion constraint (SQLSTATE 23P01): two bookings of one time. */
export function isExclusionViolation(err: unknown): boolean {
  return someCause(err, (code) => code === '23P01');
}

// SQLSTATE class 08 (connection exception), 57P01-57P03 (the server shutting down or starting up)
const UNAVAILABLE_SQLSTATES = /^(08\d{3}|57P0[123])$/;
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
// node-postgres says these in words only, with no code
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused)/;

/** True when a query failed because the database server could not be reached or went away: retryable. */
export function isDatabaseUnavailable(err: unknown): boolean {
  return someCause(
    err,
    (code, message, e) =>
      (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_ERRNOS.has(code))) ||
      (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) ||
      // several addresses tried (localhost as ::1 and 127.0.0.1), all refused
      (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner))),
  );
}

/**
 * Runs a write, waiting out a database server that is away for a moment (a restart, a failover) for up
 * to `forMs` of wall time. For writes that record what already happened outside the database (a
 * mail handed to SMTP, a job's outcome): given up at once, that thing would be done again later.
 */
export async function waitOutDatabase<T>(write: () => Promise<T>, forMs: number, pauseMs = 1_000): Promise<T> {
  const giveUpAt = Date.now() + forMs;
  for (;;) {
    try {
      return await write();
    } catch (err) {
      if (!isDatabaseUnavailable(err) || Date.now() > giveUpAt) throw err;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}

/** True when the database could not write for want of disk space (SQLSTATE 53100, or ENOSPC underneath). */
export function isDiskFull(err: unknown): boolean {
  return someCause(
    err,
    (code, message) =>
      code === '53100' ||
      code === 'ENOSPC' ||
      (typeof message === 'string' && /No space left on device/i.test(message)),
  );
}

export { sql };
