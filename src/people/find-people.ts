import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db.js';
import { findOrganizationByName } from './people-store.js';
import { teamMembers } from './tables.js';

// Lookups search and lists need from the people module: names by word prefixes (the GIN indexes of
// migration 0015), an organization by name, the teams an agent belongs to.

/** The words of a name as a prefix tsquery ("Ada Love" → 'ada':* & 'love':*), or null if none. */
export function namePrefixQuery(text: string): string | null {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
  return words.length > 0 ? words.map((w) => `'${w}':*`).join(' & ') : null;
}

/** Contacts whose name has every word of `text` as a word prefix; a handful, best known first. */
export async function findContactsByName(db: Db, text: string, limit: number) {
  const query = namePrefixQuery(text);
  if (!query) return [];
  return queryRows<{ id: string; email: string; name: string | null }>(
    db,
    sql`SELECT id, email, name FROM contacts
        WHERE to_tsvector('simple', coalesce(name, '')) @@ to_tsquery('simple', ${query})
        ORDER BY lower(coalesce(name, '')), email LIMIT ${limit}`,
  );
}

/** Organizations whose name has every word of `text` as a word prefix. */
export async function findOrganizationsByName(db: Db, text: string, limit: number) {
  const query = namePrefixQuery(text);
  if (!query) return [];
  return queryRows<{ id: string; name: string }>(
    db,
    sql`SELECT id, name FROM organizations
        WHERE to_tsvector('simple', name) @@ to_tsquery('simple', ${query})
        ORDER BY lower(name) LIMIT ${limit}`,
  );
}

/** An organization by its exact name (any case). */
export async function findOrganizationNamed(db: Db, name: string) {
  return findOrganizationByName(db, name);
}

/** The ids of the teams an agent is a member of. */
export async function listTeamIdsOf(db: Db, agentId: string): Promise<string[]> {
  const rows = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.agentId, agentId));
  return rows.map((r) => r.teamId);
}
