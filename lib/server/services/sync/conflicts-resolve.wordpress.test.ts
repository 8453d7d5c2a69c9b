import { describe, expect, it } from "vitest";
import { egressFetch, type EgressFetch } from "@/lib/server/egress";
import { resolveConflictIn } from "@/lib/server/services/conflicts";
import { createSyncContext, type SyncContext } from "./context";
import { pushItems } from "./push";
import {
  bothEdited,
  conflictsOf,
  editPost,
  importWordPressItem,
  itemOf,
  nextSecond,
  readPost,
  setUpJobRunner,
  wp,
} from "./conflicts.fixtures";

// Conflict policies, resolving a conflict, and a race with WordPress; detection is in
// conflicts.wordpress.test.ts.
describe.skipIf(!wp)("conflicts against WordPress with the IGNY8 plugin", () => {
  setUpJobRunner();

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
