import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, countDistinct, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { migrationsFolder, type Db } from "@/db/client";
import * as schema from "@/db/tables";
import { accounts, content, contentRefs, syncEvents, syncRuns } from "@/db/tables";
import { createTestIntegration } from "@/test/support/integration";
import { startProxy } from "@/test/support/proxy";
import { getWordPressTestSite, wpRest, UNCONFIGURED_SITE } from "@/test/support/wordpress";

/**
 * `npm run worker` processes on PostgreSQL: a worker killed with SIGKILL in the middle of a pull
 * leaves its run "running"; the next worker notices the missing heartbeat and resumes the run
 * from its checkpoint, without duplicates or gaps.
 */
const wp = getWordPressTestSite();
const site = wp ?? UNCONFIGURED_SITE;
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function postgresReachable(): Promise<boolean> {
  const sql = postgres(ADMIN_URL, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    console.log(`Skipping worker take-over test: no PostgreSQL at ${ADMIN_URL} (set TEST_POSTGRES_URL).`);
    return false;
  } finally {
    await sql.end();
  }
}

const hasPostgres = wp ? await postgresReachable() : false;
const dbName = `igny8_worker_${process.pid}_${Date.now()}`;
const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);
let sql: postgres.Sql;
let db: Db;
const workers: ChildProcess[] = [];
const proxies: Array<{ close: () => Promise<void> }> = [];

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/jobs/worker.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SYNC_STALE_SECONDS: "2",
      SYNC_SITE_CONCURRENCY: "1",
      DATA_DIR: "memory://",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Its log lines, prefixed, so a failure here shows what the worker did.
  for (const stream of [child.stdout, child.stderr])
    stream?.on("data", (chunk: Buffer) => process.stderr.write(`[worker ${child.pid}] ${chunk}`));
  workers.push(child);
  return child;
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!hasPostgres)("worker processes on PostgreSQL", () => {
  beforeAll(async () => {
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    await admin.end();
    sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });
    db = drizzle(sql, { schema, casing: "snake_case" }) as unknown as Db;
    await migrate(drizzle(sql), { migrationsFolder });
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
    for (const p of proxies) await p.close();
    await sql?.end();
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end();
  });

  it("a worker killed mid-pull: the next one resumes the run, no duplicates, counts match", async () => {
    const [account] = await db.insert(accounts).values({ name: "worker test" }).returning();
    // A slow site (every request 150 ms late), so that the pull is still going when the worker is killed.
    const slow = await startProxy(site.url, { delayMs: 150 });
    proxies.push(slow);
    process.env.EGRESS_ALLOW = [process.env.EGRESS_ALLOW, new URL(slow.url).host].filter(Boolean).join(",");
    const { site: ourSite, integration } = await createTestIntegration(db, account.id, site, { url: slow.url });
    // Queued a while ago: a worker's periodic check picks it up (nobody enqueued a job for it).
    const [run] = await db
      .insert(syncRuns)
      .values({
        accountId: account.id,
        integrationId: integration.id,
        direction: "pull",
        createdAt: new Date(Date.now() - 60_000),
      })
      .returning();

    const first = startWorker();
    await until("progress", async () => {
      const [r] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
      return r.processed >= 200 ? r : undefined;
    });
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const [atKill] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
    expect(atKill.status).toBe("running");
    expect(atKill.processed).toBeLessThan(atKill.total ?? Infinity);

    startWorker();
    const done = await until("the run to finish", async () => {
      const [r] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
      return r.status === "completed" || r.status === "failed" ? r : undefined;
    });
    expect(done.status).toBe("completed");
    expect(done.leaseId).not.toBe(atKill.leaseId);

    const live = "publish,future,draft,pending,private";
    const totals = await Promise.all(
      ["posts", "pages"].map(async (type) =>
        Number(
          (
            await wpRest(site, "GET", `/wp/v2/${type}`, { query: { per_page: 1, status: live, _fields: "id" } })
          ).headers.get("x-wp-total"),
        ),
      ),
    );
    const [stored] = await db
      .select({ rows: count(), ids: countDistinct(contentRefs.externalId) })
      .from(content)
      .leftJoin(contentRefs, and(eq(contentRefs.contentId, content.id), eq(contentRefs.integrationId, integration.id)))
      .where(eq(content.siteId, ourSite.id));
    expect(stored.rows).toBe(totals[0] + totals[1]);
    expect(stored.ids).toBe(stored.rows);
    const [created] = await db
      .select({ events: count(), items: countDistinct(syncEvents.externalId) })
      .from(syncEvents)
      .where(and(eq(syncEvents.runId, run.id), eq(syncEvents.eventType, "content_pull")));
    expect(created.events).toBe(created.items);
    expect(created.items).toBe(stored.rows);
  }, 240_000);
});
