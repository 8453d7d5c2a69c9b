import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { content } from "@/db/tables";
import { createTestTenant } from "@/test/support/db";
import { createTestIntegration } from "@/test/support/integration";
import { refOf } from "@/test/support/refs";
import { startResponseDroppingProxy } from "@/test/support/proxy";
import { allowEgressTo, uniqueName, wpRest } from "@/test/support/wordpress";
import { createSyncContext } from "./context";
import { pushItems } from "./push";
import { image, imageServer, newItem, site, setUpSyncEngine, wp, type WpPostJson } from "./sync.fixtures";

describe.skipIf(!wp)("sync engine against WordPress", () => {
  setUpSyncEngine();

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
});
