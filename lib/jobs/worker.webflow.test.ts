import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, countDistinct, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { migrationsFolder, type Db } from "@/db/client";
import { createSite } from "@/db/queries/sites";
import * as schema from "@/db/tables";
import { accounts, content, contentRefs, syncEvents, syncRuns } from "@/db/tables";
import { connectSite } from "@/lib/server/services/integrations-connect";
import { executeSyncRun } from "@/lib/server/services/sync/runs";
// The test server is a test double, not the adapter: this test reaches Webflow's adapter only through the engine.
import { startWebflowServer, type WebflowTestServer } from "@/lib/platforms/webflow/testing/server";
import { blogConfig } from "@/lib/platforms/webflow/testing/subject";
import { startProxy } from "@/test/support/proxy";

/**
 * `npm run worker` processes on PostgreSQL pulling a Webflow collection (the test server, 2,000
 * items): a worker killed with SIGKILL in the middle of the pull leaves its run "running"; the next
 * worker notices the missing heartbeat and resumes the run from its checkpoint, without duplicates or gaps.
 */
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ITEMS = 2_000;

async function postgresReachable(): Promise<boolean> {
  const sql = postgres(ADMIN_URL, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    console.log(`Skipping the Webflow worker take-over test: no PostgreSQL at ${ADMIN_URL} (set TEST_POSTGRES_URL).`);
    return false;
  } finally {
    await sql.end();
  }
}

const hasPostgres = await postgresReachable();
const dbName = `igny8_worker_webflow_${process.pid}_${Date.now()}`;
const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);
let sql: postgres.Sql;
let db: Db;
let server: WebflowTestServer;
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

describe.skipIf(!hasPostgres)("worker processes on PostgreSQL pulling Webflow", () => {
  beforeAll(async () => {
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    await admin.end();
    sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });
    db = drizzle(sql, { schema, casing: "snake_case" }) as unknown as Db;
    await migrate(drizzle(sql), { migrationsFolder });
    // An Enterprise-sized budget (100,000 requests a minute): the proxy, not the adapter's pacing, sets the pace.
    server = await startWebflowServer({ budget: { limit: 100_000, windowMs: 60_000 } });
    // Items written in Webflow (straight into the server's state), drafts and queued ones; none archived
    // (an archived item is a trashed one, which a pull does not import).
    for (let i = 0; i < ITEMS; i++)
      server.store.create(
        server.fixture.blogId,
        { name: `Item ${i}`, slug: `item-${i}`, "post-body": `<p>Body ${i}</p>` },
        i % 5 === 0,
      );
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
    for (const p of proxies) await p.close();
    await server?.close();
    await sql?.end();
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end();
  });

  it("a worker killed mid-pull: the next one resumes the run, every item stored once", async () => {
    const [account] = await db.insert(accounts).values({ name: "Webflow worker test" }).returning();
    // A slow API (every request 250 ms late), so that the pull is still going when the worker is killed.
    // The workers reach it through WEBFLOW_API_URL; EGRESS_ALLOW (in their environment too) lets loopback through.
    const slow = await startProxy(server.origin, { delayMs: 250 });
    proxies.push(slow);
    process.env.EGRESS_ALLOW = [process.env.EGRESS_ALLOW, new URL(slow.url).host].filter(Boolean).join(",");
    process.env.WEBFLOW_API_URL = `${slow.url}/v2`;
    const site = await createSite(db, { accountId: account.id, name: "Webflow blog", url: slow.url });
    const { integration } = await connectSite(db, account.id, {
      site_id: site.id,
      platform: "webflow",
      external_site_url: slow.url,
      credentials: { api_token: server.fixture.tokens.full },
      config_json: blogConfig(server),
    });
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
    expect(atKill.total).toBeGreaterThanOrEqual(ITEMS);
    const done = (atKill.checkpoint as { pull?: { full?: { type: string; donePages: number[] } } }).pull?.full;
    expect(done).toMatchObject({ type: "post" });
    expect(done!.donePages.length).toBeGreaterThanOrEqual(2);

    const second = startWorker();
    const finished = await until("the run to finish", async () => {
      const [r] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
      return r.status === "completed" || r.status === "failed" ? r : undefined;
    });
    expect(finished).toMatchObject({ status: "completed", failed: 0 });
    expect(finished.leaseId).not.toBe(atKill.leaseId);

    // What Webflow has, and what we stored: each item once, under its own Webflow id.
    const [stored] = await db
      .select({ rows: count(), ids: countDistinct(contentRefs.externalId) })
      .from(content)
      .leftJoin(contentRefs, and(eq(contentRefs.contentId, content.id), eq(contentRefs.integrationId, integration.id)))
      .where(eq(content.siteId, site.id));
    const inWebflow = [...server.store.entries(server.fixture.blogId).keys()];
    expect(stored).toEqual({ rows: ITEMS, ids: ITEMS });
    const refs = await db
      .select({ externalId: contentRefs.externalId })
      .from(contentRefs)
      .where(eq(contentRefs.integrationId, integration.id));
    expect(refs.map((r) => String(r.externalId)).sort()).toEqual(inWebflow.sort());

    const [pulled] = await db
      .select({ events: count(), items: countDistinct(syncEvents.externalId) })
      .from(syncEvents)
      .where(and(eq(syncEvents.runId, run.id), eq(syncEvents.eventType, "content_pull")));
    expect(pulled.events).toBe(pulled.items);
    expect(pulled.items).toBe(ITEMS);

    // The next (incremental) pull with nothing changed, run here (the worker stopped, so it cannot take the run):
    // one listing since the cursor and every id, 100 a listing, besides reading the collection's setup.
    second.kill("SIGKILL");
    await new Promise((resolve) => second.once("exit", resolve));
    const requests = server.stats.requests;
    const before = { ...server.stats.byOperation };
    const [next] = await db
      .insert(syncRuns)
      .values({ accountId: account.id, integrationId: integration.id, direction: "pull" })
      .returning();
    await executeSyncRun(db, next.id);
    const [idle] = await db.select().from(syncRuns).where(eq(syncRuns.id, next.id));
    expect(idle).toMatchObject({ status: "completed", failed: 0, processed: 0 });
    const sent = Object.entries(server.stats.byOperation)
      .map(([op, n]) => [op, n - (before[op] ?? 0)] as const)
      .filter(([, n]) => n > 0);
    console.log(`incremental pull of ${ITEMS} unchanged items: ${server.stats.requests - requests} requests`, sent);
    // 23 on 2,000 items: the site and the collection once a session, 1 + 20 listings.
    expect(Object.fromEntries(sent)).toEqual({
      "get-site": 1,
      "collection-details": 1,
      "list-collection-items": 1 + ITEMS / 100,
    });
    expect(server.stats.requests - requests).toBe(3 + ITEMS / 100);
  }, 300_000);
});
