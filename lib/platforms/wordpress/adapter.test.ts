import { afterAll, describe, expect, it } from "vitest";
import { getPlatformAdapter, platformIds } from "@/lib/platforms/registry";
import type { PlatformConnection, PullCursor, RemoteContent } from "@/lib/platforms/types";
import { getWordPressTestSite, uniqueName, wpRest, UNCONFIGURED_SITE } from "@/test/support/wordpress";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAA7EAAAOxAGVKw4bAAAAFElEQVQImWM8oaHBgA0wYRUdtBIA4DgBKG5t34gAAAAASUVORK5CYII=",
  "base64",
);

it("the registry lists WordPress", () => {
  expect(platformIds).toEqual(["wordpress"]);
  expect(getPlatformAdapter("wordpress").displayName).toBe("WordPress");
});

const site = getWordPressTestSite("pretty");

describe.skipIf(!site)("WordPress adapter against a real WordPress", () => {
  const wp = site ?? UNCONFIGURED_SITE;
  const adapter = getPlatformAdapter("wordpress");
  const connection: PlatformConnection = { siteUrl: wp.url, username: wp.username, secret: wp.applicationPassword };
  const posts: number[] = [];
  const terms: Array<[string, number]> = [];
  const media: number[] = [];

  afterAll(async () => {
    for (const id of posts) await wpRest(wp, "DELETE", `/wp/v2/posts/${id}`, { query: { force: "true" } });
    for (const [tax, id] of terms) await wpRest(wp, "DELETE", `/wp/v2/${tax}/${id}`, { query: { force: "true" } });
    for (const id of media) await wpRest(wp, "DELETE", `/wp/v2/media/${id}`, { query: { force: "true" } });
  });

  it("testConnection reports the site", async () => {
    const report = await adapter.testConnection(connection);
    expect(report).toMatchObject({ connected: true, site: { restUrl: `${wp.url}/wp-json/` } });
  });

  it("lists content types with counts equal to WordPress's X-WP-Total", async () => {
    const types = await adapter.listContentTypes(connection);
    const post = types.find((t) => t.slug === "post");
    const page = types.find((t) => t.slug === "page");
    expect(types.map((t) => t.slug)).not.toContain("attachment");
    for (const [type, restBase] of [[post, "posts"], [page, "pages"]] as const) {
      const res = await wpRest(wp, "GET", `/wp/v2/${restBase}`, { query: { status: "any", per_page: 1 } });
      expect(type).toMatchObject({ restBase, count: Number(res.headers.get("x-wp-total")) });
    }
    expect(await adapter.countContent(connection, "page")).toBe(page!.count);
  });

  it.each(["__proto__", "constructor", "prototype", "toString"])("countContent(%s) is WordPress's not_found, not a lookup on Object.prototype", async (name) => {
    await expect(adapter.countContent(connection, name)).rejects.toMatchObject({ name: "PlatformError", code: "not_found", message: `WordPress has no REST-visible content type "${name}".` });
  });

  it("pushes one item with every field, then updates the same post", async () => {
    const category = await adapter.upsertTerm(connection, "category", { name: uniqueName("Adapter cat") });
    const tag = await adapter.upsertTerm(connection, "tag", { name: uniqueName("adapter-tag") });
    terms.push(["categories", category.externalId], ["tags", tag.externalId]);
    const image = await adapter.uploadMedia(connection, { bytes: PNG, filename: "adapter.png", contentType: "image/png" });
    media.push(image.externalId);
    const title = uniqueName("Adapter push & more");
    const created = await adapter.pushContent(connection, {
      contentType: "post",
      fields: {
        title,
        content: "<p>Body</p>",
        excerpt: "Summary",
        slug: title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
        status: "publish",
        categoryIds: [category.externalId],
        tagIds: [tag.externalId],
        featuredMediaId: image.externalId,
      },
    });
    posts.push(created.externalId);
    const read = await wpRest<Record<string, unknown>>(wp, "GET", `/wp/v2/posts/${created.externalId}`, { query: { context: "edit" } });
    expect(read.data).toMatchObject({
      title: { raw: title },
      excerpt: { raw: "Summary" },
      status: "publish",
      categories: [category.externalId],
      tags: [tag.externalId],
      featured_media: image.externalId,
    });
    const updated = await adapter.pushContent(connection, { contentType: "post", externalId: created.externalId, fields: { title: `${title} (2)` } });
    expect(updated.externalId).toBe(created.externalId);
    expect(updated.title).toBe(`${title} (2)`);
    expect(updated.categoryIds).toEqual([category.externalId]);
  });

  it("batch-pushes 3 items, pulls them back by cursor and finds their ids", async () => {
    const start: PullCursor | undefined = await (async () => {
      let cursor: PullCursor | undefined;
      for await (const page of adapter.pullContent(connection, { contentType: "post" })) cursor = page.cursor;
      return cursor;
    })();
    await new Promise((r) => setTimeout(r, 1_100));
    const marker = uniqueName("Adapter batch");
    const results = await adapter.pushContentBatch(
      connection,
      [1, 2, 3].map((i) => ({ contentType: "post", fields: { title: `${marker} ${i}`, status: "draft" as const } })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const ids = results.map((r) => (r.ok ? r.content.externalId : 0));
    posts.push(...ids);

    const pulled: RemoteContent[] = [];
    for await (const page of adapter.pullContent(connection, { contentType: "post", cursor: start })) pulled.push(...page.items);
    // Scheduled posts (whose `modified` WordPress sets to their future date) come again on every
    // walk so that the cursor never jumps ahead; everything else is exactly what changed.
    const changed = pulled.filter((p) => p.remoteStatus !== "future");
    expect(changed.map((p) => p.externalId).sort()).toEqual([...ids].sort());
    expect(changed[0]).toMatchObject({ contentType: "post", status: "draft", title: expect.stringContaining(marker) });

    const live = await adapter.listContentIds(connection, "post");
    expect(live).toEqual(expect.arrayContaining(ids));
    await wpRest(wp, "DELETE", `/wp/v2/posts/${ids[0]}`);
    expect(await adapter.listContentIds(connection, "post")).not.toContain(ids[0]);
    expect(await adapter.getContent(connection, "post", ids[0])).toMatchObject({ remoteStatus: "trash" });
  });

  it("a batch item that fails carries its own error", async () => {
    const results = await adapter.pushContentBatch(connection, [
      { contentType: "post", externalId: 987654321, fields: { title: "missing" } },
    ]);
    expect(results[0]).toMatchObject({ ok: false, error: { code: "not_found", status: 404, platformCode: "rest_post_invalid_id" } });
  });
});
