import { afterAll, describe, expect, it } from "vitest";
import { egressFetch } from "@/lib/server/egress";
import type { PushItem } from "@/lib/platforms/types";
import { ghostAdapter } from "./index";
import { editInGhost, getGhostTestSite, ghostApi, nextSecond } from "./testing/fixture";

const ghost = getGhostTestSite();
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAA7EAAAOxAGVKw4bAAAAFElEQVQImWM8oaHBgA0w" +
    "YRUdtBIA4DgBKG5t34gAAAAASUVORK5CYII=",
  "base64",
);
type GhostPostDoc = Record<string, unknown> & { tags: Array<{ name: string }>; primary_tag: { name: string } | null };

describe.skipIf(!ghost)("Ghost: publishing from IGNY8", () => {
  const site = ghost!;
  const session = ghost
    ? ghostAdapter.connect({ siteUrl: site.url, credentials: { admin_api_key: site.adminApiKey }, http: egressFetch })
    : undefined!;
  const made: Array<[string, string]> = [];
  const marker = `Push ${Date.now().toString(36)}`;
  const item = (fields: Partial<PushItem["fields"]> = {}, contentType = "post"): PushItem => ({
    ref: crypto.randomUUID(),
    contentType,
    fields: {
      title: `${marker} ${made.length}`,
      content: "<p>Body</p>",
      excerpt: "",
      slug: "",
      status: "draft",
      categoryIds: [],
      tagIds: [],
      ...fields,
    },
  });
  const push = async (p: PushItem) => {
    const [outcome] = await session.push([p]);
    if (!outcome.ok) throw outcome.error;
    if (outcome.action === "created") made.push([p.contentType, outcome.item.externalId]);
    return outcome.item;
  };
  const read = async (id: string, key = "posts") =>
    (await ghostApi<Record<string, GhostPostDoc[]>>(site, "GET", `${key}/${id}/?formats=html&include=tags`)).data[
      key
    ][0];
  afterAll(async () => {
    for (const [type, id] of made) await ghostApi(site, "DELETE", `${type === "page" ? "pages" : "posts"}/${id}/`);
  });

  it("publishes a post with tags (the category first), feature image with alt, excerpt and SEO", async () => {
    const category = await session.terms.ensure("category", { name: `${marker} Category` });
    const tag = await session.terms.ensure("tag", { name: `${marker} Tag` });
    const image = await session.media.upload({
      bytes: PNG,
      filename: "f.png",
      contentType: "image/png",
      altText: "Alt",
    });
    const pushed = await push(
      item({
        status: "published",
        excerpt: "Short",
        categoryIds: [category.externalId],
        tagIds: [tag.externalId],
        featuredMediaId: image.externalId,
        seo: {
          seo_title: "Meta T",
          seo_description: "Meta D",
          focus_keyword: null,
          canonical_url: "https://example.com/c/",
        },
      }),
    );
    expect(pushed).toMatchObject({ remoteStatus: "published", url: expect.stringMatching(/^http:\/\/127\.0\.0\.1/) });
    const post = await read(pushed.externalId);
    expect(post).toMatchObject({
      status: "published",
      html: "<p>Body</p>",
      custom_excerpt: "Short",
      feature_image: image.url,
      feature_image_alt: "Alt",
      meta_title: "Meta T",
      meta_description: "Meta D",
      og_title: "Meta T",
      twitter_description: "Meta D",
      canonical_url: "https://example.com/c/",
      primary_tag: { name: `${marker} Category` },
    });
    expect(post.tags.map((t) => t.name)).toEqual([`${marker} Category`, `${marker} Tag`]);
    expect(await fetch(pushed.url!).then((r) => r.status)).toBe(200);
  });

  it("replaces the whole tag list on update, and removes the image when asked", async () => {
    const a = await session.terms.ensure("tag", { name: `${marker} A` });
    const b = await session.terms.ensure("tag", { name: `${marker} B` });
    const p = item({ tagIds: [a.externalId, b.externalId] });
    const created = await push(p);
    await push({
      ...p,
      externalId: created.externalId,
      expectedVersion: created.version,
      fields: { ...p.fields, tagIds: [b.externalId], featuredMediaId: null },
    });
    const post = await read(created.externalId);
    expect(post.tags.map((t) => t.name)).toEqual([`${marker} B`]);
    expect(post.feature_image).toBeNull();
  });

  it("schedules a post for a future date, and publishes a page", async () => {
    const at = new Date(Date.now() + 3 * 86_400_000);
    at.setUTCMilliseconds(0);
    const scheduled = await push(item({ status: "scheduled", scheduledAt: at.toISOString() }));
    expect(scheduled.remoteStatus).toBe("scheduled");
    expect(await read(scheduled.externalId)).toMatchObject({ status: "scheduled", published_at: at.toISOString() });
    expect((await session.getItem("post", scheduled.externalId))?.scheduledAt).toBe(at.toISOString());
    const page = await push(item({ status: "published", title: `${marker} page` }, "page"));
    expect(await read(page.externalId, "pages")).toMatchObject({ title: `${marker} page`, status: "published" });
  });

  it("an edit in Ghost in between: 409 becomes a conflict with Ghost's copy, ours is not written", async () => {
    const p = item();
    const created = await push(p);
    await nextSecond();
    await editInGhost(site, "post", created.externalId, { title: `${marker} theirs`, custom_excerpt: "Theirs" });
    const [outcome] = await session.push([
      {
        ...p,
        externalId: created.externalId,
        expectedVersion: created.version,
        fields: { ...p.fields, title: "ours" },
      },
    ]);
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: "conflict", status: 409, platformCode: "UPDATE_COLLISION" },
      conflict: { isExact: true, remote: { title: `${marker} theirs`, excerpt: "Theirs" } },
    });
    const remote = outcome.ok ? undefined : outcome.conflict?.remote;
    expect(remote?.version).not.toBe(created.version);
    expect((await read(created.externalId)).title).toBe(`${marker} theirs`);
    // Resolved with ours: pushed again against their version.
    await push({
      ...p,
      externalId: created.externalId,
      expectedVersion: remote!.version,
      fields: { ...p.fields, title: "ours" },
    });
    expect((await read(created.externalId)).title).toBe("ours");
  });

  it("pulls edits made within one second exactly once, resuming from the cursor", async () => {
    const head = await session.readHead("post");
    const ids = await Promise.all([push(item()), push(item()), push(item())]).then((r) => r.map((x) => x.externalId));
    const seen: string[] = [];
    let cursor = head;
    for (let run = 0; run < 4; run++) {
      for await (const page of session.listChanges({
        contentTypes: ["post"],
        cursors: { post: cursor },
        pageSize: 1,
      })) {
        seen.push(...page.items.map((i) => i.externalId).filter((id) => ids.includes(id)));
        cursor = page.cursors.post;
        break; // stop after one page, as a killed pull would
      }
    }
    for await (const page of session.listChanges({ contentTypes: ["post"], cursors: { post: cursor } }))
      seen.push(...page.items.map((i) => i.externalId).filter((id) => ids.includes(id)));
    expect(seen.sort()).toEqual([...ids].sort());
  });
});
