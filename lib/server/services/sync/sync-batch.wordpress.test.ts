import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { syncEvents } from "@/db/tables";
import { createTestTenant } from "@/test/support/db";
import { createTestIntegration } from "@/test/support/integration";
import { startProxy } from "@/test/support/proxy";
import { allowEgressTo, uniqueName, wpRest } from "@/test/support/wordpress";
import { savePublishingSettings } from "@/lib/server/services/publishing";
import { startSyncRun } from "./runs";
import { newItem, site, setUpSyncEngine, waitForRun, wp } from "./sync.fixtures";

describe.skipIf(!wp)("sync engine against WordPress", () => {
  setUpSyncEngine();

  it("pushes 100 items through /batch/v1: 100 posts, 100 success events", async () => {
    const { db, auth } = await createTestTenant("bulk");
    const proxy = await startProxy(site.url);
    allowEgressTo(proxy.url);
    try {
      const { site: ourSite, integration } = await createTestIntegration(db, auth.accountId, site, { url: proxy.url });
      // A run's first publications take publishing slots, 5 a day by default: room for all 100.
      await savePublishingSettings(db, auth.accountId, ourSite.id, {
        daily_publish_limit: 100,
        weekly_publish_limit: 100,
        monthly_publish_limit: 100,
      });
      const marker = uniqueName("Bulk");
      const items = [];
      for (let i = 0; i < 100; i++)
        items.push(await newItem(db, auth.accountId, ourSite.id, { title: `${marker} #${i}`, tags: ["bulk"] }));
      const { run } = await startSyncRun(db, {
        accountId: auth.accountId,
        integrationId: integration.id,
        direction: "push",
        contentIds: items.map((i) => i.id),
      });
      const done = await waitForRun(db, run.id);
      expect(done).toMatchObject({ status: "completed", processed: 100, failed: 0, total: 100 });
      const events = await db
        .select()
        .from(syncEvents)
        .where(
          and(eq(syncEvents.runId, run.id), eq(syncEvents.eventType, "content_push"), eq(syncEvents.status, "success")),
        );
      expect(events).toHaveLength(100);
      const found = await wpRest<unknown[]>(site, "GET", "/wp/v2/posts", {
        query: { search: marker, per_page: 1, _fields: "id" },
      });
      expect(Number(found.headers.get("x-wp-total"))).toBe(100);
      expect(
        proxy.requests.filter((r) => r.method === "POST" && decodeURIComponent(r.url).includes("batch/v1")),
      ).toHaveLength(4);
      expect(
        proxy.requests.filter((r) => r.method === "POST" && decodeURIComponent(r.url).includes("wp/v2/posts")),
      ).toHaveLength(0);
    } finally {
      await proxy.close();
    }
  });
});
