-- The unassigned queue is the one every region works from. New tickets are the unassigned ones, so
-- status and assignee are strongly correlated, which the planner cannot know from per-column
-- statistics: it then sorts tens of thousands of rows instead of reading 25 in order.

CREATE INDEX tickets_active_unassigned_idx ON tickets (updated_at DESC, id DESC)
  WHERE assignee_id IS NULL AND status IN ('new', 'open', 'pending', 'on-hold', 'watching');

CREATE STATISTICS tickets_status_assignee_stats (dependencies, mcv) ON status, assignee_id FROM tickets;
ANALYZE tickets;
