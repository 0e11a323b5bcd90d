-- Which reading of the text a ticket's signature came from (SIGNATURE_READER in
-- src/forges/suggest/error-signature.ts). When the reading learns something new (Python frames, Go's
-- fatal errors), the background pass reads the tickets kept by an older one again, newest first, and
-- their evidence for linked issues with them. src/forges/suggest owns this table.
ALTER TABLE ticket_signatures ADD COLUMN reader smallint NOT NULL DEFAULT 1;
