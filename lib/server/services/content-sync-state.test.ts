import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { putRef, refOf } from "@/test/support/refs";
import { contentTaxonomies, contentTaxonomyLinks, syncEvents, taxonomyRefs } from "@/db/tables";
import * as q from "@/db/queries/content";
import { contentHash } from "./sync/hash";
import { createContent, getContentDto, updateContent } from "./content";
import { addWordPressIntegration, create, patch, tenantWithSite } from "./content.fixtures";

describe("content service", async () => {
  const a = await tenantWithSite("content-a");
  // The WordPress integration of a's site, for items in sync and terms WordPress has.
  const { integration, onWordPress } = await addWordPressIntegration(a);

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
});
