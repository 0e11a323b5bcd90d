-- The other GIN indexes get the small pending list 0024 gave the search indexes. The acknowledgement
-- rate limit counts mail to an address through outbound_mail_to_idx; after a burst of mail its 4 MB
-- pending list held 90,000 rows, read in full by every count: 7 ms each, 54% of the database's time
-- while mail was taken in (pg_stat_statements, 4,000 messages on the 1M-ticket bench desk); 0.09 ms
-- merged. tickets_tags_idx serves the tag filters and fills with every new ticket the same way.
ALTER INDEX outbound_mail_to_idx SET (gin_pending_list_limit = 256);
ALTER INDEX tickets_tags_idx SET (gin_pending_list_limit = 256);
SELECT gin_clean_pending_list('outbound_mail_to_idx'::regclass);
SELECT gin_clean_pending_list('tickets_tags_idx'::regclass);
