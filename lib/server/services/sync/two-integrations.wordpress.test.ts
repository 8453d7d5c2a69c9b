import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { contentRefs, siteIntegrations } from "@/db/tables";
import { createContentBodySchema } from "@/lib/schemas/content";
import { createTestTenant } from "@/test/support/db";
import { createTestIntegration } from "@/test/support/integration";
import { getWordPressTestSite, uniqueName, wpRest, type WordPressTestSite } from "@/test/support/wordpress";
import { createContent, getContentDto } from "../content";
import { toIntegrationDto } from "../integrations";
import { connectSite, deleteIntegration } from "../integrations-connect";
import { createSyncContext } from "./context";
import { publishContent } from "./publish-now";
import { storeRemoteItem } from "./pull-by-id";

// One site, two WordPress integrations: the fixture without the plugin (the site's own credentials)
// and the one with it (credentials of its own, sealed in the integration; it writes SEO meta, so
// the canonical URL lent by the first destination can be read there).
const wp = getWordPressTestSite();
const plain = getWordPressTestSite("plain");
const made: Array<[WordPressTestSite, string]> = [];

afterAll(async () => {
  for (const [site, id] of made) await wpRest(site, "DELETE", `/wp/v2/posts/${id}`, { query: { force: "true" } });
});

describe.skipIf(!wp || !plain)("a site with two integrations", () => {
  it("publishes to both (the second names the first as canonical), pulls from one without touching the other, deletes one leaving the other", async () => {
    const { db, auth } = await createTestTenant("two");
    const accountId = auth.accountId;
    const { site, integration: first } = await createTestIntegration(db, accountId, plain!);
    const second = await connectSite(db, accountId, {
      site_id: site.id,
      platform: "wordpress",
      external_site_url: wp!.url,
      username: wp!.username,
      application_password: wp!.applicationPassword,
    });
    expect(second.integration.id).not.toBe(first.id);
    // Its password is sealed in the integration, never readable; the answer shows the last four only.
    expect(JSON.stringify(second.integration.credentialsJson)).not.toContain(wp!.applicationPassword);
    expect(toIntegrationDto(second).credentials).toEqual({
      username: wp!.username,
      has_password: true,
      password_last4: wp!.applicationPassword.slice(-4),
    });

    const title = uniqueName("Two destinations");
    const body = createContentBodySchema.parse({ title, content: "<p>Both</p>", status: "approved" });
    const item = await createContent(db, accountId, site.id, body);
    const published = await publishContent(db, accountId, item.id);
    expect(published.destinations?.map((d) => [d.integration_id, d.sync_state, d.event?.status])).toEqual([
      [first.id, "synced", "success"],
      [second.integration.id, "synced", "success"],
    ]);
    const dto = await getContentDto(db, accountId, item.id);
    expect(dto.references).toHaveLength(2);
    const [onFirst, onSecond] = [first.id, second.integration.id].map((id) =>
      dto.references.find((r) => r.integration_id === id)!,
    );
    made.push([plain!, onFirst.external_id!], [wp!, onSecond.external_id!]);
    expect(dto.wordpress_id).toBe(Number(onFirst.external_id));
    for (const [target, ref] of [
      [plain!, onFirst],
      [wp!, onSecond],
    ] as const) {
      const post = await wpRest<{ title: { raw: string } }>(target, "GET", `/wp/v2/posts/${ref.external_id}`, {
        query: { context: "edit" },
      });
      expect(post.data.title.raw).toBe(title);
    }

    // The second destination names the first as canonical (the item has no canonical URL of its own).
    const meta = await wpRest<{ meta: Record<string, string> }>(wp!, "GET", `/wp/v2/posts/${onSecond.external_id}`, {
      query: { context: "edit", _fields: "meta" },
    });
    expect(meta.data.meta).toMatchObject({ _yoast_wpseo_canonical: onFirst.url, rank_math_canonical_url: onFirst.url });
    expect(dto.canonical_url).toBeNull();

    // An edit on the first WordPress comes back through the first integration only.
    const refsBefore = await db.select().from(contentRefs).where(eq(contentRefs.integrationId, second.integration.id));
    await new Promise((r) => setTimeout(r, 1100));
    await wpRest(plain!, "POST", `/wp/v2/posts/${onFirst.external_id}`, { json: { title: `${title} (edited)` } });
    const ctx = await createSyncContext(db, { integration: first, site });
    const pulled = await storeRemoteItem(ctx, { externalId: onFirst.external_id! });
    expect(pulled).toMatchObject({ action: "updated", contentId: item.id });
    expect(await getContentDto(db, accountId, item.id)).toMatchObject({
      title: `${title} (edited)`,
      canonical_url: null,
    });
    const refsAfter = await db.select().from(contentRefs).where(eq(contentRefs.integrationId, second.integration.id));
    expect(refsAfter).toEqual(refsBefore);

    // Deleting the second integration removes its reference; the first and the site's credentials stay.
    await deleteIntegration(db, accountId, second.integration.id);
    const after = await getContentDto(db, accountId, item.id);
    expect(after.references.map((r) => [r.integration_id, r.external_id, r.sync_state])).toEqual([
      [first.id, onFirst.external_id, "synced"],
    ]);
    expect(after.wordpress_id).toBe(Number(onFirst.external_id));
    expect(await db.select().from(siteIntegrations).where(eq(siteIntegrations.siteId, site.id))).toHaveLength(1);
    await expect(
      (await createSyncContext(db, { integration: first, site })).session.verifyCredentials(),
    ).resolves.toBeUndefined();
  });
});
