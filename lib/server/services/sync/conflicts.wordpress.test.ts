import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { content, contentConflicts, siteIntegrations, syncRuns, type SiteIntegration } from "@/db/tables";
import { createContentBodySchema } from "@/lib/schemas/content";
import { getContentByIds } from "@/db/queries/content";
import { startJobRunner, stopJobRunner } from "@/lib/jobs/runner";
import { egressFetch, type EgressFetch } from "@/lib/server/egress";
import { createContent, updateContent } from "@/lib/server/services/content";
import { getConflictDetail, resolveConflictIn } from "@/lib/server/services/conflicts";
import { createTestTenant } from "@/test/support/db";
import { createTestIntegration } from "@/test/support/integration";
import { startProxy, type TestServer } from "@/test/support/proxy";
import { allowEgressTo, getWordPressTestSite, uniqueName, wpRest, UNCONFIGURED_SITE } from "@/test/support/wordpress";
import { createSyncContext, type SyncContext } from "./context";
import { importRemoteItem } from "./import-item";
import { pushItems } from "./push";
import { startSyncRun } from "./runs";

const importWordPressItem = (ctx: SyncContext, item: { wordpressId: number; contentType: "post" }) =>
  importRemoteItem(ctx, { externalId: String(item.wordpressId), contentType: item.contentType });

const wp = getWordPressTestSite();
const site = wp ?? UNCONFIGURED_SITE;
type WpPostJson = {
  id: number;
  title: { raw: string };
  content: { raw: string };
  excerpt: { raw: string };
  modified_gmt: string;
};
type Policy = SiteIntegration["conflictPolicy"];

/** WordPress keeps modified_gmt to the second: edits meant to be "later" wait for the next one. */
const nextSecond = () => new Promise((r) => setTimeout(r, 1100));

const readPost = async (id: number) =>
  (await wpRest<WpPostJson>(site, "GET", `/wp/v2/posts/${id}`, { query: { context: "edit" } })).data;
const editPost = (id: number, json: Record<string, unknown>) => wpRest(site, "POST", `/wp/v2/posts/${id}`, { json });
const itemOf = async (db: Db, accountId: string, id: string) =>
  (await getContentByIds(db, { accountId, ids: [id] }))[0];
const conflictsOf = (db: Db, contentId: string) =>
  db.select().from(contentConflicts).where(eq(contentConflicts.contentId, contentId));

/** A pushed, synced item; then (a second later) both sides edited: WordPress first unless `oursFirst`. */
async function bothEdited(policy: Policy, options: { oursFirst?: boolean; url?: string } = {}) {
  const { db, auth } = await createTestTenant("conflict");
  const { site: ourSite, integration } = await createTestIntegration(db, auth.accountId, site, { url: options.url });
  await db.update(siteIntegrations).set({ conflictPolicy: policy }).where(eq(siteIntegrations.id, integration.id));
  const ctx = await createSyncContext(db, { integration: { ...integration, conflictPolicy: policy }, site: ourSite });
  const title = uniqueName("Conflict");
  const created = await createContent(
    db,
    auth.accountId,
    ourSite.id,
    createContentBodySchema.parse({
      title,
      content: "<p>One</p>\n<p>Two</p>",
      excerpt: "Base excerpt",
      status: "approved",
      tags: ["base tag"],
    }),
  );
  const [pushed] = await pushItems(ctx, [await itemOf(db, auth.accountId, created.id)], { batch: false });
  expect(pushed.ok).toBe(true);
  const wordpressId = Number(pushed.externalId);
  expect(wordpressId).toBeGreaterThan(0);
  await nextSecond();
  const editOurs = () =>
    updateContent(db, auth.accountId, created.id, {
      title: `${title} (IGNY8)`,
      content: "<p>One</p>\n<p>Two, edited in IGNY8</p>",
    });
  const editTheirs = () => editPost(wordpressId, { title: `${title} (WordPress)`, excerpt: "WordPress excerpt" });
  if (options.oursFirst) {
    await editOurs();
    await nextSecond();
    await editTheirs();
  } else {
    await editTheirs();
    await editOurs();
  }
  return { db, auth, ctx, ourSite, integration, title, contentId: created.id, wordpressId };
}

