import { and, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import type { ProviderLinkTable } from './tables.js';

export type ProviderLinkRow = ProviderLinkTable['$inferSelect'];

/** The queries on one protocol's link table (its module owns the table and hands it here). */
export interface ProviderLinks {
  find(db: Db, issuer: string, subject: string): Promise<ProviderLinkRow | undefined>;
  findOfAgent(db: Db, issuer: string, agentId: string): Promise<ProviderLinkRow | undefined>;
  /** whether the agent signs in with this protocol (at any issuer) */
  hasAny(db: Db, agentId: string): Promise<boolean>;
  insert(db: Db, values: ProviderLinkTable['$inferInsert']): Promise<void>;
  touch(db: Db, issuer: string, subject: string, values: { email: string; at: Date }): Promise<void>;
}

export function providerLinks(table: ProviderLinkTable): ProviderLinks {
  const first = async (db: Db, where: SQL | undefined) => (await db.select().from(table).where(where).limit(1))[0];
  return {
    find: (db, issuer, subject) => first(db, and(eq(table.issuer, issuer), eq(table.subject, subject))),
    findOfAgent: (db, issuer, agentId) => first(db, and(eq(table.issuer, issuer), eq(table.agentId, agentId))),
    hasAny: async (db, agentId) => (await first(db, eq(table.agentId, agentId))) !== undefined,
    async insert(db, values) {
      await db.insert(table).values(values);
    },
    async touch(db, issuer, subject, values) {
      await db
        .update(table)
        .set({ email: values.email, lastSignInAt: values.at })
        .where(and(eq(table.issuer, issuer), eq(table.subject, subject)));
    },
  };
}
