import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { content, contentRefs, publications, syncEvents, syncRuns, siteIntegrations, type Content } from "@/db/tables";
import { ensureTerms, insertContent, replaceTermLinks } from "@/db/queries/content";
import { slugify } from "@/lib/schemas/content";
import { startJobRunner, stopJobRunner } from "@/lib/jobs/runner";
import { createTestTenant } from "@/test/support/db";
import { createTestIntegration, pngBytes } from "@/test/support/integration";
import { itemByExternalId, refOf, wordpressIdOf } from "@/test/support/refs";
import {
  startFaultProxy,
  startProxy,
  startResponseDroppingProxy,
  startServer,
  type TestServer,
} from "@/test/support/proxy";
import { allowEgressTo, getWordPressTestSite, uniqueName, wpRest, UNCONFIGURED_SITE } from "@/test/support/wordpress";
import { savePublishingSettings } from "@/lib/server/services/publishing";
import { createSyncContext } from "./context";
import { pushItems } from "./push";
import { startSyncRun } from "./runs";

const wp = getWordPressTestSite();
const site = wp ?? UNCONFIGURED_SITE;
type WpPostJson = {
  id: number;
  title: { raw: string };
  content: { raw: string };
  excerpt: { raw: string };
  slug: string;
  status: string;
  categories: number[];
  tags: number[];
  featured_media: number;
  date_gmt: string;
};

let imageServer: TestServer;
const image = pngBytes(32, 24, [200, 40, 90]);

async function newItem(
  db: Db,
  accountId: string,
  siteId: string,
  fields: Partial<Content> & { categories?: string[]; tags?: string[] } = {},
) {
  const title = fields.title ?? uniqueName("Sync test");
  const { categories = [], tags = [], ...rest } = fields;
  const item = await insertContent(db, {
    accountId,
    siteId,
    title,
    slug: slugify(title),
    content: "<p>Body</p>",
    excerpt: "",
    status: "approved",
    ...rest,
  });
  for (const [type, names] of [
    ["category", categories],
    ["tag", tags],
  ] as const) {
    const ids = await ensureTerms(db, {
      accountId,
      siteId,
      type,
      terms: names.map((name) => ({ name, slug: slugify(name) })),
    });
    await replaceTermLinks(db, { contentId: item.id, type, taxonomyIds: ids });
  }
  return item;
}

