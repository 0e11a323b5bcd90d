-- New rows wait in a GIN index's pending list until it is merged into the index. A search reads that list
-- in full, whatever gin_fuzzy_search_limit says: with the default 4 MB, a common word after heavy writes
-- matched thousands of pending rows that were each fetched and ranked (EXPLAIN ANALYZE on 1M tickets:
-- 90-125 ms with 1.2 MB pending, 55 ms with none). 256 kB keeps the list to a few hundred rows; the merge
-- it triggers is correspondingly small.
ALTER INDEX messages_search_idx SET (gin_pending_list_limit = 256);
ALTER INDEX tickets_search_idx SET (gin_pending_list_limit = 256);
-- merge what waits now, so that the smaller list holds from the start
SELECT gin_clean_pending_list('messages_search_idx'::regclass);
SELECT gin_clean_pending_list('tickets_search_idx'::regclass);
