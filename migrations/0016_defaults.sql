-- Sensible defaults. An agent's deliberate assignment survives handover: a ticket assigned by hand
-- stays with its assignee when their day ends, unless they opted in ("hand over when my day ends"),
-- per ticket or as their default. Routing and handover assign with hand_over true.
ALTER TABLE tickets
  ADD COLUMN hand_over boolean NOT NULL DEFAULT true,
  -- a watching ticket without a linked issue comes back (reopens) on this date
  ADD COLUMN look_again_at timestamptz;
CREATE INDEX tickets_look_again_idx ON tickets (look_again_at) WHERE look_again_at IS NOT NULL;

ALTER TABLE agents ADD COLUMN hand_over_default boolean NOT NULL DEFAULT false;
