import { afterAll, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createSite } from "@/db/queries/sites";
import { content, syncRuns } from "@/db/tables";
import { connectSite } from "@/lib/server/services/integrations-connect";
import { createSyncContext } from "@/lib/server/services/sync/context";
import { pushItems } from "@/lib/server/services/sync/push";
import { executeSyncRun } from "@/lib/server/services/sync/runs";
import { createTestTenant } from "@/test/support/db";
import { startShopifyTestServer } from "./testing/server";

// What a full pull costs a store in requests and in its bucket's points: Shopify paces every app
// by points (a standard plan restores 100 a second), so every request it does not need is time.
const shop = await startShopifyTestServer({ bucket: { maximumAvailable: 1_000_000, restoreRate: 1_000_000 } });
process.env.EGRESS_ALLOW = [process.env.EGRESS_ALLOW, new URL(shop.url).host].filter(Boolean).join(",");
afterAll(() => shop.close());

const ARTICLES = 260; // 6 listing pages of 50, the last one short

it("a full pull with pages read four at a time asks for each listing page once, counts the articles once and reads the tags once", async () => {
  const base = Date.parse(shop.state.now()) - ARTICLES * 1000;
  for (let i = 0; i < ARTICLES; i++) {
    const id = shop.state.nextId();
    const at = new Date(base + i * 1000).toISOString().replace(".000Z", "Z");
    const fields = { summary: null, tags: [], image: null, isPublished: true, publishedAt: at, author: "Staff" };
    const record = { id, blogId: 1, title: `Article ${i}`, handle: `article-${i}`, body: `<p>${i}</p>` };
    shop.state.articles.set(id, { ...record, ...fields, createdAt: at, updatedAt: at, metafields: new Map() });
  }
  const { db, auth } = await createTestTenant("shopify-pull-cost");
  const site = await createSite(db, { accountId: auth.accountId, name: "Store", url: shop.url });
  const { integration } = await connectSite(db, auth.accountId, {
    site_id: site.id,
    platform: "shopify",
    external_site_url: shop.url,
    credentials: { access_token: shop.tokens.issueStatic() },
  });
  shop.log.length = 0;
  const [row] = await db
    .insert(syncRuns)
    .values({ accountId: auth.accountId, integrationId: integration.id, direction: "pull" })
    .returning();
  await executeSyncRun(db, row.id);

  expect((await db.select().from(syncRuns).where(eq(syncRuns.id, row.id)))[0]).toMatchObject({
    status: "completed",
    failed: 0,
  });
  expect(await db.select().from(content).where(eq(content.siteId, site.id))).toHaveLength(ARTICLES);
  const requests = (operation: string) => shop.log.filter((r) => r.operationName === operation).length;
  // 6 pages of the listing; the head of the change feed (the newest articles, ids and times) in one request.
  expect(requests("ListArticles")).toBe(6);
  expect(requests("ArticleVersions")).toBe(1);
  // No separate credentials check: every Admin API request is one.
  expect(requests("ShopDoctor")).toBe(0);
  // The blog's article count, once (250 blogs at 2 points each: ~500 points a time).
  expect(requests("ListBlogs")).toBe(1);
  // The store's tags, once: categories and tags are both tags here.
  expect(requests("ArticleTags")).toBe(1);
});

it("a push of new articles asks for the blog and the shop's name once, then one create per article", async () => {
  const { db, auth } = await createTestTenant("shopify-push-cost");
  const site = await createSite(db, { accountId: auth.accountId, name: "Store", url: shop.url });
  const { integration } = await connectSite(db, auth.accountId, {
    site_id: site.id,
    platform: "shopify",
    external_site_url: shop.url,
    credentials: { access_token: shop.tokens.issueStatic() },
  });
  const rows = [1, 2, 3].map((i) => ({
    accountId: auth.accountId,
    siteId: site.id,
    title: `Pushed ${i}`,
    content: `<p>Pushed ${i}</p>`,
    status: "approved" as const,
  }));
  const items = await db.insert(content).values(rows).returning();
  shop.log.length = 0;
  const outcomes = await pushItems(await createSyncContext(db, { integration, site }), items, { batch: false });

  expect(outcomes.map((o) => o.ok)).toEqual([true, true, true]);
  expect([...shop.state.articles.values()].filter((a) => a.title.startsWith("Pushed "))).toHaveLength(3);
  const requests = (operation: string) => shop.log.filter((r) => r.operationName === operation).length;
  expect(requests("CreateArticle")).toBe(3);
  expect(requests("ListBlogs")).toBe(1);
  expect(requests("ShopDoctor")).toBe(1);
});
