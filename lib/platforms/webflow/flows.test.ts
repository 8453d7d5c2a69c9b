import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlatformSession, PushItem } from "@/lib/platforms/types";
import { startWebflowServer, type WebflowTestServer } from "./testing/server";
import { adapterFor, testFetch, userClient } from "./testing/subject";

let server: WebflowTestServer;
let session: PlatformSession;
beforeAll(async () => {
  server = await startWebflowServer();
  session = adapterFor(server).connect({
    siteUrl: "https://blog.example.com",
    credentials: { api_token: "site-token-full-5f1c9a7d2e" },
    http: testFetch,
  });
});
afterAll(async () => {
  await server.close();
  expect(server.violations).toEqual([]);
});

let n = 0;
const post = (fields: Partial<PushItem["fields"]> = {}, extra: Partial<PushItem> = {}): PushItem => {
  const title = fields.title ?? `Flow post ${++n}`;
  return {
    ref: crypto.randomUUID(),
    contentType: "post",
    fields: {
      title,
      content: `<p>${title}</p>`,
      excerpt: "Short",
      slug: "",
      status: "draft",
      categoryIds: [],
      tagIds: [],
      ...fields,
    },
    ...extra,
  };
};
const pushOne = async (item: PushItem) => {
  const [outcome] = await session.push([item]);
  if (!outcome.ok) throw outcome.error;
  return outcome.item;
};
const live = (id: string) =>
  userClient(server)
    .collections.items.getItemLive(server.fixture.blogId, id)
    .then(
      (i) => i,
      () => undefined,
    );

