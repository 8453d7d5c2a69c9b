// Fills a database the way users do, with the code of the commit it runs in: a WordPress site
// connected, fully pulled (posts, terms, a featured image), an item pushed from IGNY8 with terms,
// a conflict (both sides edited), then an incremental pull. Writes the scope and the snapshot.
// Run by scripts/test-migration.mjs inside a checkout of the base commit, never by hand.
import fs from "node:fs";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { syncRuns } from "@/db/tables";
import { createContentBodySchema } from "@/lib/schemas/content";
import { createContent, updateContent } from "@/lib/server/services/content";
import { executeSyncRun } from "@/lib/server/services/sync/runs";
import { publishContent } from "@/lib/server/services/sync/publish-now";
import { createTestTenant } from "@/test/support/db";
import { createTestIntegration, pngBytes } from "@/test/support/integration";
import { allowEgressTo, getWordPressTestSite, uniqueName, wpRest } from "@/test/support/wordpress";
import { takeSnapshot } from "./snapshot";

const out = process.argv[2];
const fixture = getWordPressTestSite();
if (!out || !fixture)
  throw new Error("usage: fill.ts <snapshot.json>, with WP_TEST_URL, WP_TEST_USERNAME and WP_TEST_APP_PASSWORD set");
const wp = fixture;
allowEgressTo(wp.url);

async function run(db: Db, accountId: string, integrationId: string, full: boolean) {
  const [row] = await db
    .insert(syncRuns)
    .values({ accountId, integrationId, direction: "pull", isFull: full })
    .returning();
  await executeSyncRun(db, row.id);
  const [done] = await db.select().from(syncRuns).where(eq(syncRuns.id, row.id));
  if (done.status !== "completed") throw new Error(`pull ${done.status}: ${done.error}`);
}

async function main() {
  const { db, auth } = await createTestTenant("migration");
  const { accountId } = auth;
  const { site, integration } = await createTestIntegration(db, accountId, wp);

  // In WordPress: a post with its own category, a tag and a featured image.
  const name = uniqueName("Migration");
  const media = await fetch(`${wp.url}/wp-json/wp/v2/media`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${wp.username}:${wp.applicationPassword}`).toString("base64")}`,
      "content-type": "image/png",
      "content-disposition": `attachment; filename="${name.replace(/\W+/g, "-")}.png"`,
    },
    body: new Uint8Array(pngBytes(4, 4, [10, 120, 200])),
  }).then((r) => r.json() as Promise<{ id: number }>);
  const category = (
    await wpRest<{ id: number }>(wp, "POST", "/wp/v2/categories", { json: { name: `${name} category` } })
  ).data;
  const tag = (await wpRest<{ id: number }>(wp, "POST", "/wp/v2/tags", { json: { name: `${name} tag` } })).data;
  await wpRest(wp, "POST", "/wp/v2/posts", {
    json: {
      title: `${name} from WordPress`,
      content: "<p>Written in WordPress.</p>",
      status: "publish",
      categories: [category.id],
      tags: [tag.id],
      featured_media: media.id,
    },
  });
  await run(db, accountId, integration.id, true);

  // From IGNY8: an item with terms, pushed; another pushed, then edited on both sides.
  const create = (title: string) =>
    createContent(
      db,
      accountId,
      site.id,
      createContentBodySchema.parse({
        title,
        content: "<p>Written in IGNY8.</p>",
        status: "approved",
        categories: [`${name} pushed`],
        tags: ["kept"],
      }),
    );
  const pushed = await create(`${name} pushed`);
  await publishContent(db, accountId, pushed.id);
  const contested = await create(`${name} contested`);
  const first = await publishContent(db, accountId, contested.id);
  await new Promise((r) => setTimeout(r, 1100)); // WordPress keeps modified_gmt to the second
  await wpRest(wp, "POST", `/wp/v2/posts/${first.wordpress_id}`, { json: { title: `${name} contested (WordPress)` } });
  await updateContent(db, accountId, contested.id, { title: `${name} contested (IGNY8)` });
  const second = await publishContent(db, accountId, contested.id);
  if (second.sync_state !== "conflict") throw new Error(`expected a conflict, got ${second.sync_state}`);
  await run(db, accountId, integration.id, false);

  const scope = { accountId, siteId: site.id, integrationId: integration.id };
  fs.writeFileSync(out, JSON.stringify({ scope, snapshot: await takeSnapshot(db, scope) }));
  console.log(`filled: ${name}`);
  process.exit(0);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
