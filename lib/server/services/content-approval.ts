import "server-only";
import type { Db } from "@/db/client";
import * as q from "@/db/queries/content";
import type { BulkContentBody, BulkContentResult } from "@/lib/schemas/content-actions";
import type { ContentDto } from "@/lib/schemas/content";
import { ApiError, notFound } from "../api/errors";
import { getContentDto, getContentOr404 } from "./content";

/** Marks the item approved (ready to publish). Approving twice is harmless. */
export async function approveContent(db: Db, accountId: string, id: string): Promise<ContentDto> {
  const current = await getContentOr404(db, accountId, id);
  if (current.status === "published") {
    throw new ApiError("conflict", "This item is already published.", {
      fix: "Edit it and publish it again to update WordPress.",
    });
  }
  if (current.status !== "approved")
    await q.updateContent(db, { accountId, id }, { status: "approved", approvedAt: new Date() });
  return getContentDto(db, accountId, id);
}

/** Deletes the item here only; its WordPress copy stays. */
export async function deleteContent(db: Db, accountId: string, id: string) {
  const [deleted] = await q.deleteContent(db, { accountId, ids: [id] });
  if (!deleted) throw notFound("Content");
}

/** Approve or delete many items; ids of other accounts count as not found. */
export async function bulkContent(db: Db, accountId: string, body: BulkContentBody): Promise<BulkContentResult> {
  const ids = [...new Set(body.ids)];
  // Answered in the order asked.
  const byId = new Map((await q.getContentByIds(db, { accountId, ids })).map((r) => [r.id, r]));
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  const found = new Set(rows.map((r) => r.id));
  const not_found = ids.filter((id) => !found.has(id));
  if (body.action === "delete") {
    const deleted = new Set(await q.deleteContent(db, { accountId, ids: [...found] }));
    return { action: "delete", done: ids.filter((id) => deleted.has(id)), not_found, skipped: [] };
  }
  const done: string[] = [];
  const skipped: BulkContentResult["skipped"] = [];
  for (const row of rows) {
    if (row.status === "published") skipped.push({ id: row.id, reason: "already published" });
    else {
      if (row.status !== "approved")
        await q.updateContent(db, { accountId, id: row.id }, { status: "approved", approvedAt: new Date() });
      done.push(row.id);
    }
  }
  return { action: "approve", done, not_found, skipped };
}
