import { afterAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { createSite } from "@/db/queries/sites";
import { contentRefs, syncRuns } from "@/db/tables";
import { createContentBodySchema, updateContentBodySchema } from "@/lib/schemas/content";
import { createContent, getContentDto, updateContent } from "@/lib/server/services/content";
import { listCollectionFields, listCollections } from "@/lib/server/services/integration-setup";
import { toIntegrationDto } from "@/lib/server/services/integrations";
import { connectSite } from "@/lib/server/services/integrations-connect";
import { savePublishingSettings } from "@/lib/server/services/publishing";
import { runPublishingTick } from "@/lib/server/services/publishing-tick";
import { publishContent } from "@/lib/server/services/sync/publish-now";
import { executeSyncRun } from "@/lib/server/services/sync/runs";
import { createTestTenant } from "@/test/support/db";
import { startWebflowServer } from "./testing/server";
import { blogConfig, userClient } from "./testing/subject";

// IGNY8's engine, connect API and storage against the spec-validated Webflow server, through the
// registered adapter (WEBFLOW_API_URL points it there): publish live, pull back, a Webflow edit.
const server = await startWebflowServer();
process.env.WEBFLOW_API_URL = server.apiBaseUrl;
process.env.EGRESS_ALLOW = [process.env.EGRESS_ALLOW, new URL(server.origin).host].filter(Boolean).join(",");
afterAll(async () => {
  await server.close();
  expect(server.violations).toEqual([]);
});

async function pull(db: Db, accountId: string, integrationId: string) {
  const [row] = await db.insert(syncRuns).values({ accountId, integrationId, direction: "pull" }).returning();
  await executeSyncRun(db, row.id);
  const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, row.id));
  expect(run).toMatchObject({ status: "completed", failed: 0 });
  return run;
}

