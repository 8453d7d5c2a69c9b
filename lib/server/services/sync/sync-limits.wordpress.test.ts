import { describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { content, contentRefs, publications } from "@/db/tables";
import { createTestTenant } from "@/test/support/db";
import { createTestIntegration } from "@/test/support/integration";
import { wordpressIdOf } from "@/test/support/refs";
import { uniqueName, wpRest } from "@/test/support/wordpress";
import { savePublishingSettings } from "@/lib/server/services/publishing";
import { startSyncRun } from "./runs";
import { newItem, site, setUpSyncEngine, waitForRun, wp } from "./sync.fixtures";

describe.skipIf(!wp)("sync engine against WordPress", () => {
  setUpSyncEngine();

  it("a bulk push publishes up to the site's daily limit; the rest wait, approved and unsent, and the run says why", async () => {
    const { db, auth } = await createTestTenant("limits");
    const { site: ourSite, integration } = await createTestIntegration(db, auth.accountId, site);
    await savePublishingSettings(db, auth.accountId, ourSite.id, { daily_publish_limit: 3 });
    const marker = uniqueName("Limited");
    const published = await newItem(db, auth.accountId, ourSite.id, { title: `${marker} earlier` });
    const first = await waitForRun(
      db,
      (
        await startSyncRun(db, {
          accountId: auth.accountId,
          integrationId: integration.id,
          direction: "push",
          contentIds: [published.id],
        })
      ).run.id,
    );
    expect(first).toMatchObject({ status: "completed", processed: 1, deferred: 0 });

    const items = [];
    for (let i = 0; i < 4; i++) items.push(await newItem(db, auth.accountId, ourSite.id, { title: `${marker} #${i}` }));
    // An update of the published item takes no slot.
    await db
      .update(content)
      .set({ title: `${marker} earlier, edited` })
      .where(eq(content.id, published.id));
    await db
      .update(contentRefs)
      .set({ syncState: "pending" })
      .where(and(eq(contentRefs.contentId, published.id), eq(contentRefs.integrationId, integration.id)));
    const run = await waitForRun(
      db,
      (
        await startSyncRun(db, {
          accountId: auth.accountId,
          integrationId: integration.id,
          direction: "push",
          contentIds: [published.id, ...items.map((i) => i.id)],
        })
      ).run.id,
    );
    expect(run).toMatchObject({
      status: "completed",
      processed: 3,
      failed: 0,
      total: 5,
      deferred: 2,
      deferredLimit: "daily",
    });

    const rows = await db
      .select()
      .from(content)
      .where(
        inArray(
          content.id,
          items.map((i) => i.id),
        ),
      );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(items.map((i) => byId.get(i.id)!.status)).toEqual(["published", "published", "approved", "approved"]);
    expect(await Promise.all(items.slice(2).map((i) => wordpressIdOf(db, i.id, integration.id)))).toEqual([null, null]);
    const found = await wpRest<Array<{ title: { raw: string } }>>(site, "GET", "/wp/v2/posts", {
      query: { search: marker, per_page: 10, context: "edit", _fields: "title" },
    });
    expect(found.data.map((p) => p.title.raw).sort()).toEqual([
      `${marker} #0`,
      `${marker} #1`,
      `${marker} earlier, edited`,
    ]);
    const ledger = await db.select().from(publications).where(eq(publications.siteId, ourSite.id));
    expect(ledger.map((p) => p.state)).toEqual(["published", "published", "published"]);

    // A higher limit lets the next push send the two that waited.
    await savePublishingSettings(db, auth.accountId, ourSite.id, { daily_publish_limit: 5 });
    const next = await waitForRun(
      db,
      (await startSyncRun(db, { accountId: auth.accountId, integrationId: integration.id, direction: "push" })).run.id,
    );
    expect(next).toMatchObject({ status: "completed", processed: 2, deferred: 0 });
  });
});
