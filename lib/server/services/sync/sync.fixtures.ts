import { afterAll, beforeAll } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { syncEvents, syncRuns, type Content } from "@/db/tables";
import { ensureTerms, insertContent, replaceTermLinks } from "@/db/queries/content";
import { slugify } from "@/lib/schemas/content";
import { startJobRunner, stopJobRunner } from "@/lib/jobs/runner";
import { pngBytes } from "@/test/support/integration";
import { startServer, type TestServer } from "@/test/support/proxy";
import { allowEgressTo, getWordPressTestSite, uniqueName, wpRest, UNCONFIGURED_SITE } from "@/test/support/wordpress";

/** Shared setup of the sync engine tests against WordPress (sync-*.wordpress.test.ts). */

export const wp = getWordPressTestSite();
export const site = wp ?? UNCONFIGURED_SITE;
export type WpPostJson = {
  id: number;
  title: { raw: string };
  content: { raw: string };
  excerpt: { raw: string };
  slug: string;
  status: string;
  categories: number[];
  tags: number[];
  featured_media: number;
  date_gmt: string;
};

/** The featured-image server, started by setUpSyncEngine (an ES module live binding). */
export let imageServer: TestServer;
export const image = pngBytes(32, 24, [200, 40, 90]);

export async function newItem(
  db: Db,
  accountId: string,
  siteId: string,
  fields: Partial<Content> & { categories?: string[]; tags?: string[] } = {},
) {
  const title = fields.title ?? uniqueName("Sync test");
  const { categories = [], tags = [], ...rest } = fields;
  const item = await insertContent(db, {
    accountId,
    siteId,
    title,
    slug: slugify(title),
    content: "<p>Body</p>",
    excerpt: "",
    status: "approved",
    ...rest,
  });
  for (const [type, names] of [
    ["category", categories],
    ["tag", tags],
  ] as const) {
    const ids = await ensureTerms(db, {
      accountId,
      siteId,
      type,
      terms: names.map((name) => ({ name, slug: slugify(name) })),
    });
    await replaceTermLinks(db, { contentId: item.id, type, taxonomyIds: ids });
  }
  return item;
}

export async function waitForRun(db: Db, runId: string, timeoutMs = 120_000) {
  const started = Date.now();
  for (;;) {
    const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    if (run.status === "completed" || run.status === "failed") return run;
    if (Date.now() - started > timeoutMs)
      throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms (${run.processed}/${run.total})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function wpTotal(type = "posts") {
  const res = await wpRest(site, "GET", `/wp/v2/${type}`, {
    query: { per_page: 1, status: "publish,future,draft,pending,private", _fields: "id" },
  });
  return Number(res.headers.get("x-wp-total"));
}

export async function runEvents(db: Db, runId: string) {
  return db
    .select()
    .from(syncEvents)
    .where(and(eq(syncEvents.runId, runId), eq(syncEvents.eventType, "content_pull")));
}

/** The hooks of every sync engine describe: the image server above and a working job runner. */
export function setUpSyncEngine() {
  beforeAll(async () => {
    imageServer = await startServer((req, res) => {
      res.writeHead(200, { "content-type": "image/png", "content-length": image.length }).end(image);
    });
    allowEgressTo(imageServer.url);
    await startJobRunner({ work: true });
  });
  afterAll(async () => {
    await stopJobRunner();
    await imageServer?.close();
  });
}
