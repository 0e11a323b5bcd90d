import { type Db, queryOne, sql } from '../platform/db.js';
import type { TicketPriority } from '../tickets/status-rules.js';

// All SQL that keeps the report facts (migrations/0021_reports.sql). The listener calls these inside
// a ticket change's transaction; each is one indexed statement. The backfill in the migration
// computes the same facts set-based: a rule changed here changes there too.

/** What a fact is counted under, as it stood when it happened. */
export interface Dims {
  priority: TicketPriority;
  /** the organization's plan */
  plan: string | null;
  region: string | null;
  organizationId: string | null;
  teamId: string | null;
  /** the assignee; for a reply, who wrote it */
  agentId: string | null;
}

export interface CountStep {
  at: Date;
  dims: Dims;
  created?: number;
  solved?: number;
  reopened?: number;
  backlogDelta?: number;
  replies?: number;
}

const SLOT_MS = 15 * 60_000;
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const uuid = (id: string | null) => (id === null ? sql`NULL::uuid` : sql`${id}::uuid`);
const text = (value: string | null) => (value === null ? sql`NULL::text` : sql`${value}::text`);
const dimsKey = (at: number, d: Dims) =>
  JSON.stringify([at, d.priority, d.plan, d.region, d.organizationId, d.teamId, d.agentId]);

export function sameDims(a: Dims, b: Dims): boolean {
  return dimsKey(0, a) === dimsKey(0, b);
}

/** Adds to the counts of each step's quarter hour and dimensions (steps on one key are summed first). */
export async function addCounts(db: Db, steps: CountStep[]): Promise<void> {
  const merged = new Map<string, Required<Omit<CountStep, 'at'>> & { slot: number }>();
  for (const step of steps) {
    const slot = Math.floor(step.at.getTime() / SLOT_MS) * SLOT_MS;
    const key = dimsKey(slot, step.dims);
    const row = merged.get(key) ?? {
      slot,
      dims: step.dims,
      created: 0,
      solved: 0,
      reopened: 0,
      backlogDelta: 0,
      replies: 0,
    };
    row.created += step.created ?? 0;
    row.solved += step.solved ?? 0;
    row.reopened += step.reopened ?? 0;
    row.backlogDelta += step.backlogDelta ?? 0;
    row.replies += step.replies ?? 0;
    merged.set(key, row);
  }
  // rows locked in one order whatever the change (an unsolved ticket moved X→Y while another moves Y→X):
  // two such changes wait for each other instead of deadlocking
  const rows = [...merged.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row)
    .filter((r) => r.created || r.solved || r.reopened || r.backlogDelta || r.replies);
  if (rows.length === 0) return;
  const values = rows.map(
    (r) =>
      sql`(${ts(new Date(r.slot))}, ${r.dims.priority}::ticket_priority, ${text(r.dims.plan)}, ${text(r.dims.region)},
           ${uuid(r.dims.organizationId)}, ${uuid(r.dims.teamId)}, ${uuid(r.dims.agentId)},
           ${r.created}::int, ${r.solved}::int, ${r.reopened}::int, ${r.backlogDelta}::int, ${r.replies}::int)`,
  );
  await db.execute(sql`INSERT INTO report_counts (at, priority, plan, region, organization_id, team_id, agent_id,
                         created, solved, reopened, backlog_delta, replies)
      VALUES ${sql.join(values, sql`, `)}
      ON CONFLICT (at, priority, plan, region, organization_id, team_id, agent_id) DO UPDATE SET
        created = report_counts.created + excluded.created,
        solved = report_counts.solved + excluded.solved,
        reopened = report_counts.reopened + excluded.reopened,
        backlog_delta = report_counts.backlog_delta + excluded.backlog_delta,
        replies = report_counts.replies + excluded.replies`);
}

/** The dimensions an unsolved ticket is counted under in the backlog; undefined when it is not in it. */
export async function findBacklogEntry(db: Db, ticketId: number): Promise<Dims | undefined> {
  return queryOne<Dims>(
    db,
    sql`SELECT priority, plan, region, organization_id AS "organizationId", team_id AS "teamId", agent_id AS "agentId"
          FROM report_backlog WHERE ticket_id = ${ticketId}`,
  );
}

export async function setBacklogEntry(db: Db, ticketId: number, dims: Dims | null): Promise<void> {
  if (!dims) {
    await db.execute(sql`DELETE FROM report_backlog WHERE ticket_id = ${ticketId}`);
    return;
  }
  await db.execute(sql`INSERT INTO report_backlog (ticket_id, priority, plan, region, organization_id, team_id, agent_id)
      VALUES (${ticketId}, ${dims.priority}::ticket_priority, ${text(dims.plan)}, ${text(dims.region)},
              ${uuid(dims.organizationId)}, ${uuid(dims.teamId)}, ${uuid(dims.agentId)})
      ON CONFLICT (ticket_id) DO UPDATE SET priority = excluded.priority, plan = excluded.plan, region = excluded.region,
        organization_id = excluded.organization_id, team_id = excluded.team_id, agent_id = excluded.agent_id`);
}

const dimsValues = (d: Dims) =>
  sql`${d.priority}::ticket_priority, ${text(d.plan)}, ${text(d.region)}, ${uuid(d.organizationId)}, ${uuid(d.teamId)}, ${uuid(d.agentId)}`;

/**
 * A public agent reply: the ticket's first reply (from its creation) when it has none yet, else a
 * next reply from the earliest customer message since the agent message before it, if any waits.
 */
