import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { siteIntegrations, syncRuns, type SiteIntegration } from "@/db/tables";
import { startJobRunner, stopJobRunner } from "@/lib/jobs/runner";
import { createContentBodySchema, updateContentBodySchema } from "@/lib/schemas/content";
import { seoKeptReasons } from "@/lib/schemas/seo";
import { createTestTenant } from "@/test/support/db";
import { createTestIntegration } from "@/test/support/integration";
import { getWordPressTestSite, uniqueName, wpRest, type WordPressTestSite } from "@/test/support/wordpress";
import { createContent, getContentDto, updateContent } from "../content";
import { getSyncDashboard } from "../content-dashboard";
import { publishContent } from "./publish-now";
import { startSyncRun } from "./runs";

// SEO fields through the IGNY8 plugin (WP_TEST_URL has it) and without it (WP_TEST_PLAIN_URL).
const wp = getWordPressTestSite();
const plain = getWordPressTestSite("plain");
const created: Array<[WordPressTestSite, number]> = [];

const seo = {
  seo_title: "Tulips in autumn | Garden notes",
  seo_description: "When and how deep to plant tulip bulbs, and why October is the month.",
  focus_keyword: "tulip bulbs",
  canonical_url: "https://garden.example.com/tulips-in-autumn/",
};

type PostJson = { id: number; modified: string; meta: Record<string, string> | [] };
const readPost = async (site: WordPressTestSite, id: number) => {
  const query = { context: "edit", _fields: "id,modified,meta" };
  return (await wpRest<PostJson>(site, "GET", `/wp/v2/posts/${id}`, { query })).data;
};
const nextSecond = () => new Promise((r) => setTimeout(r, 1100));

async function waitForRun(db: Db, runId: string) {
  for (const started = Date.now(); Date.now() - started < 120_000; await new Promise((r) => setTimeout(r, 200))) {
    const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    if (run.status === "completed" || run.status === "failed") return run;
  }
  throw new Error(`run ${runId} did not finish`);
}

/** An approved item with the four SEO fields, published now to `site`. */
async function publishWithSeo(site: WordPressTestSite, label: string) {
  const { db, auth } = await createTestTenant(label);
  const { site: row, integration } = await createTestIntegration(db, auth.accountId, site);
  const body = createContentBodySchema.parse({ title: uniqueName(`SEO ${label}`), status: "approved", ...seo });
  const item = await createContent(db, auth.accountId, row.id, body);
  const result = await publishContent(db, auth.accountId, item.id);
  if (result.wordpress_id) created.push([site, result.wordpress_id]);
  return { db, accountId: auth.accountId, siteId: row.id, integration, item, result };
}

/** Pulls what changed since `modified` (site time), as a later incremental pull would. */
async function pullSince(db: Db, accountId: string, integration: SiteIntegration, modified: string) {
  const cursor = { modified, seen: [] };
  const pullCursor = { post: cursor, page: cursor };
  await db.update(siteIntegrations).set({ pullCursor }).where(eq(siteIntegrations.id, integration.id));
  const { run } = await startSyncRun(db, { accountId, integrationId: integration.id, direction: "pull" });
  return waitForRun(db, run.id);
}

beforeAll(() => (wp || plain ? startJobRunner({ work: true }) : undefined));
afterAll(async () => {
  if (!wp && !plain) return;
  await stopJobRunner();
  for (const [site, id] of created) await wpRest(site, "DELETE", `/wp/v2/posts/${id}`, { query: { force: "true" } });
});

