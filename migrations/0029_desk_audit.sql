-- The admins' audit log lists what happened outside tickets (sign-ins, roles, two-factor, tokens,
-- settings), newest first. Ticket events outnumber them a thousandfold on a busy desk, so they get an
-- index of their own: newest first, and by action for the log's categories.
CREATE INDEX audit_events_desk_idx ON audit_events (id DESC) WHERE ticket_id IS NULL;
CREATE INDEX audit_events_desk_action_idx ON audit_events (action, id DESC) WHERE ticket_id IS NULL;
