// The fewest requests Webflow's API allows for a push's outcome, line by line, and the reporting
// helpers of bench/webflow.ts.
import type { LoggedRequest } from "./webflow-site";

/** plain: no terms; new-terms: every term created in Webflow; known-terms: every term already there. */
export type Case = "plain" | "new-terms" | "known-terms";

const per100 = (n: number) => Math.ceil(n / 100);

/**
 * N published items, staged and then published (the design: staged writes with isDraft explicit,
 * then the item publish endpoint), with their terms as items of the referenced collections.
 */
export function minimumFor(
  which: Case,
  params: {
    items: number;
    created: { categories: number; tags: number };
    existing: { categories: number; tags: number };
  },
) {
  const rows: Array<[number, string]> = [
    [1, "GET /collections/{blog}: the fields, to check the map and find the referenced collections"],
    [per100(params.items), `POST /collections/{blog}/items/bulk: ${params.items} staged creates, 100 a request`],
    [per100(params.items), `POST /collections/{blog}/items/publish: ${params.items} ids, 100 a request`],
  ];
  if (which !== "plain") {
    for (const kind of ["categories", "tags"] as const) {
      const existing = params.existing[kind];
      const created = params.created[kind];
      rows.push([
        Math.max(1, per100(existing)),
        `GET /collections/{${kind}}/items: the ${existing} existing ${kind} by name, 100 a page`,
      ]);
      if (created) {
        rows.push([per100(created), `POST /collections/{${kind}}/items/bulk: the ${created} missing, 100 a request`]);
        rows.push([per100(created), `POST /collections/{${kind}}/items/publish: live items reference live items only`]);
      }
    }
  }
  const total = rows.reduce((sum, [n]) => sum + n, 0);
  return {
    total,
    lines: [...rows.map(([n, what]) => `${String(n).padStart(3)}  ${what}`), `${String(total).padStart(3)}  in all`],
  };
}

/** The budget's floor: a fresh minute allows `budget` requests at once, and `budget` more each minute after. */
export const budgetFloorMs = (requests: number, budget: number) =>
  Math.floor(Math.max(0, requests - 1) / budget) * 60_000;

/** Requests counted by method, path and status. */
export function tally(log: LoggedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of log) {
    const key = `${r.method} ${r.path} ${r.status}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export const requestLines = (counts: Map<string, number>) =>
  [...counts].sort((a, b) => b[1] - a[1]).map(([key, n]) => `${String(n).padStart(3)}  ${key}`);
