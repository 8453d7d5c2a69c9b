import { sql } from "drizzle-orm";
import { isEmbeddedDb, type Db } from "./client";
import { executeRows } from "./queries/raw";

/** The tables whose statistics steer a sync's plans (lookups by external id, the summary trigger's join). */
const SYNCED_TABLES = ["content", "content_refs"];
/** Refresh after this many rows, or a fifth of the content table if that is more (autovacuum's way). */
const MIN_ROWS = 1_000;
const SCALE = 0.2;

type Tally = { written: number; threshold: number; running?: Promise<void> };
const tallies = new WeakMap<Db, Tally>();

/**
 * Counts items a sync wrote. The embedded database has no autovacuum, so nothing else refreshes the
 * planner's statistics there: plans made for the tables as they were (or never analysed) get slower
 * with every page as the tables grow (a 5,000-article pull cost its thread 2.3 s into an empty
 * database and 3.8 s into one of 20,000). Once a fifth of the content table (at least 1,000 rows)
 * has been written since the last refresh, the synced tables are analysed, as autovacuum would on
 * PostgreSQL, where this does nothing.
 */
export async function noteSyncedRows(db: Db, rows: number): Promise<void> {
  if (!isEmbeddedDb(db)) return;
  const tally = tallies.get(db) ?? { written: 0, threshold: MIN_ROWS };
  tallies.set(db, tally);
  tally.written += rows;
  if (tally.written < tally.threshold || tally.running) return;
  tally.written = 0;
  tally.running = (async () => {
    await db.execute(sql.raw(`analyze ${SYNCED_TABLES.map((t) => `"${t}"`).join(", ")}`));
    const [content] = await executeRows<{ rows: number }>(
      db,
      sql`select reltuples::float8 as rows from pg_class where relname = 'content'`,
    );
    tally.threshold = Math.max(MIN_ROWS, SCALE * Number(content?.rows ?? 0));
  })().finally(() => (tally.running = undefined));
  await tally.running;
}
