import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestTenant } from "@/test/support/db";
import { putRef, refOf } from "@/test/support/refs";
import { contentTaxonomies, contentTaxonomyLinks, siteIntegrations, syncEvents, taxonomyRefs } from "@/db/tables";
import { replaceRemoteTerms } from "@/db/queries/taxonomies";
import * as q from "@/db/queries/content";
import { createContentBodySchema, slugify, updateContentBodySchema } from "@/lib/schemas/content";
import { createSite } from "./sites";
import { contentHash } from "./sync/hash";
import {
  approveContent,
  bulkContent,
  createContent,
  deleteContent,
  getContentDto,
  listSiteContent,
  updateContent,
} from "./content";

const create = (input: Record<string, unknown>) => createContentBodySchema.parse(input);
const patch = (input: Record<string, unknown>) => updateContentBodySchema.parse(input);
const page = { page: 1, page_size: 25 };

async function tenantWithSite(label: string) {
  const tenant = await createTestTenant(label);
  const site = await createSite(tenant.db, tenant.auth.accountId, { name: "Blog", url: "https://blog.example.com" });
  return { ...tenant, accountId: tenant.auth.accountId, site };
}

describe("content service", async () => {
  const a = await tenantWithSite("content-a");
  const b = await tenantWithSite("content-b");
  // The WordPress integration of a's site, for items in sync and terms WordPress has.
  const [integration] = await a.db
    .insert(siteIntegrations)
    .values({ accountId: a.accountId, siteId: a.site.id, externalSiteUrl: a.site.url })
    .returning();
  const onWordPress = { accountId: a.accountId, integrationId: integration.id };

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

  it("marks a synced item pending after a local edit, and shows its latest sync event", async () => {
    const item = await createContent(a.db, a.accountId, a.site.id, create({ title: "Synced", status: "approved" }));
    await putRef(a.db, { ...onWordPress, contentId: item.id, externalId: "41" });
    await a.db.insert(syncEvents).values([
      {
        accountId: a.accountId,
        integrationId: integration.id,
        contentId: item.id,
        eventType: "content_push",
        direction: "igny8_to_wp",
        status: "failed",
        createdAt: new Date(Date.now() - 60_000),
      },
      {
        accountId: a.accountId,
        integrationId: integration.id,
        contentId: item.id,
        eventType: "content_push",
        direction: "igny8_to_wp",
        status: "success",
        metadata: { fix: "not shown for successes either way" },
      },
    ]);
    const edited = await updateContent(a.db, a.accountId, item.id, patch({ title: "Synced, then edited" }));
    expect(edited.sync_state).toBe("pending");
    expect(edited.wordpress_id).toBe(41);
    expect(edited.last_sync_event).toMatchObject({
      status: "success",
      event_type: "content_push",
      direction: "igny8_to_wp",
    });
  });

  it("keeps a synced item in sync when an edit changes nothing WordPress would see", async () => {
    const item = await createContent(
      a.db,
      a.accountId,
      a.site.id,
      create({ title: "Stable", tags: ["Calm"], status: "approved" }),
    );
    const [stored] = await q.getContentByIds(a.db, { accountId: a.accountId, ids: [item.id] });
    const synced = { ...onWordPress, contentId: item.id, externalId: "42", baseHash: stored.contentHash };
    await putRef(a.db, synced);
    expect(
      (await updateContent(a.db, a.accountId, item.id, patch({ title: "Stable", tags: ["calm"] }))).sync_state,
    ).toBe("synced");
    expect((await updateContent(a.db, a.accountId, item.id, patch({ status: "review" }))).sync_state).toBe("pending");
    const [after] = await q.getContentByIds(a.db, { accountId: a.accountId, ids: [item.id] });
    expect(after.contentHash).toBe(stored.contentHash);
    await putRef(a.db, synced);
    expect((await updateContent(a.db, a.accountId, item.id, patch({ excerpt: "Now different." }))).sync_state).toBe(
      "pending",
    );
    const [edited] = await q.getContentByIds(a.db, { accountId: a.accountId, ids: [item.id] });
    const ref = (await refOf(a.db, item.id, integration.id))!;
    expect(ref).toMatchObject({ syncState: "pending", baseHash: stored.contentHash });
    expect(edited.contentHash).not.toBe(ref.baseHash);
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

  it("approves once and refuses to approve what is published", async () => {
    const item = await createContent(a.db, a.accountId, a.site.id, create({ title: "Approve me" }));
    const approved = await approveContent(a.db, a.accountId, item.id);
    expect(approved.status).toBe("approved");
    expect(approved.approved_at).not.toBeNull();
    expect((await approveContent(a.db, a.accountId, item.id)).approved_at).toBe(approved.approved_at);
    await q.updateContent(a.db, { accountId: a.accountId, id: item.id }, { status: "published" });
    await expect(approveContent(a.db, a.accountId, item.id)).rejects.toMatchObject({ code: "conflict" });
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

  it("takes back a pulled item's GET answer: unchanged it changes nothing, one changed field changes only that", async () => {
    // As a pull stores it: no title, WordPress's percent-encoded slug, published, and terms whose
    // names have no ASCII letter or whose WordPress slug is not the slug of their name.
    const fields = {
      title: "",
      content: "<p>日本</p>",
      excerpt: "",
      slug: "%e6%97%a5%e6%9c%ac",
      featuredImageUrl: null,
    };
    const hash = contentHash({ ...fields, categories: ["日本"], tags: ["Updates"] });
    const pulled = await q.insertContent(a.db, {
      accountId: a.accountId,
      siteId: a.site.id,
      ...fields,
      status: "published",
      publishedAt: new Date(),
      contentHash: hash,
    });
    await putRef(a.db, {
      ...onWordPress,
      contentId: pulled.id,
      externalId: "7001",
      remoteStatus: "publish",
      baseHash: hash,
    });
    const terms = await a.db
      .insert(contentTaxonomies)
      .values([
        {
          accountId: a.accountId,
          siteId: a.site.id,
          type: "category",
          name: "日本",
          slug: "%e6%97%a5%e6%9c%ac",
        },
        { accountId: a.accountId, siteId: a.site.id, type: "tag", name: "Updates", slug: "news" },
      ])
      .returning();
    await a.db.insert(taxonomyRefs).values([
      { ...onWordPress, taxonomyId: terms[0].id, externalId: "7101" },
      { ...onWordPress, taxonomyId: terms[1].id, externalId: "7102" },
    ]);
    await a.db.insert(contentTaxonomyLinks).values(terms.map((t) => ({ contentId: pulled.id, taxonomyId: t.id })));
    const answer = await getContentDto(a.db, a.accountId, pulled.id);
    const withoutDate = ({ updated_at, ...rest }: typeof answer) => (
      expect(updated_at).toEqual(expect.any(String)),
      rest
    );

    const unchanged = await updateContent(a.db, a.accountId, pulled.id, patch(answer));
    expect(withoutDate(unchanged)).toEqual(withoutDate(answer));
    const siteTerms = await a.db.select().from(contentTaxonomies).where(eq(contentTaxonomies.siteId, a.site.id));
    expect(siteTerms.filter((t) => t.slug === "updates")).toEqual([]);

    const retitled = await updateContent(a.db, a.accountId, pulled.id, patch({ ...answer, title: "Japan" }));
    expect(answer).toMatchObject({ wordpress_id: 7001, sync_state: "synced", references: [{ sync_state: "synced" }] });
    expect(withoutDate(retitled)).toEqual({
      ...withoutDate(answer),
      title: "Japan",
      sync_state: "pending",
      references: [{ ...answer.references[0], sync_state: "pending" }],
    });

    // A new tag beside the pulled one: the pulled term stays the one linked, the new one is created.
    const tagged = await updateContent(a.db, a.accountId, pulled.id, patch({ ...retitled, tags: ["Updates", "Tips"] }));
    expect(tagged.tags).toEqual(["Tips", "Updates"]);
    const links = await a.db.select().from(contentTaxonomyLinks).where(eq(contentTaxonomyLinks.contentId, pulled.id));
    expect(links.map((l) => l.taxonomyId)).toContain(terms[1].id);

    // What a person could not type is still refused when it is a change.
    const draft = await createContent(a.db, a.accountId, a.site.id, create({ title: "Draft" }));
    for (const [body, message] of [
      [{ status: "published" }, "status: published is set by publishing to WordPress"],
      [{ title: "" }, "title: is required"],
      [{ tags: ["日本"] }, "tags: each name needs at least one letter or digit"],
    ] as const) {
      await expect(updateContent(a.db, a.accountId, draft.id, patch(body))).rejects.toMatchObject({
        status: 422,
        message,
      });
    }
    expect(await getContentDto(a.db, a.accountId, draft.id)).toMatchObject({
      title: "Draft",
      status: "draft",
      tags: [],
    });
  });

  it("never reads, edits or deletes another account's content", async () => {
    const item = await createContent(a.db, a.accountId, a.site.id, create({ title: "Private" }));
    await expect(getContentDto(b.db, b.accountId, item.id)).rejects.toMatchObject({ status: 404 });
    await expect(updateContent(b.db, b.accountId, item.id, patch({ title: "stolen" }))).rejects.toMatchObject({
      status: 404,
    });
    await expect(approveContent(b.db, b.accountId, item.id)).rejects.toMatchObject({ status: 404 });
    await expect(deleteContent(b.db, b.accountId, item.id)).rejects.toMatchObject({ status: 404 });
    await expect(listSiteContent(b.db, b.accountId, a.site.id, page)).rejects.toMatchObject({ status: 404 });
    await expect(createContent(b.db, b.accountId, a.site.id, create({ title: "planted" }))).rejects.toMatchObject({
      status: 404,
    });
    expect(await bulkContent(b.db, b.accountId, { action: "delete", ids: [item.id] })).toEqual({
      action: "delete",
      done: [],
      not_found: [item.id],
      skipped: [],
    });
    expect((await getContentDto(a.db, a.accountId, item.id)).title).toBe("Private");
  });

  it("bulk-approves what it can and says why it skipped the rest", async () => {
    const draft = await createContent(a.db, a.accountId, a.site.id, create({ title: "Bulk draft" }));
    const published = await createContent(a.db, a.accountId, a.site.id, create({ title: "Bulk published" }));
    await q.updateContent(a.db, { accountId: a.accountId, id: published.id }, { status: "published" });
    const missing = crypto.randomUUID();
    const result = await bulkContent(a.db, a.accountId, { action: "approve", ids: [draft.id, published.id, missing] });
    expect(result).toEqual({
      action: "approve",
      done: [draft.id],
      not_found: [missing],
      skipped: [{ id: published.id, reason: "already published" }],
    });
    expect((await getContentDto(a.db, a.accountId, draft.id)).status).toBe("approved");
  });
});

describe("content input", () => {
  it.each([
    ["Hello World", "hello-world"],
    ["  --Ünïcödé  ünd Ärger-- ", "unicode-und-arger"],
    ["日本語", ""],
  ])("slugify(%j) = %j", (text, slug) => expect(slugify(text)).toBe(slug));

  it.each([
    [{ title: "" }, "title"],
    [{ title: "x", slug: "Not A Slug" }, "slug"],
    [{ title: "x", status: "published" }, "status"],
    [{ title: "x", content_type: "video" }, "content_type"],
    [{ title: "x", featured_image_url: "javascript:alert(1)" }, "featured_image_url"],
    [{ title: "x", featured_image_url: "ftp://example.com/a.png" }, "featured_image_url"],
    [{ title: "x", scheduled_at: "next tuesday" }, "scheduled_at"],
    [{ title: "x", status: "scheduled" }, "scheduled_at"],
    [{ title: "x", tags: "one,two" }, "tags"],
    [{ title: "x", categories: ["!!!"] }, "categories"],
  ])("rejects %j at %s", (input, field) => {
    const result = createContentBodySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path[0]).toBe(field);
  });
});
