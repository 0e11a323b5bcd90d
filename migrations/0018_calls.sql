-- Web calls booked from a ticket. A call holds its host's time from (start - buffer before) to
-- (end + buffer after); the database refuses two such holds of one host that overlap, so two
-- customers racing for one slot cannot both win (exclusion constraint; btree_gist lets the host's
-- uuid take part in a GiST index). The extension lives in public so that dropping another schema
-- on the same server (tests) never drops it.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;
EXCEPTION WHEN unique_violation OR duplicate_object THEN
  NULL; -- another schema's migration installed it at the same moment
END $$;

CREATE TABLE call_types (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
  buffer_before_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_before_minutes BETWEEN 0 AND 240),
  buffer_after_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_after_minutes BETWEEN 0 AND 240),
  min_notice_minutes integer NOT NULL DEFAULT 240 CHECK (min_notice_minutes >= 0),
  horizon_days integer NOT NULL DEFAULT 14 CHECK (horizon_days BETWEEN 1 AND 90),
  max_per_agent_per_day integer CHECK (max_per_agent_per_day > 0),
  -- 'assignee': the ticket's assignee hosts; 'round-robin': any agent of the team / region / skill
  hosts text NOT NULL CHECK (hosts IN ('assignee', 'round-robin')),
  -- round robin: 'available' (first free, least recently booked) or 'equal' (fewest calls first)
  distribution text NOT NULL DEFAULT 'available' CHECK (distribution IN ('available', 'equal')),
  team_id uuid,
  region text,
  skill text,
  -- organizations' plans that may book; empty: every plan
  plans text[] NOT NULL DEFAULT '{}',
  -- 'template': a room per call from video_url_template ({room} is replaced); 'personal': the host's room
  video text NOT NULL DEFAULT 'personal' CHECK (video IN ('template', 'personal', 'none')),
  video_url_template text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- An agent's own calendar, read for busy time and written with the calls they host.
CREATE TABLE agent_calendars (
  agent_id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('caldav', 'ics')),
  url text NOT NULL,
  username text,
  -- sealed with the desk key (platform/desk-secret.ts), never returned
  password_sealed text,
  refreshed_at timestamptz,
  last_error text,
  updated_at timestamptz NOT NULL
);

-- The agent's personal video room (Zoom personal link, Meet link), for call types with video 'personal'.
CREATE TABLE agent_rooms (
  agent_id uuid PRIMARY KEY,
  url text NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Busy time read from an agent's calendar, replaced whole at each refresh.
CREATE TABLE calendar_busy (
  agent_id uuid NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL
);
CREATE INDEX calendar_busy_agent ON calendar_busy (agent_id, starts_at);

CREATE TABLE calls (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ticket_id bigint NOT NULL,
  -- null for an emergency call ("call me now"), which has no type
  call_type_id uuid,
  agent_id uuid NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- the time the host keeps free around it: start - buffer before, end + buffer after
  hold_from timestamptz NOT NULL,
  hold_until timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('booked', 'cancelled', 'done', 'no-show')),
  video_url text,
  -- the customer (invitation's attendee) and who else is invited (the ticket's CCs)
  customer_email text NOT NULL,
  attendees text[] NOT NULL DEFAULT '{}',
  -- the customer's zone when they booked, for what we tell them
  customer_zone text,
  booked_by_agent_id uuid,
  booked_by_contact_id uuid,
  -- iCalendar: one UID for the call's whole life, SEQUENCE bumped on each change
  ical_uid text NOT NULL UNIQUE,
  sequence integer NOT NULL DEFAULT 0,
  -- where the host's calendar keeps its copy
  calendar_href text,
  calendar_etag text,
  -- who followed the join link (our redirect to the room): how a no-show is told from a call
  customer_joined_at timestamptz,
  host_joined_at timestamptz,
  outcome_at timestamptz,
  outcome_notes text,
  -- "call me now": the on-call engineer joins whatever else they had
  emergency boolean NOT NULL DEFAULT false,
  -- reminders already sent for this sequence: '24h', '15m'
  reminded text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (ends_at > starts_at AND hold_from <= starts_at AND hold_until >= ends_at),
  CONSTRAINT calls_host_free EXCLUDE USING gist (agent_id WITH =, tstzrange(hold_from, hold_until, '[)') WITH &&)
    WHERE (status = 'booked' AND NOT emergency)
);
CREATE INDEX calls_ticket ON calls (ticket_id, starts_at);
CREATE INDEX calls_agent ON calls (agent_id, starts_at);
CREATE INDEX calls_booked ON calls (starts_at) WHERE status = 'booked';

-- Agents are told of calls: booked, moved, cancelled, and 15 minutes before.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('assigned', 'customer-reply', 'mention', 'sla', 'call'));
ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_kind_check;
ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_kind_check
  CHECK (kind IN ('assigned', 'customer-reply', 'mention', 'sla', 'call'));
