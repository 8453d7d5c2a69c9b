import { describe, expect, it } from "vitest";
import { createTestTenant } from "@/test/support/db";
import { putRef } from "@/test/support/refs";
import { siteIntegrations, syncEvents, syncRuns } from "@/db/tables";
import * as q from "@/db/queries/content";
import { createContentBodySchema } from "@/lib/schemas/content";
import { createSite } from "./sites";
import { createContent } from "./content";
import { fillDays, getSyncDashboard } from "./content-dashboard";

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

describe("sync dashboard reads", async () => {
  const { db, auth } = await createTestTenant("dashboard");
  const accountId = auth.accountId;
  const other = await createTestTenant("dashboard-other");

  it("is null for a site without a WordPress integration", async () => {
    const site = await createSite(db, accountId, { name: "Bare", url: "https://bare.example.com" });
    expect(await getSyncDashboard(db, accountId, site.id)).toBeNull();
  });

  it("shows the running run, failures with their fix, the queue, health and events per day", async () => {
    const site = await createSite(db, accountId, { name: "Synced", url: "https://synced.example.com" });
    const [integration] = await db
      .insert(siteIntegrations)
      .values({ accountId, siteId: site.id, externalSiteUrl: site.url, lastSyncAt: daysAgo(1) })
      .returning();
    const approved = await createContent(
      db,
      accountId,
      site.id,
      createContentBodySchema.parse({ title: "Ready to go", status: "approved" }),
    );
    const synced = await createContent(
      db,
      accountId,
      site.id,
      createContentBodySchema.parse({ title: "Already there", status: "approved" }),
    );
    await q.updateContent(db, { accountId, id: synced.id }, { status: "published" });
    await putRef(db, { contentId: synced.id, integrationId: integration.id, accountId, externalId: "7" });
    await createContent(db, accountId, site.id, createContentBodySchema.parse({ title: "Still a draft" }));

    const [done] = await db
      .insert(syncRuns)
      .values({
        accountId,
        integrationId: integration.id,
        direction: "pull",
        status: "completed",
        processed: 5,
        total: 5,
        startedAt: daysAgo(2),
        finishedAt: daysAgo(2),
        createdAt: daysAgo(2),
      })
      .returning();
    await db.insert(syncRuns).values({
      accountId,
      integrationId: integration.id,
      direction: "push",
      status: "running",
      processed: 1,
      total: 4,
      startedAt: new Date(),
    });
    await db.insert(syncEvents).values([
      {
        accountId,
        integrationId: integration.id,
        runId: done.id,
        eventType: "content_pull",
        direction: "wp_to_igny8",
        status: "success",
        externalId: "7",
        createdAt: daysAgo(2),
      },
      {
        accountId,
        integrationId: integration.id,
        runId: done.id,
        eventType: "content_pull",
        direction: "wp_to_igny8",
        status: "success",
        externalId: "8",
        createdAt: daysAgo(2),
      },
      {
        accountId,
        integrationId: integration.id,
        eventType: "content_push",
        direction: "igny8_to_wp",
        status: "failed",
        contentId: approved.id,
        errorCode: "image_unreachable",
        errorMessage: "The featured image could not be downloaded.",
        metadata: { fix: "Check that the image URL opens in a browser." },
      },
    ]);

    const dashboard = (await getSyncDashboard(db, accountId, site.id))!;
    expect(dashboard.status).toMatchObject({
      status: "syncing",
      run: { direction: "push", processed: 1, total: 4, finished_at: null },
    });
    expect(dashboard.errors.count).toBe(1);
    expect(dashboard.errors.results[0]).toMatchObject({
      content_title: "Ready to go",
      error_message: "The featured image could not be downloaded.",
      fix: "Check that the image URL opens in a browser.",
    });
    expect(dashboard.titles).toEqual({ [approved.id]: "Ready to go" });
    expect(dashboard.queue).toEqual({
      count: 1,
      items: [{ id: approved.id, title: "Ready to go", contentType: "post", syncState: "local" }],
    });
    expect(dashboard.health).toMatchObject({
      total_synced: 1,
      last_successful_sync_at: done.finishedAt!.toISOString(),
    });
    expect(dashboard.events.count).toBe(3);
    expect(dashboard.runs.results.map((r) => r.status)).toEqual(["running", "completed"]);
    expect(dashboard.perDay).toHaveLength(14);
    expect(dashboard.perDay.at(-1)).toMatchObject({ failed: 1, success: 0 });
    expect(dashboard.perDay.at(-3)).toMatchObject({ success: 2, failed: 0 });

    // Another account sees none of it, even with the site id.
    expect(await getSyncDashboard(other.db, other.auth.accountId, site.id)).toBeNull();
  });

  it("fills missing days with zeros, oldest first", () => {
    const today = new Date("2030-03-02T12:00:00Z");
    expect(fillDays([{ day: "2030-03-01", status: "failed", n: 2 }], 3, today)).toEqual([
      { day: "2030-02-28", success: 0, failed: 0 },
      { day: "2030-03-01", success: 0, failed: 2 },
      { day: "2030-03-02", success: 0, failed: 0 },
    ]);
  });
});
