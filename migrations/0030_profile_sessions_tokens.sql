-- An agent's profile page (issue 16): their sessions, listed and ended one by one, and personal API
-- tokens with a scope. src/auth owns these tables.

-- A session is named in the API by a random public id, never by its secret or the secret's hash.
-- Where it was started (user agent, address) and when it was last used, for the person to recognise it;
-- last_seen_at is written at most once a minute.
ALTER TABLE sessions
  ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid(),
  ADD COLUMN last_seen_at timestamptz,
  ADD COLUMN user_agent text,
  ADD COLUMN ip text;
CREATE UNIQUE INDEX sessions_public_id_key ON sessions (public_id);

-- What a token may do: 'read' is GET and HEAD only; 'write' is everything its holder may do (as
-- every token could before).
ALTER TABLE api_tokens ADD COLUMN scope text NOT NULL DEFAULT 'write' CHECK (scope IN ('read', 'write'));

-- A personal token belongs to an agent and has no role of its own (it acts with the agent's role at
-- each use), so a token is now for a role, one contact, or one agent; never a role and a contact.
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_one_subject;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_one_subject
  CHECK (NOT (role IS NOT NULL AND contact_id IS NOT NULL) AND num_nonnulls(role, contact_id, agent_id) > 0);
