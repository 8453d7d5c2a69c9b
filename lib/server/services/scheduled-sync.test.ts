import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { siteIntegrations, syncRuns } from "@/db/tables";
import { startJobs, stopJobs } from "@/lib/jobs/queue";
import "@/lib/jobs/definitions";
import { createTestTenant } from "@/test/support/db";
import { createTestIntegration } from "@/test/support/integration";
import { itemByExternalId } from "@/test/support/refs";
import { getWordPressTestSite, uniqueName, UNCONFIGURED_SITE, wpRest } from "@/test/support/wordpress";
import { effectiveIntervalMinutes, getSyncSchedule, runScheduledSyncTick, setSyncSchedule } from "./scheduled-sync";

const wp = getWordPressTestSite();
const site = wp ?? UNCONFIGURED_SITE;
const MINUTE = 60_000;

async function waitForRuns(db: Db, integrationId: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = await db.select().from(syncRuns).where(eq(syncRuns.integrationId, integrationId));
    if (runs.length && runs.every((r) => r.status === "completed" || r.status === "failed")) return runs;
    if (Date.now() > deadline) throw new Error(`sync runs still active: ${JSON.stringify(runs.map((r) => r.status))}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("effectiveIntervalMinutes", () => {
  it.each([
    [15, 0, 15],
    [15, 1, 30],
    [15, 3, 120],
    [600, 2, 1440],
    [5, 40, 1440],
  ])("every %i min with %i failures waits %i min", (interval, failures, expected) => {
    expect(effectiveIntervalMinutes(interval, failures)).toBe(expected);
  });
});

describe.skipIf(!wp)("scheduled sync", () => {
  beforeAll(async () => {
    // The real job queue works the sync runs the scheduler queues (no periodic ticks: the test is the clock).
    await startJobs({ work: true });
  });
  afterAll(async () => {
    await stopJobs();
  });

  it("an edit in WordPress appears after the next interval, with no manual action", async () => {
    const { db, auth } = await createTestTenant("scheduled");
    const { integration } = await createTestIntegration(db, auth.accountId, site);
    const title = uniqueName("Scheduled pull");
    const post = await wpRest<{ id: number }>(site, "POST", "/wp/v2/posts", {
      json: { title, content: "<p>v1</p>", status: "publish" },
    });
    expect(post.status).toBe(201);
    try {
      const t0 = new Date();
      expect(await setSyncSchedule(db, auth.accountId, integration.id, 15, t0)).toMatchObject({
        interval_minutes: 15,
        next_run_at: new Date(t0.getTime() + 15 * MINUTE).toISOString(),
      });
      const tick = (minutes: number) =>
        runScheduledSyncTick(db, new Date(t0.getTime() + minutes * MINUTE), { accountId: auth.accountId });

      expect(await tick(14)).toEqual({ started: [], alreadyRunning: [] });
      expect((await tick(15)).started).toEqual([integration.id]);
      await waitForRuns(db, integration.id);
      const find = () => itemByExternalId(db, integration.id, post.data.id);
      expect((await find())?.title).toBe(title);

      // The next run is one interval after the last one (from its claim, or its completion).
      const next = Date.parse((await getSyncSchedule(db, auth.accountId, integration.id)).next_run_at!);
      expect(next - t0.getTime()).toBeGreaterThanOrEqual(15 * MINUTE);
      const edited = `${title} (edited in WordPress)`;
      expect((await wpRest(site, "POST", `/wp/v2/posts/${post.data.id}`, { json: { title: edited } })).status).toBe(
        200,
      );
      const tickAt = (ms: number) => runScheduledSyncTick(db, new Date(ms), { accountId: auth.accountId });
      expect(await tickAt(next - MINUTE)).toEqual({ started: [], alreadyRunning: [] });
      expect((await tickAt(next)).started).toEqual([integration.id]);
      const runs = await waitForRuns(db, integration.id);
      expect(runs.map((r) => [r.direction, r.trigger, r.status])).toEqual([
        ["pull", "schedule", "completed"],
        ["pull", "schedule", "completed"],
      ]);
      expect((await find())?.title).toBe(edited);
    } finally {
      await wpRest(site, "DELETE", `/wp/v2/posts/${post.data.id}`, { query: { force: "true" } });
    }
  });

  it("never starts a second run while one is active, and backs off while the site fails", async () => {
    const { db, auth } = await createTestTenant("overlap");
    const { integration } = await createTestIntegration(db, auth.accountId, site);
    const t0 = new Date();
    const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);
    await setSyncSchedule(db, auth.accountId, integration.id, 10, t0);
    // The site failed twice in a row, and a sync is running right now.
    await db.update(siteIntegrations).set({ consecutiveFailures: 2 }).where(eq(siteIntegrations.id, integration.id));
    const [active] = await db
      .insert(syncRuns)
      .values({
        accountId: auth.accountId,
        integrationId: integration.id,
        direction: "push",
        status: "running",
        startedAt: t0,
        heartbeatAt: t0,
      })
      .returning();

    expect(await runScheduledSyncTick(db, at(10), { accountId: auth.accountId })).toEqual({
      started: [],
      alreadyRunning: [integration.id],
    });
    expect(await db.select().from(syncRuns).where(eq(syncRuns.integrationId, integration.id))).toHaveLength(1);
    // 10 minutes × 2² = 40 minutes until the next try.
    expect((await getSyncSchedule(db, auth.accountId, integration.id)).next_run_at).toBe(at(50).toISOString());
    expect(await runScheduledSyncTick(db, at(49), { accountId: auth.accountId })).toEqual({
      started: [],
      alreadyRunning: [],
    });

    await db.update(syncRuns).set({ status: "completed", finishedAt: new Date() }).where(eq(syncRuns.id, active.id));
    expect((await runScheduledSyncTick(db, at(50), { accountId: auth.accountId })).started).toEqual([integration.id]);
    await waitForRuns(db, integration.id);

    // Off: nothing more is scheduled.
    expect(await setSyncSchedule(db, auth.accountId, integration.id, null)).toMatchObject({
      interval_minutes: null,
      next_run_at: null,
    });
    expect(await runScheduledSyncTick(db, at(24 * 60), { accountId: auth.accountId })).toEqual({
      started: [],
      alreadyRunning: [],
    });
  });
});