async function waitForRun(db: Db, runId: string) {
  for (const started = Date.now(); Date.now() - started < 60_000;) {
    const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    if (run.status === "completed" || run.status === "failed") return run;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("run did not finish");
}

describe.skipIf(!wp)("conflicts against WordPress with the IGNY8 plugin", () => {
  beforeAll(() => startJobRunner({ work: true }));
  afterAll(() => stopJobRunner());

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

  it("igny8_wins pushes ours over WordPress and keeps WordPress's version in the resolved conflict", async () => {
    const { db, auth, ctx, title, contentId, wordpressId } = await bothEdited("igny8_wins");
    const [outcome] = await pushItems(ctx, [await itemOf(db, auth.accountId, contentId)], { batch: false });
    expect(outcome.ok).toBe(true);
    expect((await readPost(wordpressId)).title.raw).toBe(`${title} (IGNY8)`);
    const [conflict] = await conflictsOf(db, contentId);
    expect(conflict).toMatchObject({ status: "resolved", resolution: "policy:igny8_wins" });
    expect(conflict.wordpressVersion).toMatchObject({ title: `${title} (WordPress)` });
    expect((await itemOf(db, auth.accountId, contentId)).syncState).toBe("synced");
  });

  it("wordpress_wins stores WordPress's copy on a webhook and keeps ours in the resolved conflict", async () => {
    const { db, auth, integration, ourSite, title, contentId, wordpressId } = await bothEdited("wordpress_wins");
    const ctx = await createSyncContext(db, {
      integration: { ...integration, conflictPolicy: "wordpress_wins" },
      site: ourSite,
      eventType: "webhook",
    });
    await importWordPressItem(ctx, { wordpressId, contentType: "post" });
    expect(await itemOf(db, auth.accountId, contentId)).toMatchObject({
      title: `${title} (WordPress)`,
      excerpt: "WordPress excerpt",
      syncState: "synced",
    });
    const [conflict] = await conflictsOf(db, contentId);
    expect(conflict).toMatchObject({ status: "resolved", resolution: "policy:wordpress_wins" });
    expect(conflict.igny8Version).toMatchObject({ title: `${title} (IGNY8)` });
  });

  it("newest_wins takes the later edit: WordPress's when it came last, ours when ours did", async () => {
    const theirsLast = await bothEdited("newest_wins", { oursFirst: true });
    await pushItems(theirsLast.ctx, [await itemOf(theirsLast.db, theirsLast.auth.accountId, theirsLast.contentId)], {
      batch: false,
    });
    expect((await itemOf(theirsLast.db, theirsLast.auth.accountId, theirsLast.contentId)).title).toBe(
      `${theirsLast.title} (WordPress)`,
    );
    expect((await conflictsOf(theirsLast.db, theirsLast.contentId))[0]).toMatchObject({
      status: "resolved",
      resolution: "policy:newest_wins",
    });

    const oursLast = await bothEdited("newest_wins");
    await pushItems(oursLast.ctx, [await itemOf(oursLast.db, oursLast.auth.accountId, oursLast.contentId)], {
      batch: false,
    });
    expect((await readPost(oursLast.wordpressId)).title.raw).toBe(`${oursLast.title} (IGNY8)`);
    expect((await conflictsOf(oursLast.db, oursLast.contentId))[0]).toMatchObject({
      status: "resolved",
      wordpressVersion: expect.objectContaining({ title: `${oursLast.title} (WordPress)` }),
    });
  });

  it.each(["igny8", "wordpress", "merged"] as const)(
    "resolve with %s: the result is on both sides and later syncs are quiet",
    async (choice) => {
      const { db, auth, ctx, integration, ourSite, title, contentId, wordpressId } = await bothEdited("manual");
      await pushItems(ctx, [await itemOf(db, auth.accountId, contentId)], { batch: false });
      const [open] = await conflictsOf(db, contentId);
      const merged = { title: `${title} (merged)`, excerpt: "WordPress excerpt" };
      await resolveConflictIn(ctx, open, { choice, ...(choice === "merged" ? { merged } : {}) });
      const expected = {
        igny8: { title: `${title} (IGNY8)`, excerpt: "Base excerpt" },
        wordpress: { title: `${title} (WordPress)`, excerpt: "WordPress excerpt" },
        merged,
      }[choice];
      const post = await readPost(wordpressId);
      expect({ title: post.title.raw, excerpt: post.excerpt.raw }).toEqual(expected);
      const item = await itemOf(db, auth.accountId, contentId);
      expect(item).toMatchObject({ ...expected, syncState: "synced" });
      expect((await conflictsOf(db, contentId))[0]).toMatchObject({ status: "resolved", resolution: choice });
      // Quiet afterwards: a webhook/pull of the same post changes nothing; a push finds no conflict.
      const pullCtx = await createSyncContext(db, { integration, site: ourSite, eventType: "webhook" });
      expect((await importWordPressItem(pullCtx, { wordpressId, contentType: "post" })).action).toBe("unchanged");
      const [again] = await pushItems(ctx, [await itemOf(db, auth.accountId, contentId)], { batch: false });
      expect(again.ok).toBe(true);
      expect(await conflictsOf(db, contentId)).toHaveLength(1);
    },
  );

  it("race: WordPress edited between our read and our write → 409, the conflict stays open with the newest edit, nothing lost", async () => {
    const { db, auth, ctx, ourSite, integration, title, contentId, wordpressId } = await bothEdited("manual");
    await pushItems(ctx, [await itemOf(db, auth.accountId, contentId)], { batch: false });
    const [open] = await conflictsOf(db, contentId);
    // Right after our GET of the post (the read before the guarded write), an edit lands in WordPress.
    let armed = true;
    const racing: EgressFetch = async (url, init) => {
      const res = await egressFetch(url, init);
      const isPostRead = (init?.method ?? "GET") === "GET" && new URL(url).href.includes(`/wp/v2/posts/${wordpressId}`);
      if (armed && isPostRead) {
        armed = false;
        await nextSecond();
        await editPost(wordpressId, { title: `${title} (race)` });
      }
      return res;
    };
    const { session } = await createSyncContext(db, { integration, site: ourSite, egress: racing });
    const raceCtx: SyncContext = { ...ctx, session };
    await expect(resolveConflictIn(raceCtx, open, { choice: "igny8" })).rejects.toMatchObject({
      code: "conflict",
      status: 409,
    });
    expect(armed).toBe(false);
    expect((await readPost(wordpressId)).title.raw).toBe(`${title} (race)`);
    expect((await itemOf(db, auth.accountId, contentId)).title).toBe(`${title} (IGNY8)`);
    const [still] = await conflictsOf(db, contentId);
    expect(still).toMatchObject({ id: open.id, status: "open" });
    expect(still.wordpressVersion).toMatchObject({ title: `${title} (race)` });
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
