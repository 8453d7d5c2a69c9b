import { describe, expect, it } from "vitest";
import { createWordPressClient } from "@/lib/platforms/wordpress/client";
import { wpPostSchema } from "@/lib/platforms/wordpress/schemas";
import { startFaultProxy, startResponseDroppingProxy, startServer } from "@/test/support/proxy";
import {
  allowEgressTo,
  createUserWithAppPassword,
  uniqueName,
  wpRest,
  UNCONFIGURED_SITE,
} from "@/test/support/wordpress";
import { plain, site, setUpWordPressClient } from "./client.fixtures";

// Refusals, retries, lost answers and HTML, and plain permalinks; reads and writes are in client.test.ts.

describe.skipIf(!site)("WordPress client against a real WordPress", () => {
  const { wp, createPost, createdPosts, servers } = setUpWordPressClient();

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