describe("Webflow flows against the spec-validated server", () => {
  it("publish → pull → remote edit → conflict, and the remote edit is kept", async () => {
    const head = await session.readHead("post");
    const item = post({
      status: "published",
      seo: { seo_title: "SEO", seo_description: "Desc", focus_keyword: null, canonical_url: null },
    });
    const pushed = await pushOne(item);
    expect(pushed).toMatchObject({
      remoteStatus: "published",
      url: expect.stringMatching(/^https:\/\/blog\.example\.com\/blog\/flow-post-/),
    });
    expect((await live(pushed.externalId))?.fieldData).toMatchObject({
      "seo-title": "SEO",
      "meta-description": "Desc",
    });
    const pulled = [];
    for await (const page of session.listChanges({ contentTypes: ["post"], cursors: { post: head } }))
      pulled.push(...page.items);
    expect(pulled.find((i) => i.externalId === pushed.externalId)).toMatchObject({
      status: "published",
      remoteStatus: "published",
    });
    await userClient(server).collections.items.updateItem(server.fixture.blogId, pushed.externalId, {
      isDraft: true,
      fieldData: { name: "Edited in Webflow" } as never,
    });
    const [outcome] = await session.push([
      {
        ...item,
        externalId: pushed.externalId,
        expectedVersion: pushed.version,
        fields: { ...item.fields, title: "Ours" },
      },
    ]);
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: "conflict" },
      conflict: { isExact: false, remote: { title: "Edited in Webflow", remoteStatus: "changes_in_draft" } },
    });
    expect((await session.getItem("post", pushed.externalId))?.title).toBe("Edited in Webflow");
  });

  it("draft → publish → unpublish moves the live copy, and isDraft is always sent", async () => {
    const item = post();
    const draft = await pushOne(item);
    expect(draft.remoteStatus).toBe("draft");
    expect(await live(draft.externalId)).toBeUndefined();
    const published = await pushOne({
      ...item,
      externalId: draft.externalId,
      fields: { ...item.fields, status: "published" },
    });
    expect(published.remoteStatus).toBe("published");
    expect((await live(draft.externalId))?.fieldData?.name).toBe(item.fields.title);
    const unpublished = await pushOne({
      ...item,
      externalId: draft.externalId,
      expectedVersion: published.version,
      fields: { ...item.fields, status: "draft" },
    });
    expect(unpublished.remoteStatus).toBe("draft");
    expect(await live(draft.externalId)).toBeUndefined();
    expect((await session.getItem("post", draft.externalId))?.version).toBe(unpublished.version);
    expect(server.stats.byOperation["site-publish"]).toBeUndefined();
  });

  it("a slug another item has is a per-item error with the fix; the other items go through", async () => {
    await userClient(server).collections.items.createItem(server.fixture.blogId, {
      isDraft: true,
      fieldData: { name: "Theirs", slug: "taken-slug" },
    });
    const outcomes = await session.push([post({ slug: "taken-slug" }), post()]);
    expect(outcomes[0]).toMatchObject({
      ok: false,
      error: { platformCode: "slug_taken", fix: expect.stringContaining("slug") },
    });
    expect(outcomes[1]).toMatchObject({ ok: true, action: "created" });
  });

  it("in a batched push, a taken slug fails its item alone and every other item is created once", async () => {
    const items = [post(), post({ slug: "taken-slug" }), post(), post()];
    const outcomes = await session.push(items, { batch: true });
    expect(outcomes[1]).toMatchObject({ ok: false, error: { platformCode: "slug_taken" } });
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    const names = [...server.store.entries(server.fixture.blogId).values()].map((e) => e.staged.fieldData.name);
    for (const item of [items[0], items[2], items[3]])
      expect(names.filter((name) => name === item.fields.title)).toHaveLength(1);
  });

  it("terms asked for together: one listing, one bulk create and one publish per collection; again, no request", async () => {
    const fresh = adapterFor(server).connect({
      siteUrl: "https://blog.example.com",
      credentials: { api_token: "site-token-full-5f1c9a7d2e" },
      http: testFetch,
    });
    const before = { ...server.stats.byOperation };
    const names = ["Alpha", "Beta", "Gamma", "Beta"];
    const ensured = await Promise.all([
      ...names.map((name) => fresh.terms.ensure("category", { name })),
      ...names.map((name) => fresh.terms.ensure("tag", { name: `${name} tag` })),
    ]);
    expect(ensured[1].externalId).toBe(ensured[3].externalId);
    expect(await fresh.terms.ensure("category", { name: "gamma" })).toEqual({
      externalId: ensured[2].externalId,
      created: false,
    });
    const sent = Object.entries(server.stats.byOperation).filter(([op, n]) => n !== (before[op] ?? 0));
    expect(Object.fromEntries(sent.map(([op, n]) => [op, n - (before[op] ?? 0)]))).toEqual({
      "collection-details": 1,
      "list-collection-items": 2,
      "create-items": 2,
      "publish-item": 2,
    });
    const liveNames = [...server.store.entries(server.fixture.categoriesId).values()].map(
      (e) => e.live?.fieldData.name,
    );
    expect(liveNames).toEqual(expect.arrayContaining(["Alpha", "Beta", "Gamma"]));
    // Names that arrive a few milliseconds apart (as the engine's items in flight ask) still go together.
    const later = { ...server.stats.byOperation };
    await Promise.all(
      ["Delta", "Epsilon", "Zeta"].map((name, i) =>
        new Promise((r) => setTimeout(r, i * 10)).then(() => fresh.terms.ensure("category", { name })),
      ),
    );
    expect((server.stats.byOperation["create-items"] ?? 0) - (later["create-items"] ?? 0)).toBe(1);
    expect((server.stats.byOperation["publish-item"] ?? 0) - (later["publish-item"] ?? 0)).toBe(1);
  });

  it("categories and tags become items of the referenced collections, published so live posts can point at them", async () => {
    const category = await session.terms.ensure("category", { name: "News & Views" });
    const tag = await session.terms.ensure("tag", { name: "webflow" });
    const pushed = await pushOne(
      post({ status: "published", categoryIds: [category.externalId], tagIds: [tag.externalId] }),
    );
    expect((await live(pushed.externalId))?.fieldData).toMatchObject({
      categories: [category.externalId],
      tags: [tag.externalId],
    });
    expect(await live(category.externalId)).toBeUndefined(); // a different collection
    const cat = await userClient(server).collections.items.getItemLive(
      server.fixture.categoriesId,
      category.externalId,
    );
    expect(cat.fieldData?.name).toBe("News & Views");
  });

  it("a featured image goes up in two steps and is set by file id; a public URL is set as is", async () => {
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    );
    const media = await session.media.upload({ bytes: png, filename: "cover.png", contentType: "image/png" });
    expect(Buffer.from(await (await fetch(media.url)).arrayBuffer())).toEqual(png);
    const withFile = await pushOne(post({ featuredMediaId: media.externalId }));
    expect((await session.getItem("post", withFile.externalId))?.featuredMediaId).toBe(media.externalId);
    const withUrl = await pushOne(post({ featuredMediaId: "https://images.example.com/a.png" }));
    expect((await session.getItem("post", withUrl.externalId))?.featuredMediaId).toBe(
      "https://images.example.com/a.png",
    );
  });

  it("a pull of 2,000 items stopped after a few pages resumes with no gap and no repeat", async () => {
    const head = await session.readHead("post");
    for (let i = 0; i < 2000; i++)
      server.store.create(server.fixture.blogId, { name: `Bulk ${i}`, slug: `bulk-${i}` }, true);
    const first: string[] = [];
    let cursor = head;
    for await (const page of session.listChanges({ contentTypes: ["post"], cursors: { post: head } })) {
      first.push(...page.items.map((i) => i.externalId));
      cursor = page.cursors.post;
      if (first.length >= 300) break; // the worker is killed here
    }
    // Meanwhile one item already read is edited: it comes again, once, with its new version.
    await userClient(server).collections.items.updateItem(server.fixture.blogId, first[5], {
      fieldData: { name: "Bulk edited" } as never,
    });
    const rest: string[] = [];
    for await (const page of session.listChanges({ contentTypes: ["post"], cursors: { post: cursor } }))
      rest.push(...page.items.map((i) => i.externalId));
    expect(new Set(rest).size).toBe(rest.length);
    expect(new Set([...first, ...rest]).size).toBe(2000);
    expect(rest.filter((id) => first.includes(id))).toEqual([first[5]]);
  }, 120_000);

  it("deletions are found by id: getItems leaves out what Webflow no longer has", async () => {
    const a = await pushOne(post());
    const b = await pushOne(post());
    await userClient(server).collections.items.deleteItem(server.fixture.blogId, b.externalId);
    expect((await session.getItems("post", [a.externalId, b.externalId])).map((i) => i.externalId)).toEqual([
      a.externalId,
    ]);
  });
});