async function waitForRun(db: Db, runId: string, timeoutMs = 120_000) {
  const started = Date.now();
  for (;;) {
    const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    if (run.status === "completed" || run.status === "failed") return run;
    if (Date.now() - started > timeoutMs)
      throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms (${run.processed}/${run.total})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function wpTotal(type = "posts") {
  const res = await wpRest(site, "GET", `/wp/v2/${type}`, {
    query: { per_page: 1, status: "publish,future,draft,pending,private", _fields: "id" },
  });
  return Number(res.headers.get("x-wp-total"));
}

async function runEvents(db: Db, runId: string) {
  return db
    .select()
    .from(syncEvents)
    .where(and(eq(syncEvents.runId, runId), eq(syncEvents.eventType, "content_pull")));
}

describe.skipIf(!wp)("sync engine against WordPress", () => {
  beforeAll(async () => {
    imageServer = await startServer((req, res) => {
      res.writeHead(200, { "content-type": "image/png", "content-length": image.length }).end(image);
    });
    allowEgressTo(imageServer.url);
    await startJobRunner({ work: true });
  });
  afterAll(async () => {
    await stopJobRunner();
    await imageServer?.close();
  });

  it("pushes an item with every field, then updates the same post", async () => {
    const { db, auth } = await createTestTenant("push");
    const { site: ourSite, integration } = await createTestIntegration(db, auth.accountId, site);
    const category = uniqueName("Cat");
    const item = await newItem(db, auth.accountId, ourSite.id, {
      content: "<p>Full <strong>body</strong></p>",
      excerpt: "The excerpt",
      featuredImageUrl: `${imageServer.url}/photo.png`,
      categories: [category],
      tags: ["alpha tag", "beta tag"],
    });
    const ctx = await createSyncContext(db, { integration, site: ourSite });
    const [outcome] = await pushItems(ctx, [item], { batch: false });
    expect(outcome).toMatchObject({ ok: true, action: "created" });

    const post = (
      await wpRest<WpPostJson>(site, "GET", `/wp/v2/posts/${outcome.externalId}`, { query: { context: "edit" } })
    ).data;
    expect(post).toMatchObject({
      title: { raw: item.title },
      content: { raw: "<p>Full <strong>body</strong></p>" },
      excerpt: { raw: "The excerpt" },
      slug: item.slug,
      status: "publish",
    });
    const names = async (taxonomy: string, ids: number[]) =>
      (
        await Promise.all(
          ids.map(async (id) => (await wpRest<{ name: string }>(site, "GET", `/wp/v2/${taxonomy}/${id}`)).data.name),
        )
      ).sort();
    expect(await names("categories", post.categories)).toEqual([category]);
    expect(await names("tags", post.tags)).toEqual(["alpha tag", "beta tag"]);
    const media = (await wpRest<{ source_url: string }>(site, "GET", `/wp/v2/media/${post.featured_media}`)).data;
    const served = await fetch(media.source_url);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(image)).toBe(true);

    const [stored] = await db.select().from(content).where(eq(content.id, item.id));
    expect(stored).toMatchObject({ syncState: "synced", status: "published" });
    const ref = await refOf(db, item.id, integration.id);
    expect(ref).toMatchObject({ externalId: String(post.id), syncState: "synced", remoteStatus: "publish" });
    expect(ref!.baseHash).toBe(stored.contentHash);

    // Update: the same post changes, the image is not uploaded again.
    await db
      .update(content)
      .set({ title: `${item.title} (edited)` })
      .where(eq(content.id, item.id));
    const [edited] = await db.select().from(content).where(eq(content.id, item.id));
    const [second] = await pushItems(await createSyncContext(db, { integration, site: ourSite }), [edited], {
      batch: false,
    });
    expect(second).toMatchObject({ ok: true, action: "updated", externalId: String(post.id) });
    const after = (await wpRest<WpPostJson>(site, "GET", `/wp/v2/posts/${post.id}`, { query: { context: "edit" } }))
      .data;
    expect(after.title.raw).toBe(`${item.title} (edited)`);
    expect(after.featured_media).toBe(post.featured_media);
    const sameSlug = await wpRest<unknown[]>(site, "GET", "/wp/v2/posts", {
      query: { slug: item.slug, status: "publish,draft", _fields: "id" },
    });
    expect(sameSlug.data).toHaveLength(1);
    expect(imageServer.requests.filter((r) => r.url === "/photo.png")).toHaveLength(1);
  });

  it("schedules an item with a future date as WordPress status future", async () => {
    const { db, auth } = await createTestTenant("future");
    const { site: ourSite, integration } = await createTestIntegration(db, auth.accountId, site);
    const when = new Date(Date.now() + 7 * 86_400_000);
    when.setUTCMilliseconds(0);
    const item = await newItem(db, auth.accountId, ourSite.id, { scheduledAt: when, status: "scheduled" });
    const [outcome] = await pushItems(await createSyncContext(db, { integration, site: ourSite }), [item], {
      batch: false,
    });
    const post = (
      await wpRest<WpPostJson>(site, "GET", `/wp/v2/posts/${outcome.externalId}`, { query: { context: "edit" } })
    ).data;
    expect(post.status).toBe("future");
    expect(`${post.date_gmt}Z`).toBe(when.toISOString().replace(".000", ""));
  });

  it("a create whose answer is lost leaves exactly one post", async () => {
    const { db, auth } = await createTestTenant("drop");
    const proxy = await startResponseDroppingProxy(
      site.url,
      (req) => req.method === "POST" && /wp\/v2\/posts/.test(decodeURIComponent(req.url ?? "")),
    );
    allowEgressTo(proxy.url);
    try {
      const { site: ourSite, integration } = await createTestIntegration(db, auth.accountId, site, { url: proxy.url });
      const item = await newItem(db, auth.accountId, ourSite.id);
      const [outcome] = await pushItems(
        await createSyncContext(db, { integration, site: ourSite, retry: { baseDelayMs: 10 } }),
        [item],
        { batch: false },
      );
      expect(outcome.ok).toBe(true);
      const found = await wpRest<Array<{ id: number }>>(site, "GET", "/wp/v2/posts", {
        query: { search: item.title, status: "publish,draft", _fields: "id" },
      });
      expect(found.data.map((p) => String(p.id))).toEqual([outcome.externalId]);
    } finally {
      await proxy.close();
    }
  });

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
