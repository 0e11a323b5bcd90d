-- Jobs a person waits on (turning mail into tickets) go before background work (sending a backlog
-- of notices, sweeps): a burst of outbound mail must not hold up inbound mail.
ALTER TABLE jobs ADD COLUMN priority smallint NOT NULL DEFAULT 5;
DROP INDEX jobs_due_idx;
CREATE INDEX jobs_due_idx ON jobs (priority, run_at, id) WHERE state = 'queued';
