-- Reports: facts kept as tickets change (src/reports/keep-facts.ts, one listener inside each change's
-- transaction), so a report over a million tickets reads narrow rows from one index instead of going
-- back to messages. Dimensions (priority, the organization's plan, region, organization, team, agent)
-- are those of the moment the fact happened. report_backfill() fills the same facts from what a desk
-- already holds; it runs at the end of this migration.

-- One row per measured interval, in calendar minutes: first reply (creation to the first public agent
-- message, not counting the message an agent opened the ticket with), next reply (the earliest customer
-- message not yet answered to the next public agent message; one per such reply) and resolution
-- (creation to the latest solve; one per solved ticket, gone while it is reopened).
CREATE TABLE report_durations (
  ticket_id bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  metric text NOT NULL CHECK (metric IN ('first-reply', 'next-reply', 'resolution')),
  -- the reply that ended the interval; null for a resolution
  message_id bigint,
  at timestamptz NOT NULL,
  minutes double precision NOT NULL,
  priority ticket_priority NOT NULL,
  plan text,
  region text,
  organization_id uuid,
  team_id uuid,
  -- the replying agent; for a resolution, the assignee
  agent_id uuid,
  UNIQUE NULLS NOT DISTINCT (ticket_id, metric, message_id)
);
-- the reports read a metric over a range from an index alone (median and P90 per group): a narrow one
-- per period, a wide one to group or filter by a dimension
CREATE INDEX report_durations_at_idx ON report_durations (metric, at) INCLUDE (minutes);
CREATE INDEX report_durations_dims_idx ON report_durations (metric, at)
  INCLUDE (minutes, priority, plan, region, organization_id, team_id, agent_id);

-- Counts per quarter hour (UTC; every zone's offset is whole quarter hours, so days and weeks in any
-- zone add up from them) and dimensions: tickets created, solved, reopened, public agent replies, and
-- the change of the backlog (unsolved tickets): +1 when a ticket enters it (opened, reopened), -1 when
-- it leaves (solved, closed), and -1/+1 on the old and new dimensions when an unsolved ticket moves.
-- agent_id is the assignee, except for replies: who wrote them.
CREATE TABLE report_counts (
  at timestamptz NOT NULL,
  priority ticket_priority NOT NULL,
  plan text,
  region text,
  organization_id uuid,
  team_id uuid,
  agent_id uuid,
  created integer NOT NULL DEFAULT 0,
  solved integer NOT NULL DEFAULT 0,
  reopened integer NOT NULL DEFAULT 0,
  backlog_delta integer NOT NULL DEFAULT 0,
  replies integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX report_counts_key ON report_counts (at, priority, plan, region, organization_id, team_id, agent_id)
  INCLUDE (created, solved, reopened, backlog_delta, replies) NULLS NOT DISTINCT;
-- narrow ones for the reports without filters: tickets in and out (backlog, arrivals), work (load)
CREATE INDEX report_counts_tickets_idx ON report_counts (at) INCLUDE (created, solved, reopened, backlog_delta)
  WHERE created <> 0 OR solved <> 0 OR reopened <> 0 OR backlog_delta <> 0;
CREATE INDEX report_counts_work_idx ON report_counts (at) INCLUDE (replies, solved, agent_id, team_id)
  WHERE replies <> 0 OR solved <> 0;

-- The unsolved tickets now, each under the dimensions its +1 was counted on: a move or an exit takes
-- the -1 from the right key even when the organization's plan changed meanwhile. The backlog at any
-- moment is the count here minus the deltas since.
CREATE TABLE report_backlog (
  ticket_id bigint PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
  priority ticket_priority NOT NULL,
  plan text,
  region text,
  organization_id uuid,
  team_id uuid,
  agent_id uuid
);

-- SLA outcomes, one per clock run (a start of a clock in sla_events): met when it stopped in time,
-- breached when the sweep saw it pass its due time or it stopped late. A met run that runs again
-- (a resolution clock after a reopen) takes its later outcome; a breach stands.
CREATE TABLE report_sla (
  run_id bigint PRIMARY KEY,
  ticket_id bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  metric text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('met', 'breached')),
  at timestamptz NOT NULL,
  -- the sla_events row that decided the outcome: events after a ticket's newest are still to read
  event_id bigint NOT NULL,
  policy text,
  priority ticket_priority NOT NULL,
  plan text,
  region text,
  organization_id uuid,
  team_id uuid,
  agent_id uuid
);
CREATE INDEX report_sla_at_idx ON report_sla (at) INCLUDE (metric, outcome, policy);
CREATE INDEX report_sla_dims_idx ON report_sla (at)
  INCLUDE (metric, outcome, policy, priority, plan, region, organization_id, team_id, agent_id);
CREATE INDEX report_sla_ticket_idx ON report_sla (ticket_id, event_id);

-- Every fact again from tickets, messages, the audit trail and the SLA events, set-based: for a desk
-- that had tickets before reports, and for bulk loads that bypass the listener (the bench). What the
-- past cannot tell is taken from today: dimensions are the tickets' current ones, and the SLA policy
-- the one that fits them now. Status changes come from the audit trail; one it does not hold (a
-- merge closing a ticket, a bulk load) is put at the ticket's last status change.
CREATE FUNCTION report_backfill() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE report_durations, report_counts, report_backlog, report_sla;

  INSERT INTO report_durations (ticket_id, metric, message_id, at, minutes, priority, plan, region, organization_id, team_id, agent_id)
  WITH ordered AS (
    SELECT m.id, m.ticket_id, m.created_at, m.author_agent_id,
           m.author_kind = 'agent' AND NOT m.internal AS agent_reply,
           m.author_kind = 'contact' AND NOT m.internal AS customer,
           row_number() OVER (PARTITION BY m.ticket_id ORDER BY m.created_at, m.id) = 1 AS opening
      FROM messages m
  ), counted AS (
    SELECT o.*,
           -- replies before this message (the opening message is not one), and public agent messages
           -- before it: customer messages with the same count wait for the same reply
           count(*) FILTER (WHERE o.agent_reply AND NOT o.opening) OVER earlier AS replies_before,
           count(*) FILTER (WHERE o.agent_reply) OVER earlier AS answered
      FROM ordered o
    WINDOW earlier AS (PARTITION BY o.ticket_id ORDER BY o.created_at, o.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
  ), waited AS (
    SELECT c.*, min(c.created_at) FILTER (WHERE c.customer) OVER (PARTITION BY c.ticket_id, c.answered) AS waiting_since
      FROM counted c
  )
  SELECT w.ticket_id, CASE WHEN w.replies_before = 0 THEN 'first-reply' ELSE 'next-reply' END, w.id, w.created_at,
         date_part('epoch', w.created_at - CASE WHEN w.replies_before = 0 THEN t.created_at ELSE w.waiting_since END) / 60,
         t.priority, o.plan, t.region, t.organization_id, t.team_id, w.author_agent_id
    FROM waited w
    JOIN tickets t ON t.id = w.ticket_id
    LEFT JOIN organizations o ON o.id = t.organization_id
   WHERE w.agent_reply AND NOT w.opening AND (w.replies_before = 0 OR w.waiting_since IS NOT NULL)
   -- in the order of the range indexes, which then come out compact
   ORDER BY 2, 4;

  INSERT INTO report_durations (ticket_id, metric, message_id, at, minutes, priority, plan, region, organization_id, team_id, agent_id)
  SELECT t.id, 'resolution', NULL, t.solved_at, date_part('epoch', t.solved_at - t.created_at) / 60,
         t.priority, o.plan, t.region, t.organization_id, t.team_id, t.assignee_id
    FROM tickets t LEFT JOIN organizations o ON o.id = t.organization_id
   WHERE t.solved_at IS NOT NULL
   ORDER BY t.solved_at;

  INSERT INTO report_backlog (ticket_id, priority, plan, region, organization_id, team_id, agent_id)
  SELECT t.id, t.priority, o.plan, t.region, t.organization_id, t.team_id, t.assignee_id
    FROM tickets t LEFT JOIN organizations o ON o.id = t.organization_id
   WHERE t.status NOT IN ('solved', 'closed');

  INSERT INTO report_counts (at, priority, plan, region, organization_id, team_id, agent_id, created, solved, reopened, backlog_delta, replies)
  WITH opened AS (
    SELECT DISTINCT ON (ticket_id) ticket_id, data ->> 'status' AS status
      FROM audit_events WHERE action = 'ticket.created' AND ticket_id IS NOT NULL
     ORDER BY ticket_id, id
  ), moves AS (
    SELECT ticket_id, id, at, data -> 'changes' -> 'status' ->> 'from' AS s_from, data -> 'changes' -> 'status' ->> 'to' AS s_to
      FROM audit_events
     WHERE action = 'ticket.updated' AND ticket_id IS NOT NULL AND data -> 'changes' ? 'status'
    UNION ALL
    SELECT ticket_id, id, at, data -> 'status' ->> 'from', data -> 'status' ->> 'to'
      FROM audit_events
     WHERE action IN ('reply.added', 'note.added') AND ticket_id IS NOT NULL AND data ? 'status'
  ), last_moves AS (
    SELECT DISTINCT ON (ticket_id) ticket_id, s_to FROM moves ORDER BY ticket_id, id DESC
  ), solves AS (
    SELECT DISTINCT ticket_id, at FROM moves WHERE s_to = 'solved'
  ), replayed AS (
    -- where the audit trail leaves each ticket, and whether it holds the latest solve
    SELECT t.id AS ticket_id, coalesce(lm.s_to, op.status, 'new') AS status, s.ticket_id IS NOT NULL AS solve_known
      FROM tickets t
      LEFT JOIN opened op ON op.ticket_id = t.id
      LEFT JOIN last_moves lm ON lm.ticket_id = t.id
      LEFT JOIN solves s ON s.ticket_id = t.id AND s.at = t.solved_at
  ), events AS (
    -- opened, and solved at once when an agent opened it solved
    SELECT t.id AS ticket_id, t.created_at AS at, t.assignee_id AS agent_id, 1 AS created,
           (coalesce(op.status, 'new') = 'solved')::int AS solved, 0 AS reopened,
           (coalesce(op.status, 'new') NOT IN ('solved', 'closed'))::int AS backlog_delta, 0 AS replies
      FROM tickets t LEFT JOIN opened op ON op.ticket_id = t.id
    UNION ALL
    SELECT m.ticket_id, m.at, t.assignee_id, 0,
           (m.s_to = 'solved')::int,
           (m.s_from IN ('solved', 'closed') AND m.s_to NOT IN ('solved', 'closed'))::int,
           (m.s_to NOT IN ('solved', 'closed'))::int - (m.s_from NOT IN ('solved', 'closed'))::int, 0
      FROM moves m JOIN tickets t ON t.id = m.ticket_id
    UNION ALL
    -- status changes the audit trail does not hold
    SELECT t.id, t.status_changed_at, t.assignee_id, 0, 0, 0,
           (t.status NOT IN ('solved', 'closed'))::int - (r.status NOT IN ('solved', 'closed'))::int, 0
      FROM tickets t JOIN replayed r ON r.ticket_id = t.id
     WHERE (t.status IN ('solved', 'closed')) <> (r.status IN ('solved', 'closed'))
    UNION ALL
    SELECT t.id, t.solved_at, t.assignee_id, 0, 1, 0, 0, 0
      FROM tickets t JOIN replayed r ON r.ticket_id = t.id
     WHERE t.solved_at IS NOT NULL AND NOT r.solve_known
    UNION ALL
    SELECT m.ticket_id, m.created_at, m.author_agent_id, 0, 0, 0, 0, 1
      FROM messages m WHERE m.author_kind = 'agent' AND NOT m.internal
  )
  SELECT date_bin('15 minutes', e.at, timestamptz '2000-01-01 00:00:00+00'), t.priority, o.plan, t.region,
         t.organization_id, t.team_id, e.agent_id,
         sum(e.created), sum(e.solved), sum(e.reopened), sum(e.backlog_delta), sum(e.replies)
    FROM events e
    JOIN tickets t ON t.id = e.ticket_id
    LEFT JOIN organizations o ON o.id = t.organization_id
   WHERE e.created <> 0 OR e.solved <> 0 OR e.reopened <> 0 OR e.backlog_delta <> 0 OR e.replies <> 0
   GROUP BY 1, 2, 3, 4, 5, 6, 7
   ORDER BY 1;

  INSERT INTO report_sla (run_id, ticket_id, metric, outcome, at, event_id, policy, priority, plan, region, organization_id, team_id, agent_id)
  SELECT * FROM (
  WITH runs AS (
    SELECT e.id, e.ticket_id, e.metric, e.kind, e.at,
           -- the stop's own words (src/sla/clock-rules.ts) say whether it came in time
           e.kind = 'breach' OR (e.kind = 'stop' AND e.detail LIKE '%): breached, %') AS late,
           max(e.id) FILTER (WHERE e.kind = 'start') OVER (PARTITION BY e.ticket_id, e.metric ORDER BY e.id) AS run_id
      FROM sla_events e
  )
  SELECT DISTINCT ON (r.run_id) r.run_id, r.ticket_id, r.metric, CASE WHEN r.late THEN 'breached' ELSE 'met' END, r.at, r.id,
         (SELECT p.name FROM sla_policies p
           WHERE (p.priority IS NULL OR p.priority = t.priority) AND (p.plan IS NULL OR p.plan = o.plan)
           ORDER BY (p.priority IS NOT NULL)::int * 2 + (p.plan IS NOT NULL)::int DESC LIMIT 1),
         t.priority, o.plan, t.region, t.organization_id, t.team_id, t.assignee_id
    FROM runs r
    JOIN tickets t ON t.id = r.ticket_id
    LEFT JOIN organizations o ON o.id = t.organization_id
   WHERE r.kind IN ('stop', 'breach') AND r.run_id IS NOT NULL
   -- the first time the run was late decides it; if never, its last stop
   ORDER BY r.run_id, r.late DESC, CASE WHEN r.late THEN r.id ELSE -r.id END
  ) outcomes ORDER BY 5;
END
$$;

SELECT report_backfill();
