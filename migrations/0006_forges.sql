-- The pipe fitter: forges (GitLab, GitHub instances), the public issues tickets wait on, the links
-- between them (queryable both ways), webhook deliveries seen (each applied once) and the notices
-- already given (each transition told once).

CREATE TABLE forges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('gitlab', 'github')),
  name text NOT NULL,
  -- where people browse, e.g. https://gitlab.com; the API address is derived from it
  base_url text NOT NULL,
  token_encrypted text NOT NULL,
  webhook_secret_encrypted text NOT NULL,
  -- label and count of waiting tickets written back to the issue (never customer data)
  write_back boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX forges_base_url_key ON forges (kind, lower(base_url));

CREATE TABLE forge_issues (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  forge_id uuid NOT NULL REFERENCES forges (id) ON DELETE CASCADE,
  -- 'issue', or 'change' for a merge/pull request linked directly
  item_kind text NOT NULL CHECK (item_kind IN ('issue', 'change')),
  -- GitLab project path or GitHub owner/repo, and the number in it
  project_ref text NOT NULL,
  number integer NOT NULL,
  -- the forge's stable id (GitLab global id, GitHub node id): URLs change, these do not
  external_id text NOT NULL,
  url text NOT NULL,
  title text NOT NULL,
  state text NOT NULL CHECK (state IN ('open', 'closed')),
  state_reason text,
  labels text[] NOT NULL DEFAULT '{}',
  milestone_title text,
  milestone_due date,
  assignees text[] NOT NULL DEFAULT '{}',
  closed_at timestamptz,
  change_number integer,
  change_title text,
  change_url text,
  change_author text,
  change_merged_by text,
  change_merged_at timestamptz,
  change_merge_sha text,
  release_tag text,
  release_name text,
  release_url text,
  released_at timestamptz,
  -- open, scheduled, in-review, delivered, released, closed-without-fix
  status text NOT NULL,
  last_heard_at timestamptz NOT NULL,
  etag text,
  next_poll_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX forge_issues_item_key ON forge_issues (forge_id, item_kind, project_ref, number);
CREATE INDEX forge_issues_poll_idx ON forge_issues (next_poll_at);
CREATE INDEX forge_issues_change_idx ON forge_issues (forge_id, project_ref, change_number) WHERE change_number IS NOT NULL;

CREATE TABLE ticket_links (
  ticket_id bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  forge_issue_id uuid NOT NULL REFERENCES forge_issues (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  PRIMARY KEY (ticket_id, forge_issue_id)
);
CREATE INDEX ticket_links_issue_idx ON ticket_links (forge_issue_id, ticket_id);

CREATE TABLE forge_deliveries (
  forge_id uuid NOT NULL REFERENCES forges (id) ON DELETE CASCADE,
  delivery_id text NOT NULL,
  event text NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (forge_id, delivery_id)
);
CREATE INDEX forge_deliveries_received_idx ON forge_deliveries (received_at);

CREATE TABLE link_notices (
  ticket_id bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  forge_issue_id uuid NOT NULL REFERENCES forge_issues (id) ON DELETE CASCADE,
  -- e.g. scheduled:17.3, merged:!1234, released:v17.3.1
  transition text NOT NULL,
  message_id bigint REFERENCES messages (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, forge_issue_id, transition)
);
