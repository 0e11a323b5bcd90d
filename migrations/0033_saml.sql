-- Single sign-on for agents with SAML 2.0. As with OpenID Connect (0026), an agent is linked to the
-- identity provider's account by (issuer, subject): the IdP's entity ID and the NameID it gives the
-- person; the email links only the first time. One link per agent and identity provider.
-- The same shape as oidc_links: its columns, primary key and one-link-per-agent-and-issuer index
-- (LIKE copies all but the foreign key).
CREATE TABLE saml_links (LIKE oidc_links INCLUDING ALL);
ALTER TABLE saml_links ADD FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE CASCADE;

-- An AuthnRequest the desk sent and no Response has answered yet: a Response must name one
-- (InResponseTo), posted by the browser that started it (the hash of its cookie), and it is taken
-- once, so an answer nobody asked for (IdP-initiated, forged), one pushed into another person's
-- browser (login CSRF) or a replayed one is refused. Valid ten minutes.
CREATE TABLE saml_requests (
  id text PRIMARY KEY,
  browser_hash bytea NOT NULL,
  return_to text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX saml_requests_expires_idx ON saml_requests (expires_at);
