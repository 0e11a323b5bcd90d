-- Ending sessions by person: sign out everywhere, a new password, a deactivated agent, a contact
-- whose sessions a lead ends or whose email changed. Without these, each is a scan of all sessions.

CREATE INDEX sessions_agent_idx ON sessions (agent_id) WHERE agent_id IS NOT NULL;
CREATE INDEX sessions_contact_idx ON sessions (contact_id) WHERE contact_id IS NOT NULL;
-- a contact's pending sign-in links are cancelled when their email changes
CREATE INDEX sign_in_links_contact_idx ON sign_in_links (contact_id) WHERE used_at IS NULL AND contact_id IS NOT NULL;
