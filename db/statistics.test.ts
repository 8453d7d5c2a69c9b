import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { createTestTenant } from "@/test/support/db";
import { createSite } from "./queries/sites";
import { executeRows } from "./queries/raw";
import { isEmbeddedDb } from "./client";
import { noteSyncedRows } from "./statistics";
import { content } from "./tables";

it("the embedded database's planner statistics are refreshed after a bulk sync; PostgreSQL is left to autovacuum", async () => {
  const { db, auth } = await createTestTenant("statistics");
  const site = await createSite(db, { accountId: auth.accountId, name: "Stats", url: "https://stats.example" });
  const one = async (query: ReturnType<typeof sql>) =>
    Number((await executeRows<{ n: unknown }>(db, query))[0]?.n ?? 0);
  const estimate = () => one(sql`select reltuples::float8 as n from pg_class where relname = 'content'`);
  const rows = () => one(sql`select count(*)::int as n from content`);
  const manualAnalyses = () =>
    one(sql`select coalesce(analyze_count, 0)::int as n from pg_stat_user_tables where relname = 'content'`);
  await db
    .insert(content)
    .values([1, 2, 3].map((i) => ({ accountId: auth.accountId, siteId: site.id, title: `Row ${i}`, content: "" })));
  const before = { estimate: await estimate(), analyses: await manualAnalyses() };
  expect(before.estimate).not.toBe(await rows());

  await noteSyncedRows(db, 1_000_000);

  if (isEmbeddedDb(db)) {
    // Analysed: the planner now knows how many rows there are (every row is sampled below 30,000).
    expect(await estimate()).toBe(await rows());
  } else {
    expect(await manualAnalyses()).toBe(before.analyses);
  }
});
