-- People pages: what the desk knows about a customer and their organization, at a glance.
-- Notes are for agents only (never shown to the contact); a lead writes them.
ALTER TABLE contacts ADD COLUMN notes text;
ALTER TABLE organizations ADD COLUMN notes text;

-- "Open / waiting" counts of one organization or one requester, and the issues their active tickets
-- wait on, with a million tickets: partial indexes over the active tickets only (most are closed),
-- so a count reads a handful of index entries, not every ticket a big customer ever opened.
CREATE INDEX tickets_active_organization_idx ON tickets (organization_id, status)
  WHERE status IN ('new', 'open', 'pending', 'on-hold', 'watching');
CREATE INDEX tickets_active_requester_idx ON tickets (requester_id, status)
  WHERE status IN ('new', 'open', 'pending', 'on-hold', 'watching');
