// Ghost, side by side in one run against a fixture seeded with 5,000 posts: the engine's full
// pull vs bare fetch of the same Admin API pages; an incremental pull with nothing changed (its
// requests counted through a proxy); a push of 200 posts vs 200 bare creates (deleted afterwards).
//   BENCH_GHOST_INFO=/var/lib/ghost-fixture/ghostbench/info.json npx tsx --conditions=react-server bench/ghost.ts
import { monitorEventLoopDelay } from "node:perf_hooks";
import { barePush, deletePosts, enginePush } from "./ghost-push";
import { combined, cpuLine, type DatabasePids, loadLine, measured, requestLines } from "./ghost-report";
import { bareGhost, bareList, benchGhost } from "./ghost-site";
import { allowEgress, fmt, newAccount, timed } from "./support";

const ghost = benchGhost();
allowEgress(ghost.url);
const CONCURRENCY = Number(process.env.SYNC_SITE_CONCURRENCY ?? 4);
// BENCH_PUSH_COUNT=0 skips the push (a minute or more: Ghost writes ~12 posts/s).
const PUSH_COUNT = Number(process.env.BENCH_PUSH_COUNT ?? 200);
const call = bareGhost(ghost);
const ms = (ns: number) => `${(ns / 1e6).toFixed(0)} ms`;
const perSecond = (n: number, ms: number) => n / (ms / 1000);
const indent = (lines: string[], by = "    ") => lines.map((line) => `${by}${line}`).join("\n");

