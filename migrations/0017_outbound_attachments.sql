-- Mail carries the files of the message it sends: references to stored blobs, read when it is sent,
-- so the outbox stays small and a file shared by many mails is stored once.
ALTER TABLE outbound_mail ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]'::jsonb;
