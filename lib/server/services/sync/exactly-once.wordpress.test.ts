import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { pushClaims, syncEvents } from "@/db/tables";
import { createTestTenant } from "@/test/support/db";
import { createTestIntegration } from "@/test/support/integration";
import { wordpressIdOf } from "@/test/support/refs";
import { createApprovedContent, setPublishingSettings } from "@/test/support/publishing";
import { getWordPressTestSite, postIdsTitled, uniqueName, UNCONFIGURED_SITE, wpRest } from "@/test/support/wordpress";
import { startJobRunner, stopJobRunner } from "@/lib/jobs/runner";
import { ApiError } from "../../api/errors";
import { runPublishingTick } from "../publishing-tick";
import { publishContent } from "./publish-now";
import { executeSyncRun, startSyncRun } from "./runs";

const wp = getWordPressTestSite();
const site = wp ?? UNCONFIGURED_SITE;
const createdPosts = new Set<number>();

// Runs are queued but worked here, by the test, beside the other publishers.
beforeAll(() => (wp ? startJobRunner({ work: false }) : undefined));
afterAll(async () => {
  if (!wp) return;
  await stopJobRunner();
  for (const id of createdPosts) await wpRest(wp, "DELETE", `/wp/v2/posts/${id}`, { query: { force: "true" } });
});

/** The posts titled `title`, kept for clean-up. */
async function postsTitled(title: string): Promise<number[]> {
  const ids = await postIdsTitled(site, title);
  for (const id of ids) createdPosts.add(id);
  return ids;
}

async function setUp(label: string) {
  const { db, auth } = await createTestTenant(label);
  const { site: row, integration } = await createTestIntegration(db, auth.accountId, site);
  const title = uniqueName(`Exactly once ${label}`);
  const [item] = await createApprovedContent(db, auth.accountId, row.id, [title]);
  return { db, accountId: auth.accountId, siteId: row.id, integration, item, title };
}

describe.skipIf(!wp)("one WordPress post per item, whatever the concurrency", () => {
  it.each([10, 50])("%i simultaneous publishes of one item: one post, and every answer names it", async (n) => {
    const { db, accountId, integration, item, title } = await setUp(`parallel${n}`);
    const results = await Promise.all(Array.from({ length: n }, () => publishContent(db, accountId, item.id)));
    const posts = await postsTitled(title);
    expect(posts).toHaveLength(1);
    for (const result of results)
      expect(result).toMatchObject({
        content_id: item.id,
        wordpress_id: posts[0],
        sync_state: "synced",
        status: "published",
      });
    // One create: the publishes that met it running answered its event; one that came after it
    // had finished found the post and updated it (never a second create).
    const creates = await db
      .select()
      .from(syncEvents)
      .where(and(eq(syncEvents.contentId, item.id), eq(syncEvents.eventType, "content_push")));
    expect(creates.filter((e) => e.metadata.action === "created")).toHaveLength(1);
    const created = creates.find((e) => e.metadata.action === "created")!;
    expect(results.filter((r) => r.event.id === created.id).length).toBeGreaterThan(0);
    for (const r of results) expect(r.event.id === created.id || r.event.metadata.action === "updated").toBe(true);
    expect(await wordpressIdOf(db, item.id, integration.id)).toBe(posts[0]);
    expect(await db.select().from(pushClaims).where(eq(pushClaims.contentId, item.id))).toEqual([]);
  });

  it("a publish racing the scheduler and a sync run that include the item: one post", async () => {
    const { db, accountId, siteId, integration, item, title } = await setUp("race");
    // 2030-01-07 is a Monday: the item is due at 09:00 in the scheduler's plan.
    await setPublishingSettings(db, accountId, siteId, {
      autoPublishEnabled: true,
      publishDays: ["mon"],
      publishTimeSlots: [{ start: "09:00", end: "12:00" }],
      timezone: "UTC",
    });
    {
      const { run } = await startSyncRun(db, {
        accountId,
        integrationId: integration.id,
        direction: "push",
        contentIds: [item.id],
      });
      const answers = await Promise.allSettled([
        publishContent(db, accountId, item.id),
        runPublishingTick(db, new Date("2030-01-07T09:00:00Z"), { accountId }),
        executeSyncRun(db, run.id),
        publishContent(db, accountId, item.id),
      ]);
      expect(answers.map((a) => a.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
      const posts = await postsTitled(title);
      expect(posts).toHaveLength(1);
      for (const answer of [answers[0], answers[3]])
        expect((answer as PromiseFulfilledResult<{ wordpress_id: number }>).value.wordpress_id).toBe(posts[0]);
    }
  });

  it("a push held elsewhere for longer than the wait answers 409 publish_in_progress naming the run; a lapsed claim is taken over", async () => {
    const { db, accountId, integration, item, title } = await setUp("held");
    const { run } = await startSyncRun(db, { accountId, integrationId: integration.id, direction: "pull" });
    const far = new Date(Date.now() + 3_600_000);
    await db.insert(pushClaims).values({
      contentId: item.id,
      integrationId: integration.id,
      accountId,
      token: crypto.randomUUID(),
      runId: run.id,
      expiresAt: far,
    });
    const error = await publishContent(db, accountId, item.id, { waitMs: 600 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "publish_in_progress", status: 409, details: { run_id: run.id } });
    expect(await postsTitled(title)).toEqual([]);

    // The holder's process died: its claim lapses and the next publish goes ahead.
    await db
      .update(pushClaims)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(pushClaims.contentId, item.id));
    const result = await publishContent(db, accountId, item.id);
    expect(await postsTitled(title)).toEqual([result.wordpress_id]);
  });
});
