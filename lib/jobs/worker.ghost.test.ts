import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, countDistinct, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { migrationsFolder, type Db } from "@/db/client";
import * as schema from "@/db/tables";
import { accounts, content, contentRefs, syncEvents, syncRuns } from "@/db/tables";
import { connectGhostSite, getGhostTestSite, ghostAdmin, ghostTotal } from "@/test/support/ghost";
import { startProxy } from "@/test/support/proxy";
import { allowEgressTo } from "@/test/support/wordpress";

/**
 * `npm run worker` processes on PostgreSQL pulling a real Ghost (≥ 2,000 posts): a worker killed
 * with SIGKILL in the middle of the pull leaves its run "running"; the next worker notices the
 * missing heartbeat and resumes the run from its checkpoint, without duplicates or gaps.
 */
const ghost = getGhostTestSite();
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function postgresReachable(): Promise<boolean> {
  const sql = postgres(ADMIN_URL, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    console.log(`Skipping the Ghost worker take-over test: no PostgreSQL at ${ADMIN_URL} (set TEST_POSTGRES_URL).`);
    return false;
  } finally {
    await sql.end();
  }
}

const hasPostgres = ghost ? await postgresReachable() : false;
const dbName = `igny8_worker_ghost_${process.pid}_${Date.now()}`;
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

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 180_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every id Ghost has in a collection, whatever the status. */
async function ghostIds(key: "posts" | "pages"): Promise<string[]> {
  const res = await ghostAdmin(ghost!, "GET", `${key}/?limit=all&fields=id`);
  return ((await res.json()) as Record<string, Array<{ id: string }>>)[key].map((p) => p.id);
}

describe.skipIf(!hasPostgres)("worker processes on PostgreSQL pulling Ghost", () => {
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

  it("a worker killed mid-pull: the next one resumes the run, every post and page stored once", async () => {
    const postsInGhost = await ghostTotal(ghost!, "posts");
    expect(postsInGhost, "the Ghost fixture needs ≥ 2,000 posts (ghost-seed --count 2000)").toBeGreaterThanOrEqual(
      2000,
    );
    const [account] = await db.insert(accounts).values({ name: "Ghost worker test" }).returning();
    // A slow site (every request 250 ms late), so that the pull is still going when the worker is killed.
    const slow = await startProxy(ghost!.url, { delayMs: 250 });
    proxies.push(slow);
    allowEgressTo(slow.url);
    const { site: ourSite, integration } = await connectGhostSite(db, account.id, ghost!, { url: slow.url });
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
      return r.processed >= 300 ? r : undefined;
    });
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const [atKill] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
    expect(atKill.status).toBe("running");
    expect(atKill.processed).toBeLessThan(atKill.total ?? Infinity);
    expect(atKill.total).toBeGreaterThanOrEqual(2000);

    startWorker();
    const finished = await until("the run to finish", async () => {
      const [r] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
      return r.status === "completed" || r.status === "failed" ? r : undefined;
    });
    expect(finished.status).toBe("completed");
    expect(finished.leaseId).not.toBe(atKill.leaseId);

    // What Ghost itself counts, and what we stored: each post and page once, under its own Ghost id.
    const totals = { post: await ghostTotal(ghost!, "posts"), page: await ghostTotal(ghost!, "pages") };
    const stored = await db
      .select({ type: content.contentType, rows: count(), ids: countDistinct(contentRefs.externalId) })
      .from(content)
      .leftJoin(contentRefs, and(eq(contentRefs.contentId, content.id), eq(contentRefs.integrationId, integration.id)))
      .where(eq(content.siteId, ourSite.id))
      .groupBy(content.contentType);
    const byType = Object.fromEntries(stored.map((s) => [s.type, s]));
    expect(byType.post).toMatchObject({ rows: totals.post, ids: totals.post });
    expect(byType.page).toMatchObject({ rows: totals.page, ids: totals.page });
    const refs = await db
      .select({ externalId: contentRefs.externalId })
      .from(contentRefs)
      .where(eq(contentRefs.integrationId, integration.id));
    const inGhost = [...(await ghostIds("posts")), ...(await ghostIds("pages"))];
    expect(refs.map((r) => r.externalId).sort()).toEqual(inGhost.sort());

    // Resumed, not restarted: the pages stored before the kill were asked of Ghost once, in all
    // (page 1 aside: each worker reads it for the number of pages).
    const done = (atKill.checkpoint as { pull?: { full?: { type: string; donePages: number[] } } }).pull?.full;
    expect(done).toMatchObject({ type: "post" });
    expect(done!.donePages.length).toBeGreaterThanOrEqual(3);
    const listed = slow.requests
      .map((r) => new URL(r.url, slow.url))
      .filter((u) => u.pathname.endsWith("/posts/") && u.searchParams.has("page"))
      .map((u) => Number(u.searchParams.get("page")));
    for (const page of done!.donePages.filter((p) => p > 1)) expect(listed.filter((p) => p === page)).toHaveLength(1);

    const [created] = await db
      .select({ events: count(), items: countDistinct(syncEvents.externalId) })
      .from(syncEvents)
      .where(and(eq(syncEvents.runId, run.id), eq(syncEvents.eventType, "content_pull")));
    expect(created.events).toBe(created.items);
    expect(created.items).toBe(totals.post + totals.page);
  }, 300_000);
});
