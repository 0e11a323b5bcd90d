-- Customer satisfaction: each time a ticket is solved, a row for that solve (a ticket solved twice
-- can be rated twice), with who the solve belongs to as it stood then: the assignee, the team, the
-- organization. The customer rates it good or bad from a signed link (mail or portal); the rating
-- can be changed for 7 days after it is first given.

CREATE TABLE csat_ratings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ticket_id bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  -- the solve it rates: the ticket's solved_at then
  solved_at timestamptz NOT NULL,
  -- the assignee when the ticket was solved; kept when the agent is gone (deactivated, not deleted)
  agent_id uuid REFERENCES agents (id) ON DELETE SET NULL,
  team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
  organization_id uuid REFERENCES organizations (id) ON DELETE SET NULL,
  -- who is asked: the requester
  requester_id uuid NOT NULL,
  rating text CHECK (rating IN ('good', 'bad')),
  comment text CHECK (char_length(comment) <= 2000),
  -- the solve recorded; the mail with the rating links queued (once)
  created_at timestamptz NOT NULL,
  asked_at timestamptz,
  -- first given (reports count a rating in the week it was given), and last changed
  rated_at timestamptz,
  changed_at timestamptz,
  UNIQUE (ticket_id, solved_at),
  CHECK ((rating IS NULL) = (rated_at IS NULL))
);
-- the report: ratings given in a range, grouped by agent, team, organization or week, from the index alone
CREATE INDEX csat_ratings_rated_idx ON csat_ratings (rated_at)
  INCLUDE (rating, agent_id, team_id, organization_id) WHERE rating IS NOT NULL;

-- A bad rating tells the leads.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('assigned', 'customer-reply', 'mention', 'sla', 'call', 'csat'));
ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_kind_check;
ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_kind_check
  CHECK (kind IN ('assigned', 'customer-reply', 'mention', 'sla', 'call', 'csat'));
