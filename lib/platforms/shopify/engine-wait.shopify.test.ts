import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createSite } from "@/db/queries/sites";
import { syncRuns } from "@/db/tables";
import { createContentBodySchema } from "@/lib/schemas/content";
import type { SyncRunDto } from "@/lib/schemas/sync";
import { createContent, getContentDto } from "@/lib/server/services/content";
import { connectSite } from "@/lib/server/services/integrations-connect";
import { getSyncStatus } from "@/lib/server/services/sync/api";
import { executeSyncRun } from "@/lib/server/services/sync/runs";
import { createTestTenant } from "@/test/support/db";
import { startAllowedShop } from "./test-support";

// A shop whose cost bucket holds 20 points and refills 10 a second: a push of a few articles has to
// wait for it. The run says so while it waits (the Sync Dashboard's "Waiting for Shopify's rate limit").
const shop = await startAllowedShop({ bucket: { maximumAvailable: 20, restoreRate: 10 } });
afterAll(() => shop.close());

describe("a sync run held back by Shopify's rate limit", () => {
  it("records the wait on the run while it lasts and completes with no failed item", async () => {
    const { db, auth } = await createTestTenant("shopify-wait");
    const site = await createSite(db, { accountId: auth.accountId, name: "Store", url: shop.url });
    const { integration } = await connectSite(db, auth.accountId, {
      site_id: site.id,
      platform: "shopify",
      external_site_url: shop.url,
      credentials: { access_token: shop.tokens.issueStatic() },
    });
    const items = [];
    for (let i = 0; i < 2; i++) {
      const body = createContentBodySchema.parse({ title: `Bucket ${i}`, content: "<p>x</p>", status: "approved" });
      items.push(await createContent(db, auth.accountId, site.id, body));
    }
    const [row] = await db
      .insert(syncRuns)
      .values({ accountId: auth.accountId, integrationId: integration.id, direction: "push" })
      .returning();

    const seen: SyncRunDto[] = [];
    let isDone = false;
    const running = executeSyncRun(db, row.id).finally(() => (isDone = true));
    while (!isDone) {
      const { run } = await getSyncStatus(db, auth.accountId, integration.id);
      if (run?.waiting_until) seen.push(run);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await running;

    // Seen while it lasted: a running run, its wait ending in the future, less than a minute away.
    expect(seen.length).toBeGreaterThan(0);
    for (const run of seen) {
      expect(run.status).toBe("running");
      expect(Date.parse(run.waiting_until!)).toBeLessThan(Date.now() + 60_000);
    }
    const { run } = await getSyncStatus(db, auth.accountId, integration.id);
    expect(run).toMatchObject({ status: "completed", processed: 2, failed: 0, waiting_until: null });
    const [stored] = await db.select().from(syncRuns).where(eq(syncRuns.id, row.id));
    expect(stored.waitingUntil).not.toBeNull();
    for (const item of items)
      expect(await getContentDto(db, auth.accountId, item.id)).toMatchObject({ sync_state: "synced" });
  });
});
