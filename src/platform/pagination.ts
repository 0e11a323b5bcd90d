import { AppError } from './errors.js';

// Keyset pagination: the cursor is the sort key of the last row, opaque to clients.

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length) return values;
  } catch {
    // fall through
  }
  throw new AppError('INVALID_CURSOR', 'The cursor is not one this list gave out; start again without it.');
}

/** Fetch limit + 1 rows; this trims the extra one and makes the cursor from the last row kept. */
export function toPage<Row, T>(
  rows: Row[],
  limit: number,
  key: (row: Row) => unknown[],
  map: (row: Row) => T,
): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept.at(-1);
  return { items: kept.map(map), nextCursor: more && last ? encodeCursor(key(last)) : null };
}
