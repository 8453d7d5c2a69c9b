import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { createSite } from "@/db/queries/sites";
import { contentConflicts, syncRuns } from "@/db/tables";
import { getPlatformAdapter } from "@/lib/platforms/registry";
import { createContentBodySchema, updateContentBodySchema } from "@/lib/schemas/content";
import { egressFetch } from "@/lib/server/egress";
import { createTestTenant } from "@/test/support/db";
import { editInGhost, getGhostTestSite } from "@/test/support/ghost";
import { createContent, getContentDto, updateContent } from "../content";
import { toIntegrationDto } from "../integrations";
import { connectSite } from "../integrations-connect";
import { publishContent } from "./publish-now";
import { executeSyncRun } from "./runs";

// The engine against a real Ghost 5 through the Ghost adapter: nothing here is Ghost-specific but
// the credentials and the edits a Ghost user makes.
const ghost = getGhostTestSite();

async function pull(db: Db, accountId: string, integrationId: string) {
  const [row] = await db.insert(syncRuns).values({ accountId, integrationId, direction: "pull" }).returning();
  await executeSyncRun(db, row.id);
  const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, row.id));
  expect(run).toMatchObject({ status: "completed", failed: 0 });
  return run;
}

describe.skipIf(!ghost)("the sync engine on a real Ghost", () => {
  it("connects with an Admin API key, publishes, pulls edits back and records an edit on both sides", async () => {
    const { db, auth } = await createTestTenant("ghost");
    const accountId = auth.accountId;
    const site = await createSite(db, { accountId, name: "Ghost blog", url: ghost!.url });
    const { integration, site: row } = await connectSite(db, accountId, {
      site_id: site.id,
      platform: "ghost",
      external_site_url: ghost!.url,
      credentials: { admin_api_key: ghost!.adminApiKey },
    });
    const dto = toIntegrationDto({ integration, site: row });
    expect(dto).toMatchObject({ platform: "ghost", credentials: { has_admin_api_key: true } });
    expect(JSON.stringify(dto)).not.toContain(ghost!.adminApiKey.split(":")[1]);

    const title = `Ghost engine ${Date.now().toString(36)}`;
    const body = createContentBodySchema.parse({
      title,
      content: "<p>From IGNY8</p>",
      status: "approved",
      categories: ["Gardening"],
      tags: ["tulips"],
      seo_title: "Tulips | Garden",
      seo_description: "Plant them in October.",
    });
    const item = await createContent(db, accountId, site.id, body);
    const published = await publishContent(db, accountId, item.id);
    expect(published).toMatchObject({ platform: "ghost", sync_state: "synced", status: "published" });
    const postId = published.external_id!;
    const remote = await getPlatformAdapter("ghost")
      .connect({ siteUrl: ghost!.url, credentials: { admin_api_key: ghost!.adminApiKey }, http: egressFetch })
      .getItem("post", postId);
    expect(remote).toMatchObject({ title, status: "published", seo: { seo_title: "Tulips | Garden" } });

    // A full pull finds our post as we left it: nothing changes.
    await pull(db, accountId, integration.id);
    const after = await getContentDto(db, accountId, item.id);
    expect(after).toMatchObject({ title, categories: ["Gardening"], tags: ["tulips"], sync_state: "synced" });

    // An edit in Ghost comes back with the next pull.
    await new Promise((r) => setTimeout(r, 1100));
    await editInGhost(ghost!, postId, { title: `${title} (Ghost)` });
    await pull(db, accountId, integration.id);
    expect(await getContentDto(db, accountId, item.id)).toMatchObject({
      title: `${title} (Ghost)`,
      categories: ["Gardening"],
      tags: ["tulips"],
      sync_state: "synced",
    });

    // Both sides edited: the pull records a conflict and leaves ours as it is.
    await new Promise((r) => setTimeout(r, 1100));
    await editInGhost(ghost!, postId, { title: `${title} (Ghost again)` });
    await updateContent(db, accountId, item.id, updateContentBodySchema.parse({ title: `${title} (ours)` }));
    await pull(db, accountId, integration.id);
    const mine = await getContentDto(db, accountId, item.id);
    expect(mine).toMatchObject({ title: `${title} (ours)`, sync_state: "conflict" });
    const conflicts = await db.select().from(contentConflicts).where(eq(contentConflicts.contentId, item.id));
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0].wordpressVersion).toMatchObject({ title: `${title} (Ghost again)` });
  });
});
