-- Macros: canned replies or notes with placeholders, and actions on the ticket they are applied to.

CREATE TABLE macros (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- null: shared with every agent (leads and admins edit it); otherwise the one agent it belongs to
  agent_id uuid REFERENCES agents (id) ON DELETE CASCADE,
  name text NOT NULL,
  -- Markdown with {{placeholders}}; empty for a macro that only acts on the ticket
  body text NOT NULL,
  internal boolean NOT NULL,
  -- { status, priority, addTags, removeTags, assignee, team, linkIssueUrl }: all optional
  actions jsonb NOT NULL,
  usage_count integer NOT NULL DEFAULT 0,
  last_used_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
-- one name per scope: the picker finds a macro by its name
CREATE UNIQUE INDEX macros_name_idx
  ON macros (COALESCE(agent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));
CREATE INDEX macros_agent_usage_idx ON macros (agent_id, usage_count DESC);
