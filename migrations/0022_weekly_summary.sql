-- Leads who asked for the week's summary by mail (opt-in), and the last week each was sent for, so
-- an hourly check sends each week's summary once, on Monday morning in the lead's own zone.
CREATE TABLE weekly_summary_subscriptions (
  agent_id uuid PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  -- the Monday (in the lead's zone) of the last week summarised
  last_week date
);
