import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { contentTaxonomies, contentTaxonomyLinks, taxonomyRefs } from "@/db/tables";
import { replaceRemoteTerms } from "@/db/queries/taxonomies";
import { createContent, getContentDto, listSiteContent, updateContent } from "./content";
import { addWordPressIntegration, create, page, patch, tenantWithSite } from "./content.fixtures";
import { createSite } from "./sites";

describe("content service", async () => {
  const a = await tenantWithSite("content-a");
  // The WordPress integration of a's site, for terms WordPress has.
  const { onWordPress } = await addWordPressIntegration(a);

  it("creates a draft with a slug from its title and its terms by name", async () => {
    const item = await createContent(
      a.db,
      a.accountId,
      a.site.id,
      create({ title: "Café Tips: Ten Things!", categories: ["Travel", "Food & Drink"], tags: ["paris"] }),
    );
    expect(item).toMatchObject({
      title: "Café Tips: Ten Things!",
      slug: "cafe-tips-ten-things",
      status: "draft",
      content_type: "post",
      categories: ["Food & Drink", "Travel"],
      tags: ["paris"],
      sync_state: "local",
      wordpress_id: null,
      last_sync_event: null,
    });
  });

  it("re-uses a site's term by slug instead of creating a second one, and creates it without a WordPress id", async () => {
    await createContent(a.db, a.accountId, a.site.id, create({ title: "One", tags: ["Road Trips"] }));
    const second = await createContent(
      a.db,
      a.accountId,
      a.site.id,
      create({ title: "Two", tags: ["road trips", "Road-Trips"] }),
    );
    expect(second.tags).toEqual(["Road Trips"]);
    const terms = await a.db
      .select()
      .from(contentTaxonomies)
      .where(and(eq(contentTaxonomies.siteId, a.site.id), eq(contentTaxonomies.slug, "road-trips")));
    expect(terms).toHaveLength(1);
    expect(terms[0]).toMatchObject({ type: "tag", accountId: a.accountId });
    expect(await a.db.select().from(taxonomyRefs).where(eq(taxonomyRefs.taxonomyId, terms[0].id))).toEqual([]);
  });

  it("replaces categories on edit and leaves tags alone when they are not sent", async () => {
    const item = await createContent(
      a.db,
      a.accountId,
      a.site.id,
      create({ title: "Edit me", categories: ["Old"], tags: ["keep"] }),
    );
    const edited = await updateContent(
      a.db,
      a.accountId,
      item.id,
      patch({ categories: ["New", "Newer"], excerpt: "Short." }),
    );
    expect(edited).toMatchObject({ categories: ["New", "Newer"], tags: ["keep"], excerpt: "Short." });
    expect((await updateContent(a.db, a.accountId, item.id, patch({ tags: [] }))).tags).toEqual([]);
  });

  it("drops a term that WordPress no longer has from every item that had it", async () => {
    const item = await createContent(
      a.db,
      a.accountId,
      a.site.id,
      create({ title: "Tagged", tags: ["Gone Soon", "Stays"] }),
    );
    const scope = { ...onWordPress, siteId: a.site.id, type: "tag" as const };
    const termOf = async (slug: string) =>
      (
        await a.db
          .select()
          .from(contentTaxonomies)
          .where(and(eq(contentTaxonomies.siteId, a.site.id), eq(contentTaxonomies.slug, slug)))
      )[0];
    const gone = await termOf("gone-soon");
    const stays = await termOf("stays");
    await a.db.insert(taxonomyRefs).values([
      { ...onWordPress, taxonomyId: gone.id, externalId: "9001" },
      { ...onWordPress, taxonomyId: stays.id, externalId: "9002" },
    ]);
    await replaceRemoteTerms(a.db, scope, [
      { externalId: "9002", name: "Stays", slug: "stays", parentExternalId: null },
    ]);
    expect((await getContentDto(a.db, a.accountId, item.id)).tags).toEqual(["Stays"]);
    expect(await a.db.select().from(contentTaxonomyLinks).where(eq(contentTaxonomyLinks.taxonomyId, gone.id))).toEqual(
      [],
    );
  });

  it("leaves a local-only item local after an edit", async () => {
    const item = await createContent(a.db, a.accountId, a.site.id, create({ title: "Local" }));
    expect((await updateContent(a.db, a.accountId, item.id, patch({ content: "<p>Body</p>" }))).sync_state).toBe(
      "local",
    );
  });

  it("needs a date for scheduled content, also when the status is set by an edit", async () => {
    const item = await createContent(a.db, a.accountId, a.site.id, create({ title: "Later" }));
    await expect(updateContent(a.db, a.accountId, item.id, patch({ status: "scheduled" }))).rejects.toMatchObject({
      code: "validation_error",
      status: 422,
    });
    const scheduled = await updateContent(
      a.db,
      a.accountId,
      item.id,
      patch({ status: "scheduled", scheduled_at: "2031-05-01T09:00:00Z" }),
    );
    expect(scheduled).toMatchObject({ status: "scheduled", scheduled_at: "2031-05-01T09:00:00.000Z" });
  });

  it("filters by status, type and search (with % taken literally), newest first", async () => {
    const site = await createSite(a.db, a.accountId, { name: "Filters", url: "https://filters.example.com" });
    await createContent(a.db, a.accountId, site.id, create({ title: "100% organic", status: "review" }));
    await createContent(a.db, a.accountId, site.id, create({ title: "About us", content_type: "page" }));
    await createContent(a.db, a.accountId, site.id, create({ title: "Organic gardening", status: "review" }));
    const titles = async (query: Record<string, string>) =>
      (await listSiteContent(a.db, a.accountId, site.id, { ...page, ...query })).results.map((r) => r.title);
    expect(await titles({})).toEqual(["Organic gardening", "About us", "100% organic"]);
    expect(await titles({ status: "review" })).toEqual(["Organic gardening", "100% organic"]);
    expect(await titles({ content_type: "page" })).toEqual(["About us"]);
    expect(await titles({ search: "ORGANIC" })).toEqual(["Organic gardening", "100% organic"]);
    expect(await titles({ search: "0%" })).toEqual(["100% organic"]);
    expect(await titles({ search: "%" })).toEqual(["100% organic"]);
    const second = await listSiteContent(a.db, a.accountId, site.id, { page: 2, page_size: 2 });
    expect({ count: second.count, titles: second.results.map((r) => r.title) }).toEqual({
      count: 3,
      titles: ["100% organic"],
    });
  });
});
