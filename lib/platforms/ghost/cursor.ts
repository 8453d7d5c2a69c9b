import "server-only";
import type { ChangeCursor } from "@/lib/platforms/types";

/**
 * Where a walk of changes resumes: the last `updated_at` second read and the ids read at that
 * second. Ghost stamps to the whole second, so the next walk takes that second again and leaves
 * those ids out; an item edited again later in the same second is still found, as its id is only
 * left out at that second.
 */
export type GhostCursor = { updatedAt: string | null; ids: string[] };

export function readCursor(cursor: ChangeCursor | undefined): GhostCursor {
  const at = cursor?.updatedAt;
  const ids = Array.isArray(cursor?.ids) ? cursor.ids.filter((id): id is string => typeof id === "string") : [];
  return { updatedAt: typeof at === "string" && !Number.isNaN(Date.parse(at)) ? at : null, ids };
}

/** `2026-12-04T18:54:11.000Z` as Ghost's SQLite compares it: `2026-12-04 18:54:11` (UTC). */
export function toFilterDate(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace("T", " ");
}

/** The cursor after reading `items` (in walk order) from `cursor`. */
export function advance(cursor: GhostCursor, items: Array<{ id: string; updated_at?: string | null }>): GhostCursor {
  let next = cursor;
  for (const item of items) {
    if (!item.updated_at) continue;
    const same = next.updatedAt !== null && Date.parse(next.updatedAt) === Date.parse(item.updated_at);
    next = { updatedAt: item.updated_at, ids: same ? [...next.ids, item.id] : [item.id] };
  }
  return next;
}
