// The test shop bench/shopify.ts measures (bench/shopify-shop.ts, started in its own process), its
// control port, and the bare side: the adapter's listing pages with `fetch` + `JSON.parse` only.
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

export type BenchShop = { url: string; control: string; token: string; pid: number; articles: number };
export type LogEntry = {
  operationName: string | null;
  cost: number;
  outcome: "ok" | "throttled" | "invalid";
  /** When the request arrived and when its answer was sent (wall clock, ms). */
  at: number;
  done?: number;
};

/**
 * Starts the shop with `articles` seeded (stopped when this process exits); on the CPUs `cpus`
 * names (taskset's list, e.g. "0"), when given: a store on a server of its own.
 */
export async function startBenchShop(articles: number, cpus?: string): Promise<BenchShop> {
  const command = [process.execPath, ...process.execArgv, path.join(__dirname, "shopify-shop.ts"), String(articles)];
  const pinned = cpus ? ["taskset", "-c", cpus, ...command] : command;
  const child = spawn(pinned[0], pinned.slice(1), { stdio: ["ignore", "pipe", "inherit"] });
  process.on("exit", () => child.kill());
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) if (line.startsWith("{")) return JSON.parse(line) as BenchShop;
  throw new Error("The Shopify test shop did not start.");
}

/** A fresh, full cost bucket from now on. */
export async function setBucket(shop: BenchShop, bucket: { maximumAvailable: number; restoreRate: number }) {
  const res = await fetch(`${shop.control}/bucket`, { method: "POST", body: JSON.stringify(bucket) });
  return (await res.json()) as { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

/** The shop's request log from now on, read when `read()` is called. */
export async function shopLog(shop: BenchShop) {
  const from = ((await (await fetch(`${shop.control}/log?from=1e12`)).json()) as { length: number }).length;
  return async () =>
    ((await (await fetch(`${shop.control}/log?from=${from}`)).json()) as { entries: LogEntry[] }).entries;
}

/** The shop's log by operation: requests, points charged (THROTTLED answers charge none), THROTTLED answers. */
export function summarise(entries: LogEntry[]) {
  const ops = new Map<string, { n: number; points: number; throttled: number }>();
  for (const e of entries) {
    const op = ops.get(e.operationName ?? "?") ?? { n: 0, points: 0, throttled: 0 };
    op.n++;
    if (e.outcome === "ok") op.points += e.cost;
    if (e.outcome === "throttled") op.throttled++;
    ops.set(e.operationName ?? "?", op);
  }
  const sum = (key: "n" | "points" | "throttled") => [...ops.values()].reduce((a, o) => a + o[key], 0);
  const lines = [...ops].map(
    ([name, o]) =>
      `${String(o.n).padStart(5)} × ${name.padEnd(16)} ${String(o.points).padStart(7)} points${o.throttled ? `, ${o.throttled} THROTTLED` : ""}`,
  );
  return { requests: sum("n"), points: sum("points"), throttled: sum("throttled"), lines };
}

/** Where the time of a measured call went: before the first request, between requests, after the last. */
export function timeline(entries: LogEntry[], startedAt: number, endedAt: number) {
  if (!entries.length) return undefined;
  const last = entries.at(-1)!;
  const opening = entries.slice(0, 10).map((e) => `${e.operationName ?? "?"} +${(e.at - startedAt).toFixed(0)}`);
  // The shop's own time per request, and the time from one answer to the next request (the client's).
  const serving = entries.map((e) => (e.done ?? e.at) - e.at);
  const between = entries.slice(1).map((e, i) => e.at - (entries[i].done ?? entries[i].at));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    lead: entries[0].at - startedAt,
    tail: endedAt - (last.done ?? last.at),
    opening,
    serving: { median: median(serving), total: sum(serving) },
    between: { median: median(between), total: sum(between.filter((x) => x > 0)) },
  };
}

type Connection = { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

/** One request as the adapter sent it: its URL, headers and GraphQL body. */
export type Recorded = {
  url: string;
  headers: Record<string, string>;
  body: { query: string; variables: Record<string, unknown> };
};

/**
 * Every article, page after page as the adapter's full listing reads them (`listing` is its request
 * for page 1, recorded on its way out: the same document, headers and variables), each page's
 * cursor the `after` of the next, so one request at a time.
 */
export async function bareList(listing: Recorded): Promise<{ items: number; requests: number }> {
  let after: string | null = null;
  let items = 0;
  let requests = 0;
  for (;;) {
    const body = JSON.stringify({ ...listing.body, variables: { ...listing.body.variables, after } });
    const res = await fetch(listing.url, { method: "POST", headers: listing.headers, body });
    const answer = JSON.parse(await res.text()) as { data?: Record<string, Connection>; errors?: unknown };
    requests++;
    if (!answer.data)
      throw new Error(`The shop answered the listing with ${res.status}: ${JSON.stringify(answer.errors)}`);
    const page = answer.data.articles;
    items += page.nodes.length;
    if (!page.pageInfo.hasNextPage) return { items, requests };
    after = page.pageInfo.endCursor;
  }
}
