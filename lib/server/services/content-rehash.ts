import "server-only";
import type { Db } from "@/db/client";
import type { Content } from "@/db/tables";
import * as q from "@/db/queries/content";
import { markRefsChanged } from "@/db/queries/content-refs";
import { contentHash, hashableOf } from "./sync/hash";

/**
 * Stores the hash of the item's synced fields as they are now, so a pull can tell a local edit
 * from an untouched item (three-way conflict detection). A synced item whose fields moved away
 * from what both sides last agreed on (or whose status or date changed) becomes "pending" on
 * each destination where that is so.
 */
export async function rehash(db: Db, row: Content, isPublishingChanged = false) {
  const terms = (await q.listTermNames(db, { accountId: row.accountId, contentIds: [row.id] })).get(row.id);
  const hash = contentHash(hashableOf(row, { categories: terms?.categories ?? [], tags: terms?.tags ?? [] }));
  if (hash !== row.contentHash)
    await q.updateContent(db, { accountId: row.accountId, id: row.id }, { contentHash: hash });
  await markRefsChanged(db, { accountId: row.accountId, id: row.id, hash, isPublishingChanged });
}
