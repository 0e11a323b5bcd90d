-- Who sent an inbound message, as far as the desk can tell: the SMTP client that handed it over and
-- the SPF/DKIM/DMARC verdict on its From address.
ALTER TABLE inbound_mail ADD COLUMN client_ip text;
ALTER TABLE inbound_mail ADD COLUMN client_helo text;
ALTER TABLE message_mail ADD COLUMN sender_auth text;
ALTER TABLE message_mail ADD COLUMN sender_auth_detail text;
