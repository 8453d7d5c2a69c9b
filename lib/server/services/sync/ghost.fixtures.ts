import { afterAll, beforeAll, expect } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contentConflicts, syncEvents, syncRuns } from "@/db/tables";
import { startJobRunner, stopJobRunner } from "@/lib/jobs/runner";
import { createContentBodySchema, updateContentBodySchema } from "@/lib/schemas/content";
import { startSyncBodySchema } from "@/lib/schemas/sync";
import { createTestTenant } from "@/test/support/db";
import {
  connectGhostSite,
  deleteInGhost,
  editInGhost,
  getGhostTestSite,
  nextSecond,
  type GhostTestSite,
} from "@/test/support/ghost";
import { uniqueName } from "@/test/support/wordpress";
import { createContent, getContentDto, updateContent } from "../content";
import { publishContent } from "./publish-now";
import { requestSync } from "./api";
import { executeSyncRun } from "./runs";

/** Shared setup of the engine's tests against a real Ghost (ghost.*.test.ts). */

export const ghost = getGhostTestSite();
/** Collected while no Ghost is configured (the tests are skipped); never used then. */
export const site: GhostTestSite = ghost ?? { url: "http://127.0.0.1:9", adminApiKey: "" };

/** Posts the tests made in Ghost, deleted afterwards. */
const made = new Set<string>();
export const madeInGhost = (id: string) => made.add(id);

/** A working job runner (sync runs go through the queue, as in the app) and cleanup in Ghost. */
export function setUpGhostEngine() {
  beforeAll(() => startJobRunner({ work: true }));
  afterAll(async () => {
    await stopJobRunner();
    for (const id of made) await deleteInGhost(site, id);
  });
}

/** A fresh account with a site connected to the Ghost (connectSite, as the app does). */
export async function connectedTenant(label: string) {
  const { db, auth } = await createTestTenant(label);
  const { integration, site: ourSite } = await connectGhostSite(db, auth.accountId, site);
  return { db, accountId: auth.accountId, integration, ourSite };
}

export async function waitForRun(db: Db, runId: string, timeoutMs = 180_000) {
  for (const started = Date.now(); ;) {
    const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    if (run.status === "completed" || run.status === "failed") return run;
    if (Date.now() - started > timeoutMs) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A sync as the user starts it (POST …/sync/ body), waited for: the finished run. */
export async function sync(db: Db, accountId: string, integrationId: string, body: Record<string, unknown>) {
  const started = await requestSync(db, accountId, integrationId, startSyncBodySchema.parse(body));
  return waitForRun(db, started.run_id);
}

/**
 * An incremental pull run executed here and now (the engine's run, without the queue's polling
 * delay: for tests that must pull within one second of an edit).
 */
export async function pullNow(db: Db, accountId: string, integrationId: string) {
  const [row] = await db.insert(syncRuns).values({ accountId, integrationId, direction: "pull" }).returning();
  await executeSyncRun(db, row.id);
  const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, row.id));
  expect(run).toMatchObject({ status: "completed", failed: 0 });
  return run;
}

/** The content_pull events of a run, as the sync history lists them. */
export const pullEventsOf = (db: Db, runId: string) =>
  db
    .select()
    .from(syncEvents)
    .where(and(eq(syncEvents.runId, runId), eq(syncEvents.eventType, "content_pull")));

export const conflictsOf = (db: Db, contentId: string) =>
  db.select().from(contentConflicts).where(eq(contentConflicts.contentId, contentId));

/**
 * An item published from IGNY8 to Ghost; then (a second later) edited in Ghost (title, excerpt)
 * and in IGNY8 (title, body).
 */
export async function bothEdited() {
  const { db, accountId, integration, ourSite } = await connectedTenant("ghost-conflict");
  const title = uniqueName("Ghost conflict");
  const created = await createContent(
    db,
    accountId,
    ourSite.id,
    createContentBodySchema.parse({
      title,
      content: "<p>One</p><p>Two</p>",
      excerpt: "Base excerpt",
      status: "approved",
      categories: ["Base category"],
      tags: ["base tag"],
    }),
  );
  const published = await publishContent(db, accountId, created.id);
  expect(published).toMatchObject({ platform: "ghost", sync_state: "synced" });
  const postId = published.external_id!;
  madeInGhost(postId);
  await nextSecond();
  await editInGhost(site, postId, { title: `${title} (Ghost)`, custom_excerpt: "Ghost excerpt" });
  const ours = { title: `${title} (IGNY8)`, content: "<p>One</p><p>Two, edited in IGNY8</p>" };
  await updateContent(db, accountId, created.id, updateContentBodySchema.parse(ours));
  expect((await getContentDto(db, accountId, created.id)).sync_state).toBe("pending");
  return { db, accountId, integration, ourSite, title, contentId: created.id, postId };
}
