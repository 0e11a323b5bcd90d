import { and, eq, lt, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.js';
import type { SearchHit } from '../forge.js';
import { isStrongKey } from './signature-keys.js';
import { forgeSearches, forgeSearchPauses, issueDemand, suggestionDismissals, ticketSignatures } from './tables.js';

// signatures and evidence -------------------------------------------------------------------------

export async function saveSignature(db: Db, row: typeof ticketSignatures.$inferInsert) {
  await db
    .insert(ticketSignatures)
    .values(row)
    .onConflictDoUpdate({
      target: ticketSignatures.ticketId,
      set: {
        keys: row.keys,
        versions: row.versions,
        organizationId: row.organizationId,
        computedAt: row.computedAt,
        reader: row.reader,
      },
    });
}

/** What a linked ticket says, as evidence for its issue. */
export interface EvidenceText {
  ticketId: number;
  keys: string[];
  subject: string;
  /** subject, messages and text attachments; the first 64 kB are ranked */
  text: string;
  ticketCreatedAt: Date;
}

/** Evidence for a linked issue; nothing when the link is not there (it was removed meanwhile). */
export async function saveEvidence(db: Db, forgeIssueId: string, row: EvidenceText) {
  await queryRows(
    db,
    sql`INSERT INTO issue_evidence (ticket_id, forge_issue_id, keys, subject, document, ticket_created_at)
        SELECT tl.ticket_id, tl.forge_issue_id, ${sql.param(row.keys)}::text[], ${row.subject},
               to_tsvector('english', left(${row.text}, 65536)), ${row.ticketCreatedAt}
        FROM ticket_links tl WHERE tl.ticket_id = ${row.ticketId} AND tl.forge_issue_id = ${forgeIssueId}
        ON CONFLICT (ticket_id, forge_issue_id)
        DO UPDATE SET keys = EXCLUDED.keys, subject = EXCLUDED.subject, document = EXCLUDED.document`,
  );
}

/** A ticket's text changed: the evidence it gives its linked issues changes with it. */
export async function updateEvidenceOf(db: Db, row: EvidenceText) {
  await queryRows(
    db,
    sql`UPDATE issue_evidence SET keys = ${sql.param(row.keys)}::text[], subject = ${row.subject},
               document = to_tsvector('english', left(${row.text}, 65536))
        WHERE ticket_id = ${row.ticketId}`,
  );
}

export interface EvidenceRow {
  ticketId: number;
  forgeIssueId: string;
  sharedKeys: string[];
  /** the stems both texts have among the asking ticket's distinctive words */
  sharedWords: string[];
  /** PostgreSQL's full-text rank of the linked ticket's words for those words, 0 to 1 */
  textRank: number;
  /** trigram similarity of the two subjects, 0 to 1 */
  subjectSimilarity: number;
  createdAt: Date;
}

/**
 * Linked tickets that share a signature key with the asking ticket, or its words (full-text), or a
 * subject much like its own (trigrams). Only linked tickets are in issue_evidence, so this stays a few
 * index lookups in a small table however many tickets the desk holds; the best 300 are ranked.
 */
export async function findEvidence(
  db: Db,
  ticketId: number,
  asking: { keys: string[]; words: string[]; subject: string },
): Promise<EvidenceRow[]> {
  // Candidates come through the indexes, and only they are ranked. Each way in has its own cap and its
  // own order, so that a crowd found one way cannot push out the few found another: every ticket with
  // the same failure (a strong key); the best-ranked of those with any two of the first eight words
  // together (one common word alone would match most of the table); the most alike subjects; and the
  // most recent few that share only a weak key (a class, a worker, an SQLSTATE: shared by many failures).
  // They are asked at once: on PostgreSQL each runs on its own connection, so on its own core.
  // Words are [a-z_] only (distinctiveWords), so they are safe in to_tsquery's syntax.
  const top = asking.words.slice(0, 8);
  const pairs: string[] = [];
  for (let i = 0; i < top.length; i++) {
    for (let j = i + 1; j < top.length; j++) pairs.push(`(${top[i]} & ${top[j]})`);
  }
  const all = asking.words.join(' | ');
  const strong = asking.keys.filter(isStrongKey);
  const weak = asking.keys.filter((k) => !isStrongKey(k));
  type Found = { ticketId: number; forgeIssueId: string };
  const ways = [
    strong.length > 0 &&
      sql`SELECT e.ticket_id AS "ticketId", e.forge_issue_id AS "forgeIssueId" FROM issue_evidence e
          WHERE e.keys && ${sql.param(strong)}::text[] AND e.ticket_id <> ${ticketId}
          ORDER BY e.ticket_created_at DESC LIMIT 500`,
    // each pair of words is asked on its own, for at most 80 rows: a pair of common words can match most
    // of the table, and in one query of all pairs its rows would crowd out the few a rare pair finds. The
    // best-ranked 300 of them go on (ranking each costs a read of its text)
    pairs.length > 0 &&
      sql`SELECT m.ticket_id AS "ticketId", m.forge_issue_id AS "forgeIssueId" FROM (
            SELECT DISTINCT ON (e.ticket_id, e.forge_issue_id) e.ticket_id, e.forge_issue_id, e.document
            FROM unnest(${sql.param(pairs)}::text[]) AS p(q)
            CROSS JOIN LATERAL (
              SELECT x.ticket_id, x.forge_issue_id, x.document FROM issue_evidence x
              WHERE x.document @@ to_tsquery('english', p.q) AND x.ticket_id <> ${ticketId} LIMIT 80) e) m
          ORDER BY ts_rank(m.document, to_tsquery('english', ${all}), 32) DESC LIMIT 300`,
    asking.subject.trim() !== '' &&
      sql`SELECT e.ticket_id AS "ticketId", e.forge_issue_id AS "forgeIssueId" FROM issue_evidence e
          WHERE lower(e.subject) OPERATOR(public.%) lower(${asking.subject}) AND e.ticket_id <> ${ticketId}
          ORDER BY public.similarity(lower(e.subject), lower(${asking.subject})) DESC LIMIT 100`,
    weak.length > 0 &&
      sql`SELECT e.ticket_id AS "ticketId", e.forge_issue_id AS "forgeIssueId" FROM issue_evidence e
          WHERE e.keys && ${sql.param(weak)}::text[] AND e.ticket_id <> ${ticketId}
          ORDER BY e.ticket_created_at DESC LIMIT 100`,
  ];
  const found = new Map<string, Found>();
  for (const rows of await Promise.all(ways.map((way) => (way ? queryRows<Found>(db, way) : [])))) {
    for (const row of rows) found.set(`${row.ticketId} ${row.forgeIssueId}`, row);
  }
  if (found.size === 0) return [];
  const rows = await queryRows<EvidenceRow & { createdAt: Date | string }>(
    db,
    sql`WITH q AS (SELECT to_tsquery('english', ${all}) AS query,
                          to_tsvector('english', ${asking.words.join(' ')}) AS words,
                          lower(${asking.subject}) AS subject),
        candidates AS (
          SELECT e.* FROM issue_evidence e
          JOIN unnest(${sql.param([...found.values()].map((f) => Number(f.ticketId)))}::bigint[],
                      ${sql.param([...found.values()].map((f) => f.forgeIssueId))}::uuid[]) AS f(ticket_id, forge_issue_id)
            ON f.ticket_id = e.ticket_id AND f.forge_issue_id = e.forge_issue_id)
        SELECT c.ticket_id::int AS "ticketId", c.forge_issue_id AS "forgeIssueId",
               shared.keys AS "sharedKeys",
               ARRAY(SELECT unnest(tsvector_to_array(c.document)) INTERSECT SELECT unnest(tsvector_to_array(q.words)))
                 AS "sharedWords",
               (CASE WHEN ${all} = '' THEN 0 ELSE ts_rank(c.document, q.query, 32) END)::float8 AS "textRank",
               public.similarity(lower(c.subject), q.subject)::float8 AS "subjectSimilarity",
               c.ticket_created_at AS "createdAt"
        FROM candidates c CROSS JOIN q
        CROSS JOIN LATERAL (SELECT ARRAY(SELECT unnest(c.keys) INTERSECT SELECT unnest(${sql.param(asking.keys)}::text[]))
                              AS keys) shared
        ORDER BY cardinality(shared.keys) DESC, "textRank" DESC
        LIMIT 300`,
  );
  return rows.map((r) => ({ ...r, ticketId: Number(r.ticketId), createdAt: new Date(r.createdAt) }));
}

/** Tickets since `since` (not merged away) that share a strong key with the asking one. */
export async function findLookAlikes(db: Db, ticketId: number, strongKeys: string[], since: Date, limit: number) {
  if (strongKeys.length === 0) return [];
  return queryRows<{
    number: number;
    subject: string;
    status: string;
    organizationId: string | null;
    organizationName: string | null;
    createdAt: Date | string;
    linked: boolean;
    sharedKeys: string[];
  }>(
    db,
    sql`SELECT t.id::int AS number, t.subject, t.status, t.organization_id AS "organizationId",
               o.name AS "organizationName", t.created_at AS "createdAt",
               EXISTS (SELECT 1 FROM ticket_links tl WHERE tl.ticket_id = t.id) AS linked,
               ARRAY(SELECT unnest(s.keys) INTERSECT SELECT unnest(${sql.param(strongKeys)}::text[])) AS "sharedKeys"
        FROM ticket_signatures s
        JOIN tickets t ON t.id = s.ticket_id
        LEFT JOIN organizations o ON o.id = t.organization_id
        WHERE s.keys && ${sql.param(strongKeys)}::text[] AND s.ticket_created_at >= ${since} AND s.ticket_id <> ${ticketId}
          AND t.merged_into_id IS NULL
        ORDER BY s.ticket_created_at DESC LIMIT ${limit}`,
  );
}

/** Issues known to the desk, with how many tickets are linked to each. */
export async function listIssuesWithLinks(db: Db, forgeIssueIds: string[]) {
  if (forgeIssueIds.length === 0) return [];
  return queryRows<{
    id: string;
    forgeId: string;
    forgeName: string;
    forgeKind: 'gitlab' | 'github';
    itemKind: 'issue' | 'change';
    projectRef: string;
    number: number;
    url: string;
    title: string;
    state: 'open' | 'closed';
    stateReason: string | null;
    milestoneTitle: string | null;
    releaseTag: string | null;
    linkedTickets: number;
  }>(
    db,
    sql`SELECT fi.id, fi.forge_id AS "forgeId", f.name AS "forgeName", f.kind AS "forgeKind",
               fi.item_kind AS "itemKind", fi.project_ref AS "projectRef", fi.number, fi.url, fi.title, fi.state,
               fi.state_reason AS "stateReason", fi.milestone_title AS "milestoneTitle", fi.release_tag AS "releaseTag",
               (SELECT count(*)::int FROM ticket_links tl WHERE tl.forge_issue_id = fi.id) AS "linkedTickets"
        FROM forge_issues fi JOIN forges f ON f.id = fi.forge_id
        WHERE fi.id IN (SELECT unnest(${sql.param(forgeIssueIds)}::uuid[]))`,
  );
}

// dismissals --------------------------------------------------------------------------------------

export async function dismissSuggestion(db: Db, row: typeof suggestionDismissals.$inferInsert) {
  await db.insert(suggestionDismissals).values(row).onConflictDoNothing();
}

export async function listDismissedUrls(db: Db, ticketId: number): Promise<Set<string>> {
  const rows = await db
    .select({ url: suggestionDismissals.url })
    .from(suggestionDismissals)
    .where(eq(suggestionDismissals.ticketId, ticketId));
  return new Set(rows.map((r) => r.url));
}

// forge search cache ------------------------------------------------------------------------------

export async function findCachedSearch(db: Db, forgeId: string, projectRef: string, query: string, since: Date) {
  const rows = await db
    .select()
    .from(forgeSearches)
    .where(
      and(
        eq(forgeSearches.forgeId, forgeId),
        eq(forgeSearches.projectRef, projectRef),
        eq(forgeSearches.query, query),
        sql`${forgeSearches.fetchedAt} >= ${since}`,
      ),
    );
  return rows[0] ? (rows[0].hits as SearchHit[]) : undefined;
}

export async function saveSearch(
  db: Db,
  forgeId: string,
  projectRef: string,
  query: string,
  hits: SearchHit[],
  at: Date,
) {
  await db
    .insert(forgeSearches)
    .values({ forgeId, projectRef, query, hits, fetchedAt: at })
    .onConflictDoUpdate({
      target: [forgeSearches.forgeId, forgeSearches.projectRef, forgeSearches.query],
      set: { hits, fetchedAt: at },
    });
}

export async function deleteSearchesBefore(db: Db, before: Date) {
  await db.delete(forgeSearches).where(lt(forgeSearches.fetchedAt, before));
}

export async function findSearchPause(db: Db, forgeId: string): Promise<Date | undefined> {
  const rows = await db.select().from(forgeSearchPauses).where(eq(forgeSearchPauses.forgeId, forgeId));
  return rows[0]?.pausedUntil;
}

export async function pauseSearch(db: Db, forgeId: string, until: Date) {
  await db
    .insert(forgeSearchPauses)
    .values({ forgeId, pausedUntil: until })
    .onConflictDoUpdate({ target: forgeSearchPauses.forgeId, set: { pausedUntil: until } });
}

// demand ------------------------------------------------------------------------------------------

/** true when this party asked now, false when it had asked before */
export async function recordDemand(db: Db, row: typeof issueDemand.$inferInsert) {
  return (await db.insert(issueDemand).values(row).onConflictDoNothing().returning()).length > 0;
}

export async function listDemandParties(db: Db, forgeIssueIds: string[], parties: string[]) {
  if (forgeIssueIds.length === 0 || parties.length === 0) return [];
  return queryRows<{ forgeIssueId: string }>(
    db,
    sql`SELECT forge_issue_id AS "forgeIssueId" FROM issue_demand
        WHERE forge_issue_id IN (SELECT unnest(${sql.param(forgeIssueIds)}::uuid[])) AND party IN (SELECT unnest(${sql.param(parties)}::text[]))`,
  );
}

export async function countDemand(db: Db, forgeIssueId: string) {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM issue_demand WHERE forge_issue_id = ${forgeIssueId}`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * A ticket unlinked from an issue takes its ask back: the party stops counting there, unless another
 * of its tickets is still linked to the issue, which then carries the ask.
 */
export async function withdrawDemand(db: Db, ticketId: number, forgeIssueId: string) {
  await db.execute(sql`
    UPDATE issue_demand d SET ticket_id = still.ticket_id
      FROM (SELECT min(t.id) AS ticket_id,
                   CASE WHEN t.organization_id IS NULL THEN 'contact:' || t.requester_id
                        ELSE 'organization:' || t.organization_id END AS party
              FROM ticket_links l JOIN tickets t ON t.id = l.ticket_id
             WHERE l.forge_issue_id = ${forgeIssueId} AND l.ticket_id <> ${ticketId}
             GROUP BY 2) still
     WHERE d.forge_issue_id = ${forgeIssueId} AND d.ticket_id = ${ticketId} AND d.party = still.party`);
  await db.execute(sql`DELETE FROM issue_demand WHERE forge_issue_id = ${forgeIssueId} AND ticket_id = ${ticketId}`);
}
