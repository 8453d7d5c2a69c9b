// Shared set-up of the benchmarks: the WordPress to measure (BENCH_WP_INFO = a fixture info.json,
// or BENCH_WP_URL, BENCH_WP_USERNAME, BENCH_WP_APP_PASSWORD), an embedded in-memory database
// and a fresh account with a connected integration.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// A file-backed embedded database (an in-memory one would count the stored posts as process memory).
process.env.DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "igny8-bench-"));
process.env.ENCRYPTION_KEYS ??= "bench1:" + Buffer.alloc(32, 3).toString("base64");
process.env.BETTER_AUTH_SECRET ??= "bench-secret-000000000000000000000000";

export type BenchSite = { url: string; username: string; applicationPassword: string };

export function benchSite(): BenchSite {
  if (process.env.BENCH_WP_INFO) {
    const info = JSON.parse(fs.readFileSync(process.env.BENCH_WP_INFO, "utf8"));
    return { url: info.url, username: info.username, applicationPassword: info.applicationPassword };
  }
  const { BENCH_WP_URL: url, BENCH_WP_USERNAME: username, BENCH_WP_APP_PASSWORD: applicationPassword } = process.env;
  if (!url || !username || !applicationPassword) {
    console.error(
      "Set BENCH_WP_INFO to a fixture info.json (../shared/wordpress/wp-up --name bench), or BENCH_WP_URL, BENCH_WP_USERNAME and BENCH_WP_APP_PASSWORD.",
    );
    process.exit(1);
  }
  return { url: url.replace(/\/+$/, ""), username, applicationPassword };
}

export function allowEgress(url: string) {
  const { host } = new URL(url);
  process.env.EGRESS_ALLOW = [process.env.EGRESS_ALLOW, host].filter(Boolean).join(",");
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

export const basic = (site: BenchSite) =>
  `Basic ${Buffer.from(`${site.username}:${site.applicationPassword}`).toString("base64")}`;

/**
 * Creating an embedded database runs PostgreSQL's initdb in this process, which alone leaves
 * ~700 MB resident. The app creates its database once, at first start; so does the benchmark, in
 * a child process, and the measured process opens the existing database like a running app does.
 */
function createEmbeddedDatabase() {
  if (process.env.DATABASE_URL) return;
  const child = spawnSync(process.execPath, [...process.execArgv, path.join(__dirname, "init-db.ts")], {
    stdio: "inherit",
    env: process.env,
  });
  if (child.status !== 0) throw new Error("Could not create the embedded database.");
}

export async function newAccount() {
  createEmbeddedDatabase();
  const { getDb } = await import("@/db/client");
  const { accounts } = await import("@/db/tables");
  const db = await getDb();
  const [account] = await db.insert(accounts).values({ name: "bench" }).returning();
  return { db, accountId: account.id };
}

export const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Starts bench/latency-proxy.ts in its own process (stopped when this one exits); returns its URL. */
export function startLatencyProxy(target: string, delayMs: number): string {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "igny8-proxy-")), "url");
  const child = spawn(
    "sh",
    [
      "-c",
      `exec "$0" "$@" > ${out}`,
      process.execPath,
      ...process.execArgv,
      path.join(__dirname, "latency-proxy.ts"),
      target,
      String(delayMs),
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  process.on("exit", () => child.kill());
  for (let i = 0; i < 200; i++) {
    const url = fs.existsSync(out) ? fs.readFileSync(out, "utf8").trim() : "";
    if (url) return url;
    spawnSync("sleep", ["0.05"]);
  }
  throw new Error("The latency proxy did not start.");
}