describe.skipIf(!wp)("SEO fields through the IGNY8 plugin", () => {
  it("a push writes the SEO plugins' meta keys; edits made in WordPress come back on pull", async () => {
    type Status = { version?: string; seo?: { meta?: boolean; active?: string[] } };
    const status = await wpRest<Status>(wp!, "GET", "/igny8/v1/status");
    const needs = `the site needs this checkout's plugin (1.2.0), it has ${status.data.version}`;
    expect(status.data.seo?.meta, needs).toBe(true);
    const { db, accountId, integration, item, result } = await publishWithSeo(wp!, "plugin");
    expect(result).toMatchObject({ sync_state: "synced", status: "published" });
    expect(result.event.metadata).toMatchObject({ seo: "sent" });

    const post = await readPost(wp!, result.wordpress_id!);
    const active = status.data.seo!.active ?? [];
    const meta = post.meta as Record<string, string>;
    if (active.length === 0 || active.includes("yoast")) {
      expect(meta).toMatchObject({
        _yoast_wpseo_title: seo.seo_title,
        _yoast_wpseo_metadesc: seo.seo_description,
        _yoast_wpseo_focuskw: seo.focus_keyword,
        _yoast_wpseo_canonical: seo.canonical_url,
      });
    }
    if (active.length === 0 || active.includes("rank_math")) {
      expect(meta).toMatchObject({
        rank_math_title: seo.seo_title,
        rank_math_description: seo.seo_description,
        rank_math_focus_keyword: seo.focus_keyword,
        rank_math_canonical_url: seo.canonical_url,
      });
    }

    // An edit in WordPress (as the SEO plugin's box saves it: its keys, and the post's modified time).
    const before = post.modified;
    await nextSecond();
    const edited = { title: "Edited in WordPress", keyword: "autumn tulips" };
    const { title: t, keyword: k } = edited;
    const rankMath = { rank_math_title: t, rank_math_focus_keyword: k, rank_math_canonical_url: "" };
    const yoast = { _yoast_wpseo_title: t, _yoast_wpseo_focuskw: k, _yoast_wpseo_canonical: "" };
    const keys = active.length === 0 ? { ...yoast, ...rankMath } : active.includes("yoast") ? yoast : rankMath;
    const edit = await wpRest(wp!, "POST", `/wp/v2/posts/${result.wordpress_id}`, { json: { meta: keys } });
    expect(edit.status).toBe(200);

    expect((await pullSince(db, accountId, integration, before)).status).toBe("completed");
    const pulled = await getContentDto(db, accountId, item.id);
    expect(pulled).toMatchObject({
      seo_title: edited.title,
      seo_description: seo.seo_description,
      focus_keyword: edited.keyword,
      canonical_url: null,
      sync_state: "synced",
    });

    // A local edit of an SEO field alone is a change to push.
    const body = updateContentBodySchema.parse({ focus_keyword: "bulbs" });
    const saved = await updateContent(db, accountId, item.id, body);
    expect(saved.sync_state).toBe("pending");
  });
});

describe.skipIf(!plain)("SEO fields without the IGNY8 plugin", () => {
  it("the push succeeds, the fields stay in IGNY8, and the Sync Dashboard says why", async () => {
    const { db, accountId, siteId, integration, item, result } = await publishWithSeo(plain!, "plain");
    expect(result).toMatchObject({ sync_state: "synced", status: "published" });
    expect(result.event.metadata).toMatchObject({ seo: "kept_in_igny8", note: seoKeptReasons.no_plugin });

    const post = await readPost(plain!, result.wordpress_id!);
    expect(post.meta).toEqual([]);
    const dashboard = await getSyncDashboard(db, accountId, siteId);
    expect(dashboard?.seoNotice).toBe(seoKeptReasons.no_plugin);
    const event = dashboard?.events.results.find((e) => e.content_id === item.id);
    expect(event?.metadata.note).toBe(seoKeptReasons.no_plugin);

    // WordPress edits the post; a pull takes its title and keeps our SEO fields (it has none to say).
    await nextSecond();
    const title = `${item.title} (edited)`;
    expect((await wpRest(plain!, "POST", `/wp/v2/posts/${result.wordpress_id}`, { json: { title } })).status).toBe(200);
    expect((await pullSince(db, accountId, integration, post.modified)).status).toBe("completed");
    expect(await getContentDto(db, accountId, item.id)).toMatchObject({ title, ...seo, sync_state: "synced" });
  });
});
