import type { SQL } from "drizzle-orm";
import type { Executor } from "../client";

/**
 * Rows of a hand-written statement (`db.execute`), whichever driver runs it: postgres.js answers
 * an array of rows, PGlite an object with `rows`.
 */
export async function executeRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (result && typeof result === "object" && "rows" in result ? (result as { rows: T[] }).rows : result) as T[];
}
