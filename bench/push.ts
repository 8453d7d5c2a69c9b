// Push 500 items: through /batch/v1 (25 per request) versus one request per item, same
// concurrency, side by side; the posts made are deleted again afterwards.
//   BENCH_WP_INFO=/var/lib/wp-fixture/bench/info.json npx tsx --conditions=react-server bench/push.ts
import { allowEgress, basic, benchSite, fmt, newAccount, startLatencyProxy, timed } from "./support";

const wordpress = benchSite();
// BENCH_RTT_MS: every request behind a latency proxy in its own process (see pull.ts).
const site = process.env.BENCH_RTT_MS
  ? { ...wordpress, url: startLatencyProxy(wordpress.url, Number(process.env.BENCH_RTT_MS)) }
  : wordpress;
allowEgress(site.url);
const COUNT = Number(process.env.BENCH_PUSH_COUNT ?? 500);

async function main() {
  const { createTestIntegration } = await import("@/test/support/integration");
  const { createSyncContext } = await import("@/lib/server/services/sync/context");
  const { pushItems } = await import("@/lib/server/services/sync/push");
  const { content } = await import("@/db/tables");
  const { db, accountId } = await newAccount();

  const made: number[] = [];
  async function pushAll(batch: boolean) {
    const { site: ourSite, integration } = await createTestIntegration(db, accountId, site);
    const stamp = `${batch ? "batch" : "single"}-${Date.now().toString(36)}`;
    const rows = Array.from({ length: COUNT }, (_, i) => ({
      accountId,
      siteId: ourSite.id,
      title: `Bench ${stamp} #${i}`,
      slug: `bench-${stamp}-${i}`,
      content: `<p>Benchmark item ${i}.</p>`,
      status: "approved" as const,
    }));
    const items = await db.insert(content).values(rows).returning();
    const ctx = await createSyncContext(db, { integration, site: ourSite });
    const result = await timed(() => pushItems(ctx, items, { batch }));
    made.push(...result.value.filter((o) => o.externalId).map((o) => Number(o.externalId)));
    return { ms: result.ms, ok: result.value.filter((o) => o.ok).length };
  }

  const single = await pushAll(false);
  const batch = await pushAll(true);
  console.log(
    `WordPress ${wordpress.url}${process.env.BENCH_RTT_MS ? ` behind ${process.env.BENCH_RTT_MS} ms of latency` : ""}, ${COUNT} items, concurrency ${process.env.SYNC_SITE_CONCURRENCY ?? 4}`,
  );
  console.log(`one request per item   ${fmt(single.ms)}  ${single.ok} pushed`);
  console.log(`batch (/batch/v1)      ${fmt(batch.ms)}  ${batch.ok} pushed`);
  console.log(`single / batch         ${(single.ms / batch.ms).toFixed(1)}x  (target >= 3x)`);

  // Clean up: delete the benchmark posts for good, 25 per batch request.
  for (let i = 0; i < made.length; i += 25) {
    const requests = made.slice(i, i + 25).map((id) => ({ method: "DELETE", path: `/wp/v2/posts/${id}?force=true` }));
    const res = await fetch(`${site.url}/?rest_route=/batch/v1`, {
      method: "POST",
      headers: { authorization: basic(site), "content-type": "application/json" },
      body: JSON.stringify({ requests }),
    });
    await res.text();
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
