import { describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { content, siteIntegrations } from "@/db/tables";
import { createTestTenant } from "@/test/support/db";
import { createTestIntegration } from "@/test/support/integration";
import { itemByExternalId, refOf } from "@/test/support/refs";
import { startFaultProxy } from "@/test/support/proxy";
import { allowEgressTo, uniqueName, wpRest } from "@/test/support/wordpress";
import { startSyncRun } from "./runs";
import { runEvents, site, setUpSyncEngine, waitForRun, wp, wpTotal } from "./sync.fixtures";

describe.skipIf(!wp)("sync engine against WordPress", () => {
  setUpSyncEngine();

  it("pulls every post once, again rewrites nothing, then touches exactly what changed", async () => {
    const { db, auth } = await createTestTenant("pull");
    const { site: ourSite, integration } = await createTestIntegration(db, auth.accountId, site);
    const first = await waitForRun(
      db,
      (await startSyncRun(db, { accountId: auth.accountId, integrationId: integration.id, direction: "pull" })).run.id,
    );
    expect(first.status).toBe("completed");
    const ours = async (type: "post" | "page") =>
      (
        await db
          .select({ id: content.id })
          .from(content)
          .where(
            and(eq(content.siteId, ourSite.id), eq(content.contentType, type), inArray(content.syncState, ["synced"])),
          )
      ).length;
    expect(await ours("post")).toBe(await wpTotal("posts"));
    expect(await ours("page")).toBe(await wpTotal("pages"));
    expect(first.total).toBeGreaterThanOrEqual(1000);

    const snapshot = await db
      .select({ id: content.id, updatedAt: content.updatedAt })
      .from(content)
      .where(eq(content.siteId, ourSite.id));
    const second = await waitForRun(
      db,
      (
        await startSyncRun(db, {
          accountId: auth.accountId,
          integrationId: integration.id,
          direction: "pull",
          full: true,
        })
      ).run.id,
    );
    expect(second.status).toBe("completed");
    expect(await runEvents(db, second.id)).toHaveLength(0);
    const again = await db
      .select({ id: content.id, updatedAt: content.updatedAt })
      .from(content)
      .where(eq(content.siteId, ourSite.id));
    expect(again.map((r) => r.updatedAt.getTime())).toEqual(snapshot.map((r) => r.updatedAt.getTime()));

    // Edit 3 posts in WordPress: the incremental pull touches exactly those.
    const some = (
      await wpRest<Array<{ id: number }>>(site, "GET", "/wp/v2/posts", {
        query: { per_page: 3, orderby: "id", order: "asc", _fields: "id" },
      })
    ).data;
    for (const p of some)
      await wpRest(site, "POST", `/wp/v2/posts/${p.id}`, { json: { title: uniqueName("Edited in WordPress") } });
    const third = await waitForRun(
      db,
      (await startSyncRun(db, { accountId: auth.accountId, integrationId: integration.id, direction: "pull" })).run.id,
    );
    const touched = await runEvents(db, third.id);
    expect(touched.map((e) => e.externalId).sort()).toEqual(some.map((p) => String(p.id)).sort());

    // Trash one: it is marked, not kept as live.
    await wpRest(site, "DELETE", `/wp/v2/posts/${some[0].id}`);
    const fourth = await waitForRun(
      db,
      (await startSyncRun(db, { accountId: auth.accountId, integrationId: integration.id, direction: "pull" })).run.id,
    );
    expect((await runEvents(db, fourth.id)).map((e) => e.metadata)).toEqual([
      expect.objectContaining({ action: "trashed" }),
    ]);
    const trashed = (await itemByExternalId(db, integration.id, some[0].id))!;
    expect(trashed).toMatchObject({ siteId: ourSite.id, syncState: "remote_trashed" });
    expect((await refOf(db, trashed.id, integration.id))?.syncState).toBe("remote_trashed");
    await wpRest(site, "POST", `/wp/v2/posts/${some[0].id}`, { json: { status: "publish" } });
  });

  it("completes a full pull through a proxy failing 20% of responses, logging and retrying each failure", async () => {
    const { db, auth } = await createTestTenant("faults");
    const proxy = await startFaultProxy(site.url, 0.2, 7);
    allowEgressTo(proxy.url);
    try {
      const { site: ourSite, integration } = await createTestIntegration(db, auth.accountId, site, { url: proxy.url });
      const run = await waitForRun(
        db,
        (await startSyncRun(db, { accountId: auth.accountId, integrationId: integration.id, direction: "pull" })).run
          .id,
        240_000,
      );
      expect(run.status).toBe("completed");
      expect(run.retries).toBeGreaterThan(0);
      const count = (
        await db
          .select({ id: content.id })
          .from(content)
          .where(and(eq(content.siteId, ourSite.id), eq(content.contentType, "post")))
      ).length;
      expect(count).toBe(await wpTotal("posts"));
    } finally {
      await proxy.close();
    }
  });

  it("two concurrent sync requests make one run", async () => {
    const { db, auth } = await createTestTenant("twice");
    const { integration } = await createTestIntegration(db, auth.accountId, site);
    const [a, b] = await Promise.all([
      startSyncRun(db, { accountId: auth.accountId, integrationId: integration.id, direction: "pull" }),
      startSyncRun(db, { accountId: auth.accountId, integrationId: integration.id, direction: "pull" }),
    ]);
    expect(a.run.id).toBe(b.run.id);
    expect([a.alreadyRunning, b.alreadyRunning].sort()).toEqual([false, true]);
    await waitForRun(db, a.run.id);
  });

  it("a revoked password stops the run and puts the integration in error with the doctor's code", async () => {
    const { db, auth } = await createTestTenant("denied");
    const { integration } = await createTestIntegration(db, auth.accountId, site, {
      applicationPassword: "wrong wrong wrong wrong wrong wrong",
    });
    const run = await waitForRun(
      db,
      (await startSyncRun(db, { accountId: auth.accountId, integrationId: integration.id, direction: "pull" })).run.id,
    );
    expect(run).toMatchObject({ status: "failed", errorCode: "auth_failed" });
    const [after] = await db.select().from(siteIntegrations).where(eq(siteIntegrations.id, integration.id));
    expect(after.syncStatus).toBe("error");
    expect(after.syncError).toMatch(/Application Password/);
  });
});
