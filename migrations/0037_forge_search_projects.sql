-- Issue suggestions (issue 17): the projects on a forge whose issues the desk searches for the issue a
-- ticket belongs to (gitlab-org/gitlab, owner/repo), as the forge's adapter spells them. Set by an
-- admin; empty until then, and then nothing is searched. src/forges owns this table.
ALTER TABLE forges ADD COLUMN search_projects text[] NOT NULL DEFAULT '{}';
