import { and, asc, eq, gt, ilike, inArray, or, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db.js';
import { type AgentRole, agents, contacts, organizations, teamMembers, teams } from './tables.js';

export type OrganizationRow = typeof organizations.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;
export type AgentRow = typeof agents.$inferSelect;
export type TeamRow = typeof teams.$inferSelect;

// organizations ----------------------------------------------------------------------------------

export async function insertOrganization(db: Db, values: typeof organizations.$inferInsert) {
  const rows = await db.insert(organizations).values(values).onConflictDoNothing().returning();
  return rows[0];
}

export async function findOrganizationById(db: Db, id: string) {
  return (await db.select().from(organizations).where(eq(organizations.id, id)))[0];
}

export async function findOrganizationByName(db: Db, name: string) {
  return (await db.select().from(organizations).where(sql`lower(${organizations.name}) = lower(${name})`))[0];
}

export async function findOrganizationsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(organizations).where(inArray(organizations.id, ids));
}

export async function updateOrganizationRow(db: Db, id: string, values: Partial<typeof organizations.$inferInsert>) {
  return (await db.update(organizations).set(values).where(eq(organizations.id, id)).returning())[0];
}

export async function listOrganizationRows(db: Db, opts: { after?: string; q?: string; limit: number }) {
  return db
    .select({ row: organizations, sortKey: sql<string>`lower(${organizations.name})` })
    .from(organizations)
    .where(
      and(
        opts.after !== undefined ? sql`lower(${organizations.name}) > ${opts.after}` : undefined,
        opts.q ? ilike(organizations.name, `%${escapeLike(opts.q)}%`) : undefined,
      ),
    )
    .orderBy(sql`lower(${organizations.name})`)
    .limit(opts.limit + 1);
}

// contacts ---------------------------------------------------------------------------------------

export async function insertContact(db: Db, values: typeof contacts.$inferInsert) {
  return (await db.insert(contacts).values(values).onConflictDoNothing().returning())[0];
}

export async function findContactById(db: Db, id: string) {
  return (await db.select().from(contacts).where(eq(contacts.id, id)))[0];
}

export async function findContactByEmail(db: Db, email: string) {
  return (await db.select().from(contacts).where(eq(contacts.email, email.toLowerCase())))[0];
}

/** A contact with its organization's id and name, by email or id, in one query. */
export async function findContactWithOrganization(db: Db, by: { email: string } | { id: string }) {
  const rows = await db
    .select({
      contact: contacts,
      organization: {
        id: organizations.id,
        name: organizations.name,
        shareTickets: organizations.shareTickets,
        plan: organizations.plan,
      },
    })
    .from(contacts)
    .leftJoin(organizations, eq(organizations.id, contacts.organizationId))
    .where('email' in by ? eq(contacts.email, by.email.toLowerCase()) : eq(contacts.id, by.id));
  const row = rows[0];
  return row ? { contact: row.contact, organization: row.organization?.id ? row.organization : null } : undefined;
}

export async function findContactsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(contacts).where(inArray(contacts.id, ids));
}

export async function findContactsByEmails(db: Db, emails: string[]) {
  if (emails.length === 0) return [];
  return db.select().from(contacts).where(inArray(contacts.email, emails));
}

export async function updateContactRow(db: Db, id: string, values: Partial<typeof contacts.$inferInsert>) {
  return (await db.update(contacts).set(values).where(eq(contacts.id, id)).returning())[0];
}

export async function listContactRows(
  db: Db,
  opts: { after?: string; organizationId?: string; q?: string; limit: number },
) {
  return db
    .select()
    .from(contacts)
    .where(
      and(
        opts.after !== undefined ? gt(contacts.email, opts.after) : undefined,
        opts.organizationId ? eq(contacts.organizationId, opts.organizationId) : undefined,
        opts.q
          ? or(ilike(contacts.email, `%${escapeLike(opts.q)}%`), ilike(contacts.name, `%${escapeLike(opts.q)}%`))
          : undefined,
      ),
    )
    .orderBy(asc(contacts.email))
    .limit(opts.limit + 1);
}

// agents -----------------------------------------------------------------------------------------

export async function insertAgent(db: Db, values: typeof agents.$inferInsert) {
  return (await db.insert(agents).values(values).onConflictDoNothing().returning())[0];
}

export async function findAgentById(db: Db, id: string) {
  return (await db.select().from(agents).where(eq(agents.id, id)))[0];
}

export async function findAgentByEmail(db: Db, email: string) {
  return (await db.select().from(agents).where(eq(agents.email, email.toLowerCase())))[0];
}

/**
 * The active admins' ids, their rows locked to the end of the transaction: two admins demoting each
 * other at once must not both see the other still there.
 */
