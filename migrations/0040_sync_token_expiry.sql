-- An organization's named-contact sync token lasts a year at most, as GitLab's own access tokens do: a
-- secret kept in a customer's CI settings for ever is one that leaks some day. Tokens made before get a
-- year from when they were made, and at least 30 days from now, so no CI job stops without warning.
-- src/people owns this table.
ALTER TABLE named_contact_sync_tokens ADD COLUMN expires_at timestamptz;
UPDATE named_contact_sync_tokens
   SET expires_at = GREATEST(created_at + interval '365 days', now() + interval '30 days');
ALTER TABLE named_contact_sync_tokens ALTER COLUMN expires_at SET NOT NULL;
