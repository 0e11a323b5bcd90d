import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import { queryRows } from '../platform/db.js';
import { ADAPTERS } from './adapters.js';
import { findForgeIssueByRef, listForgeRows } from './forge-store.js';

// Search by what a support engineer pastes or types about a public issue: its URL, `#7` (an issue),
// `!7` (a merge or pull request), or `project#7`. The answer is ticket ids; tickets decides who may
// see them.

export type IssueReference =
  | { url: string }
  | { itemKind: 'issue' | 'change'; number: number /** the project path, or its last segment */; project?: string };

/** Tickets linked to the issues a reference names; at most `limit`, newest link first. */
export async function findTicketIdsLinkedTo(deps: Deps, ref: IssueReference, limit: number): Promise<number[]> {
  const issueIds = await findIssueIds(deps, ref);
  if (issueIds.length === 0) return [];
  const rows = await queryRows<{ ticketId: number }>(
    deps.db,
    sql`SELECT ticket_id AS "ticketId" FROM ticket_links
        WHERE forge_issue_id = ANY(${sql.param(issueIds)}::uuid[])
        ORDER BY created_at DESC LIMIT ${limit}`,
  );
  return [...new Set(rows.map((r) => Number(r.ticketId)))];
}

async function findIssueIds(deps: Deps, ref: IssueReference): Promise<string[]> {
  if ('url' in ref) {
    let url: URL;
    try {
      url = new URL(ref.url.trim());
    } catch {
      return [];
    }
    url.hash = '';
    url.search = '';
    for (const forge of await listForgeRows(deps.db)) {
      const item = ADAPTERS[forge.kind].parseUrl(forge, url);
      if (!item) continue;
      const issue = await findForgeIssueByRef(deps.db, forge.id, item);
      if (issue) return [issue.id];
    }
    // a forge since removed, or a URL spelled as stored: match it as written
    const rows = await queryRows<{ id: string }>(
      deps.db,
      sql`SELECT id FROM forge_issues WHERE lower(url) = lower(${url.toString().replace(/\/$/, '')}) LIMIT 10`,
    );
    return rows.map((r) => r.id);
  }
  const project = ref.project?.toLowerCase();
  const rows = await queryRows<{ id: string }>(
    deps.db,
    sql`SELECT id FROM forge_issues WHERE number = ${ref.number} AND item_kind = ${ref.itemKind}
        ${project ? sql`AND (lower(project_ref) = ${project} OR lower(project_ref) LIKE ${`%/${project.replace(/[\\%_]/g, (c) => `\\${c}`)}`})` : sql``}
        LIMIT 200`,
  );
  return rows.map((r) => r.id);
}
