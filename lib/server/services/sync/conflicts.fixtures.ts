import { afterAll, beforeAll, expect } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contentConflicts, siteIntegrations, syncRuns, type SiteIntegration } from "@/db/tables";
import { createContentBodySchema } from "@/lib/schemas/content";
import { getContentByIds } from "@/db/queries/content";
import { startJobRunner, stopJobRunner } from "@/lib/jobs/runner";
import { createContent, updateContent } from "@/lib/server/services/content";
import { createTestTenant } from "@/test/support/db";
import { createTestIntegration } from "@/test/support/integration";
import { getWordPressTestSite, uniqueName, wpRest, UNCONFIGURED_SITE } from "@/test/support/wordpress";
import { createSyncContext, type SyncContext } from "./context";
import { importRemoteItem } from "./import-item";
import { pushItems } from "./push";

/** Shared setup of the conflict tests against WordPress (conflicts*.wordpress.test.ts). */

export const importWordPressItem = (ctx: SyncContext, item: { wordpressId: number; contentType: "post" }) =>
  importRemoteItem(ctx, { externalId: String(item.wordpressId), contentType: item.contentType });

export const wp = getWordPressTestSite();
export const site = wp ?? UNCONFIGURED_SITE;
export type WpPostJson = {
  id: number;
  title: { raw: string };
  content: { raw: string };
  excerpt: { raw: string };
  modified_gmt: string;
};
export type Policy = SiteIntegration["conflictPolicy"];

/** WordPress keeps modified_gmt to the second: edits meant to be "later" wait for the next one. */
export const nextSecond = () => new Promise((r) => setTimeout(r, 1100));

export const readPost = async (id: number) =>
  (await wpRest<WpPostJson>(site, "GET", `/wp/v2/posts/${id}`, { query: { context: "edit" } })).data;
export const editPost = (id: number, json: Record<string, unknown>) =>
  wpRest(site, "POST", `/wp/v2/posts/${id}`, { json });
export const itemOf = async (db: Db, accountId: string, id: string) =>
  (await getContentByIds(db, { accountId, ids: [id] }))[0];
export const conflictsOf = (db: Db, contentId: string) =>
  db.select().from(contentConflicts).where(eq(contentConflicts.contentId, contentId));

/** A pushed, synced item; then (a second later) both sides edited: WordPress first unless `oursFirst`. */
export async function bothEdited(policy: Policy, options: { oursFirst?: boolean; url?: string } = {}) {
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

export async function waitForRun(db: Db, runId: string) {
  for (const started = Date.now(); Date.now() - started < 60_000;) {
    const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    if (run.status === "completed" || run.status === "failed") return run;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("run did not finish");
}

/** The hooks of the tests with the IGNY8 plugin: a working job runner. */
export function setUpJobRunner() {
  beforeAll(() => startJobRunner({ work: true }));
  afterAll(() => stopJobRunner());
}
