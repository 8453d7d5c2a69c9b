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
// The test shop is a test double, not the adapter: this test reaches Shopify's adapter only through the engine.
import { startShopifyTestServer, type ShopifyTestServer } from "@/lib/platforms/shopify/testing/server";
import { startProxy } from "@/test/support/proxy";

/**
 * `npm run worker` processes on PostgreSQL pulling a Shopify store (the test shop, ≥ 2,000 blog
 * articles): a worker killed with SIGKILL in the middle of the pull leaves its run "running"; the
 * next worker notices the missing heartbeat and resumes the run from its checkpoint, without
 * duplicates or gaps.
 */
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ARTICLES = 2_000;
const PAGES = 30;

async function postgresReachable(): Promise<boolean> {
  const sql = postgres(ADMIN_URL, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    console.log(`Skipping the Shopify worker take-over test: no PostgreSQL at ${ADMIN_URL} (set TEST_POSTGRES_URL).`);
    return false;
  } finally {
    await sql.end();
  }
}

const hasPostgres = await postgresReachable();
const dbName = `igny8_worker_shopify_${process.pid}_${Date.now()}`;
const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);
let sql: postgres.Sql;
let db: Db;
let shop: ShopifyTestServer;
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

/** Articles and pages as a merchant's store has them, written into the shop's state (stamps a second apart). */
function seedStore(state: ShopifyTestServer["state"]) {
  const base = Date.parse(state.now()) - (ARTICLES + PAGES) * 1000;
  const stamp = (i: number) => new Date(base + i * 1000).toISOString().replace(".000Z", "Z");
  for (let i = 0; i < ARTICLES; i++) {
    const id = state.nextId();
    const at = stamp(i);
    state.articles.set(id, {
      id,
      blogId: 1,
      title: `Article ${i}`,
      handle: `article-${i}`,
      body: `<p>Body ${i}</p>`,
      summary: null,
      tags: i % 3 ? [] : ["seeded"],
      image: null,
      isPublished: i % 5 !== 0,
      publishedAt: i % 5 !== 0 ? at : null,
      author: "Staff",
      createdAt: at,
      updatedAt: at,
      metafields: new Map(),
    });
  }
  for (let i = 0; i < PAGES; i++) {
    const id = state.nextId();
    const at = stamp(ARTICLES + i);
    const page = { id, title: `Page ${i}`, handle: `page-${i}`, body: `<p>Page ${i}</p>`, isPublished: true };
    state.pages.set(id, { ...page, publishedAt: at, createdAt: at, updatedAt: at, metafields: new Map() });
  }
}

describe.skipIf(!hasPostgres)("worker processes on PostgreSQL pulling Shopify", () => {
  beforeAll(async () => {
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    await admin.end();
    sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });
    db = drizzle(sql, { schema, casing: "snake_case" }) as unknown as Db;
    await migrate(drizzle(sql), { migrationsFolder });
    // A Shopify Plus bucket (1,000 points/s): the proxy, not throttling, sets the pace.
    shop = await startShopifyTestServer({ bucket: { maximumAvailable: 20_000, restoreRate: 1_000 } });
    seedStore(shop.state);
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
    for (const p of proxies) await p.close();
    await shop?.close();
    await sql?.end();
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end();
  });

  it("a worker killed mid-pull: the next one resumes the run, every article and page stored once", async () => {
    const [account] = await db.insert(accounts).values({ name: "Shopify worker test" }).returning();
    // A slow store (every request 150 ms late), so that the pull is still going when the worker is killed.
    // The workers reach it by its address: EGRESS_ALLOW (in their environment too) lets loopback through.
    const slow = await startProxy(shop.url, { delayMs: 150 });
    proxies.push(slow);
    process.env.EGRESS_ALLOW = [process.env.EGRESS_ALLOW, new URL(slow.url).host].filter(Boolean).join(",");
    const site = await createSite(db, { accountId: account.id, name: "Store", url: slow.url });
    const { integration } = await connectSite(db, account.id, {
      site_id: site.id,
      platform: "shopify",
      external_site_url: slow.url,
      credentials: { access_token: shop.tokens.issueStatic() },
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
    expect(atKill.total).toBeGreaterThanOrEqual(ARTICLES);
    const done = (atKill.checkpoint as { pull?: { full?: { type: string; donePages: number[] } } }).pull?.full;
    expect(done).toMatchObject({ type: "post" });
    expect(done!.donePages.length).toBeGreaterThanOrEqual(2);

    startWorker();
    const finished = await until("the run to finish", async () => {
      const [r] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
      return r.status === "completed" || r.status === "failed" ? r : undefined;
    });
    expect(finished).toMatchObject({ status: "completed", failed: 0 });
    expect(finished.leaseId).not.toBe(atKill.leaseId);

    // What the shop has, and what we stored: each article and page once, under its own Shopify id.
    const stored = await db
      .select({ type: content.contentType, rows: count(), ids: countDistinct(contentRefs.externalId) })
      .from(content)
      .leftJoin(contentRefs, and(eq(contentRefs.contentId, content.id), eq(contentRefs.integrationId, integration.id)))
      .where(eq(content.siteId, site.id))
      .groupBy(content.contentType);
    const byType = Object.fromEntries(stored.map((s) => [s.type, s]));
    expect(byType.post).toMatchObject({ rows: shop.state.articles.size, ids: shop.state.articles.size });
    expect(byType.page).toMatchObject({ rows: shop.state.pages.size, ids: shop.state.pages.size });
    const refs = await db
      .select({ externalId: contentRefs.externalId })
      .from(contentRefs)
      .where(eq(contentRefs.integrationId, integration.id));
    const inShop = [...shop.state.articles.keys(), ...shop.state.pages.keys()].map(String);
    expect(refs.map((r) => String(r.externalId).replace(/^.*\//, "")).sort()).toEqual(inShop.sort());

    const [created] = await db
      .select({ events: count(), items: countDistinct(syncEvents.externalId) })
      .from(syncEvents)
      .where(and(eq(syncEvents.runId, run.id), eq(syncEvents.eventType, "content_pull")));
    expect(created.events).toBe(created.items);
    expect(created.items).toBe(ARTICLES + PAGES);
  }, 300_000);
});
