import type { WpPost } from "@/lib/platforms/wordpress/schemas";

/**
 * Walking a post collection by modified time. Paging by page number skips posts edited during
 * the walk; a modified cursor does not. WordPress's `modified_after` is strictly greater, in
 * site time, with one-second precision, so each query starts one second before the cursor and
 * items already seen (same id and modified_gmt) are dropped.
 */

/** Resume point: the newest `modified` (site time) seen and the items seen at that second. */
export type WalkCursor = { modified: string; seen: string[] };

export type WalkOptions = {
  cursor?: WalkCursor;
  /** `_fields`; id, modified and modified_gmt are always added. */
  fields?: string[];
  /** Default 100 (WordPress's maximum). */
  perPage?: number;
  /** e.g. ["publish", "draft"]; WordPress's default is publish only. */
  status?: string[];
  context?: "view" | "edit";
};

export type WalkPage = { items: WpPost[]; cursor: WalkCursor; total: number };

type FetchPage = (
  query: Record<string, string | number | undefined>,
) => Promise<{ items: WpPost[]; total: number; totalPages: number }>;

/** Adds seconds to a zone-less WordPress date ("2026-11-28T02:21:14"), keeping the format. */
export function shiftSiteTime(value: string, seconds: number): string {
  const ms = Date.parse(`${value.slice(0, 19)}Z`);
  if (Number.isNaN(ms)) throw new Error(`Not a WordPress date: ${value}`);
  return new Date(ms + seconds * 1000).toISOString().slice(0, 19);
}

export function itemKey(item: WpPost): string {
  return `${item.id}:${item.modified_gmt ?? item.modified ?? ""}`;
}

export async function* walkModified(fetchPage: FetchPage, opts: WalkOptions = {}): AsyncGenerator<WalkPage> {
  const perPage = Math.min(100, opts.perPage ?? 100);
  const fields = opts.fields
    ? Array.from(new Set(["id", "modified", "modified_gmt", "status", ...opts.fields])).join(",")
    : undefined;
  const seen = new Set(opts.cursor?.seen ?? []);
  let newest = opts.cursor?.modified ?? "";
  let atNewest = [...(opts.cursor?.seen ?? [])];
  let after = opts.cursor ? shiftSiteTime(opts.cursor.modified, -1) : undefined;
  let page = 1;
  let total: number | undefined;

  for (;;) {
    const res = await fetchPage({
      orderby: "modified",
      order: "asc",
      modified_after: after,
      page,
      per_page: perPage,
      _fields: fields,
      status: opts.status?.join(","),
      context: opts.context,
    });
    total ??= res.total;
    const fresh: WpPost[] = [];
    for (const item of res.items) {
      const key = itemKey(item);
      const modified = item.modified ?? "";
      // WordPress sets a scheduled post's `modified` to its future date: the cursor must not jump
      // there, or every real edit until then would be skipped. Such items come again; unchanged
      // ones are not written.
      if (item.status === "future") {
        // not a clock reading
      } else if (modified > newest) {
        newest = modified;
        atNewest = [key];
      } else if (modified === newest && !atNewest.includes(key)) {
        atNewest.push(key);
      }
      if (seen.has(key)) continue;
      seen.add(key);
      fresh.push(item);
    }
    if (fresh.length > 0) yield { items: fresh, cursor: { modified: newest, seen: [...atNewest] }, total };
    if (res.items.length < perPage || page >= res.totalPages) return;
    // Move the window forward when the page advanced the clock; otherwise (a full page within
    // one second) page through that window.
    const nextAfter = shiftSiteTime(newest, -1);
    if (after === undefined || nextAfter > after) {
      after = nextAfter;
      page = 1;
    } else {
      page++;
    }
  }
}
