import { describe, expect, it } from "vitest";
import { shiftSiteTime, walkModified, type WalkCursor } from "@/lib/platforms/wordpress/cursor";
import type { WpPost } from "@/lib/platforms/wordpress/schemas";

// An in-memory collection answering like WordPress: modified_after strictly greater (site time,
// whole seconds), orderby=modified asc (id as tie-break), page/per_page, X-WP-Total(Pages).
function collection(posts: WpPost[]) {
  const queries: Array<Record<string, unknown>> = [];
  const fetchPage = async (query: Record<string, string | number | undefined>) => {
    queries.push(query);
    const after = query.modified_after as string | undefined;
    const matching = posts
      .filter((p) => after === undefined || (p.modified ?? "") > after)
      .sort((a, b) => (a.modified ?? "").localeCompare(b.modified ?? "") || a.id - b.id);
    const perPage = Number(query.per_page);
    const page = Number(query.page);
    const totalPages = Math.ceil(matching.length / perPage);
    return { items: matching.slice((page - 1) * perPage, page * perPage), total: matching.length, totalPages };
  };
  return { fetchPage, queries };
}

const post = (id: number, modified: string): WpPost => ({ id, modified, modified_gmt: modified });

async function drain(gen: AsyncGenerator<{ items: WpPost[]; cursor: WalkCursor }>) {
  const ids: number[] = [];
  let cursor: WalkCursor | undefined;
  for await (const page of gen) {
    ids.push(...page.items.map((p) => p.id));
    cursor = page.cursor;
  }
  return { ids, cursor };
}

describe("walkModified", () => {
  it("shifts zone-less site times by seconds", () => {
    expect(shiftSiteTime("2026-01-01T00:00:00", -1)).toBe("2025-12-31T23:59:59");
  });

  it("walks everything once, even when more than a page shares one second", async () => {
    const posts = [
      ...Array.from({ length: 7 }, (_, i) => post(i + 1, "2026-01-01T10:00:00")),
      post(8, "2026-01-01T10:00:01"),
      post(9, "2026-01-01T10:00:05"),
    ];
    const { fetchPage } = collection(posts);
    const { ids, cursor } = await drain(walkModified(fetchPage, { perPage: 3 }));
    expect(ids.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(cursor).toEqual({ modified: "2026-01-01T10:00:05", seen: ["9:2026-01-01T10:00:05"] });
  });

  it("resumes from a cursor: a same-second newcomer is included, already-seen items are not", async () => {
    const posts = [post(1, "2026-01-01T10:00:00"), post(2, "2026-01-01T10:00:05")];
    const { fetchPage, queries } = collection(posts);
    const first = await drain(walkModified(fetchPage));
    posts.push(post(3, "2026-01-01T10:00:05"), post(1, "2026-01-01T10:00:09"));
    const next = await drain(walkModified(fetchPage, { cursor: first.cursor }));
    expect(next.ids).toEqual([3, 1]);
    expect(queries.at(-1)?.modified_after).toBe("2026-01-01T10:00:04");
    const idle = await drain(walkModified(fetchPage, { cursor: next.cursor }));
    expect(idle.ids).toEqual([]);
  });
});
