import { describe, expect, it } from "vitest";
import { updateContentBodySchema } from "@/lib/schemas/content";
import { readInGhost } from "@/test/support/ghost";
import { getConflictDetail, resolveConflict } from "../conflicts";
import { getContentDto, updateContent } from "../content";
import { bothEdited, conflictsOf, ghost, setUpGhostEngine, site, sync } from "./ghost.fixtures";

// An item edited both in IGNY8 and in Ghost: Ghost's own collision check (409 UpdateCollisionError)
// becomes a conflict, and resolving it either way leaves the chosen copy on both sides.
describe.skipIf(!ghost)("conflicts with a real Ghost", () => {
  setUpGhostEngine();

  it("push: Ghost refuses the stale update (409), a conflict keeps both versions, neither side loses its edit", async () => {
    const { db, accountId, integration, title, contentId, postId } = await bothEdited();
    const run = await sync(db, accountId, integration.id, { content_ids: [contentId] });
    expect(run.status).toBe("completed");

    // Ghost still has the Ghost edit and our body was not written over it.
    const inGhost = await readInGhost(site, postId);
    expect(inGhost).toMatchObject({ title: `${title} (Ghost)`, custom_excerpt: "Ghost excerpt" });
    expect(inGhost?.html).not.toContain("edited in IGNY8");
    // IGNY8 still has its own edit, marked as a conflict.
    expect(await getContentDto(db, accountId, contentId)).toMatchObject({
      title: `${title} (IGNY8)`,
      content: "<p>One</p><p>Two, edited in IGNY8</p>",
      excerpt: "Base excerpt",
      sync_state: "conflict",
    });

    const [conflict] = await conflictsOf(db, contentId);
    expect(conflict).toMatchObject({ status: "open", detectedBy: "push:plugin" });
    const detail = await getConflictDetail(db, accountId, conflict.id);
    expect(detail.igny8).toMatchObject({
      title: `${title} (IGNY8)`,
      content: "<p>One</p><p>Two, edited in IGNY8</p>",
      excerpt: "Base excerpt",
      categories: ["Base category"],
      tags: ["base tag"],
    });
    expect(detail.wordpress).toMatchObject({
      title: `${title} (Ghost)`,
      excerpt: "Ghost excerpt",
      content: inGhost!.html,
      categories: ["Base category"],
      tags: ["base tag"],
    });
    const changed = Object.fromEntries(detail.fields.map((f) => [f.field, f.changed_in]));
    expect(changed).toMatchObject({
      title: "both",
      excerpt: "wordpress",
      content: "igny8",
      categories: "none",
      tags: "none",
    });
    expect(detail.exact_detection).toBe(true);

    // Pushing again changes nothing on either side: still one open conflict.
    await sync(db, accountId, integration.id, { content_ids: [contentId] });
    expect((await readInGhost(site, postId))?.title).toBe(`${title} (Ghost)`);
    expect(await conflictsOf(db, contentId)).toEqual([expect.objectContaining({ id: conflict.id, status: "open" })]);
  });

  it('"keep IGNY8\'s" writes our copy to Ghost; later edits push without a new conflict', async () => {
    const { db, accountId, integration, title, contentId, postId } = await bothEdited();
    await sync(db, accountId, integration.id, { content_ids: [contentId] });
    const [open] = await conflictsOf(db, contentId);

    const resolved = await resolveConflict(db, accountId, open.id, { choice: "igny8" });
    expect(resolved).toMatchObject({ status: "resolved", resolution: "igny8" });
    const inGhost = await readInGhost(site, postId);
    expect(inGhost).toMatchObject({ title: `${title} (IGNY8)`, custom_excerpt: "Base excerpt" });
    expect(inGhost?.html).toContain("Two, edited in IGNY8");
    expect(await getContentDto(db, accountId, contentId)).toMatchObject({
      title: `${title} (IGNY8)`,
      sync_state: "synced",
    });

    // The new base is Ghost's version after our write: the next edit goes through.
    await updateContent(db, accountId, contentId, updateContentBodySchema.parse({ title: `${title} (later)` }));
    const run = await sync(db, accountId, integration.id, { content_ids: [contentId] });
    expect(run).toMatchObject({ status: "completed", failed: 0 });
    expect((await readInGhost(site, postId))?.title).toBe(`${title} (later)`);
    expect((await getContentDto(db, accountId, contentId)).sync_state).toBe("synced");
    expect(await conflictsOf(db, contentId)).toHaveLength(1);
  });

  it("\"keep Ghost's\" takes Ghost's copy into IGNY8 and leaves Ghost as it is", async () => {
    const { db, accountId, integration, title, contentId, postId } = await bothEdited();
    await sync(db, accountId, integration.id, { content_ids: [contentId] });
    const [open] = await conflictsOf(db, contentId);
    const before = (await readInGhost(site, postId))!;

    const resolved = await resolveConflict(db, accountId, open.id, { choice: "wordpress" });
    expect(resolved).toMatchObject({ status: "resolved", resolution: "wordpress" });
    expect(await getContentDto(db, accountId, contentId)).toMatchObject({
      title: `${title} (Ghost)`,
      excerpt: "Ghost excerpt",
      content: before.html,
      categories: ["Base category"],
      tags: ["base tag"],
      sync_state: "synced",
    });
    // Ghost was not written to, and a push afterwards has nothing of ours to put over it.
    expect(await readInGhost(site, postId)).toMatchObject({ title: `${title} (Ghost)`, updated_at: before.updated_at });
    const run = await sync(db, accountId, integration.id, { content_ids: [contentId] });
    expect(run).toMatchObject({ status: "completed", failed: 0 });
    expect(await readInGhost(site, postId)).toMatchObject({
      title: `${title} (Ghost)`,
      custom_excerpt: "Ghost excerpt",
    });
    expect(await conflictsOf(db, contentId)).toHaveLength(1);
  });
});
