import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { createTestTenant } from "@/test/support/db";
import type { Db } from "./client";
import { createSite } from "./queries/sites";
import { executeRows } from "./queries/raw";
import { content, siteIntegrations } from "./tables";

const count = async (db: Db, query: ReturnType<typeof sql>) =>
  Number((await executeRows<{ n: unknown }>(db, query))[0]?.n ?? 0);

it("writing a page of references finds their content rows by key, never by reading the whole content table", async () => {
  const { db, auth } = await createTestTenant("summary");
  const site = await createSite(db, { accountId: auth.accountId, name: "Summary", url: "https://summary.example" });
  const [integration] = await db
    .insert(siteIntegrations)
    .values({ accountId: auth.accountId, siteId: site.id, platform: "wordpress", externalSiteUrl: site.url })
    .returning();
  await db.transaction(async (tx) => {
    // A content table far bigger than its statistics say (none taken since these rows came).
    await tx.execute(sql`
      insert into content (account_id, site_id, title)
      select ${auth.accountId}, ${site.id}, 'Filler ' || g from generate_series(1, 20000) g`);
    const page = await tx
      .insert(content)
      .values(
        Array.from({ length: 50 }, (_, i) => ({ accountId: auth.accountId, siteId: site.id, title: `Item ${i}` })),
      )
      .returning({ id: content.id });
    const scans = () =>
      count(tx as unknown as Db, sql`select seq_scan as n from pg_stat_xact_user_tables where relname = 'content'`);
    const before = await scans();

    await tx.execute(sql`
      insert into content_refs (content_id, integration_id, account_id, external_id, sync_state, last_synced_at)
      select id, ${integration.id}, ${auth.accountId}, 'remote-' || id, 'synced', now()
      from unnest(${`{${page.map((p) => p.id).join(",")}}`}::uuid[]) as ids(id)`);

    expect(await scans()).toBe(before);
    // And the summary is right: the 50 items read as synced.
    const synced = await count(
      tx as unknown as Db,
      sql`select count(*)::int as n from content where site_id = ${site.id} and sync_state = 'synced'`,
    );
    expect(synced).toBe(50);
  });
});
