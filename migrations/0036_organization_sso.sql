-- Single sign-on for an organization's contacts (issue 16): an organization may have its own OpenID
-- provider, which a desk admin sets up, and may require it (then no mailed sign-in links for its
-- contacts). src/auth/organization-sso owns these tables. The client secret is sealed with the desk key.
CREATE TABLE organization_sso (
  organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  issuer text NOT NULL,
  client_id text NOT NULL,
  -- null: a public client (PKCE only)
  client_secret_sealed text,
  required boolean NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- A contact's account at their organization's provider. The organization is part of the key: the same
-- (issuer, subject) at another organization's provider is somebody else as far as the desk knows.
CREATE TABLE organization_sso_links (
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  issuer text NOT NULL,
  subject text NOT NULL,
  contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  -- the email the provider gave at the last sign-in (for people reading the table)
  email text NOT NULL,
  created_at timestamptz NOT NULL,
  last_sign_in_at timestamptz NOT NULL,
  PRIMARY KEY (organization_id, issuer, subject)
);
CREATE UNIQUE INDEX organization_sso_links_contact_key ON organization_sso_links (contact_id, organization_id, issuer);

-- Sign-ins in flight are the agents' attempts (0026) with the organization they were started for:
-- a callback for one organization never finishes another's attempt, nor an agent's.
ALTER TABLE oidc_attempts ADD COLUMN organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE;
