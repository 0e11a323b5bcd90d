-- Issue suggestions (issue 17): the desk suggests the public issue a ticket belongs to, from the tickets
-- already linked and from the forges' own search, and finds tickets from several organizations that look
-- alike. Customers are told how to follow an issue, and may ask to be counted on it.

-- What a ticket's text says about the failure, in a form that is the same from one customer to the next
-- (src/forges/suggest/error-signature.ts): keys prefixed by kind, e.g. "exception:PG::QueryCanceled",
-- "failure:PG::QueryCanceled: canceling statement due to statement timeout", "request:500 POST /api/…".
-- One row per ticket, so tickets with the same failure are one GIN lookup among a million.
CREATE TABLE ticket_signatures (
  ticket_id bigint PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
  organization_id uuid,
  keys text[] NOT NULL,
  versions text[] NOT NULL,
  -- the ticket's, so look-alikes of the last days are found without reading tickets
  ticket_created_at timestamptz NOT NULL,
  computed_at timestamptz NOT NULL
);
CREATE INDEX ticket_signatures_keys_idx ON ticket_signatures USING gin (keys);
CREATE INDEX ticket_signatures_created_idx ON ticket_signatures (ticket_created_at);

-- Trigram similarity of subjects ("Artifacts upload stalls" and "artifact uploads stalling behind proxy").
-- The extension lives in public, as btree_gist does (0018), so dropping a schema never drops it.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
EXCEPTION WHEN unique_violation OR duplicate_object THEN
  NULL; -- another schema's migration installed it at the same moment
END $$;

-- A linked ticket as evidence for its issue: its signature keys, its subject (trigram similarity) and its
-- words (subject, messages and text attachments, the first 64 kB) for full-text ranking. Only linked
-- tickets (a small part of all) are here, so a new ticket is compared with every one of them through
-- these indexes. It follows its link: unlinking or merging the ticket removes it.
CREATE TABLE issue_evidence (
  ticket_id bigint NOT NULL,
  forge_issue_id uuid NOT NULL,
  keys text[] NOT NULL,
  subject text NOT NULL,
  document tsvector NOT NULL,
  ticket_created_at timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, forge_issue_id),
  FOREIGN KEY (ticket_id, forge_issue_id) REFERENCES ticket_links (ticket_id, forge_issue_id)
    ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX issue_evidence_keys_idx ON issue_evidence USING gin (keys);
CREATE INDEX issue_evidence_document_idx ON issue_evidence USING gin (document);
CREATE INDEX issue_evidence_subject_idx ON issue_evidence USING gin (lower(subject) public.gin_trgm_ops);
CREATE INDEX issue_evidence_issue_idx ON issue_evidence (forge_issue_id);

-- "Not this one": a suggestion an agent dismissed on a ticket is not suggested there again
CREATE TABLE suggestion_dismissals (
  ticket_id bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  url text NOT NULL,
  dismissed_by text NOT NULL,
  dismissed_at timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, url)
);

-- A forge's search answers, kept a few hours: the same failure asked about by many tickets is one call,
-- and a rate-limited forge still has something to show
CREATE TABLE forge_searches (
  forge_id uuid NOT NULL REFERENCES forges (id) ON DELETE CASCADE,
  project_ref text NOT NULL,
  query text NOT NULL,
  hits jsonb NOT NULL,
  fetched_at timestamptz NOT NULL,
  PRIMARY KEY (forge_id, project_ref, query)
);
CREATE INDEX forge_searches_fetched_idx ON forge_searches (fetched_at);
-- until when a forge's search said "too many requests": nothing is asked of it before then
CREATE TABLE forge_search_pauses (
  forge_id uuid PRIMARY KEY REFERENCES forges (id) ON DELETE CASCADE,
  paused_until timestamptz NOT NULL
);

-- when the customer was told how to follow the issue themselves (the link notice)
ALTER TABLE ticket_links ADD COLUMN invited_at timestamptz;

-- Customers who asked to be counted on an issue: their organization (or, without one, themselves).
-- What reaches the forge is a count of them, never who they are.
CREATE TABLE issue_demand (
  forge_issue_id uuid NOT NULL REFERENCES forge_issues (id) ON DELETE CASCADE,
  -- 'organization:<uuid>' or 'contact:<uuid>'
  party text NOT NULL,
  ticket_id bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  asked_at timestamptz NOT NULL,
  PRIMARY KEY (forge_issue_id, party)
);
