import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { savePullCursor } from "@/db/queries/sync";
import { createContentBodySchema } from "@/lib/schemas/content";
import { createInGhost, deleteInGhost, editInGhost, nextSecond, readInGhost } from "@/test/support/ghost";
import { itemByExternalId, refOf } from "@/test/support/refs";
import { uniqueName } from "@/test/support/wordpress";
import { createContent, getContentDto } from "../content";
import { createSyncContext } from "./context";
import { importRemoteItem } from "./import-item";
import { publishContent } from "./publish-now";
import {
  connectedTenant,
  ghost,
  madeInGhost,
  pullEventsOf,
  pullNow,
  setUpGhostEngine,
  site,
  sync,
} from "./ghost.fixtures";

/** Waits for the start of the next second (Ghost stamps updated_at to whole seconds). */
const startOfSecond = () => new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));

/** Each post's stored copy has the title Ghost has now, and is in sync. */
async function expectStoredAsInGhost(db: Db, accountId: string, integrationId: string, ids: string[]) {
  for (const id of ids) {
    const item = (await itemByExternalId(db, integrationId, id))!;
    const { title } = (await readInGhost(site, id))!;
    expect(await getContentDto(db, accountId, item.id)).toMatchObject({ title, sync_state: "synced" });
  }
}

// Pulls from a real Ghost through the engine's sync runs: deletions (Ghost has no trash) and the
// change feed's whole-second timestamps.
describe.skipIf(!ghost)("pulling a real Ghost", () => {
  setUpGhostEngine();

  it("a post deleted in Ghost is marked deleted by the next pull, incremental or full; our copy stays", async () => {
    const { db, accountId, integration } = await connectedTenant("ghost-delete");
    const title = uniqueName("Deleted in Ghost");
    const post = await createInGhost(site, { title, html: "<p>Soon gone</p>" });
    madeInGhost(post.id);
    expect(await sync(db, accountId, integration.id, { direction: "pull" })).toMatchObject({ status: "completed" });
    const item = (await itemByExternalId(db, integration.id, post.id))!;
    expect(await getContentDto(db, accountId, item.id)).toMatchObject({ title, sync_state: "synced" });

    await deleteInGhost(site, post.id);
    expect(await readInGhost(site, post.id)).toBeUndefined();
    // No webhook told us: the incremental pull's id listing finds it.
    const run = await sync(db, accountId, integration.id, { direction: "pull" });
    expect(run).toMatchObject({ status: "completed", failed: 0 });
    const events = (await pullEventsOf(db, run.id)).filter((e) => e.externalId === post.id);
    expect(events.map((e) => e.metadata)).toEqual([{ action: "deleted" }]);
    expect(await refOf(db, item.id, integration.id)).toMatchObject({ syncState: "remote_deleted", remoteStatus: null });
    const dto = await getContentDto(db, accountId, item.id);
    expect(dto).toMatchObject({ title, content: "<p>Soon gone</p>", sync_state: "remote_deleted" });
    expect(dto.references).toEqual([expect.objectContaining({ external_id: post.id, sync_state: "remote_deleted" })]);
  });

  it("edits in Ghost within one second, before a pull or around one: each taken exactly once", async () => {
    const { db, accountId, integration } = await connectedTenant("ghost-same-second");
    const title = uniqueName("Same second");
    const [a, b] = [
      await createInGhost(site, { title: `${title} A`, html: "<p>A</p>" }),
      await createInGhost(site, { title: `${title} B`, html: "<p>B</p>" }),
    ];
    madeInGhost(a.id);
    madeInGhost(b.id);
    expect(await sync(db, accountId, integration.id, { direction: "pull" })).toMatchObject({ status: "completed" });
    // Events of a run about our two posts (anything else edited in this Ghost meanwhile aside).
    const ours = async (runId: string) =>
      (await pullEventsOf(db, runId))
        .map((e) => e.externalId)
        .filter((id) => id === a.id || id === b.id)
        .sort();
    const edit = (post: { id: string }, label: string) => editInGhost(site, post.id, { title: `${title} ${label}` });

    // Both saved in the same second, then one pull: both come in.
    let stamps: string[] = [];
    for (let attempt = 0; attempt < 5 && !(stamps.length === 2 && stamps[0] === stamps[1]); attempt++) {
      await startOfSecond();
      stamps = (await Promise.all([edit(a, `A ${attempt}`), edit(b, `B ${attempt}`)])).map((p) => p.updated_at);
    }
    expect(stamps).toEqual([stamps[0], stamps[0]]);
    expect(stamps[0]).toMatch(/^\d{4}-/);
    expect(await ours((await pullNow(db, accountId, integration.id)).id)).toEqual([a.id, b.id].sort());
    await expectStoredAsInGhost(db, accountId, integration.id, [a.id, b.id]);

    // A saved, a pull, B saved, all in one second: the pull's cursor stands at that second with A
    // read (Ghost's cursor: the second and the ids read at it). Made here without racing the clock:
    // both saved in one second, the cursor as that pull leaves it. The next pull still finds B (a
    // `>` on the second would miss it) and not A again.
    stamps = [];
    for (let attempt = 0; attempt < 5 && !(stamps.length === 2 && stamps[0] === stamps[1]); attempt++) {
      await startOfSecond();
      stamps = (await Promise.all([edit(a, `A again ${attempt}`), edit(b, `B again ${attempt}`)])).map(
        (p) => p.updated_at,
      );
    }
    expect(stamps).toEqual([stamps[0], stamps[0]]);
    await savePullCursor(db, {
      id: integration.id,
      contentType: "post",
      cursor: { updatedAt: stamps[0], ids: [a.id] },
    });
    expect(await ours((await pullNow(db, accountId, integration.id)).id)).toEqual([b.id]);
    await expectStoredAsInGhost(db, accountId, integration.id, [b.id]);
    expect(await ours((await pullNow(db, accountId, integration.id)).id)).toEqual([]);
  });

  // Ghost has one kind of tag: the marker IGNY8 keeps in the post says how many lead as categories.
  it("an item with tags and no category keeps them as tags when Ghost's edit comes back", async () => {
    const { db, accountId, integration, ourSite } = await connectedTenant("ghost-tags-only");
    const title = uniqueName("Tags only");
    const body = { title, content: "<p>Tags</p>", status: "approved", tags: ["alpha tag", "beta tag"] };
    const item = await createContent(db, accountId, ourSite.id, createContentBodySchema.parse(body));
    const postId = (await publishContent(db, accountId, item.id)).external_id!;
    madeInGhost(postId);
    await nextSecond();
    await editInGhost(site, postId, { title: `${title} (Ghost)` });
    // What Ghost's post.edited webhook makes the app do: read the post, store it.
    const ctx = await createSyncContext(db, { integration, site: ourSite, eventType: "webhook" });
    expect((await importRemoteItem(ctx, { externalId: postId, contentType: "post" })).action).toBe("updated");
    expect(await getContentDto(db, accountId, item.id)).toMatchObject({
      title: `${title} (Ghost)`,
      categories: [],
      tags: ["alpha tag", "beta tag"],
    });
  });
});