export async function recordReply(
  db: Db,
  reply: { ticketId: number; messageId: number; at: Date; ticketCreatedAt: Date; dims: Dims },
): Promise<void> {
  const { ticketId, messageId } = reply;
  const at = ts(reply.at);
  await db.execute(sql`INSERT INTO report_durations (ticket_id, metric, message_id, at, minutes, priority, plan, region,
                         organization_id, team_id, agent_id)
      SELECT ${ticketId}::bigint, CASE WHEN f.answered THEN 'next-reply' ELSE 'first-reply' END, ${messageId}::bigint, ${at},
             date_part('epoch', ${at} - CASE WHEN f.answered THEN w.since ELSE ${ts(reply.ticketCreatedAt)} END) / 60,
             ${dimsValues(reply.dims)}
        FROM (SELECT EXISTS (SELECT 1 FROM report_durations
                              WHERE ticket_id = ${ticketId} AND metric = 'first-reply') AS answered) f,
             LATERAL (
               SELECT min(c.created_at) AS since FROM messages c
                WHERE c.ticket_id = ${ticketId} AND c.author_kind = 'contact' AND NOT c.internal
                  AND (c.created_at, c.id) < (${at}, ${messageId}::bigint)
                  AND (c.created_at, c.id) > (
                    SELECT p.created_at, p.id FROM messages p
                     WHERE p.ticket_id = ${ticketId} AND p.author_kind = 'agent' AND NOT p.internal
                       AND (p.created_at, p.id) < (${at}, ${messageId}::bigint)
                     ORDER BY p.created_at DESC, p.id DESC LIMIT 1)
             ) w
       WHERE NOT f.answered OR w.since IS NOT NULL
      ON CONFLICT (ticket_id, metric, message_id) DO NOTHING`);
}

/** A solve: the ticket's resolution time is creation to this, its latest solve. */
export async function recordResolution(
  db: Db,
  solve: { ticketId: number; solvedAt: Date; ticketCreatedAt: Date; dims: Dims },
): Promise<void> {
  const at = ts(solve.solvedAt);
  await db.execute(sql`INSERT INTO report_durations (ticket_id, metric, message_id, at, minutes, priority, plan, region,
                         organization_id, team_id, agent_id)
      VALUES (${solve.ticketId}, 'resolution', NULL, ${at}, date_part('epoch', ${at} - ${ts(solve.ticketCreatedAt)}) / 60,
              ${dimsValues(solve.dims)})
      ON CONFLICT (ticket_id, metric, message_id) DO UPDATE SET at = excluded.at, minutes = excluded.minutes,
        priority = excluded.priority, plan = excluded.plan, region = excluded.region,
        organization_id = excluded.organization_id, team_id = excluded.team_id, agent_id = excluded.agent_id`);
}

/** Reopened: not resolved until it is solved again. */
export async function forgetResolution(db: Db, ticketId: number): Promise<void> {
  await db.execute(sql`DELETE FROM report_durations WHERE ticket_id = ${ticketId} AND metric = 'resolution'`);
}

/**
 * Reads the ticket's SLA steps not yet counted (its stops, and the breaches the sweep records) into
 * one outcome per clock run. Whether a stop came in time is in the words the clock rules write for
 * it; a breach stands, a met run that runs again takes its later outcome.
 */
export async function recordSlaOutcomes(db: Db, ticketId: number, dims: Dims): Promise<void> {
  await db.execute(sql`INSERT INTO report_sla (run_id, ticket_id, metric, outcome, at, event_id, policy, priority, plan,
                         region, organization_id, team_id, agent_id)
      SELECT DISTINCT ON (r.run_id) r.run_id, ${ticketId}::bigint, r.metric,
             CASE WHEN r.late THEN 'breached' ELSE 'met' END, r.at, r.id,
             (SELECT p.name FROM sla_policies p
               WHERE (p.priority IS NULL OR p.priority = ${dims.priority}::ticket_priority)
                 AND (p.plan IS NULL OR p.plan = ${text(dims.plan)})
               ORDER BY (p.priority IS NOT NULL)::int * 2 + (p.plan IS NOT NULL)::int DESC LIMIT 1),
             ${dimsValues(dims)}
        FROM (
          SELECT e.id, e.metric, e.at,
                 e.kind = 'breach' OR (e.kind = 'stop' AND e.detail LIKE '%): breached, %') AS late,
                 (SELECT max(s.id) FROM sla_events s
                   WHERE s.ticket_id = e.ticket_id AND s.metric = e.metric AND s.kind = 'start' AND s.id < e.id) AS run_id
            FROM sla_events e
           WHERE e.ticket_id = ${ticketId} AND e.kind IN ('stop', 'breach')
             AND e.id > coalesce((SELECT max(event_id) FROM report_sla WHERE ticket_id = ${ticketId}), 0)
        ) r
       WHERE r.run_id IS NOT NULL
       ORDER BY r.run_id, r.late DESC, CASE WHEN r.late THEN r.id ELSE -r.id END
      ON CONFLICT (run_id) DO UPDATE SET outcome = excluded.outcome, at = excluded.at, event_id = excluded.event_id,
        policy = excluded.policy, priority = excluded.priority, plan = excluded.plan, region = excluded.region,
        organization_id = excluded.organization_id, team_id = excluded.team_id, agent_id = excluded.agent_id
       WHERE report_sla.outcome = 'met'`);
}

/** Every fact again from what the desk holds (the migration's report_backfill()); for bulk loads. */
export async function backfillReportFacts(db: Db): Promise<void> {
  await db.execute(sql`SELECT report_backfill()`);
}
