import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { PlatformError } from "@/lib/platforms/types";
import { shopifyAdapter } from "./index";
import { http, post, startAllowedShop } from "./test-support";

const shop = await startAllowedShop();
afterAll(() => shop.close());
const token = shop.tokens.issueStatic();
const session = shopifyAdapter.connect({ siteUrl: shop.url, credentials: { access_token: token }, http });
const raw = async (query: string, variables = {}) =>
  (
    await fetch(`${shop.url}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "X-Shopify-Access-Token": token, "Content-Type": "application/json" },
      body: JSON.stringify({ query, variables }),
    })
  ).json() as Promise<{ data?: unknown; errors?: Array<{ message: string; extensions: { code: string } }> }>;

describe("the test shop refuses what Shopify refuses", () => {
  it("an unknown field, with Shopify's message", async () => {
    const answer = await raw(`query Bad { articles(first: 1) { nodes { bodyHtml } } }`);
    expect(answer.errors?.[0]).toMatchObject({
      message: "Field 'bodyHtml' doesn't exist on type 'Article'",
      extensions: { code: "undefinedField" },
    });
  });
  it("no token: 401", async () => {
    const res = await fetch(`${shop.url}/admin/api/2026-10/graphql.json`, { method: "POST", body: "{}" });
    expect(res.status).toBe(401);
  });
});

describe("publishing articles", () => {
  it("publish with tags, SEO and a public image; pull shows it published; a merchant edit makes the next push a conflict", async () => {
    const item = post("Spring guide", {
      status: "published",
      tagIds: ["garden"],
      categoryIds: ["Guides"],
      featuredMediaId: "https://cdn.example.com/spring.jpg",
      seo: { seo_title: "Spring SEO", seo_description: "All about spring", focus_keyword: null, canonical_url: null },
    });
    const [created] = await session.push([item]);
    if (!created.ok) throw created.error;
    const remote = await session.getItem("post", created.item.externalId);
    expect(remote).toMatchObject({
      status: "published",
      tagIds: ["garden", "Guides"],
      featuredMediaId: "https://cdn.example.com/spring.jpg",
      seo: { seo_title: "Spring SEO", seo_description: "All about spring" },
    });
    expect(remote?.url).toMatch(/\/blogs\/news\/spring-guide$/);
    shop.state.advance(1_000);
    const record = shop.state.articles.get(Number(created.item.externalId))!;
    Object.assign(record, { body: "<p>merchant</p>", updatedAt: shop.state.now() });
    const [outcome] = await session.push([
      { ...item, externalId: created.item.externalId, expectedVersion: created.item.version },
    ]);
    expect(outcome).toMatchObject({ ok: false, conflict: { isExact: false, remote: { content: "<p>merchant</p>" } } });
    expect(shop.state.articles.get(record.id)?.body).toBe("<p>merchant</p>");
  });

  it("draft, then scheduled for a future date, then published", async () => {
    const item = post("Later");
    const [draft] = await session.push([item]);
    if (!draft.ok) throw draft.error;
    expect(draft.item.remoteStatus).toBe("hidden");
    const when = new Date(Date.now() + 3_600_000).toISOString();
    const update = { ...item, externalId: draft.item.externalId };
    const [scheduled] = await session.push([
      { ...update, fields: { ...item.fields, status: "scheduled", scheduledAt: when } },
    ]);
    expect(await session.getItem("post", draft.item.externalId)).toMatchObject({ status: "scheduled" });
    expect(scheduled.ok).toBe(true);
    const [published] = await session.push([{ ...update, fields: { ...item.fields, status: "published" } }]);
    expect(published).toMatchObject({ ok: true, item: { remoteStatus: "published" } });
  });

  it("a handle that is TAKEN is a per-item error with the fix; the other items still go", async () => {
    const outcomes = await session.push([
      post("First", { slug: "same-handle" }),
      post("Second", { slug: "same-handle" }),
      post("Third"),
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    const error = outcomes[1].ok ? undefined : (outcomes[1].error as PlatformError);
    expect(error).toMatchObject({ code: "conflict", platformCode: "TAKEN" });
    expect(error?.fix).toMatch(/slug/);
  });

  it("an image IGNY8 stores goes up through a staged upload and becomes the article's image", async () => {
    const media = await session.media.upload({
      bytes: Buffer.from("png-bytes"),
      filename: "hero.png",
      contentType: "image/png",
    });
    expect(media.url.startsWith(shop.url)).toBe(true);
    expect(await (await fetch(media.url)).text()).toBe("png-bytes");
    const [created] = await session.push([post("With image", { featuredMediaId: media.externalId })]);
    if (!created.ok) throw created.error;
    expect(shop.state.articles.get(Number(created.item.externalId))?.image?.url).toBe(media.url);
  });
});

describe("products", () => {
  it("pushes the description and SEO only; title and tags stay; the products webhook is sent signed", async () => {
    const received: Array<{ headers: Headers; raw: string }> = [];
    const { createServer } = await import("node:http");
    const hookServer = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ headers: new Headers(req.headers as Record<string, string>), raw: body });
        res.end("ok");
      });
    });
    await new Promise<void>((r) => hookServer.listen(0, "127.0.0.1", r));
    const hookUrl = `http://127.0.0.1:${(hookServer.address() as { port: number }).port}/hooks`;
    const state = await shopifyAdapter.webhooks!.install(session, {
      url: hookUrl,
      secret: "x",
      integrationId: "1",
      contentTypes: ["product"],
    });
    expect(state).toMatchObject({ installed: true, configured: true, points_here: true });
    await shopifyAdapter.webhooks!.install(session, {
      url: hookUrl,
      secret: "x",
      integrationId: "1",
      contentTypes: ["product"],
    });
    expect([...shop.state.webhooks.values()].filter((w) => w.uri === hookUrl)).toHaveLength(3);
    const product = shop.state.seedProduct({ title: "Blue mug", tags: ["mugs"] });
    const [outcome] = await session.push([
      {
        ...post(
          "ignored title",
          {
            content: "<p>Better</p>",
            seo: { seo_title: "Mug", seo_description: "A mug", focus_keyword: null, canonical_url: null },
          },
          "product",
        ),
        externalId: String(product.id),
      },
    ]);
    expect(outcome.ok).toBe(true);
    expect(shop.state.products.get(product.id)).toMatchObject({
      title: "Blue mug",
      tags: ["mugs"],
      descriptionHtml: "<p>Better</p>",
      seo: { title: "Mug" },
    });
    await Promise.all(shop.deliveries);
    hookServer.close();
    expect(received).toHaveLength(1);
    expect(shopifyAdapter.webhooks!.verify(received[0].raw, received[0].headers, [shop.app.clientSecret])).toBe(true);
    expect(shopifyAdapter.webhooks!.parse(JSON.parse(received[0].raw))).toMatchObject({
      ok: true,
      hints: { type: "product", externalId: String(product.id) },
    });
    const [created] = await session.push([post("New product", {}, "product")]);
    expect(created).toMatchObject({ ok: false, error: { code: "unsupported" } });
  });
});