describe("the sync engine on the Webflow test server", () => {
  it("connects a collection with its field map, publishes live, pulls back and brings a Webflow edit in", async () => {
    const { db, auth } = await createTestTenant("webflow");
    const accountId = auth.accountId;
    const site = await createSite(db, { accountId, name: "Webflow blog", url: server.origin });
    const token = server.fixture.tokens.full;
    const { integration } = await connectSite(db, accountId, {
      site_id: site.id,
      platform: "webflow",
      external_site_url: server.origin,
      credentials: { api_token: token },
      config_json: blogConfig(server),
    });
    expect(toIntegrationDto({ integration, site })).toMatchObject({
      platform: "webflow",
      credentials: { has_api_token: true, api_token_last4: token.slice(-4) },
    });

    // The mapping screen's data: the blog collection, and its fields with the roles IGNY8 suggests.
    const collections = await listCollections(db, accountId, integration.id);
    expect(collections).toContainEqual(
      expect.objectContaining({ id: server.fixture.blogId, site_id: server.fixture.siteId }),
    );
    const fields = await listCollectionFields(db, accountId, integration.id, server.fixture.blogId);
    const suggested = Object.fromEntries(fields.filter((f) => f.suggested_role).map((f) => [f.suggested_role, f.slug]));
    expect(suggested).toMatchObject({ body: blogConfig(server).field_map.body });

    const body = createContentBodySchema.parse({
      title: "Pruning apple trees",
      content: "<p>In late winter.</p>",
      excerpt: "When and how to prune.",
      status: "approved",
      seo_title: "Pruning apples",
    });
    const item = await createContent(db, accountId, site.id, body);
    const published = await publishContent(db, accountId, item.id);
    expect(published).toMatchObject({ platform: "webflow", sync_state: "synced", status: "published" });
    const live = await userClient(server).collections.items.getItemLive(server.fixture.blogId, published.external_id!);
    expect(live.fieldData).toMatchObject({ name: "Pruning apple trees" });

    await pull(db, accountId, integration.id);
    expect(await getContentDto(db, accountId, item.id)).toMatchObject({
      title: "Pruning apple trees",
      sync_state: "synced",
    });

    await userClient(server).collections.items.updateItem(server.fixture.blogId, published.external_id!, {
      fieldData: { name: "Pruning apple trees (edited)" } as never,
    });
    await pull(db, accountId, integration.id);
    expect(await getContentDto(db, accountId, item.id)).toMatchObject({ title: "Pruning apple trees (edited)" });

    // Webflow cannot schedule: an item due later goes up as a draft, and goes live when IGNY8 publishes it then.
    const later = await createContent(
      db,
      accountId,
      site.id,
      createContentBodySchema.parse({
        title: "Spring planting",
        content: "<p>Soon.</p>",
        status: "scheduled",
        scheduled_at: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    );
    const staged = await publishContent(db, accountId, later.id);
    expect(staged).toMatchObject({ sync_state: "synced", status: "scheduled" });
    const draft = await userClient(server).collections.items.getItem(server.fixture.blogId, staged.external_id!);
    expect(draft.isDraft).toBe(true);
    await expect(
      userClient(server).collections.items.getItemLive(server.fixture.blogId, staged.external_id!),
    ).rejects.toThrow();
    await updateContent(
      db,
      accountId,
      later.id,
      updateContentBodySchema.parse({ scheduled_at: new Date(Date.now() - 1000).toISOString() }),
    );
    // At its time the publishing scheduler (auto-publish on) takes it: the manual send left its slot free.
    await savePublishingSettings(db, accountId, site.id, { auto_publish_enabled: true });
    const tick = await runPublishingTick(db, new Date(), { accountId });
    expect(tick.published).toEqual([later.id]);
    expect(await getContentDto(db, accountId, later.id)).toMatchObject({ status: "published", sync_state: "synced" });
    const liveNow = await userClient(server).collections.items.getItemLive(server.fixture.blogId, staged.external_id!);
    expect(liveNow.fieldData).toMatchObject({ name: "Spring planting" });
  });

  it("an item deleted in Webflow is marked remote_deleted by the next (incremental) pull; the rest stay synced", async () => {
    const { db, auth } = await createTestTenant("webflow-deleted");
    const accountId = auth.accountId;
    const site = await createSite(db, { accountId, name: "Webflow blog", url: server.origin });
    const { integration } = await connectSite(db, accountId, {
      site_id: site.id,
      platform: "webflow",
      external_site_url: server.origin,
      credentials: { api_token: server.fixture.tokens.full },
      config_json: blogConfig(server),
    });
    // 150 items written in Webflow (straight into the test server's state): two pages of ids.
    const ids = Array.from({ length: 150 }, (_, i) =>
      server.store.create(server.fixture.blogId, { name: `Seeded ${i}`, slug: `seeded-${i}` }, true),
    ).map((e) => e.staged.id);
    const refOf = async (externalId: string) =>
      (
        await db
          .select()
          .from(contentRefs)
          .where(and(eq(contentRefs.integrationId, integration.id), eq(contentRefs.externalId, externalId)))
      )[0];
    const first = await pull(db, accountId, integration.id);
    expect(first.checkpoint).toMatchObject({ pull: { doneTypes: expect.arrayContaining(["post"]) } });
    expect(await refOf(ids[7])).toMatchObject({ syncState: "synced" });

    // Deleted in Webflow: nothing in the lastUpdated listing says so (and no webhook is installed).
    await userClient(server).collections.items.deleteItem(server.fixture.blogId, ids[7]);
    const before = { ...server.stats.byOperation };
    const second = await pull(db, accountId, integration.id);
    const sent = (op: string) => (server.stats.byOperation[op] ?? 0) - (before[op] ?? 0);
    expect(second.checkpoint).not.toHaveProperty("pull.full");
    expect(await refOf(ids[7])).toMatchObject({ syncState: "remote_deleted" });
    for (const id of [ids[0], ids[8], ids[149]]) expect(await refOf(id)).toMatchObject({ syncState: "synced" });
    const [gone] = await db.select().from(contentRefs).where(eq(contentRefs.externalId, ids[7]));
    expect(await getContentDto(db, accountId, gone.contentId!)).toMatchObject({ sync_state: "remote_deleted" });
    // The changes since the cursor (1 listing), every id (100 a listing, the collection's items), the gone one by id.
    const total = server.store.entries(server.fixture.blogId).size;
    expect(sent("list-collection-items")).toBe(1 + Math.ceil(total / 100));
    expect(sent("Get-Item")).toBe(1);
  });
});
