-- Entitlement requests (issue 16): mail from someone who is not a named support contact, from an
-- address at a domain an organization owns (0031), asks that organization to entitle them. The
-- person proves they read that mailbox with a one-use link (a From proves nothing); the
-- organization's admin contacts, or a lead, approve or decline. src/entitlement owns these tables.
CREATE TABLE entitlement_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  -- the address the link went to, and its domain, as they were when the request started
  email text NOT NULL,
  domain text NOT NULL,
  state text NOT NULL CHECK (state IN ('awaiting-confirmation', 'awaiting-approval', 'approved', 'declined', 'expired')),
  -- SHA-256 of the mailed secret; the link works once, until link_expires_at
  token_hash bytea NOT NULL,
  link_expires_at timestamptz NOT NULL,
  -- what the person wrote when confirming: who they are, why
  note text,
  created_at timestamptz NOT NULL,
  confirmed_at timestamptz,
  decided_at timestamptz,
  decided_by text,
  decision_note text
);
CREATE UNIQUE INDEX entitlement_requests_token_key ON entitlement_requests (token_hash);
-- one open request per person: a second mail joins the first, and mails nobody
CREATE UNIQUE INDEX entitlement_requests_open_key ON entitlement_requests (contact_id)
  WHERE state IN ('awaiting-confirmation', 'awaiting-approval');
CREATE INDEX entitlement_requests_contact_idx ON entitlement_requests (contact_id, created_at);
CREATE INDEX entitlement_requests_organization_idx ON entitlement_requests (organization_id, created_at);
CREATE INDEX entitlement_requests_domain_open_idx ON entitlement_requests (domain)
  WHERE state IN ('awaiting-confirmation', 'awaiting-approval');

-- The tickets a request holds: opened by the person's mail before they were entitled. Approval gives
-- them what an entitled sender's mail would have had.
CREATE TABLE entitlement_request_tickets (
  request_id uuid NOT NULL REFERENCES entitlement_requests (id) ON DELETE CASCADE,
  ticket_id bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  held_priority ticket_priority NOT NULL,
  entitled_priority ticket_priority NOT NULL,
  -- ENTITLEMENT_POLICY when the mail came: under reject, the ticket was kept only for the request
  policy text NOT NULL,
  PRIMARY KEY (request_id, ticket_id)
);
CREATE INDEX entitlement_request_tickets_ticket_idx ON entitlement_request_tickets (ticket_id);

-- How many requests each known domain started in its current hour: a flood of forged senders at
-- one domain starts a few requests (and mails) an hour, not one each. One row per domain, updated
-- in place, so concurrent mail counts without a race.
CREATE TABLE entitlement_domain_budget (
  domain text PRIMARY KEY,
  window_started_at timestamptz NOT NULL,
  started integer NOT NULL
);
