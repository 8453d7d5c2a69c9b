import { afterAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { content, contentRefs, siteIntegrations } from "@/db/tables";
import { createTestTenant } from "@/test/support/db";
import { createTestIntegration } from "@/test/support/integration";
import { createApprovedContent, deadPort, listLedger, setPublishingSettings } from "@/test/support/publishing";
import { allowEgressTo, getWordPressTestSite, uniqueName, UNCONFIGURED_SITE, wpRest } from "@/test/support/wordpress";
import { runPublishingTick } from "./publishing-tick";

const wp = getWordPressTestSite();
const site = wp ?? UNCONFIGURED_SITE;
const createdPosts: number[] = [];

afterAll(async () => {
  if (!wp) return;
  for (const id of createdPosts) await wpRest(wp, "DELETE", `/wp/v2/posts/${id}`, { query: { force: "true" } });
});

/** A tenant with a connected site, auto-publish on with `settings`, and approved items. */
async function setUp(titles: string[], settings: Parameters<typeof setPublishingSettings>[3]) {
  const { db, auth } = await createTestTenant("publisher");
  const { site: row, integration } = await createTestIntegration(db, auth.accountId, site);
  await setPublishingSettings(db, auth.accountId, row.id, {
    autoPublishEnabled: true,
    publishDays: ["mon", "tue", "wed", "thu", "fri"],
    publishTimeSlots: [{ start: "09:00", end: "12:00" }],
    timezone: "UTC",
    ...settings,
  });
  const items = await createApprovedContent(db, auth.accountId, row.id, titles);
  const tick = (iso: string) => runPublishingTick(db, new Date(iso), { accountId: auth.accountId });
  const state = async () => {
    // Each item with the id of its post on the integration (null before its first push).
    const refs = await db
      .select({ item: content, externalId: contentRefs.externalId })
      .from(content)
      .leftJoin(contentRefs, and(eq(contentRefs.contentId, content.id), eq(contentRefs.integrationId, integration.id)))
      .where(eq(content.siteId, row.id));
    const rows = refs.map((r) => ({ ...r.item, wordpressId: r.externalId ? Number(r.externalId) : null }));
    for (const r of rows) if (r.wordpressId && !createdPosts.includes(r.wordpressId)) createdPosts.push(r.wordpressId);
    return new Map(rows.map((r) => [r.title, r]));
  };
  return { db, accountId: auth.accountId, siteId: row.id, integration, items, tick, state };
}

// 2030-01-07 is a Monday; the clock is whatever each tick is given.
describe.skipIf(!wp)("auto-publish into WordPress", () => {
  it("publishes approved items at their slots, never more than the daily limit", async () => {
    const titles = [uniqueName("Auto A"), uniqueName("Auto B"), uniqueName("Auto C")];
    const { tick, state, siteId, db } = await setUp(titles, { dailyPublishLimit: 2 });

    expect((await tick("2030-01-07T08:59:00Z")).published).toEqual([]);
    expect((await tick("2030-01-07T09:00:00Z")).published).toHaveLength(1);
    // Two a day over a three-hour slot: 90 minutes apart.
    expect((await tick("2030-01-07T10:29:00Z")).published).toEqual([]);
    expect((await tick("2030-01-07T10:30:00Z")).published).toHaveLength(1);
    expect((await tick("2030-01-07T11:59:00Z")).published).toEqual([]);

    let items = await state();
    expect([titles[0], titles[1]].map((t) => items.get(t)?.status)).toEqual(["published", "published"]);
    expect(items.get(titles[2])?.status).toBe("approved");
    for (const title of titles.slice(0, 2)) {
      const post = await wpRest<{ status: string; title: { rendered: string } }>(
        site,
        "GET",
        `/wp/v2/posts/${items.get(title)!.wordpressId}`,
      );
      expect(post.data).toMatchObject({ status: "publish", title: { rendered: title } });
    }

    expect((await tick("2030-01-08T09:00:00Z")).published).toEqual([items.get(titles[2])!.id]);
    items = await state();
    expect(items.get(titles[2])?.status).toBe("published");
    expect((await listLedger(db, siteId)).map((p) => [p.state, p.slotAt.toISOString()]).sort()).toEqual([
      ["published", "2030-01-07T09:00:00.000Z"],
      ["published", "2030-01-07T10:30:00.000Z"],
      ["published", "2030-01-08T09:00:00.000Z"],
    ]);
  });

  it("ticks racing at the same moment never exceed a limit", async () => {
    const titles = Array.from({ length: 4 }, (_, i) => uniqueName(`Race ${i}`));
    const { tick, state, db, siteId } = await setUp(titles, { dailyPublishLimit: 1 });
    const reports = await Promise.all([
      tick("2030-01-07T09:00:00Z"),
      tick("2030-01-07T09:00:00Z"),
      tick("2030-01-07T09:00:30Z"),
    ]);
    expect(reports.flatMap((r) => r.published)).toHaveLength(1);
    await Promise.all([tick("2030-01-07T11:00:00Z"), tick("2030-01-07T11:00:00Z")]);
    const published = [...(await state()).values()].filter((r) => r.status === "published");
    expect(published).toHaveLength(1);
    expect(await listLedger(db, siteId)).toHaveLength(1);
  });

  it("retries a failed push without taking another slot", async () => {
    const titles = [uniqueName("Retry A"), uniqueName("Retry B")];
    const { tick, state, db, siteId, integration } = await setUp(titles, { dailyPublishLimit: 1 });
    const down = `http://127.0.0.1:${await deadPort()}`;
    allowEgressTo(down);
    await db.update(siteIntegrations).set({ externalSiteUrl: down }).where(eq(siteIntegrations.id, integration.id));

    const failed = await tick("2030-01-07T09:00:00Z");
    expect(failed.failed).toHaveLength(1);
    const [reserved] = await listLedger(db, siteId);
    expect(reserved).toMatchObject({ state: "reserved", attempts: 1 });
    expect(reserved.lastError).toBeTruthy();

    await db.update(siteIntegrations).set({ externalSiteUrl: site.url }).where(eq(siteIntegrations.id, integration.id));
    // The retry waits a minute; the other item does not take the day's slot meanwhile.
    expect(await tick("2030-01-07T09:00:30Z")).toMatchObject({ published: [], failed: [] });
    const retried = await tick("2030-01-07T09:01:00Z");
    expect(retried.published).toEqual([reserved.contentId]);
    expect(await tick("2030-01-07T11:00:00Z")).toMatchObject({ published: [], failed: [] });

    const ledger = await listLedger(db, siteId);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ state: "published", attempts: 2, slotAt: new Date("2030-01-07T09:00:00Z") });
    const items = await state();
    expect(items.get(titles[0])?.status).toBe("published");
    expect(items.get(titles[1])?.status).toBe("approved");
  });

  it("publishes nothing once auto-publish is turned off", async () => {
    const { tick, state, db, accountId, siteId } = await setUp([uniqueName("Off")], { dailyPublishLimit: 5 });
    await setPublishingSettings(db, accountId, siteId, { autoPublishEnabled: false });
    expect((await tick("2030-01-07T09:00:00Z")).published).toEqual([]);
    expect([...(await state()).values()].map((r) => r.status)).toEqual(["approved"]);
  });
});
