-- The unassigned queue agents work from is new and open tickets. Read through 0003's index (every active
-- status), it skipped past unassigned tickets parked in other states: with 20,000 recently updated
-- "watching" tickets (waiting on a forge issue) the first page of "new, unassigned" read 20,000 rows
-- (25-35 ms at 1M tickets instead of under 1 ms). This index holds only the rows that queue shows.
CREATE INDEX tickets_triage_idx ON tickets (updated_at DESC, id DESC)
  WHERE assignee_id IS NULL AND status IN ('new', 'open');
