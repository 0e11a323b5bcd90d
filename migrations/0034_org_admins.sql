-- Named support contacts managed by the customer (issue 16): an organization's admin contacts add
-- and remove its named contacts in the portal, up to the plan's limit, or a CI job in the customer's
-- Git repository pushes the list as a YAML file with an organization sync token. src/people owns these.

-- An organization admin is always a named support contact: the constraint says so.
ALTER TABLE contacts ADD COLUMN org_admin boolean NOT NULL DEFAULT false;
ALTER TABLE contacts ADD CONSTRAINT contacts_org_admin_named
  CHECK (NOT org_admin OR (support_contact AND organization_id IS NOT NULL));
-- "3 of 5 named contacts" and the limit check count these
CREATE INDEX contacts_named_idx ON contacts (organization_id) WHERE support_contact;

-- An agent's exception to the plan's limit (PLAN_CONTACT_LIMITS); null: the plan decides.
ALTER TABLE organizations ADD COLUMN named_contact_limit integer CHECK (named_contact_limit >= 0);

-- A sync token opens one route, PUT /api/v1/organizations/{id}/named-contacts, for its organization
-- only. Only the secret's SHA-256 is kept; the prefix tells tokens apart in the list.
CREATE TABLE named_contact_sync_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash bytea NOT NULL,
  prefix text NOT NULL,
  created_by_contact_id uuid REFERENCES contacts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_used_at timestamptz
);
CREATE UNIQUE INDEX named_contact_sync_tokens_hash_key ON named_contact_sync_tokens (token_hash);
CREATE INDEX named_contact_sync_tokens_organization_idx ON named_contact_sync_tokens (organization_id)
  WHERE revoked_at IS NULL;
