-- A mail may carry a calendar invitation (a booked call's REQUEST or CANCEL). It is kept on the row
-- as text rather than a stored file: it is small, made for this one mail, and sent as it was queued.
ALTER TABLE outbound_mail ADD COLUMN calendar jsonb;
