// Full and incremental pull against a WordPress seeded with 10,000 posts, side by side with bare
// HTTP fetching of the same pages at the same concurrency and with a sequential 10-per-page read.
//   BENCH_WP_INFO=/var/lib/wp-fixture/bench/info.json npx tsx --conditions=react-server bench/pull.ts
import { monitorEventLoopDelay } from "node:perf_hooks";
import { allowEgress, basic, benchSite, fmt, newAccount, startLatencyProxy, timed } from "./support";

const wordpress = benchSite();
// BENCH_RTT_MS: every request goes through a proxy process that answers this much later, as a site
// on another machine does; engine, bare fetch and sequential read alike.
const site = process.env.BENCH_RTT_MS
  ? { ...wordpress, url: startLatencyProxy(wordpress.url, Number(process.env.BENCH_RTT_MS)) }
  : wordpress;
allowEgress(site.url);
const ms = (ns: number) => `${(ns / 1e6).toFixed(0)} ms`;
const CONCURRENCY = Number(process.env.SYNC_SITE_CONCURRENCY ?? 4);
// What the engine asks for (lib/platforms/wordpress/changes.ts), the SEO meta keys included.
const SEO_META = ["_yoast_wpseo_title", "_yoast_wpseo_metadesc", "_yoast_wpseo_focuskw", "_yoast_wpseo_canonical"]
  .concat(["rank_math_title", "rank_math_description", "rank_math_focus_keyword", "rank_math_canonical_url"])
  .map((key) => `meta.${key}`);
const FIELDS = [
  "id,type,status,slug,link,date_gmt,modified,modified_gmt,title.raw,content.raw,excerpt.raw,featured_media,categories,tags",
  ...SEO_META,
].join(",");
const LIVE = "publish,future,draft,pending,private";

function url(query: Record<string, string | number>) {
  const u = new URL(`${site.url}/`);
  u.searchParams.set("rest_route", "/wp/v2/posts");
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, String(v));
  return u.toString();
}

async function get(u: string) {
  const res = await fetch(u, { headers: { authorization: basic(site) } });
  const body = await res.json();
  return { res, body: body as unknown[] };
}

/** The same pages the engine reads, with fetch + JSON.parse only. */
async function bareFetch(): Promise<number> {
  const query = (page: number) => ({
    orderby: "id",
    order: "asc",
    page,
    per_page: 100,
    status: LIVE,
    context: "edit",
    _fields: FIELDS,
  });
  const first = await get(url(query(1)));
  const pages = Number(first.res.headers.get("x-wp-totalpages"));
  let items = first.body.length;
  let next = 2;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next <= pages) {
        const page = next++;
        const { body } = await get(url(query(page)));
        items += body.length;
      }
    }),
  );
  return items;
}

/** How n8n's WordPress node reads: 10 per page, one page after the other. */
async function sequentialTen(): Promise<number> {
  let items = 0;
  for (let page = 1; ; page++) {
    const { res, body } = await get(url({ page, per_page: 10 }));
    if (!res.ok) break;
    items += body.length;
    if (page >= Number(res.headers.get("x-wp-totalpages"))) break;
  }
  return items;
}

async function main() {
  const { createTestIntegration } = await import("@/test/support/integration");
  const { startProxy } = await import("@/test/support/proxy");
  const { executeSyncRun } = await import("@/lib/server/services/sync/runs");
  const { syncRuns, content } = await import("@/db/tables");
  const { eq, count } = await import("drizzle-orm");
  const { db, accountId } = await newAccount();
  const { integration, site: ourSite } = await createTestIntegration(db, accountId, site);
  const run = async (integrationId: string, full = false) => {
    const [row] = await db
      .insert(syncRuns)
      .values({ accountId, integrationId, direction: "pull", isFull: full })
      .returning();
    await executeSyncRun(db, row.id);
    return (await db.select().from(syncRuns).where(eq(syncRuns.id, row.id)))[0];
  };

  await get(url({ per_page: 1 })); // warm the site's opcode cache
  // How long the app's other requests would wait behind the pull (timers firing late).
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const engine = await timed(() => run(integration.id));
  loopDelay.disable();
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const [{ n: stored }] = await db.select({ n: count() }).from(content).where(eq(content.siteId, ourSite.id));
  const bare = await timed(bareFetch);

  // Incremental with nothing changed, through a counting proxy.
  const proxy = await startProxy(site.url);
  allowEgress(proxy.url);
  const { siteIntegrations } = await import("@/db/tables");
  await db.update(siteIntegrations).set({ externalSiteUrl: proxy.url }).where(eq(siteIntegrations.id, integration.id));
  const incremental = await timed(() => run(integration.id));
  const requests = proxy.requests.map(
    (r) => `${r.method} ${decodeURIComponent(r.url).replace(/[?&]_fields=[^&]*/, "")}`,
  );
  await proxy.close();

  // BENCH_SEQUENTIAL=0 skips the slow 10-per-page read (it takes minutes on 10,000 posts).
  const sequential = process.env.BENCH_SEQUENTIAL === "0" ? undefined : await timed(sequentialTen);

  console.log(
    `WordPress ${wordpress.url}${process.env.BENCH_RTT_MS ? ` behind ${process.env.BENCH_RTT_MS} ms of latency` : ""}, concurrency ${CONCURRENCY}, database ${process.env.DATABASE_URL ? "PostgreSQL" : "embedded"}`,
  );
  console.log(
    `full pull (engine)          ${fmt(engine.ms)}  ${engine.value.status}, ${engine.value.processed} items read, ${stored} stored, peak RSS ${rssMb.toFixed(0)} MB`,
  );
  console.log(`bare fetch, same pages      ${fmt(bare.ms)}  ${bare.value} items`);
  if (sequential) console.log(`sequential, 10 per page     ${fmt(sequential.ms)}  ${sequential.value} items`);
  console.log(`engine / bare fetch         ${(engine.ms / bare.ms).toFixed(2)}x   (target <= 1.2x)`);
  console.log(
    `event-loop delay (pull)     p50 ${ms(loopDelay.percentile(50))}, p99 ${ms(loopDelay.percentile(99))}, max ${ms(loopDelay.max)}`,
  );
  if (sequential)
    console.log(`sequential / engine         ${(sequential.ms / engine.ms).toFixed(1)}x  (target >= 10x)`);
  console.log(
    `incremental, nothing new    ${fmt(incremental.ms)}  ${requests.length} request(s), ${incremental.value.processed} items (target: one listing request, < 1 s)`,
  );
  for (const r of requests) console.log(`    ${r}`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
