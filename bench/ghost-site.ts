// The Ghost that bench/ghost.ts measures (BENCH_GHOST_INFO = a fixture's info.json, from
// ../shared/ghost/ghost-up) and its bare Admin API: `fetch` + `JSON.parse` only, with the token the
// adapter signs (HS256, `kid` = key id, audience /admin/, 5 minutes, a new one every 2 minutes).
import fs from "node:fs";
import { SignJWT } from "jose";

export type BenchGhost = { url: string; adminApiKey: string; pid?: number; log?: string };

export function benchGhost(): BenchGhost {
  const file = process.env.BENCH_GHOST_INFO;
  if (!file) {
    console.error(
      "Set BENCH_GHOST_INFO to a Ghost fixture's info.json (../shared/ghost/ghost-up --name ghostbench --port 2380).",
    );
    process.exit(1);
  }
  const info = JSON.parse(fs.readFileSync(file, "utf8")) as BenchGhost;
  return { url: info.url.replace(/\/+$/, ""), adminApiKey: info.adminApiKey, pid: info.pid, log: info.log };
}

/** `Authorization` values for the key, as lib/platforms/ghost/auth.ts makes them. */
function tokenSource(adminApiKey: string) {
  const [id, secret] = adminApiKey.split(":");
  let cached: { token: Promise<string>; at: number } | undefined;
  return async () => {
    const now = Date.now();
    if (!cached || now - cached.at > 120_000) {
      const iat = Math.floor(now / 1000);
      const token = new SignJWT({})
        .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: id })
        .setIssuedAt(iat)
        .setExpirationTime(iat + 300)
        .setAudience("/admin/")
        .sign(Buffer.from(secret, "hex"));
      cached = { token, at: now };
    }
    return `Ghost ${await cached.token}`;
  };
}

export type GhostCall = <T = Record<string, unknown>>(
  method: string,
  path: string,
  options?: { query?: Record<string, string | number>; json?: unknown },
) => Promise<{ status: number; data: T }>;

/** One Admin API exchange: the headers the adapter's client sends, the body read as text and parsed. */
export function bareGhost(site: BenchGhost): GhostCall {
  const token = tokenSource(site.adminApiKey);
  const root = `${site.url}/ghost/api/admin/`;
  return async (method, path, options = {}) => {
    const url = new URL(path, root);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = {
      accept: "application/json",
      "accept-version": "v5.0",
      authorization: await token(),
    };
    if (options.json !== undefined) headers["content-type"] = "application/json";
    const body = options.json === undefined ? undefined : JSON.stringify(options.json);
    const res = await fetch(url, { method, headers, body });
    const text = await res.text();
    return { status: res.status, data: text ? JSON.parse(text) : null };
  };
}

/** Runs `fn(0..count-1)` with at most `concurrency` at once; results in order. */
export async function inLanes<T>(count: number, concurrency: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await fn(i);
      }
    }),
  );
  return results;
}

/** The query of the adapter's full listing (lib/platforms/ghost/changes.ts: READ_QUERY, listItems). */
export const listQuery = (page: number) => ({
  formats: "html",
  include: "tags",
  order: "created_at asc,id asc",
  limit: 100,
  page,
});

type Listing = { posts: unknown[]; meta?: { pagination?: { pages: number; total: number } } };

/** Every post, 100 per page, the first page alone and the rest `concurrency` at a time, as the engine reads them. */
export async function bareList(call: GhostCall, concurrency: number): Promise<{ items: number; requests: number }> {
  const first = await call<Listing>("GET", "posts/", { query: listQuery(1) });
  if (first.status !== 200) throw new Error(`Ghost answered the listing with ${first.status}.`);
  const pages = first.data.meta?.pagination?.pages ?? 1;
  const rest = await inLanes(Math.max(0, pages - 1), concurrency, async (i) => {
    const { status, data } = await call<Listing>("GET", "posts/", { query: listQuery(i + 2) });
    if (status !== 200) throw new Error(`Ghost answered page ${i + 2} with ${status}.`);
    return data.posts.length;
  });
  return { items: first.data.posts.length + rest.reduce((a, b) => a + b, 0), requests: pages };
}

/** utime + stime of a /proc stat file, in seconds; NaN when it cannot be read. */
function statCpu(file: string): number {
  try {
    const stat = fs.readFileSync(file, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks, 100 Hz
  } catch {
    return NaN;
  }
}

/** CPU seconds (user + system, all threads) another process has used so far. */
export const cpuSecondsOf = (pid: number | undefined) => (pid ? statCpu(`/proc/${pid}/stat`) : NaN);

/** CPU seconds every PostgreSQL process on this machine has used so far (its backends serve this run's queries). */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    let comm = "";
    try {
      comm = fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    } catch {
      continue;
    }
    const seconds = comm === "postgres" ? statCpu(`/proc/${pid}/stat`) : NaN;
    if (!Number.isNaN(seconds)) total += seconds;
  }
  return total;
}

/** CPU seconds of this process so far: its main thread, and its other threads (the embedded database's, GC, libuv). */
export function ownCpuSeconds(): { main: number; others: number } {
  let main = 0;
  let others = 0;
  for (const tid of fs.readdirSync("/proc/self/task")) {
    const seconds = statCpu(`/proc/self/task/${tid}/stat`);
    if (Number.isNaN(seconds)) continue;
    if (Number(tid) === process.pid) main += seconds;
    else others += seconds;
  }
  return { main, others };
}

const decoded = (path: string) => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

export type LoggedRequest = { method: string; path: string; status: number; ms: number };

/**
 * The requests Ghost logs from now on (its server.log: `"GET /path?query" 200 123ms`), read when
 * `read()` is called: what reached Ghost and how long Ghost took, without touching the engine.
 */
export function ghostRequestLog(site: BenchGhost) {
  const from = site.log && fs.existsSync(site.log) ? fs.statSync(site.log).size : 0;
  return (): LoggedRequest[] => {
    if (!site.log || !fs.existsSync(site.log)) return [];
    const fd = fs.openSync(site.log, "r");
    const buffer = Buffer.alloc(Math.max(0, fs.fstatSync(fd).size - from));
    fs.readSync(fd, buffer, 0, buffer.length, from);
    fs.closeSync(fd);
    const text = buffer.toString("utf8").replace(/\x1b\[[0-9;]*m/g, "");
    return [...text.matchAll(/"([A-Z]+) ([^" ]+)" (\d{3}) (\d+)ms/g)].map((m) => ({
      method: m[1],
      path: decoded(m[2]),
      status: Number(m[3]),
      ms: Number(m[4]),
    }));
  };
}
