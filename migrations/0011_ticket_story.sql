-- The ticket page tells the whole story: who copied whom on a ticket, and where a merged ticket went.

-- Who added a CC and how: by hand (an agent, or the requester), on the first mail, by replying with
-- them copied, by a merge. Rows from before this migration say nothing (NULL): "CC'd on …".
ALTER TABLE ticket_ccs
  ADD COLUMN added_by_kind text CHECK (added_by_kind IN ('agent', 'contact', 'token', 'system')),
  ADD COLUMN added_by_id text,
  ADD COLUMN added_by_name text,
  ADD COLUMN added_via text CHECK (added_via IN ('opened', 'added', 'reply', 'merge', 'follow-up', 'accepted'));

-- A merged ticket is closed and points at the ticket its conversation moved to; mail to its thread
-- follows the pointer.
ALTER TABLE tickets ADD COLUMN merged_into_id bigint REFERENCES tickets (id);
CREATE INDEX tickets_merged_into_idx ON tickets (merged_into_id) WHERE merged_into_id IS NOT NULL;
