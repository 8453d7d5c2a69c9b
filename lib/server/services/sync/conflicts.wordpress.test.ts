import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { content } from "@/db/tables";
import { getConflictDetail } from "@/lib/server/services/conflicts";
import { startProxy, type TestServer } from "@/test/support/proxy";
import { allowEgressTo } from "@/test/support/wordpress";
import { createSyncContext } from "./context";
import { pushItems } from "./push";
import { startSyncRun } from "./runs";
import {
  bothEdited,
  conflictsOf,
  importWordPressItem,
  itemOf,
  readPost,
  site,
  setUpJobRunner,
  waitForRun,
  wp,
} from "./conflicts.fixtures";

// Detection (push, pull, webhook), with the plugin and without it; policies and resolving are in
// conflicts-resolve.wordpress.test.ts.
describe.skipIf(!wp)("conflicts against WordPress with the IGNY8 plugin", () => {
  setUpJobRunner();

  it("push: WordPress refuses the stale update (409), nothing is overwritten, both versions are kept", async () => {
    const { db, auth, ctx, title, contentId, wordpressId } = await bothEdited("manual");
    const [outcome] = await pushItems(ctx, [await itemOf(db, auth.accountId, contentId)], { batch: false });
    expect(outcome).toMatchObject({ ok: false });
    expect(outcome.event?.eventType).toBe("conflict");
    expect((await readPost(wordpressId)).title.raw).toBe(`${title} (WordPress)`);
    const [conflict] = await conflictsOf(db, contentId);
    expect(conflict).toMatchObject({ status: "open", detectedBy: "push:plugin" });
    expect(conflict.igny8Version).toMatchObject({
      title: `${title} (IGNY8)`,
      excerpt: "Base excerpt",
      tags: ["base tag"],
    });
    expect(conflict.wordpressVersion).toMatchObject({
      title: `${title} (WordPress)`,
      excerpt: "WordPress excerpt",
      content: "<p>One</p>\n<p>Two</p>",
    });
    expect((await itemOf(db, auth.accountId, contentId)).syncState).toBe("conflict");

    const detail = await getConflictDetail(db, auth.accountId, conflict.id);
    const changed = Object.fromEntries(detail.fields.map((f) => [f.field, f.changed_in]));
    expect(changed).toMatchObject({
      title: "both",
      excerpt: "wordpress",
      content: "igny8",
      slug: "none",
      tags: "none",
    });
    expect(detail.exact_detection).toBe(true);
  });

  it("pull: our edited copy is not overwritten; a conflict records WordPress's edit", async () => {
    const { db, auth, integration, title, contentId } = await bothEdited("manual");
    const { run } = await startSyncRun(db, {
      accountId: auth.accountId,
      integrationId: integration.id,
      direction: "pull",
    });
    expect((await waitForRun(db, run.id)).status).toBe("completed");
    const item = await itemOf(db, auth.accountId, contentId);
    expect(item).toMatchObject({ title: `${title} (IGNY8)`, syncState: "conflict" });
    const [conflict] = await conflictsOf(db, contentId);
    expect(conflict).toMatchObject({ status: "open", detectedBy: "pull" });
    expect(conflict.wordpressVersion).toMatchObject({ title: `${title} (WordPress)`, excerpt: "WordPress excerpt" });
    // A second pull of the same edit is quiet: still one conflict, nothing overwritten.
    const { run: again } = await startSyncRun(db, {
      accountId: auth.accountId,
      integrationId: integration.id,
      direction: "pull",
    });
    await waitForRun(db, again.id);
    expect(await conflictsOf(db, contentId)).toHaveLength(1);
  });

  it("webhook processed after our edit (WordPress edited first): conflict, ours kept", async () => {
    const { db, auth, integration, ourSite, title, contentId, wordpressId } = await bothEdited("manual");
    const ctx = await createSyncContext(db, { integration, site: ourSite, eventType: "webhook" });
    expect((await importWordPressItem(ctx, { wordpressId, contentType: "post" })).action).toBe("conflict");
    expect((await itemOf(db, auth.accountId, contentId)).title).toBe(`${title} (IGNY8)`);
    const [conflict] = await conflictsOf(db, contentId);
    expect(conflict).toMatchObject({ status: "open", detectedBy: "webhook" });
  });
});

describe.skipIf(!wp)("conflicts against WordPress without the plugin (check, then write)", () => {
  let proxy: TestServer;
  beforeAll(async () => {
    // The plugin's status route answers 404 here, as on a site without it.
    proxy = await startProxy(site.url, {
      intercept: (req, res) => {
        if (!(req.url ?? "").includes("igny8/v1/status")) return false;
        res
          .writeHead(404, { "content-type": "application/json" })
          .end(JSON.stringify({ code: "rest_no_route", message: "No route", data: { status: 404 } }));
        return true;
      },
    });
    allowEgressTo(proxy.url);
  });
  afterAll(() => proxy?.close());

  it("reads modified_gmt right before the write and records the conflict instead of overwriting", async () => {
    const { db, auth, ctx, title, contentId, wordpressId } = await bothEdited("manual", { url: proxy.url });
    const [outcome] = await pushItems(ctx, [await itemOf(db, auth.accountId, contentId)], { batch: false });
    expect(outcome.ok).toBe(false);
    expect((await readPost(wordpressId)).title.raw).toBe(`${title} (WordPress)`);
    const [conflict] = await conflictsOf(db, contentId);
    expect(conflict).toMatchObject({ status: "open", detectedBy: "push:check" });
    expect((await getConflictDetail(db, auth.accountId, conflict.id)).exact_detection).toBe(false);
    expect(
      proxy.requests.some((r) => r.method === "PUT" || (r.method === "POST" && r.url.includes(`posts/${wordpressId}`))),
    ).toBe(false);
    const rows = await db
      .select({ s: content.syncState })
      .from(content)
      .where(and(eq(content.id, contentId)));
    expect(rows[0].s).toBe("conflict");
  });
});
