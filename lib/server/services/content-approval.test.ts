import { describe, expect, it } from "vitest";
import * as q from "@/db/queries/content";
import { createContentBodySchema, slugify } from "@/lib/schemas/content";
import { createContent, getContentDto, listSiteContent, updateContent } from "./content";
import { approveContent, bulkContent, deleteContent } from "./content-approval";
import { create, page, patch, tenantWithSite } from "./content.fixtures";

describe("content service", async () => {
  const a = await tenantWithSite("content-a");
  const b = await tenantWithSite("content-b");

  it("approves once and refuses to approve what is published", async () => {
    const item = await createContent(a.db, a.accountId, a.site.id, create({ title: "Approve me" }));
    const approved = await approveContent(a.db, a.accountId, item.id);
    expect(approved.status).toBe("approved");
    expect(approved.approved_at).not.toBeNull();
    expect((await approveContent(a.db, a.accountId, item.id)).approved_at).toBe(approved.approved_at);
    await q.updateContent(a.db, { accountId: a.accountId, id: item.id }, { status: "published" });
    await expect(approveContent(a.db, a.accountId, item.id)).rejects.toMatchObject({ code: "conflict" });
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
