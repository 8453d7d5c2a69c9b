import { afterAll, describe, expect, it } from "vitest";
import { PlatformError } from "@/lib/platforms/types";
import { buildRestUrl, createWordPressClient, normaliseSiteUrl } from "@/lib/platforms/wordpress/client";
import { walkModified, type WalkCursor } from "@/lib/platforms/wordpress/cursor";
import { wpBatchResponseSchema, wpPostSchema } from "@/lib/platforms/wordpress/schemas";
import { startFaultProxy, startResponseDroppingProxy, startServer, type TestServer } from "@/test/support/proxy";
import {
  allowEgressTo,
  createUserWithAppPassword,
  getWordPressTestSite,
  uniqueName,
  wpRest,
  UNCONFIGURED_SITE,
} from "@/test/support/wordpress";

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

const site = getWordPressTestSite("pretty");
const plain = getWordPressTestSite("plain");

describe.skipIf(!site)("WordPress client against a real WordPress", () => {
  const wp = site ?? UNCONFIGURED_SITE;
  const client = createWordPressClient({
    siteUrl: wp.url,
    username: wp.username,
    applicationPassword: wp.applicationPassword,
    retry: { baseDelayMs: 10 },
  });
  // Writes as the adapter makes them (lib/platforms/wordpress/push.ts), through any client.
  const createPost = async (c: typeof client, payload: Record<string, unknown>) =>
    (await c.request("POST", "/wp/v2/posts", { json: payload, schema: wpPostSchema })).data;
  const updatePost = async (id: number, payload: Record<string, unknown>) =>
    (await client.request("PUT", `/wp/v2/posts/${id}`, { json: payload, schema: wpPostSchema })).data;
  const createdPosts: number[] = [];
  const createdTerms: Array<[string, number]> = [];
  const createdMedia: number[] = [];
  const servers: TestServer[] = [];

  afterAll(async () => {
    for (const id of createdPosts) await wpRest(wp, "DELETE", `/wp/v2/posts/${id}`, { query: { force: "true" } });
    for (const [tax, id] of createdTerms)
      await wpRest(wp, "DELETE", `/wp/v2/${tax}/${id}`, { query: { force: "true" } });
    for (const id of createdMedia) await wpRest(wp, "DELETE", `/wp/v2/media/${id}`, { query: { force: "true" } });
    await Promise.all(servers.map((s) => s.close()));
  });

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

  it("maps WordPress 403 rest_cannot_* to forbidden", async () => {
    const user = await createUserWithAppPassword(wp, "subscriber");
    try {
      const sub = createWordPressClient({
        siteUrl: wp.url,
        username: user.username,
        applicationPassword: user.applicationPassword,
      });
      const err = await createPost(sub, { title: "nope" }).catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: "forbidden",
        status: 403,
        platformCode: "rest_cannot_create",
        retryable: false,
      });
    } finally {
      await user.remove();
    }
  });

  it("retries 503s and resets with backoff, and gets through a flaky proxy", async () => {
    const flaky = await startFaultProxy(wp.url, 0.4, 7);
    servers.push(flaky);
    allowEgressTo(flaky.url);
    const through = createWordPressClient({
      siteUrl: flaky.url,
      username: wp.username,
      applicationPassword: wp.applicationPassword,
      retry: { retries: 6, baseDelayMs: 5 },
    });
    for (let i = 0; i < 5; i++) expect((await through.getMe()).id).toBeGreaterThan(0);
    expect(flaky.requests.length).toBeGreaterThan(6); // some were failed and repeated
  });

  it("never repeats a create whose answer was lost: one post, and the caller learns it was a reset", async () => {
    const dropping = await startResponseDroppingProxy(
      wp.url,
      (req) => req.method === "POST" && (req.url ?? "").includes("/wp/v2/posts"),
    );
    servers.push(dropping);
    allowEgressTo(dropping.url);
    const through = createWordPressClient({
      siteUrl: dropping.url,
      username: wp.username,
      applicationPassword: wp.applicationPassword,
      retry: { retries: 3, baseDelayMs: 5 },
    });
    const title = uniqueName("Lost answer");
    const err = await createPost(through, { title, status: "draft" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "unreachable", platformCode: "reset", retryable: true });
    const found = await wpRest<Array<{ id: number }>>(wp, "GET", "/wp/v2/posts", {
      query: { search: title, status: "draft", _fields: "id" },
    });
    createdPosts.push(...found.data.map((p) => p.id));
    expect(found.data).toHaveLength(1);
    expect(dropping.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("honours Retry-After on 429 and gives up after the configured retries", async () => {
    let hits = 0;
    const limited = await startServer((req, res) => {
      hits++;
      if (req.url?.startsWith("/wp-json/?")) {
        res.setHeader("content-type", "application/json");
        return res.end(JSON.stringify({ name: "x", namespaces: ["wp/v2"], authentication: [] }));
      }
      res
        .writeHead(429, { "retry-after": "0", "content-type": "application/json" })
        .end('{"code":"too_many","message":"slow down"}');
    });
    servers.push(limited);
    allowEgressTo(limited.url);
    const c = createWordPressClient({
      siteUrl: limited.url,
      username: "u",
      applicationPassword: "p",
      retry: { retries: 2, baseDelayMs: 1 },
    });
    const err = await c.getMe().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "rate_limited", retryable: true, retryAfterMs: 0 });
    expect(hits).toBe(1 + 3);
  });

  it("says so when HTML comes back where JSON was expected", async () => {
    const html = await startServer((req, res) => {
      if (req.url?.startsWith("/wp-json/?")) {
        res.setHeader("content-type", "application/json");
        return res.end(JSON.stringify({ name: "x", namespaces: ["wp/v2"] }));
      }
      res
        .writeHead(200, { "content-type": "text/html" })
        .end("<!DOCTYPE html><html><body>Maintenance mode</body></html>");
    });
    servers.push(html);
    allowEgressTo(html.url);
    const c = createWordPressClient({ siteUrl: html.url, username: "u", applicationPassword: "p" });
    const err = await c.getMe().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "rest_blocked", platformCode: "html_instead_of_json" });
    expect((err as Error).message).toContain("HTML");
  });
});

describe.skipIf(!plain)("WordPress client with plain permalinks", () => {
  it("discovers index.php?rest_route=/ from the Link header and pages with &", async () => {
    const wp = plain ?? UNCONFIGURED_SITE;
    const client = createWordPressClient({
      siteUrl: wp.url,
      username: wp.username,
      applicationPassword: wp.applicationPassword,
    });
    const discovery = await client.discover();
    expect(discovery).toMatchObject({
      restUrl: `${wp.url}/index.php?rest_route=/`,
      isPlainPermalinks: true,
      linkHeaderSeen: true,
    });
    const page = await client.listPage("/wp/v2/posts", wpPostSchema, { per_page: 1, _fields: "id,title" });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(1);
    expect((await client.getMe()).roles).toContain("administrator");
  });
});
