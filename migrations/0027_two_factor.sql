-- Two-factor sign-in (TOTP and recovery codes) and password reset by mail, for agents; src/auth owns
-- these tables.

-- An agent's authenticator. The secret is sealed with the desk key (never stored plain); a pending
-- secret waits for its first code, so switching to a new phone keeps the old one until the new one
-- works. last_step is the last time step a code was accepted for: each code is good once.
CREATE TABLE agent_two_factor (
  agent_id uuid PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
  secret_sealed text,
  enabled_at timestamptz,
  pending_secret_sealed text,
  pending_at timestamptz,
  last_step bigint,
  -- wrong codes in the current window, across sign-in challenges and the agent's own settings
  failures integer NOT NULL DEFAULT 0,
  failures_since timestamptz,
  updated_at timestamptz NOT NULL
);

-- Recovery codes, shown once; only their hashes are kept. A used one stays, marked, for the count.
CREATE TABLE agent_recovery_codes (
  agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  code_hash bytea NOT NULL,
  created_at timestamptz NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (agent_id, code_hash)
);

-- The second step of a sign-in: issued after the right password, used once, a few wrong codes each.
CREATE TABLE two_factor_challenges (
  id uuid PRIMARY KEY,
  agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  failures integer NOT NULL DEFAULT 0,
  used_at timestamptz
);
CREATE INDEX two_factor_challenges_agent_idx ON two_factor_challenges (agent_id);
CREATE INDEX two_factor_challenges_expires_idx ON two_factor_challenges (expires_at);

-- Mailed password reset links: only the token's hash, one use, an hour.
CREATE TABLE password_reset_links (
  token_hash bytea PRIMARY KEY,
  agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX password_reset_links_agent_idx ON password_reset_links (agent_id, created_at);
CREATE INDEX password_reset_links_expires_idx ON password_reset_links (expires_at);