async function main() {
  const { createSite } = await import("@/db/queries/sites");
  const { connectSite } = await import("@/lib/server/services/integrations-connect");
  const { startProxy } = await import("@/test/support/proxy");
  const { executeSyncRun } = await import("@/lib/server/services/sync/runs");
  const { syncRuns, content, siteIntegrations } = await import("@/db/tables");
  const { eq, count, sql } = await import("drizzle-orm");
  const { executeRows } = await import("@/db/queries/raw");
  const { db, accountId } = await newAccount();
  // With PostgreSQL, its backends' CPU counts too: storing is the engine's work, wherever it runs.
  const pids = process.env.DATABASE_URL
    ? async () => {
        const query = sql`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`;
        return (await executeRows<{ pid: number }>(db, query)).map((row) => Number(row.pid));
      }
    : undefined;
  const created = await createSite(db, { accountId, name: "Ghost bench", url: ghost.url });
  const { integration, site } = await connectSite(db, accountId, {
    site_id: created.id,
    platform: "ghost",
    external_site_url: ghost.url,
    credentials: { admin_api_key: ghost.adminApiKey },
  });
  const run = async () => {
    const [row] = await db
      .insert(syncRuns)
      .values({ accountId, integrationId: integration.id, direction: "pull" })
      .returning();
    await executeSyncRun(db, row.id);
    return (await db.select().from(syncRuns).where(eq(syncRuns.id, row.id)))[0];
  };
  const loadBefore = loadLine();
  const { total } = (await call<{ meta: { pagination: { total: number } } }>("GET", "posts/", { query: { limit: 1 } }))
    .data.meta.pagination;

  // Ghost is a Node process: its first listing of the site runs cold (JIT, caches), so one bare pass
  // warms it (printed, not compared). Bare passes before and after the engine's pull, compared with
  // their mean: a machine whose load drifts during the run favours neither side.
  const warm = await timed(() => bareList(call, CONCURRENCY));
  const bareBefore = await measured(ghost, () => bareList(call, CONCURRENCY), pids);
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const engine = await measured(ghost, run, pids);
  loopDelay.disable();
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const [{ n: stored }] = await db.select({ n: count() }).from(content).where(eq(content.siteId, site.id));
  const bareAfter = await measured(ghost, () => bareList(call, CONCURRENCY), pids);
  const bareMs = (bareBefore.ms + bareAfter.ms) / 2;

  // Incremental with nothing changed, through a counting proxy in front of Ghost.
  const proxy = await startProxy(ghost.url);
  allowEgress(proxy.url);
  await db.update(siteIntegrations).set({ externalSiteUrl: proxy.url }).where(eq(siteIntegrations.id, integration.id));
  const incremental = await measured(ghost, run, pids);
  const requests = proxy.requests.map((r) => `${r.method} ${decodeURIComponent(r.url)}`);
  await proxy.close();
  await db.update(siteIntegrations).set({ externalSiteUrl: ghost.url }).where(eq(siteIntegrations.id, integration.id));

  const push = PUSH_COUNT > 0 ? await pushBoth(db, { accountId, integration, site }, pids) : undefined;

  console.log(`Ghost ${ghost.url}, ${total} posts, concurrency ${CONCURRENCY}, database ${database()}`);
  console.log(`${loadBefore} before, ${loadLine()} after`);
  console.log(`bare fetch, warm-up pass    ${fmt(warm.ms)}  ${warm.value.items} posts (not compared)`);
  console.log(
    `full pull (engine)          ${fmt(engine.ms)}  ${engine.value.status}, ${engine.value.processed} items read, ${stored} stored, ${engine.value.failed} failed, peak RSS ${rssMb.toFixed(0)} MB`,
  );
  console.log(`    ${cpuLine(engine)}\n    Ghost's log of it:\n${indent(requestLines(engine.requests), "        ")}`);
  for (const [label, bare] of [
    ["bare fetch, before", bareBefore],
    ["bare fetch, after", bareAfter],
  ] as const) {
    console.log(
      `${label.padEnd(28)}${fmt(bare.ms)}  ${bare.value.items} posts in ${bare.value.requests} requests\n    ${cpuLine(bare)}`,
    );
  }
  console.log(`engine / bare fetch (mean)  ${(engine.ms / bareMs).toFixed(2)}x   (target <= 1.2x)`);
  console.log(
    `event-loop delay (pull)     p50 ${ms(loopDelay.percentile(50))}, p99 ${ms(loopDelay.percentile(99))}, max ${ms(loopDelay.max)}`,
  );
  console.log(
    `incremental, nothing new    ${fmt(incremental.ms)}  ${incremental.value.status}, ${requests.length} request(s), ${incremental.value.processed} items (target: one listing per type, post and page)`,
  );
  console.log(indent(requests));
  console.log(`    ${cpuLine(incremental)}\n${indent(requestLines(incremental.requests))}`);
  if (push) {
    const { engine: e, bare: b } = push;
    const engineRate = perSecond(e.value.ok, e.value.ms);
    const bareRate = perSecond(b.value.ok, b.value.ms);
    console.log(
      `push (engine)               ${fmt(e.value.ms)}  ${e.value.ok}/${PUSH_COUNT} created in ${e.value.requests} requests, ${engineRate.toFixed(1)} posts/s`,
    );
    console.log(
      `    before the first request ${fmt(e.value.before ?? 0)}, after the last answer ${fmt(e.value.after ?? 0)}`,
    );
    console.log(`    ${cpuLine(e)}\n${indent(requestLines(e.requests))}`);
    console.log(
      `bare POST ?source=html      ${fmt(b.value.ms)}  ${b.value.ok}/${PUSH_COUNT} created (half before the engine, half after), ${bareRate.toFixed(1)} posts/s`,
    );
    console.log(`    ${cpuLine(b)}`);
    console.log(`bare / engine posts/s       ${(bareRate / engineRate).toFixed(2)}x`);
    console.log(`deleted afterwards          ${push.deleted.value}/${push.made} in ${fmt(push.deleted.ms)}`);
  }
  process.exit(0);
}

const database = () => (process.env.DATABASE_URL ? "PostgreSQL" : "embedded");

/**
 * The engine's push of PUSH_COUNT new posts between two halves of as many bare creates, so that a
 * drifting load (or a Ghost slowing as posts pile up) favours neither side; every post made is deleted.
 */
async function pushBoth(
  db: Parameters<typeof enginePush>[0],
  params: Omit<Parameters<typeof enginePush>[1], "count">,
  pids?: DatabasePids,
) {
  const half = Math.floor(PUSH_COUNT / 2);
  const bareBefore = await measured(ghost, () => barePush(call, half, CONCURRENCY), pids);
  const engine = await measured(ghost, () => enginePush(db, { ...params, count: PUSH_COUNT }), pids);
  const bareAfter = await measured(ghost, () => barePush(call, PUSH_COUNT - half, CONCURRENCY), pids);
  const [a, b] = [bareBefore.value, bareAfter.value];
  const bare = combined(bareBefore, bareAfter, {
    ms: a.ms + b.ms,
    ok: a.ok + b.ok,
    requests: a.requests + b.requests,
    ids: [...a.ids, ...b.ids],
  });
  const made = [...engine.value.ids, ...bare.value.ids];
  const deleted = await timed(() => deletePosts(call, made, CONCURRENCY));
  return { engine, bare, made: made.length, deleted };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