describe("the change feed's head", () => {
  it("holds every item of its last 5 seconds, however many (past one request's 50), and a walk from it repeats none", async () => {
    shop.state.advance(60_000);
    // One reading of the shop's clock (whole seconds) for every stamp and for the expected head: read
    // again after the requests below, it may have moved on to the next second.
    const base = Date.parse(shop.state.now());
    const at = (ms: number) => new Date(base + ms).toISOString().replace(".000Z", "Z");
    const add = (title: string, updatedAt: string) => {
      const id = shop.state.nextId();
      const fields = {
        summary: null,
        tags: [],
        image: null,
        isPublished: true,
        publishedAt: updatedAt,
        author: "Staff",
      };
      const record = { id, blogId: 1, title, handle: `head-${id}`, body: `<p>${title}</p>` };
      shop.state.articles.set(id, { ...record, ...fields, createdAt: updatedAt, updatedAt, metafields: new Map() });
      return String(id);
    };
    const older = add("Before the window", at(-10_000));
    const recent = Array.from({ length: 70 }, (_, i) => add(`In the window ${i}`, at(-4_000 + (i % 4) * 1_000)));
    shop.log.length = 0;

    const head = await session.readHead("post");
    expect(head.since).toBe(at(-1_000));
    const seen = (head.seen as string[]).map((key) => key.split("@")[0]);
    expect(new Set(seen)).toEqual(new Set(recent));
    expect(shop.log.map((r) => r.operationName)).toEqual(["ArticleVersions", "ArticleVersions"]);

    const walked = [];
    for await (const page of session.listChanges({ contentTypes: ["post"], cursors: { post: head } }))
      walked.push(...page.items.map((i) => i.externalId));
    expect(walked.filter((id) => recent.includes(id) || id === older)).toEqual([]);
  });
});

