import { afterAll, describe, expect, it } from "vitest";
import { PlatformError } from "@/lib/platforms/types";
import { shopifyAdapter } from "./index";
import { http, post, startAllowedShop } from "./test-support";

// A connection's blog against the test shop: listed, created, chosen, checked, and where pushes go.
const shop = await startAllowedShop({ bucket: { maximumAvailable: 20_000, restoreRate: 1_000 } });
afterAll(() => shop.close());
const credentials = { access_token: shop.tokens.issueStatic() };
const blogs = shopifyAdapter.destinations!;
const params = (config: Record<string, unknown> = {}) => ({ siteUrl: shop.url, credentials, http, config });
const session = (config: Record<string, unknown>) => shopifyAdapter.connect(params(config));
const blogOf = (articleId: string) => shop.state.articles.get(Number(articleId))!.blogId;

async function pushOne(config: Record<string, unknown>, title: string, categoryIds: string[] = []) {
  const [outcome] = await session(config).push([post(title, { categoryIds })]);
  return outcome;
}

describe("the store's blogs", () => {
  const garden = blogs.create(params(), { title: "Garden notes" });

  it("are listed oldest first with their article counts; the first is current until one is chosen", async () => {
    const { id } = await garden;
    const listed = await blogs.list(params());
    expect(listed.map((b) => [b.title, b.handle, b.isCurrent])).toEqual([
      ["News", "news", true],
      ["Garden notes", "garden-notes", false],
    ]);
    expect((await blogs.list(params({ blog_id: id }))).map((b) => b.isCurrent)).toEqual([false, true]);
    await pushOne({ blog_id: id }, "Counted");
    expect((await blogs.list(params())).find((b) => b.id === id)?.itemCount).toBe(1);
  });

  it("a new blog with a handle another blog has is a conflict that says what to do; nothing is created", async () => {
    const before = shop.state.blogs.size;
    const error = await blogs.create(params(), { title: "More news", handle: "news" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ code: "conflict", message: expect.stringMatching(/"news" is taken/) });
    expect((error as PlatformError).fix).toMatch(/Choose that blog instead, or give the new blog another handle/);
    expect(shop.state.blogs.size).toBe(before);
    // A title whose handle is taken gets the next free one, as in Shopify.
    expect(await blogs.create(params(), { title: "News" })).toMatchObject({ title: "News", handle: "news-1" });
  });

  it("articles go to the chosen blog; with categories as blogs, the category's blog, else the chosen one", async () => {
    const { id } = await garden;
    const chosen = await pushOne({ blog_id: id }, "Mulching");
    if (!chosen.ok) throw chosen.error;
    expect(blogOf(chosen.item.externalId)).toBe(Number(id));
    expect(shop.state.blogs.get(blogOf(chosen.item.externalId))?.handle).toBe("garden-notes");

    const config = { blog_id: id, categories_as: "blog" };
    const recipes = await session(config).terms.ensure("category", { name: "Recipes" });
    const categorised = await pushOne(config, "Rhubarb crumble", [recipes.externalId]);
    const plain = await pushOne(config, "Uncategorised", []);
    if (!categorised.ok || !plain.ok) throw new Error("push failed");
    expect(shop.state.blogs.get(blogOf(categorised.item.externalId))?.title).toBe("Recipes");
    expect(blogOf(plain.item.externalId)).toBe(Number(id));
  });
});

describe("settings are checked before they are saved", () => {
  it("an unknown blog names the field, the store's blogs and the fix; a known one passes", async () => {
    const problems = await blogs.checkConfig(params({ blog_id: "999999" }));
    expect(problems).toEqual([
      {
        field: "blog_id",
        problem: expect.stringMatching(/^the store has no blog with id 999999 \(its blogs: 1 \(News\)/),
        fix: "Choose one of the store's blogs, or create one, under Integrations → Blog.",
      },
    ]);
    expect(await blogs.checkConfig(params({ blog_id: "gid://shopify/Blog/1", categories_as: "blog" }))).toEqual([]);
  });

  it("a malformed blog id or mapping is named without asking the store", async () => {
    const before = shop.log.length;
    const problems = await blogs.checkConfig(params({ blog_id: "news", categories_as: "collections" }));
    expect(problems.map((p) => [p.field, p.problem])).toEqual([
      ["blog_id", "must be a blog id (a number, or gid://shopify/Blog/<number>)"],
      ["categories_as", 'must be "tags" or "blog"'],
    ]);
    expect(shop.log.length).toBe(before);
  });

  it("an unchanged choice is not asked again (the blog was deleted since: pushes say so instead)", async () => {
    expect(await blogs.checkConfig({ ...params({ blog_id: "424242" }), previous: { blog_id: "424242" } })).toEqual([]);
    const outcome = await pushOne({ blog_id: "424242" }, "Lost");
    expect(outcome).toMatchObject({ ok: false, error: { code: "not_found" } });
    if (outcome.ok) return;
    expect((outcome.error as PlatformError).fix).toMatch(/Integrations → Blog/);
  });
});

describe("a store with no blog", () => {
  it("lists none; the connection test says so, and a push fails the article with what to do instead of guessing", async () => {
    const empty = await startAllowedShop();
    try {
      empty.state.blogs.clear();
      const p = { siteUrl: empty.url, credentials: { access_token: empty.tokens.issueStatic() }, http, config: {} };
      expect(await blogs.list(p)).toEqual([]);
      const report = await shopifyAdapter.doctor(p);
      expect(report).toMatchObject({ connected: true });
      expect(report.notes).toContain(
        "The store has no blog yet, so no article can be published. Choose one of the store's blogs, or create one, under Integrations → Blog.",
      );
      expect((await shopifyAdapter.doctor(params())).notes.join()).not.toMatch(/no blog/);
      const outcomes = await shopifyAdapter.connect(p).push([post("First"), post("Second")]);
      expect(outcomes.map((o) => (o.ok ? "ok" : (o.error as PlatformError).message))).toEqual([
        "The Shopify store has no blog to publish the article to.",
        "The Shopify store has no blog to publish the article to.",
      ]);
      expect(outcomes[0]).toMatchObject({ error: { fix: expect.stringMatching(/choose .* or create one/i) } });
      expect(empty.state.articles.size).toBe(0);
    } finally {
      await empty.close();
    }
  });
});