export async function lockActiveAdmins(db: Db): Promise<string[]> {
  const rows = await db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.role, 'admin'), eq(agents.active, true)))
    .orderBy(asc(agents.id))
    // not FOR UPDATE: rows that refer to an admin (sessions, messages) take FOR KEY SHARE, which this lets be
    .for('no key update');
  return rows.map((r) => r.id);
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(agents)
    .where(and(eq(agents.role, 'admin'), eq(agents.active, true)));
  return rows[0]?.n ?? 0;
}

export async function findAgentsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(agents).where(inArray(agents.id, ids));
}

export async function updateAgentRow(db: Db, id: string, values: Partial<typeof agents.$inferInsert>) {
  return (await db.update(agents).set(values).where(eq(agents.id, id)).returning())[0];
}

export async function listAgentRows(
  db: Db,
  opts: { after?: string; role?: AgentRole; region?: string; limit: number },
) {
  return db
    .select()
    .from(agents)
    .where(
      and(
        opts.after !== undefined ? gt(agents.email, opts.after) : undefined,
        opts.role ? eq(agents.role, opts.role) : undefined,
        opts.region ? eq(agents.region, opts.region) : undefined,
      ),
    )
    .orderBy(asc(agents.email))
    .limit(opts.limit + 1);
}

export async function countAgents(db: Db): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(agents);
  return rows[0]?.n ?? 0;
}

// teams ------------------------------------------------------------------------------------------

export async function insertTeam(db: Db, values: typeof teams.$inferInsert) {
  return (await db.insert(teams).values(values).onConflictDoNothing().returning())[0];
}

export async function findTeamById(db: Db, id: string) {
  return (await db.select().from(teams).where(eq(teams.id, id)))[0];
}

export async function findTeamByName(db: Db, name: string) {
  return (await db.select().from(teams).where(sql`lower(${teams.name}) = lower(${name})`))[0];
}

export async function findTeamsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(teams).where(inArray(teams.id, ids));
}

export async function listTeamRows(db: Db) {
  return db.select().from(teams).orderBy(sql`lower(${teams.name})`);
}

export async function listTeamMemberRows(db: Db, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return db
    .select({ teamId: teamMembers.teamId, agentId: agents.id, email: agents.email, name: agents.name })
    .from(teamMembers)
    .innerJoin(agents, eq(agents.id, teamMembers.agentId))
    .where(inArray(teamMembers.teamId, teamIds))
    .orderBy(asc(agents.email));
}

export async function replaceTeamMembers(db: Db, teamId: string, agentIds: string[]) {
  await db.delete(teamMembers).where(eq(teamMembers.teamId, teamId));
  if (agentIds.length > 0) {
    await db.insert(teamMembers).values(agentIds.map((agentId) => ({ teamId, agentId })));
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface PeopleRefs {
  contacts: Map<string, { id: string; email: string; name: string | null }>;
  organizations: Map<string, { id: string; name: string }>;
  agents: Map<string, { id: string; email: string; name: string }>;
  teams: Map<string, { id: string; name: string }>;
}

/** Names for the ids a page of tickets refers to, in one round trip. */
export async function findPeopleByIds(
  db: Db,
  ids: { contactIds: string[]; organizationIds: string[]; agentIds: string[]; teamIds: string[] },
): Promise<PeopleRefs> {
  const refs: PeopleRefs = { contacts: new Map(), organizations: new Map(), agents: new Map(), teams: new Map() };
  const parts = [
    ids.contactIds.length > 0 &&
      sql`SELECT 'contact' AS kind, id::text AS id, email, name FROM contacts WHERE id = ANY(${sql.param(ids.contactIds)}::uuid[])`,
    ids.organizationIds.length > 0 &&
      sql`SELECT 'organization' AS kind, id::text AS id, NULL AS email, name FROM organizations WHERE id = ANY(${sql.param(ids.organizationIds)}::uuid[])`,
    ids.agentIds.length > 0 &&
      sql`SELECT 'agent' AS kind, id::text AS id, email, name FROM agents WHERE id = ANY(${sql.param(ids.agentIds)}::uuid[])`,
    ids.teamIds.length > 0 &&
      sql`SELECT 'team' AS kind, id::text AS id, NULL AS email, name FROM teams WHERE id = ANY(${sql.param(ids.teamIds)}::uuid[])`,
  ].filter((part): part is ReturnType<typeof sql> => part !== false);
  if (parts.length === 0) return refs;
  const rows = await queryRows<{ kind: string; id: string; email: string | null; name: string | null }>(
    db,
    sql.join(parts, sql` UNION ALL `),
  );
  for (const row of rows) {
    if (row.kind === 'contact') refs.contacts.set(row.id, { id: row.id, email: row.email as string, name: row.name });
    else if (row.kind === 'organization') refs.organizations.set(row.id, { id: row.id, name: row.name as string });
    else if (row.kind === 'agent')
      refs.agents.set(row.id, { id: row.id, email: row.email as string, name: row.name as string });
    else refs.teams.set(row.id, { id: row.id, name: row.name as string });
  }
  return refs;
}
