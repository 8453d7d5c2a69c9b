// Webflow: pushes of 300 approved items through the sync engine under a budget of 60 requests a
// minute, against the spec-validated test server (in its own process, bench/webflow-site.ts).
// Every request counted by method and path, the 429s, the failed items; made vs the fewest the API
// allows for the same outcome (bench/webflow-minimum.ts), and wall time vs the budget's floor.
//   npx tsx --conditions=react-server bench/webflow.ts
//   BENCH_WEBFLOW_COUNT (300), BENCH_WEBFLOW_BUDGET (60), BENCH_WEBFLOW_CASES (plain,new-terms,known-terms)
import { fmt, newAccount, allowEgress, timed } from "./support";
import { startWebflowSite } from "./webflow-child";
import { budgetFloorMs, minimumFor, type Case, requestLines, tally } from "./webflow-minimum";

const COUNT = Number(process.env.BENCH_WEBFLOW_COUNT ?? 300);
const CASES = (process.env.BENCH_WEBFLOW_CASES ?? "plain,new-terms,known-terms").split(",") as Case[];
const CATEGORIES = 5;
const TAGS = 20;

async function main() {
  const site = await startWebflowSite();
  const { fixture } = site;
  allowEgress(fixture.origin);
  process.env.WEBFLOW_API_URL = fixture.apiBaseUrl;
  const { createSite } = await import("@/db/queries/sites");
  const { connectSite } = await import("@/lib/server/services/integrations-connect");
  const { createContent } = await import("@/lib/server/services/content");
  const { createContentBodySchema } = await import("@/lib/schemas/content");
  const { createSyncContext } = await import("@/lib/server/services/sync/context");
  const { pushItems } = await import("@/lib/server/services/sync/push");
  const { content } = await import("@/db/tables");
  const { eq } = await import("drizzle-orm");
  const { db, accountId } = await newAccount();
  // Term names shared by the new-terms case (which creates them in Webflow) and the known-terms case.
  const termStamp = Date.now().toString(36);

  console.log(
    `Webflow test server (spec-validated, own process), budget ${fixture.budget} requests/min, ${COUNT} items a push, database ${process.env.DATABASE_URL ? "PostgreSQL" : "embedded"}`,
  );
  for (const which of CASES) {
    const withTerms = which !== "plain";
    const stamp = `${which}-${Date.now().toString(36)}`;
    const ours = await createSite(db, { accountId, name: `Webflow ${stamp}`, url: `${fixture.origin}/${stamp}` });
    const logBefore = (await site.log()).log.length;
    const { integration, site: connected } = await connectSite(db, accountId, {
      site_id: ours.id,
      platform: "webflow",
      external_site_url: fixture.origin,
      // A token of its own per case: each push has its own budget, shared only with its connection.
      credentials: { api_token: await site.token() },
      config_json: { site_id: fixture.siteId, collection_id: fixture.blogId, field_map: fixture.fieldMap },
    });
    for (let i = 0; i < COUNT; i++) {
      const body = createContentBodySchema.parse({
        title: `Bench ${stamp} #${i}`,
        slug: `bench-${stamp}-${i}`,
        content: `<p>Benchmark item ${i} of ${stamp}.</p>`,
        excerpt: `Item ${i}.`,
        status: "approved",
        categories: withTerms ? [`Bench ${termStamp} category ${i % CATEGORIES}`] : [],
        tags: withTerms ? [`Bench ${termStamp} tag ${i % TAGS}`] : [],
      });
      await createContent(db, accountId, ours.id, body);
    }
    const items = await db.select().from(content).where(eq(content.siteId, ours.id));
    const termsBefore = (await site.items()).terms;
    const connectRequests = (await site.log()).log.length - logBefore;
    let waitedMs = 0;
    const ctx = await createSyncContext(db, { integration, site: connected, onWait: (ms) => (waitedMs += ms) });
    const pushStart = (await site.log()).log.length;
    const push = await timed(() => pushItems(ctx, items, { batch: true }));
    const { log, violations } = await site.log();
    const made = log.slice(pushStart);
    const after = await site.items();
    const byId = new Map(after.items.map((i) => [i.id, i]));
    const pushedIds = push.value.filter((o) => o.ok && o.externalId).map((o) => o.externalId!);
    const live = pushedIds.filter((id) => {
      const item = byId.get(id);
      return item?.isLive && (!withTerms || (item.categories.length === 1 && item.tags.length === 1));
    }).length;
    const created = {
      categories: after.terms.categories - termsBefore.categories,
      tags: after.terms.tags - termsBefore.tags,
    };
    const minimum = minimumFor(which, { items: COUNT, created, existing: termsBefore });
    const failed = push.value.filter((o) => !o.ok).length;
    const limited = made.filter((r) => r.status === 429).length;
    const floor = budgetFloorMs(made.length, fixture.budget);
    console.log(
      `\n[${which}] ${COUNT} items${withTerms ? `, a category of ${CATEGORIES} and a tag of ${TAGS} each` : ", no terms"}`,
    );
    console.log(
      `  pushed        ${pushedIds.length}/${COUNT} ok, ${failed} failed; ${live} live in Webflow${withTerms ? " with both references" : ""}; terms created in Webflow: ${created.categories} categories, ${created.tags} tags`,
    );
    console.log(
      `  requests      ${made.length} made vs ${minimum.total} minimum: ${(made.length / minimum.total).toFixed(2)}x (target <= 1.10x); 429s: ${limited} (target 0); spec violations: ${violations.length}`,
    );
    console.log(
      `  time          ${fmt(push.ms)} wall; the budget's floor ${fmt(floor)} (from a fresh minute; the connection's ${connectRequests} requests came before, in the same token's minute); waits for the budget ${fmt(waitedMs)} (summed over concurrent requests)`,
    );
    console.log(`  made, by method and path:`);
    for (const line of requestLines(tally(made))) console.log(`    ${line}`);
    console.log(`  minimum, line by line:`);
    for (const line of minimum.lines) console.log(`    ${line}`);
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
