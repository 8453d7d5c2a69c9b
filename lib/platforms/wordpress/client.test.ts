import { describe, expect, it } from "vitest";
import { PlatformError } from "@/lib/platforms/types";
import { buildRestUrl, normaliseSiteUrl } from "@/lib/platforms/wordpress/client";
import { walkModified, type WalkCursor } from "@/lib/platforms/wordpress/cursor";
import { wpBatchResponseSchema, wpPostSchema } from "@/lib/platforms/wordpress/schemas";
import { uniqueName, wpRest } from "@/test/support/wordpress";
import { site, setUpWordPressClient } from "./client.fixtures";

// Reads and writes; failures (refusals, retries, lost answers, HTML) and plain permalinks are in
// client-failures.test.ts.

// An 8x8 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAA7EAAAOxAGVKw4bAAAAFElEQVQImWM8oaHBgA0wYRUdtBIA4DgBKG5t34gAAAAASUVORK5CYII=",
  "base64",
);

describe("URL helpers", () => {
  it("normalises what users paste", () => {
    expect(normaliseSiteUrl("example.com")).toBe("https://example.com");
    expect(normaliseSiteUrl("https://example.com/blog/wp-admin/")).toBe("https://example.com/blog");
    expect(normaliseSiteUrl("http://example.com/wp-json/wp/v2/posts?x=1#y")).toBe("http://example.com");
    expect(() => normaliseSiteUrl("ftp://example.com")).toThrow(PlatformError);
  });

  it("builds pretty and plain-permalink REST URLs", () => {
    expect(
      buildRestUrl("https://a.test/wp-json/", "/wp/v2/posts", { per_page: 100, status: ["publish", "draft"] }),
    ).toBe("https://a.test/wp-json/wp/v2/posts?per_page=100&status=publish%2Cdraft");
    expect(buildRestUrl("https://a.test/index.php?rest_route=/", "/wp/v2/posts", { page: 2 })).toBe(
      "https://a.test/index.php?rest_route=%2Fwp%2Fv2%2Fposts&page=2",
    );
  });
});

describe.skipIf(!site)("WordPress client against a real WordPress", () => {
  const { wp, client, createPost, updatePost, createdPosts, createdTerms, createdMedia } = setUpWordPressClient();

  it("discovers /wp-json/ and reads the authenticated user", async () => {
    const discovery = await client.discover();
    expect(discovery).toMatchObject({ restUrl: `${wp.url}/wp-json/`, isPlainPermalinks: false });
    expect(discovery.index.namespaces).toContain("wp/v2");
    const me = await client.getMe();
    expect(me.capabilities.publish_posts).toBe(true);
  });

  it("creates, reads, updates and trashes a post", async () => {
    const title = uniqueName("Client CRUD");
    const created = await createPost(client, { title, content: "<p>Hi</p>", status: "draft" });
    createdPosts.push(created.id);
    expect(created.title?.raw).toBe(title);
    const updated = await updatePost(created.id, { title: `${title} v2` });
    expect(updated.id).toBe(created.id);
    expect((await client.getPost("posts", created.id))?.title?.raw).toBe(`${title} v2`);
    await client.request("DELETE", `/wp/v2/posts/${created.id}`, { query: { force: true } });
    expect(await client.getPost("posts", created.id)).toBeUndefined();
  });

  it("pages with X-WP-Total and treats a page past the end as empty", async () => {
    const first = await client.listPage("/wp/v2/posts", wpPostSchema, {
      per_page: 1,
      page: 1,
      status: "any",
      _fields: "id",
    });
    expect(first.items).toHaveLength(1);
    expect(first.total).toBeGreaterThanOrEqual(1);
    expect(first.totalPages).toBe(first.total);
    const past = await client.listPage("/wp/v2/posts", wpPostSchema, { per_page: 100, page: 999, _fields: "id" });
    expect(past.items).toEqual([]);
    const all = await client.listAll("/wp/v2/posts", wpPostSchema, { status: "any", _fields: "id" });
    expect(all.length).toBe(first.total);
  });

  it("walks by modified cursor: new and edited posts once each, nothing twice", async () => {
    const tag = uniqueName("walk");
    const walk = async (cursor?: WalkCursor, perPage = 2) => {
      const seen: number[] = [];
      let last = cursor;
      const fetchPage = (query: Record<string, string | number | undefined>) =>
        client.listPage("/wp/v2/posts", wpPostSchema, query);
      const options = { cursor, perPage, status: ["draft", "publish"], context: "edit" as const, fields: ["title"] };
      for await (const page of walkModified(fetchPage, options)) {
        seen.push(...page.items.map((p) => p.id));
        last = page.cursor;
      }
      return { seen, cursor: last };
    };
    // Where the site is now (a fast walk), then tiny pages over what comes after it.
    const before = await walk(undefined, 100);
    await new Promise((r) => setTimeout(r, 1_100));
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const post = await createPost(client, { title: `${tag} ${i}`, status: "draft" });
      ids.push(post.id);
      createdPosts.push(post.id);
    }
    const full = await walk(before.cursor);
    expect(full.seen).toEqual(expect.arrayContaining(ids));
    expect(new Set(full.seen).size).toBe(full.seen.length);

    const idle = await walk(full.cursor);
    expect(idle.seen).toEqual([]);

    await new Promise((r) => setTimeout(r, 1_100)); // modified has one-second precision
    await updatePost(ids[1], { title: `${tag} 1 edited` });
    const incremental = await walk(full.cursor);
    expect(incremental.seen).toEqual([ids[1]]);
  });

  it("upserts a term twice without a duplicate", async () => {
    const name = uniqueName("Term");
    const first = await client.upsertTerm("categories", { name });
    createdTerms.push(["categories", first.id]);
    const second = await client.upsertTerm("categories", { name });
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const terms = await client.listTerms("categories");
    expect(terms.filter((t) => t.name === name)).toHaveLength(1);
  });

  it("uploads media from raw bytes and serves it", async () => {
    const media = await client.uploadMedia({
      bytes: PNG,
      filename: "red square é.png",
      contentType: "image/png",
      altText: "A red square",
    });
    createdMedia.push(media.id);
    expect(media.source_url).toMatch(/\.png$/);
    const served = await fetch(media.source_url);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    const stored = await wpRest<{ alt_text: string }>(wp, "GET", `/wp/v2/media/${media.id}`, {
      query: { context: "edit" },
    });
    expect(stored.data.alt_text).toBe("A red square");
  });

  it("creates 3 posts in one batch, with a status per item", async () => {
    expect(await client.getBatchMaxItems()).toBe(25);
    const tag = uniqueName("Batch");
    const requests = [0, 1, 2].map((i) => ({
      method: "POST",
      path: "/wp/v2/posts",
      body: { title: `${tag} ${i}`, status: "draft" },
    }));
    const batch = await client.request("POST", "/batch/v1", { json: { requests }, schema: wpBatchResponseSchema });
    const results = batch.data.responses;
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    const ids = results.map((r) => (r.body as { id: number }).id);
    createdPosts.push(...ids);
    const found = await wpRest<unknown[]>(wp, "GET", "/wp/v2/posts", {
      query: { search: tag, status: "draft", _fields: "id" },
    });
    expect(found.data).toHaveLength(3);
  });
});
