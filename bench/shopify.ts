// Shopify, side by side in one run against the test shop (in its own process) seeded with 5,000
// blog articles: the engine's full pull vs a bare walk of the same GraphQL listing pages, alternated;
// then a push of 500 articles under a 100 points/s cost bucket against its theoretical minimum time.
//   npx tsx --conditions=react-server bench/shopify.ts
import { monitorEventLoopDelay } from "node:perf_hooks";
import { enginePush } from "./ghost-push";
import { loadLine } from "./ghost-report";
import { cpuSecondsOf, ownCpuSeconds, postgresCpuSeconds } from "./ghost-site";
import type { Db } from "@/db/client";
import type { Site, SiteIntegration } from "@/db/tables";
import type { PlatformFetch } from "@/lib/platforms/types";
import {
  bareList,
  type BenchShop,
  type Recorded,
  setBucket,
  shopLog,
  startBenchShop,
  summarise,
  timeline,
} from "./shopify-store";
import { allowEgress, fmt, newAccount, timed } from "./support";

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 5000);
// Engine pulls, each between two bare walks (so a drifting load favours neither side).
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
// A store on its own server: the shop's CPUs (taskset's list); run this script on the others.
const SHOP_CPUS = process.env.BENCH_SHOP_CPUS || undefined;
const PUSH_COUNT = Number(process.env.BENCH_PUSH_COUNT ?? 500);
// The pull's bucket never runs dry: throttling is not what the pull compares.
const PULL_BUCKET = { maximumAvailable: 1_000_000, restoreRate: 1_000_000 };
// Shopify's standard plan restores 100 points/s; the test shop's (and e2e's) bucket holds 2,000.
const PUSH_BUCKET = { maximumAvailable: Number(process.env.BENCH_BUCKET_MAX ?? 2000), restoreRate: 100 };
const indent = (lines: string[]) => lines.map((line) => `    ${line}`).join("\n");
const seconds = (s: number) => `${s.toFixed(1)} s`;

/** `fn` timed, with the CPU of this process and of the shop's, and the shop's log of it. */
async function measured<T>(shop: BenchShop, fn: () => Promise<T>) {
  const log = await shopLog(shop);
  const shopBefore = cpuSecondsOf(shop.pid);
  const postgresBefore = postgresCpuSeconds();
  const before = ownCpuSeconds();
  const startedAt = performance.timeOrigin + performance.now();
  const { ms, value } = await timed(fn);
  const endedAt = performance.timeOrigin + performance.now();
  const after = ownCpuSeconds();
  const cpu = {
    main: after.main - before.main,
    others: after.others - before.others,
    shop: cpuSecondsOf(shop.pid) - shopBefore,
    postgres: postgresCpuSeconds() - postgresBefore,
  };
  const entries = await log();
  return { ms, value, cpu, log: summarise(entries), time: timeline(entries, startedAt, endedAt) };
}
type Measured = Awaited<ReturnType<typeof measured>>;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const timeLine = ({ time }: Measured) =>
  time
    ? `first request after ${fmt(time.lead)}, last answer to the end ${fmt(time.tail)}; the shop answering: median ${ms(time.serving.median)}, in all ${fmt(time.serving.total)}; an answer to the next request: median ${ms(time.between.median)}, in all ${fmt(time.between.total)}; opening: ${time.opening.join(", ")}`
    : "no requests";
const cpuLine = ({ cpu }: Measured) =>
  `CPU: IGNY8 ${seconds(cpu.main + cpu.others)} (main thread ${seconds(cpu.main)}, other threads ${seconds(cpu.others)})${process.env.DATABASE_URL ? `, PostgreSQL ${seconds(cpu.postgres)}` : ""}, shop ${seconds(cpu.shop)}`;

/** The adapter's request for page 1 of its full article listing (`listItems`, through the contract), recorded on its way out. */
async function recordListing(db: Db, params: { integration: SiteIntegration; site: Site }): Promise<Recorded> {
  const { createSyncContext } = await import("@/lib/server/services/sync/context");
  const { egressFetch } = await import("@/lib/server/egress");
  let recorded: Recorded | undefined;
  const recording: PlatformFetch = async (url, init = {}) => {
    const body = typeof init.body === "string" ? (JSON.parse(init.body) as Recorded["body"]) : undefined;
    if (body && /query ListArticles\b/.test(body.query) && body.variables.sortKey === "ID")
      recorded = { url: String(url), headers: Object.fromEntries(new Headers(init.headers)), body };
    return egressFetch(url, init);
  };
  const ctx = await createSyncContext(db, { ...params, egress: recording });
  await ctx.session.listItems("post", 1);
  if (!recorded) throw new Error("The adapter's listing request was not seen.");
  return recorded;
}

