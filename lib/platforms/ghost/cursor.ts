import "server-only";
import type { ChangeCursor } from "@/lib/platforms/types";

/**
 * Where a walk of changes resumes: the last `updated_at` second read and the ids read at that
 * second. Ghost stamps to the whole second, so the next page asks for that second again and
 * leaves those ids out; an item edited again later in the same second is still found, as its id
 * is only left out at that second.
 */
export type GhostCursor = { updatedAt: string | null; ids: string[] };

/** Past this many ids at one second, the rest of that second is read by id order instead. */
const MAX_IDS = 200;
const ID = /^[0-9a-f]{24}$/;

export function readCursor(cursor: ChangeCursor | undefined): GhostCursor {
  const at = cursor?.updatedAt;
  const ids = Array.isArray(cursor?.ids) ? cursor.ids.filter((id): id is string => typeof id === "string") : [];
  return { updatedAt: typeof at === "string" && !Number.isNaN(Date.parse(at)) ? at : null, ids };
}

/** `2026-12-04T18:54:11.000Z` as Ghost's SQLite compares it: `2026-12-04 18:54:11` (UTC). */
export function toFilterDate(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace("T", " ");
}

/** The NQL filter of what comes after the cursor. */
export function filterAfter(cursor: GhostCursor): string | undefined {
  if (!cursor.updatedAt) return undefined;
  const at = toFilterDate(cursor.updatedAt);
  const ids = cursor.ids.filter((id) => ID.test(id));
  if (ids.length === 0) return `updated_at:>='${at}'`;
  // Pages go in (updated_at, id) order, so a long run of one second can resume after its greatest id.
  const rest = ids.length > MAX_IDS ? `id:>'${ids.reduce((a, b) => (a > b ? a : b))}'` : `id:-[${ids.join(",")}]`;
  return `updated_at:>'${at}',(updated_at:'${at}'+${rest})`;
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
