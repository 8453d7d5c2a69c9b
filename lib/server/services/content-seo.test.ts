import { describe, expect, it } from "vitest";
import * as q from "@/db/queries/content";
import { createContentBodySchema, updateContentBodySchema } from "@/lib/schemas/content";
import { siteIntegrations } from "@/db/tables";
import { createTestTenant } from "@/test/support/db";
import { putRef } from "@/test/support/refs";
import { createContent, updateContent } from "./content";
import { createSite } from "./sites";

const seo = {
  seo_title: "Ten café tips",
  seo_description: "Where to sit, what to order.",
  focus_keyword: "café tips",
  canonical_url: "https://blog.example.com/cafe-tips/",
};

describe("SEO fields of a content item", async () => {
  const { db, auth } = await createTestTenant("content-seo");
  const accountId = auth.accountId;
  const site = await createSite(db, accountId, { name: "Blog", url: "https://blog.example.com" });
  const [integration] = await db
    .insert(siteIntegrations)
    .values({ accountId, siteId: site.id, externalSiteUrl: site.url })
    .returning();

  let posts = 0;

  /** A created item marked as in sync with WordPress (both sides agree on its current hash). */
  async function syncedItem() {
    const body = createContentBodySchema.parse({ title: "Café tips", ...seo });
    const item = await createContent(db, accountId, site.id, body);
    const row = (await q.getContent(db, { accountId, id: item.id }))!;
    await putRef(db, {
      contentId: item.id,
      integrationId: integration.id,
      accountId,
      externalId: String(++posts),
      baseHash: row.contentHash,
    });
    return { item, row };
  }

  it("is stored and answered; an item without them hashes as before", async () => {
    const { item, row } = await syncedItem();
    expect(item).toMatchObject(seo);
    const bare = await createContent(db, accountId, site.id, createContentBodySchema.parse({ title: "Café tips" }));
    const bareRow = (await q.getContent(db, { accountId, id: bare.id }))!;
    expect(bare).toMatchObject({ seo_title: null, seo_description: null, focus_keyword: null, canonical_url: null });
    expect(row.contentHash).not.toBe(bareRow.contentHash);
  });

  it("an SEO edit of a synced item is a change to push; the same values sent back are not", async () => {
    const { item } = await syncedItem();
    const same = await updateContent(db, accountId, item.id, updateContentBodySchema.parse({ ...seo }));
    expect(same.sync_state).toBe("synced");
    const body = updateContentBodySchema.parse({ seo_description: "New" });
    const edited = await updateContent(db, accountId, item.id, body);
    expect(edited).toMatchObject({ seo_description: "New", sync_state: "pending" });
  });

  it("clearing every SEO field gives back the hash of an item that never had them", async () => {
    const { item } = await syncedItem();
    const none = { seo_title: "", seo_description: null, focus_keyword: "  ", canonical_url: "" };
    const cleared = await updateContent(db, accountId, item.id, updateContentBodySchema.parse(none));
    expect(cleared).toMatchObject({ seo_title: null, seo_description: null, focus_keyword: null, canonical_url: null });
    const bare = await createContent(db, accountId, site.id, createContentBodySchema.parse({ title: "Café tips" }));
    const [a, b] = await Promise.all([item.id, bare.id].map((id) => q.getContent(db, { accountId, id })));
    expect(a!.contentHash).toBe(b!.contentHash);
  });
});
