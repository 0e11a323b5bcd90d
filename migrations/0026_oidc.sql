-- Single sign-on for agents (OpenID Connect). An agent is linked to the provider's account by
-- (issuer, subject): the subject is the provider's stable id for a person, while an email address
-- can be changed or given to someone else, so the email links only the first time. One link per
-- agent and issuer: a second account at the same provider with that agent's email is refused.
CREATE TABLE oidc_links (
  issuer text NOT NULL,
  subject text NOT NULL,
  agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  -- the email the provider gave at the last sign-in (for people reading the table)
  email text NOT NULL,
  created_at timestamptz NOT NULL,
  last_sign_in_at timestamptz NOT NULL,
  PRIMARY KEY (issuer, subject)
);
CREATE UNIQUE INDEX oidc_links_agent_issuer_key ON oidc_links (agent_id, issuer);

-- A sign-in in flight: what the callback must find again (state, nonce, PKCE verifier), found by
-- the hash of the attempt cookie of the browser that started it, taken once, valid ten minutes.
CREATE TABLE oidc_attempts (
  id_hash bytea PRIMARY KEY,
  state text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  return_to text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_attempts_expires_idx ON oidc_attempts (expires_at);

-- How a session's person proved who they are. Single sign-on sessions are the identity provider's to
-- secure (its own second factor); the desk's "two-factor required" rule holds password and link sessions.
ALTER TABLE sessions ADD COLUMN via text NOT NULL DEFAULT 'password';
