-- Queues list the active tickets (new, open, pending, on-hold, watching) of one assignee or team,
-- newest activity first. With a million tickets, most are closed: partial indexes over the active
-- ones serve those lists in order, whichever active statuses a view asks for, without sorting.

CREATE INDEX tickets_active_updated_idx ON tickets (updated_at DESC, id DESC)
  WHERE status IN ('new', 'open', 'pending', 'on-hold', 'watching');
CREATE INDEX tickets_active_assignee_idx ON tickets (assignee_id, updated_at DESC, id DESC)
  WHERE status IN ('new', 'open', 'pending', 'on-hold', 'watching');
CREATE INDEX tickets_active_team_idx ON tickets (team_id, updated_at DESC, id DESC)
  WHERE status IN ('new', 'open', 'pending', 'on-hold', 'watching');

-- replaced by the above, or not worth their cost on every write
DROP INDEX tickets_assignee_status_updated_idx;
DROP INDEX tickets_team_status_updated_idx;
DROP INDEX tickets_status_id_idx;
DROP INDEX tickets_priority_updated_idx;