async function main() {
  const { createSite } = await import("@/db/queries/sites");
  const { connectSite } = await import("@/lib/server/services/integrations-connect");
  const { executeSyncRun } = await import("@/lib/server/services/sync/runs");
  const { syncRuns, content } = await import("@/db/tables");
  const { eq, count } = await import("drizzle-orm");
  const shop = await startBenchShop(ARTICLES, SHOP_CPUS);
  allowEgress(shop.url);
  const { db, accountId } = await newAccount();
  await setBucket(shop, PULL_BUCKET);

  /** A new store connection (its own site). */
  const connect = async (n: number) => {
    const created = await createSite(db, { accountId, name: `Shopify bench ${n}`, url: shop.url });
    const connected = await connectSite(db, accountId, {
      site_id: created.id,
      platform: "shopify",
      external_site_url: shop.url,
      credentials: { access_token: shop.token },
    });
    return connected;
  };
  const listing = await recordListing(db, await connect(0));
  /** A full pull of a new connection through a real sync run. */
  const enginePull = async (n: number) => {
    const connected = await connect(n);
    const pulled = await measured(shop, async () => {
      const [row] = await db
        .insert(syncRuns)
        .values({ accountId, integrationId: connected.integration.id, direction: "pull" })
        .returning();
      await executeSyncRun(db, row.id);
      return (await db.select().from(syncRuns).where(eq(syncRuns.id, row.id)))[0];
    });
    const [{ n: stored }] = await db.select({ n: count() }).from(content).where(eq(content.siteId, connected.site.id));
    return { ...pulled, stored, connected };
  };

  const loadBefore = loadLine();
  // The shop's first listing runs cold (JIT), and so does the engine's first pull in this process
  // (its code, its database connections' statements): one of each first, printed, not compared.
  const warm = await timed(() => bareList(listing));
  const warmEngine = await enginePull(ROUNDS + 1);
  const bare = [await measured(shop, () => bareList(listing))];
  const engine: Array<Awaited<ReturnType<typeof enginePull>>> = [];
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  for (let round = 1; round <= ROUNDS; round++) {
    loopDelay.enable();
    engine.push(await enginePull(round));
    loopDelay.disable();
    bare.push(await measured(shop, () => bareList(listing)));
  }
  const rssMb = process.resourceUsage().maxRSS / 1024;

  console.log(
    `Shopify test shop (own process), ${ARTICLES} articles, concurrency ${process.env.SYNC_SITE_CONCURRENCY ?? 4}, database ${process.env.DATABASE_URL ? "PostgreSQL" : "embedded"}`,
  );
  console.log(`${loadBefore} before`);
  console.log(
    `bare walk: the adapter's own request for page 1, variables ${JSON.stringify(listing.body.variables)}, then \`after\` = each page's endCursor`,
  );
  console.log(`pull bucket ${PULL_BUCKET.maximumAvailable} points, ${PULL_BUCKET.restoreRate}/s (never dry)`);
  console.log(`bare walk, warm-up        ${fmt(warm.ms)}  ${warm.value.items} articles (not compared)`);
  console.log(
    `full pull, warm-up        ${fmt(warmEngine.ms)}  ${warmEngine.stored} stored, ${warmEngine.log.requests} requests (not compared)`,
  );
  for (const [i, b] of bare.entries()) {
    console.log(
      `bare walk ${i + 1}                ${fmt(b.ms)}  ${b.value.items} articles in ${b.value.requests} requests, ${cpuLine(b)}`,
    );
    console.log(`    ${timeLine(b)}`);
    const e = engine[i];
    if (!e) continue;
    const ratio = e.ms / ((b.ms + bare[i + 1].ms) / 2);
    console.log(
      `full pull (engine) ${i + 1}       ${fmt(e.ms)}  ${e.value.status}, ${e.value.processed} read, ${e.stored} stored, ${e.value.failed} failed; ${e.log.requests} requests, ${cpuLine(e)}`,
    );
    console.log(indent(e.log.lines));
    console.log(`    ${timeLine(e)}`);
    console.log(`    engine / bare (mean of the walks around it) ${ratio.toFixed(2)}x   (target <= 1.2x)`);
  }
  console.log(
    `peak RSS ${rssMb.toFixed(0)} MB; event-loop delay during the pulls p50 ${(loopDelay.percentile(50) / 1e6).toFixed(0)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms`,
  );
  console.log(`${loadLine()} after the pulls`);

  if (PUSH_COUNT > 0) {
    const last = engine.at(-1)?.connected;
    if (!last) throw new Error("BENCH_ROUNDS must be at least 1 for the push.");
    await setBucket(shop, PUSH_BUCKET);
    const push = await measured(shop, () =>
      enginePush(db, { accountId, integration: last.integration, site: last.site, count: PUSH_COUNT }),
    );
    const p = push.value;
    const minimumMs = ((push.log.points - PUSH_BUCKET.maximumAvailable) / PUSH_BUCKET.restoreRate) * 1000;
    const wire = p.ms - (p.before ?? 0) - (p.after ?? 0);
    console.log(
      `push bucket ${PUSH_BUCKET.maximumAvailable} points (full at the start), ${PUSH_BUCKET.restoreRate} points/s`,
    );
    console.log(
      `push (engine)            ${fmt(p.ms)}  ${p.ok}/${PUSH_COUNT} created, ${PUSH_COUNT - p.ok} failed, ${p.requests} requests sent (${push.log.requests} logged by the shop), ${push.log.throttled} THROTTLED, ${cpuLine(push)}`,
    );
    console.log(indent(push.log.lines));
    console.log(
      `    first request to last answer ${fmt(wire)} (engine's own time before ${fmt(p.before ?? 0)}, after ${fmt(p.after ?? 0)})`,
    );
    console.log(
      `theoretical minimum      ${fmt(minimumMs)}  = (${push.log.points} points charged − ${PUSH_BUCKET.maximumAvailable}) / ${PUSH_BUCKET.restoreRate} per s`,
    );
    console.log(
      `push / minimum           ${(p.ms / minimumMs).toFixed(3)}x  (target <= 1.10x; first request to last answer ${(wire / minimumMs).toFixed(3)}x)`,
    );
    console.log(`${loadLine()} after the push`);
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
