-- WebAuthn passkeys for agents: a second factor, and a sign-in of their own. src/auth/passkeys owns
-- these tables.

-- An agent's passkey: the credential's id and public key (COSE), and what the authenticator told us.
-- counter is the signature counter last seen: one that goes backwards means a cloned authenticator.
CREATE TABLE agent_passkeys (
  id uuid PRIMARY KEY,
  agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  credential_id text NOT NULL UNIQUE,
  public_key bytea NOT NULL,
  counter bigint NOT NULL DEFAULT 0,
  transports text[] NOT NULL DEFAULT '{}',
  device_type text NOT NULL CHECK (device_type IN ('singleDevice', 'multiDevice')),
  backed_up boolean NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz
);
CREATE INDEX agent_passkeys_agent_idx ON agent_passkeys (agent_id);

-- A ceremony's challenge, kept here and never trusted from the client: one use, a few minutes, and
-- bound to what asked for it (the session for a registration, the password step's challenge for a
-- second factor; a sign-in with a passkey alone is bound to the attempt's id, signed).
CREATE TABLE passkey_challenges (
  id uuid PRIMARY KEY,
  challenge text NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('register', 'sign-in', 'second-factor')),
  agent_id uuid REFERENCES agents (id) ON DELETE CASCADE,
  session_hash bytea,
  two_factor_challenge_id uuid REFERENCES two_factor_challenges (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX passkey_challenges_expires_idx ON passkey_challenges (expires_at);
