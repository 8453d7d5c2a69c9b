import { afterAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { createSite } from "@/db/queries/sites";
import { contentRefs, siteIntegrations, syncRuns } from "@/db/tables";
import { createContentBodySchema } from "@/lib/schemas/content";
import { createContent, getContentDto } from "@/lib/server/services/content";
import { listCollections } from "@/lib/server/services/integration-setup";
import { toIntegrationDto } from "@/lib/server/services/integrations";
import { connectSite } from "@/lib/server/services/integrations-connect";
import { publishContent } from "@/lib/server/services/sync/publish-now";
import { executeSyncRun } from "@/lib/server/services/sync/runs";
import { createTestTenant } from "@/test/support/db";
import { startShopifyTestServer } from "./testing/server";

// IGNY8's engine, connect API and storage against the spec-validated shop: an article published
// from IGNY8, read back by a pull, edited by the merchant and pulled again.
const shop = await startShopifyTestServer();
process.env.EGRESS_ALLOW = [process.env.EGRESS_ALLOW, new URL(shop.url).host].filter(Boolean).join(",");
afterAll(() => shop.close());

async function pull(db: Db, accountId: string, integrationId: string) {
  const [row] = await db.insert(syncRuns).values({ accountId, integrationId, direction: "pull" }).returning();
  await executeSyncRun(db, row.id);
  const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, row.id));
  expect(run).toMatchObject({ status: "completed", failed: 0 });
  return run;
}

async function connect(credentials: Record<string, string>) {
  const { db, auth } = await createTestTenant("shopify");
  const site = await createSite(db, { accountId: auth.accountId, name: "Store", url: shop.url });
  const row = await connectSite(db, auth.accountId, {
    site_id: site.id,
    platform: "shopify",
    external_site_url: shop.url,
    credentials,
  });
  return { db, accountId: auth.accountId, ...row };
}

describe("the sync engine on the Shopify test shop", () => {
  it("publishes an article, pulls it back unchanged, then brings the merchant's edit in", async () => {
    const token = shop.tokens.issueStatic();
    const { db, accountId, site, integration } = await connect({ access_token: token });
    const dto = toIntegrationDto({ integration, site });
    expect(dto).toMatchObject({ platform: "shopify", credentials: { has_access_token: true } });
    expect(JSON.stringify(dto)).not.toContain(token);
    await expect(listCollections(db, accountId, integration.id)).rejects.toMatchObject({ code: "unsupported" });

    const body = createContentBodySchema.parse({
      title: "Winter care for roses",
      content: "<p>Mulch before the frost.</p>",
      status: "approved",
      tags: ["roses"],
      seo_title: "Roses in winter",
    });
    const item = await createContent(db, accountId, site.id, body);
    const published = await publishContent(db, accountId, item.id);
    expect(published).toMatchObject({ platform: "shopify", sync_state: "synced", status: "published" });
    const article = shop.state.articles.get(Number(published.external_id!.split("/").pop()));
    expect(article).toMatchObject({ title: "Winter care for roses", tags: ["roses"] });

    await pull(db, accountId, integration.id);
    expect(await getContentDto(db, accountId, item.id)).toMatchObject({
      title: "Winter care for roses",
      tags: ["roses"],
      sync_state: "synced",
    });

    shop.state.advance(2_000);
    Object.assign(article!, { title: "Winter care for roses (edited)", updatedAt: shop.state.now() });
    await pull(db, accountId, integration.id);
    expect(await getContentDto(db, accountId, item.id)).toMatchObject({
      title: "Winter care for roses (edited)",
      sync_state: "synced",
    });
  });

  it("connects with the merchant app's client id and secret, and keeps the token it fetched sealed", async () => {
    const { db, accountId, site, integration } = await connect({
      client_id: shop.app.clientId,
      client_secret: shop.app.clientSecret,
    });
    const item = await createContent(
      db,
      accountId,
      site.id,
      createContentBodySchema.parse({ title: "A page of care tips", status: "approved", content_type: "page" }),
    );
    expect(await publishContent(db, accountId, item.id)).toMatchObject({ sync_state: "synced" });
    const [stored] = await db.select().from(siteIntegrations).where(eq(siteIntegrations.id, integration.id));
    expect(JSON.stringify(stored.credentialsJson)).not.toContain(shop.app.clientSecret);
  });
  it("an article deleted in the store is marked remote_deleted by the next (incremental) pull; the rest stay", async () => {
    const { db, accountId, integration } = await connect({ access_token: shop.tokens.issueStatic() });
    const [kept, gone] = ["Kept article", "Deleted article"].map((title) => {
      const id = shop.state.nextId();
      const now = shop.state.now();
      const record = {
        id,
        blogId: 1,
        title,
        handle: `${title.toLowerCase().replace(" ", "-")}-${id}`,
        body: "<p>x</p>",
      };
      const fields = { summary: null, tags: [], image: null, isPublished: true, publishedAt: now, author: "Staff" };
      shop.state.articles.set(id, { ...record, ...fields, createdAt: now, updatedAt: now, metafields: new Map() });
      return String(id);
    });
    const refOf = async (externalId: string) =>
      (
        await db
          .select()
          .from(contentRefs)
          .where(and(eq(contentRefs.integrationId, integration.id), eq(contentRefs.externalId, externalId)))
      )[0];
    const first = await pull(db, accountId, integration.id);
    expect(first.checkpoint).toMatchObject({ pull: { doneTypes: expect.arrayContaining(["post"]) } });
    expect(await refOf(gone)).toMatchObject({ syncState: "synced" });

    // Deleted by the merchant: Shopify has no article webhook and nothing changed since the cursor.
    shop.state.articles.delete(Number(gone));
    const logged = shop.log.length;
    const second = await pull(db, accountId, integration.id);
    const sent = shop.log.slice(logged).map((l) => l.operationName);
    expect(sent).toContain("ListArticleIds");
    expect(second.checkpoint).not.toHaveProperty("pull.full");
    expect(await refOf(gone)).toMatchObject({ syncState: "remote_deleted" });
    expect(await refOf(kept)).toMatchObject({ syncState: "synced" });
    const [item] = await db.select().from(contentRefs).where(eq(contentRefs.externalId, gone));
    expect(await getContentDto(db, accountId, item.contentId!)).toMatchObject({ sync_state: "remote_deleted" });
  });
});
