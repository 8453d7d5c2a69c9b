import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { content, contentConflicts } from "@/db/tables";
import { getContentByIds } from "@/db/queries/content";
import { createContentBodySchema } from "@/lib/schemas/content";
import { createFakePlatform, fakeCredentials } from "@/lib/platforms/testing/fake-adapter";
import { createContent, updateContent } from "@/lib/server/services/content";
import { createTestTenant } from "@/test/support/db";
import { createTestIntegration } from "@/test/support/integration";
import { refOf } from "@/test/support/refs";
import type { SyncContext } from "./context";
import { pullAll } from "./pull";
import { pushItems } from "./push";

// The engine against the in-memory platform: nothing here knows it is not WordPress.
async function setUp(knobs: Parameters<typeof createFakePlatform>[0] = {}) {
  const { db, auth } = await createTestTenant("fake");
  const fakeSite = { url: "https://fake.test", username: "fake", applicationPassword: "fake fake fake" };
  const { site, integration } = await createTestIntegration(db, auth.accountId, fakeSite);
  const fake = createFakePlatform(knobs);
  const http = () => Promise.reject(new Error("no HTTP"));
  const ctx: SyncContext = {
    db,
    accountId: auth.accountId,
    integration,
    site,
    adapter: fake.adapter,
    session: fake.adapter.connect({ siteUrl: fakeSite.url, credentials: fakeCredentials.good, http }),
    concurrency: 4,
    stats: { retries: 0 },
    mediaUrls: new Map(),
    mediaLookups: new Map(),
    pushClaims: new Set(),
  };
  const item = async (title: string) => {
    const body = createContentBodySchema.parse({
      title,
      content: `<p>${title}</p>`,
      status: "approved",
      tags: ["fake"],
    });
    const created = await createContent(db, auth.accountId, site.id, body);
    return (await getContentByIds(db, { accountId: auth.accountId, ids: [created.id] }))[0];
  };
  return { db, auth, ctx, fake, item };
}

describe("the sync engine on the fake platform", () => {
  it("pushes in a batch (terms created by name), then pulls back what the platform has", async () => {
    const { db, ctx, fake, item } = await setUp();
    const outcomes = await pushItems(ctx, [await item("One"), await item("Two")], { batch: true });
    expect(outcomes.map((o) => [o.ok, o.action])).toEqual([
      [true, "created"],
      [true, "created"],
    ]);
    expect(
      fake.store
        .live("post")
        .map((i) => i.title)
        .sort(),
    ).toEqual(["One", "Two"]);
    expect(fake.store.terms("tag").map((t) => t.name)).toEqual(["fake"]);

    fake.store.create("post", { title: "Theirs", status: "published", remoteStatus: "live" });
    const progress = { checkpoint: { doneTypes: [] }, report: async () => {} };
    await pullAll(ctx, { full: true, progress });
    const rows = await db.select().from(content).where(eq(content.siteId, ctx.site.id));
    expect(rows.map((r) => [r.title, r.syncState]).sort()).toEqual([
      ["One", "synced"],
      ["Theirs", "synced"],
      ["Two", "synced"],
    ]);
    const theirs = rows.find((r) => r.title === "Theirs")!;
    expect(theirs).toMatchObject({ status: "published" });
    expect(await refOf(db, theirs.id, ctx.integration.id)).toMatchObject({ remoteStatus: "live", syncState: "synced" });
  });

  it("a create whose answer is lost is made once", async () => {
    const { fake, ctx, item } = await setUp({ loseNextAnswer: true });
    const [outcome] = await pushItems(ctx, [await item("Lost")], { batch: false });
    expect(outcome).toMatchObject({ ok: true, action: "created" });
    expect(fake.store.live("post").map((i) => i.title)).toEqual(["Lost"]);
  });

  it("an update the platform refuses as stale is recorded as a conflict, the remote copy kept", async () => {
    const { db, auth, ctx, fake, item } = await setUp();
    const ours = await item("Base");
    const [pushed] = await pushItems(ctx, [ours], { batch: false });
    fake.store.edit(pushed.externalId!, { title: "Base (theirs)" });
    await updateContent(db, auth.accountId, ours.id, { title: "Base (ours)" });
    const [again] = await pushItems(ctx, await getContentByIds(db, { accountId: auth.accountId, ids: [ours.id] }), {
      batch: false,
    });
    expect(again).toMatchObject({ ok: false, event: { eventType: "conflict", status: "pending" } });
    const [conflict] = await db.select().from(contentConflicts).where(eq(contentConflicts.contentId, ours.id));
    expect(conflict).toMatchObject({
      status: "open",
      detectedBy: "push:plugin",
      wordpressVersion: { title: "Base (theirs)" },
    });
    expect(fake.store.get(pushed.externalId!)?.title).toBe("Base (theirs)");
  });

  it("an item the platform holds in a read-only status is never written; the failure says what to do", async () => {
    const { db, auth, ctx, fake } = await setUp({ readOnlyStatuses: ["sent"] });
    const sent = fake.store.create("post", { title: "Newsletter", status: "published", remoteStatus: "sent" });
    await pullAll(ctx, { full: true, progress: { checkpoint: { doneTypes: [] }, report: async () => {} } });
    const [ours] = await db.select().from(content).where(eq(content.title, "Newsletter"));
    expect(ours).toBeDefined();
    await updateContent(db, auth.accountId, ours.id, { title: "Newsletter (edited in IGNY8)" });
    const items = await getContentByIds(db, { accountId: auth.accountId, ids: [ours.id] });
    const [outcome] = await pushItems(ctx, items, { batch: false });
    expect(outcome).toMatchObject({ ok: false, event: { errorCode: "read_only" } });
    expect(outcome.event?.errorMessage).toMatch(/holds this item as "sent"/);
    expect(fake.store.get(sent.externalId)?.title).toBe("Newsletter");
  });

  it("a full pull reads the next type's first page while the last pages of the type before are still being stored", async () => {
    const { db, ctx, fake } = await setUp();
    for (let i = 0; i < 250; i++)
      fake.store.create("post", { title: `Post ${i}`, status: "published", remoteStatus: "live" });
    fake.store.create("page", { title: "About", status: "published", remoteStatus: "live" });
    const events: string[] = [];
    const { listItems } = ctx.session;
    ctx.session = {
      ...ctx.session,
      listItems: (type, page) => {
        events.push(`${type} page ${page} asked for`);
        return listItems(type, page);
      },
    };
    const progress = {
      checkpoint: { doneTypes: [] },
      report: async ({ processed }: { processed: number }) => {
        if (processed) events.push(`${processed} stored`);
      },
    };
    await pullAll(ctx, { full: true, progress });
    expect(events.slice(0, 3)).toEqual(["post page 1 asked for", "post page 2 asked for", "post page 3 asked for"]);
    // Three pages of posts are stored (100, 100, 50, by two writers in either order), then the page.
    const lastPostStored = Math.max(events.lastIndexOf("100 stored"), events.indexOf("50 stored"));
    expect(events.indexOf("page page 1 asked for")).toBeLessThan(lastPostStored);
    expect(events.filter((e) => e.endsWith("stored")).sort()).toEqual([
      "1 stored",
      "100 stored",
      "100 stored",
      "50 stored",
    ]);
    expect(events.filter((e) => e.startsWith("page page"))).toEqual(["page page 1 asked for"]);
    const rows = await db.select().from(content).where(eq(content.siteId, ctx.site.id));
    expect(rows).toHaveLength(251);
  });
});