describe("a full listing", () => {
  /** A shop of its own with `count` published articles, whose bucket never runs dry: no THROTTLED retry muddles the order of requests. */
  async function roomyShopWith(count: number) {
    const roomy = await startAllowedShop({ bucket: { maximumAvailable: 1_000_000, restoreRate: 1_000_000 } });
    onTestFinished(() => roomy.close());
    for (let i = 0; i < count; i++) {
      const id = roomy.state.nextId();
      const at = roomy.state.now();
      const fields = { summary: null, tags: [], image: null, isPublished: true, publishedAt: at, author: "Staff" };
      const record = { id, blogId: 1, title: `Listed ${i}`, handle: `listed-${id}`, body: `<p>${i}</p>` };
      roomy.state.articles.set(id, { ...record, ...fields, createdAt: at, updatedAt: at, metafields: new Map() });
    }
    return roomy;
  }

  it("asks for page 2 as soon as page 1 names it, without waiting for the count, and never twice", async () => {
    const roomy = await roomyShopWith(60);
    const sent: string[] = [];
    let countAnswered = false;
    // The count is answered once page 2 has been asked for (or after 5 s, when it never is), however
    // long page 1 takes: a fixed delay would race page 1's answer on a busy machine.
    let askedForPageTwo: (() => void) | undefined;
    const pageTwo = new Promise<void>((resolve) => (askedForPageTwo = () => resolve()));
    const slowCount: typeof http = async (url, init = {}) => {
      const name = /(?:query|mutation)\s+(\w+)/.exec(String(init.body))?.[1] ?? "";
      const after = (JSON.parse(String(init.body)) as { variables?: { after?: string | null } }).variables?.after;
      sent.push(`${name}${after ? " after" : ""}${countAnswered ? "" : " (count pending)"}`);
      if (name === "ListArticles" && after) askedForPageTwo?.();
      if (name !== "ListBlogs") return http(url, init);
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([pageTwo, new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
      clearTimeout(timer);
      const res = await http(url, init);
      countAnswered = true;
      return res;
    };
    const listing = shopifyAdapter.connect({
      siteUrl: roomy.url,
      credentials: { access_token: roomy.tokens.issueStatic() },
      http: slowCount,
    });

    const first = await listing.listItems("post", 1);
    expect(sent).toEqual([
      "ListBlogs (count pending)",
      "ListArticles (count pending)",
      "ListArticles after (count pending)",
    ]);
    const second = await listing.listItems("post", 2);
    expect(sent.filter((s) => s.startsWith("ListArticles"))).toHaveLength(2);
    expect(first.items).toHaveLength(50);
    expect(second.items.length).toBeGreaterThan(0);
    const ids = [...first.items, ...second.items].map((i) => Number(i.externalId));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("sends the next page's request before it hands back the page that named it", async () => {
    const roomy = await roomyShopWith(120);
    const events: string[] = [];
    const pages = new Map<string, number>();
    const recording: typeof http = async (url, init = {}) => {
      const { query, variables } = JSON.parse(String(init.body)) as { query: string; variables: { after?: string } };
      if (/query ListArticles\b/.test(query)) {
        const page = variables.after ? pages.get(variables.after)! : 1;
        events.push(`page ${page} asked for`);
        const res = await http(url, init);
        const body = (await res.clone().json()) as { data: { articles: { pageInfo: { endCursor: string } } } };
        pages.set(body.data.articles.pageInfo.endCursor, page + 1);
        return res;
      }
      return http(url, init);
    };
    const listing = shopifyAdapter.connect({
      siteUrl: roomy.url,
      credentials: { access_token: roomy.tokens.issueStatic() },
      http: recording,
    });

    const first = await listing.listItems("post", 1);
    expect(first.pages).toBe(3);
    // The engine's lanes ask for the next pages together; page 3 can only be asked for once page 2 names it.
    const [second, third] = await Promise.all(
      [2, 3].map((page) =>
        listing.listItems("post", page).then((result) => {
          events.push(`page ${page} handed back`);
          return result;
        }),
      ),
    );
    expect(events).toEqual([
      "page 1 asked for",
      "page 2 asked for",
      "page 3 asked for",
      "page 2 handed back",
      "page 3 handed back",
    ]);
    expect([second.items.length, third.items.length]).toEqual([50, 20]);
  });
});
