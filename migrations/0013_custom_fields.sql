-- Custom fields: ticket fields an admin defines (product version, deployment, instance URL…), for
-- every organization or for some plans, and their values per ticket. The portal's severity, and the
-- moment a customer last saw their ticket change.

CREATE TABLE custom_fields (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the name in the API and in filters (field.<key>=…); never changes once made
  key text NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  label text NOT NULL,
  description text,
  type text NOT NULL CHECK (type IN ('text', 'number', 'select', 'multiselect', 'date')),
  options text[] NOT NULL DEFAULT '{}',
  required boolean NOT NULL DEFAULT false,
  -- in the portal's new ticket form
  customer_editable boolean NOT NULL DEFAULT false,
  -- agents only: customers never see it, its values or that it exists
  internal boolean NOT NULL DEFAULT false,
  -- the organization plans it applies to; empty: every ticket
  plans text[] NOT NULL DEFAULT '{}',
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (NOT (internal AND customer_editable))
);

-- Values in a table of their own rather than a jsonb column on tickets: the tickets module's hot row
-- stays narrow (opening a ticket without fields writes nothing more), a field's values are found
-- and removed through one index, and a multi-select is one row per option. Values are kept as
-- canonical text (numbers as JS prints them, dates as YYYY-MM-DD) so one btree serves every
-- filter field.<key>=value: (field_id, value) → ticket ids, probed from a page of tickets through
-- the primary key. 1M tickets with five fields each is 5M narrow rows.
CREATE TABLE ticket_field_values (
  ticket_id bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  field_id uuid NOT NULL REFERENCES custom_fields (id) ON DELETE CASCADE,
  value text NOT NULL,
  PRIMARY KEY (ticket_id, field_id, value)
);
CREATE INDEX ticket_field_values_filter_idx ON ticket_field_values (field_id, value, ticket_id);

-- the severity (1 highest … 4) the customer chose; the priority follows it by the desk's table
ALTER TABLE tickets ADD COLUMN severity smallint CHECK (severity BETWEEN 1 AND 4);

-- What a customer sees as "last update": it moves on what they can see (a public message, their
-- status, priority, subject, assignee, severity), never on an internal note, tag, team, SLA or
-- internal field. Until now they saw updated_at, so that is where it starts.
ALTER TABLE tickets ADD COLUMN customer_updated_at timestamptz;
UPDATE tickets SET customer_updated_at = updated_at;
ALTER TABLE tickets ALTER COLUMN customer_updated_at SET DEFAULT now(), ALTER COLUMN customer_updated_at SET NOT NULL;

-- Kept by the database: tickets are changed from many modules (updates, sweeps, merges, bulk changes,
-- macros), and the rule must hold for all of them. Public messages are not a ticket column: the
-- code that adds one sets customer_updated_at itself.
CREATE FUNCTION tickets_customer_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.customer_updated_at := NEW.updated_at;
  ELSIF NEW.customer_updated_at IS NOT DISTINCT FROM OLD.customer_updated_at AND (
       NEW.subject IS DISTINCT FROM OLD.subject
    -- on-hold shows as open to customers
    OR (CASE WHEN NEW.status = 'on-hold' THEN 'open' ELSE NEW.status::text END)
       IS DISTINCT FROM (CASE WHEN OLD.status = 'on-hold' THEN 'open' ELSE OLD.status::text END)
    OR NEW.priority IS DISTINCT FROM OLD.priority
    OR NEW.severity IS DISTINCT FROM OLD.severity
    OR NEW.assignee_id IS DISTINCT FROM OLD.assignee_id
    OR NEW.requester_id IS DISTINCT FROM OLD.requester_id
    OR NEW.organization_id IS DISTINCT FROM OLD.organization_id) THEN
    NEW.customer_updated_at := greatest(OLD.customer_updated_at, NEW.updated_at);
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER tickets_customer_updated_at BEFORE INSERT OR UPDATE ON tickets
  FOR EACH ROW EXECUTE FUNCTION tickets_customer_updated_at();
