-- The reference summary triggers run once per written page of a sync, on a few dozen rows. Their
-- UPDATE ... FROM is estimated on the whole content table (and on statistics a bulk import has not
-- refreshed yet), above jit_above_cost: PostgreSQL compiled it with LLVM on every page, 30-75 ms of
-- CPU for a statement that runs in well under a millisecond without. They never benefit from JIT.
ALTER FUNCTION "content_refs_summarise"() SET jit = off;--> statement-breakpoint
ALTER FUNCTION "content_refs_summarise_written"() SET jit = off;
