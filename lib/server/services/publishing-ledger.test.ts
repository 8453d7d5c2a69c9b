import { describe, expect, it } from "vitest";
import { createSite } from "@/db/queries/sites";
import { createTestTenant } from "@/test/support/db";
import { createApprovedContent, listLedger, setPublishingSettings } from "@/test/support/publishing";
import { completePublication, releasePublication, reservePublication } from "./publishing-ledger";
import { getPublishingSchedule } from "./publishing";
import { onContentReviewed, runPublishingTick } from "./publishing-tick";
import { content } from "@/db/tables";
import { eq } from "drizzle-orm";

async function siteWithItems(n: number, settings: Parameters<typeof setPublishingSettings>[3]) {
  const { db, auth } = await createTestTenant("ledger");
  const site = await createSite(db, { accountId: auth.accountId, name: "Ledger", url: "https://ledger.example.com" });
  await setPublishingSettings(db, auth.accountId, site.id, { autoPublishEnabled: true, ...settings });
  const items = await createApprovedContent(
    db,
    auth.accountId,
    site.id,
    Array.from({ length: n }, (_, i) => `Item ${i + 1}`),
  );
  return { db, accountId: auth.accountId, siteId: site.id, items };
}

const monday = new Date("2030-01-07T10:00:00Z");

describe("reservePublication", () => {
  it("never exceeds the daily limit when many reservations race", async () => {
    const { db, accountId, siteId, items } = await siteWithItems(8, { dailyPublishLimit: 3 });
    const results = await Promise.all(
      items.map((item) =>
        reservePublication(db, { accountId, siteId, contentId: item.id, source: "auto", now: monday }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(Array(5).fill("daily"));
    expect(await listLedger(db, siteId)).toHaveLength(3);
  });

  it("counts the ISO week and the month in the site's time zone", async () => {
    const { db, accountId, siteId, items } = await siteWithItems(4, {
      dailyPublishLimit: 10,
      weeklyPublishLimit: 2,
      monthlyPublishLimit: 3,
      timezone: "America/New_York",
    });
    const at = (iso: string, i: number) =>
      reservePublication(db, { accountId, siteId, contentId: items[i].id, source: "auto", now: new Date(iso) });
    // Sunday 2030-01-13 23:30 in New York is Monday in UTC, but still the first ISO week there.
    expect((await at("2030-01-07T15:00:00Z", 0)).ok).toBe(true);
    expect((await at("2030-01-14T04:30:00Z", 1)).ok).toBe(true);
    expect(await at("2030-01-14T04:45:00Z", 2)).toEqual({ ok: false, reason: "weekly" });
    expect((await at("2030-01-14T15:00:00Z", 2)).ok).toBe(true);
    expect(await at("2030-01-15T15:00:00Z", 3)).toEqual({ ok: false, reason: "monthly" });
    // 2030-02-01 00:30 UTC is still January 31 in New York.
    expect(await at("2030-02-01T00:30:00Z", 3)).toEqual({ ok: false, reason: "monthly" });
    expect((await at("2030-02-01T05:30:00Z", 3)).ok).toBe(true);
  });

  it("manual publishes count against the limits, and a released slot is free again", async () => {
    const { db, accountId, siteId, items } = await siteWithItems(3, { dailyPublishLimit: 1 });
    const manual = await reservePublication(db, {
      accountId,
      siteId,
      contentId: items[0].id,
      source: "manual",
      now: monday,
    });
    expect(manual.ok).toBe(true);
    expect(
      await reservePublication(db, { accountId, siteId, contentId: items[1].id, source: "auto", now: monday }),
    ).toEqual({ ok: false, reason: "daily" });
    if (manual.ok) await releasePublication(db, { publicationId: manual.publication.id });
    const auto = await reservePublication(db, {
      accountId,
      siteId,
      contentId: items[1].id,
      source: "auto",
      now: monday,
    });
    expect(auto.ok).toBe(true);
    if (auto.ok) await completePublication(db, { publicationId: auto.publication.id, now: monday });
    // The same item is never counted twice.
    expect(
      await reservePublication(db, {
        accountId,
        siteId,
        contentId: items[1].id,
        source: "manual",
        now: monday,
        enforceLimits: false,
      }),
    ).toEqual({
      ok: false,
      reason: "already_published",
    });
  });

  it("refuses automatic publication when auto-publish is off", async () => {
    const { db, accountId, siteId, items } = await siteWithItems(1, { autoPublishEnabled: false });
    expect(
      await reservePublication(db, { accountId, siteId, contentId: items[0].id, source: "auto", now: monday }),
    ).toEqual({ ok: false, reason: "auto_publish_off" });
  });
});

describe("auto-approval", () => {
  it("approves items in review when the site has it on, and records it", async () => {
    const { db, accountId, siteId } = await siteWithItems(0, { autoApprovalEnabled: true, autoPublishEnabled: false });
    const [inReview, other] = await createApprovedContent(db, accountId, siteId, ["Review me", "Draft"], {
      status: "review",
      approvedAt: null,
    });
    await db.update(content).set({ status: "draft" }).where(eq(content.id, other.id));
    expect(await onContentReviewed(db, inReview.id)).toBe(true);
    const [row] = await db.select().from(content).where(eq(content.id, inReview.id));
    expect(row).toMatchObject({ status: "approved", isAutoApproved: true });
    expect(row.approvedAt).toBeInstanceOf(Date);
    expect(await onContentReviewed(db, other.id)).toBe(false);
  });

  it("leaves review alone when auto-approval is off; the tick approves once it is on", async () => {
    const { db, accountId, siteId } = await siteWithItems(0, { autoApprovalEnabled: false, autoPublishEnabled: false });
    const [item] = await createApprovedContent(db, accountId, siteId, ["Waiting"], {
      status: "review",
      approvedAt: null,
    });
    expect(await onContentReviewed(db, item.id)).toBe(false);
    await runPublishingTick(db, monday, { accountId });
    expect((await db.select().from(content).where(eq(content.id, item.id)))[0].status).toBe("review");
    await setPublishingSettings(db, accountId, siteId, { autoApprovalEnabled: true });
    const report = await runPublishingTick(db, monday, { accountId });
    expect(report.approved).toContain(item.id);
    expect((await db.select().from(content).where(eq(content.id, item.id)))[0]).toMatchObject({
      status: "approved",
      isAutoApproved: true,
    });
  });
});

describe("publishing schedule", () => {
  it("counts reserved and published slots, so the preview moves on", async () => {
    const { db, accountId, siteId, items } = await siteWithItems(2, {
      dailyPublishLimit: 1,
      publishDays: ["mon", "tue", "wed", "thu", "fri"],
      publishTimeSlots: [{ start: "09:00", end: "12:00" }],
    });
    const before = await getPublishingSchedule(db, accountId, siteId, 14, monday);
    expect(before.map((p) => [p.title, p.publish_at])).toEqual([
      ["Item 1", "2030-01-07T10:00:00.000Z"],
      ["Item 2", "2030-01-08T09:00:00.000Z"],
    ]);
    await reservePublication(db, { accountId, siteId, contentId: items[1].id, source: "manual", now: monday });
    const after = await getPublishingSchedule(db, accountId, siteId, 14, monday);
    expect(after.map((p) => [p.title, p.publish_at])).toEqual([["Item 1", "2030-01-08T09:00:00.000Z"]]);
  });
});
