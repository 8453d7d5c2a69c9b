// After the migrations: everything the base commit stored is still there, as the API shows it,
// and the next incremental pull changes nothing. Run by scripts/test-migration.mjs.
import assert from "node:assert/strict";
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { syncEvents, syncRuns } from "@/db/tables";
import { executeSyncRun } from "@/lib/server/services/sync/runs";
import { allowEgressTo, getWordPressTestSite } from "@/test/support/wordpress";
import { takeSnapshot, type Snapshot, type SnapshotScope } from "./snapshot";

/**
 * The answers without the fields the base did not have (added by a later migration, like the SEO
 * fields): those must be empty (null) on every migrated item, and are then left out.
 */
function withoutNewFields<T extends { id: string }>(items: T[], base: T[]): T[] {
  const known = new Set(base.flatMap((item) => Object.keys(item)));
  return items.map((item) => {
    const added = Object.entries(item).filter(([key]) => !known.has(key));
    for (const [key, value] of added) assert.equal(value, null, `${key} of ${item.id} is new and must start empty`);
    return Object.fromEntries(Object.entries(item).filter(([key]) => known.has(key))) as T;
  });
}

async function main() {
  const { scope, snapshot: before } = JSON.parse(fs.readFileSync(process.argv[2], "utf8")) as {
    scope: SnapshotScope;
    snapshot: Snapshot;
  };
  allowEgressTo(getWordPressTestSite()!.url);
  const db = await getDb();
  const results: [string, () => Promise<void> | void][] = [];
  const check = (name: string, fn: () => Promise<void> | void) => results.push([name, fn]);

  const after = await takeSnapshot(db, scope);
  check(`every content item is still there, as the API answers it (${before.content.length})`, () =>
    assert.deepEqual(withoutNewFields(after.content, before.content), before.content),
  );
  check(`every term is still there (${before.terms.length})`, () => assert.deepEqual(after.terms, before.terms));
  check(`every image reference is still there (${before.images.length})`, () =>
    assert.deepEqual(after.images, before.images),
  );
  check(`every conflict is still there (${before.conflicts.length})`, () =>
    assert.deepEqual(after.conflicts, before.conflicts),
  );
  check("the pull cursor is still there", () => assert.deepEqual(after.cursor, before.cursor));
  check("the base filled what the test needs", () => {
    assert.ok(before.content.length >= 1000, "a pull of the fixture's posts");
    assert.ok(
      before.content.some((c) => c.featured_image_url),
      "an item with a featured image",
    );
    assert.ok(
      before.terms.some((t) => t.type === "tag") && before.terms.some((t) => t.type === "category"),
      "both kinds of terms",
    );
    assert.equal(before.conflicts.filter((c) => c.status === "open").length, 1, "one open conflict");
  });
  check("the next incremental pull changes nothing", async () => {
    const { accountId, integrationId } = scope;
    const [row] = await db
      .insert(syncRuns)
      .values({ accountId, integrationId, direction: "pull", isFull: false })
      .returning();
    await executeSyncRun(db, row.id);
    const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, row.id));
    assert.equal(run.status, "completed", run.error ?? "");
    assert.equal(run.failed, 0);
    const events = await db.select().from(syncEvents).where(eq(syncEvents.runId, row.id));
    assert.deepEqual(events, []);
    const again = await takeSnapshot(db, scope);
    assert.deepEqual(withoutNewFields(again.content, before.content), before.content);
    assert.deepEqual(again.terms, before.terms);
    assert.deepEqual(again.conflicts, before.conflicts);
  });

  let failed = 0;
  for (const [name, fn] of results) {
    try {
      await fn();
      console.log(`ok   ${name}`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${name}\n${error instanceof Error ? error.message : error}`);
    }
  }
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
