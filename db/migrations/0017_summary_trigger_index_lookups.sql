-- The reference summary triggers touch the content rows of the few dozen references a statement
-- wrote. Planned on a content table without statistics (a new database before autovacuum's first
-- analyze, or one where autovacuum is off), their UPDATE ... FROM hashed the whole content table on
-- every page of a sync, and the plan stayed cached for the connection's life: each page of a bulk
-- import got slower as the table grew (35 ms per page at 35,000 rows). Their rows are always found
-- by primary key, so they are planned that way whatever the statistics say.
ALTER FUNCTION "content_refs_summarise"() SET enable_hashjoin = off;--> statement-breakpoint
ALTER FUNCTION "content_refs_summarise"() SET enable_mergejoin = off;--> statement-breakpoint
ALTER FUNCTION "content_refs_summarise"() SET enable_seqscan = off;--> statement-breakpoint
ALTER FUNCTION "content_refs_summarise_written"() SET enable_hashjoin = off;--> statement-breakpoint
ALTER FUNCTION "content_refs_summarise_written"() SET enable_mergejoin = off;--> statement-breakpoint
ALTER FUNCTION "content_refs_summarise_written"() SET enable_seqscan = off;
