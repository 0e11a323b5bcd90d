-- Log bundles attached to a ticket (issue 14): the bytes live in the bundle storage (a folder under DATA_DIR
-- or an S3-compatible store) under storage_key; the row holds who, what, the analysis' state and its results
-- (bounded jsonb: top-N tables and a few redacted samples, whatever the bundle's size).
CREATE TABLE bundles (
  id uuid PRIMARY KEY,
  ticket_id bigint NOT NULL REFERENCES tickets (id),
  -- who added it: an agent, a contact, or the desk itself (a mail attachment)
  uploaded_by_kind text NOT NULL CHECK (uploaded_by_kind IN ('agent', 'contact', 'system')),
  uploaded_by_id uuid,
  uploaded_by_name text NOT NULL,
  -- 'upload': resumable (tus); 'api': a raw body; 'mail': a mail attachment
  source text NOT NULL CHECK (source IN ('upload', 'api', 'mail')),
  filename text NOT NULL,
  content_type text NOT NULL,
  size bigint NOT NULL CHECK (size >= 0),
  storage_key text NOT NULL UNIQUE,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'analysing', 'done', 'failed')),
  progress real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
  -- false once the bytes are gone from the storage (refused by the scan, or found missing)
  stored boolean NOT NULL DEFAULT true,
  -- when BUNDLE_SCAN_COMMAND passed it: with a scan configured, only a scanned bundle is served
  scanned_at timestamptz,
  results jsonb,
  error text,
  -- the internal note with the summary, once posted
  note_message_id bigint,
  -- the mail attachment it was made from: one bundle per attachment
  attachment_id uuid UNIQUE,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  analysed_at timestamptz
);

CREATE INDEX bundles_ticket ON bundles (ticket_id, created_at);
-- the hourly retention sweep: what expired first
CREATE INDEX bundles_expires ON bundles (expires_at);
