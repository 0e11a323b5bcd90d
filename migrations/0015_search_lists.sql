-- Search that finds what a person means, and lists an agent works through. With a million tickets,
-- each kind of search is an index lookup: a name (word prefixes), a forge reference (#7, !7), a
-- ticket's creation date; team views are one more column on views.

-- "Ada", "lovel", "Acme Corp": every word a prefix of a word of the name
CREATE INDEX contacts_name_search_idx ON contacts USING gin (to_tsvector('simple', coalesce(name, '')));
CREATE INDEX organizations_name_search_idx ON organizations USING gin (to_tsvector('simple', name));

-- "#7" or "!7" without a project: the issues (or merge requests) of that number in any project
CREATE INDEX forge_issues_number_idx ON forge_issues (number, item_kind);
-- a pasted URL the adapters cannot parse (a forge no longer configured) is matched as written
CREATE INDEX forge_issues_url_idx ON forge_issues (lower(url));

-- created from/to: numbers follow creation, but imports may not
CREATE INDEX tickets_created_idx ON tickets (created_at DESC, id DESC);

-- a view shared with one team (its members see it) beside personal (agent_id) and everyone's (neither)
ALTER TABLE views ADD COLUMN team_id uuid REFERENCES teams (id) ON DELETE CASCADE;
CREATE INDEX views_team_idx ON views (team_id, name) WHERE team_id IS NOT NULL;
