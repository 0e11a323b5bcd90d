-- The mail domains an organization owns (issue 16): mail from an address at one of them, from someone
-- who is not yet a contact of the organization, may ask to be entitled (the organization's admins or
-- an agent approve). A domain belongs to one organization: the primary key says so. src/people owns it.
CREATE TABLE organization_domains (
  domain text PRIMARY KEY CHECK (domain = lower(domain)),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL
);
CREATE INDEX organization_domains_organization_idx ON organization_domains (organization_id);
