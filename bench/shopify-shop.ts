// The Shopify test shop that bench/shopify.ts measures, in a process of its own (its GraphQL
// validation and execution are not on the engine's event loop, as a real store's are not), seeded
// with ARTICLES blog articles. Prints one JSON line: { url, control, token, pid, articles }.
// The control port (not the shop's) answers:
// - POST /bucket { maximumAvailable, restoreRate }: a fresh, full cost bucket from now on;
// - GET /log?from=N: the shop's request log from entry N (operation, cost charged, outcome, when it
//   arrived and when its answer was sent).
//   npx tsx --conditions=react-server bench/shopify-shop.ts 5000
import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import type { AddressInfo } from "node:net";
// The test double only (as e2e/support/shopify-server.ts starts it), none of the adapter.
import { CostBucket } from "@/lib/platforms/shopify/testing/cost";
import { startShopifyTestServer } from "@/lib/platforms/shopify/testing/server";
import type { ShopState } from "@/lib/platforms/shopify/testing/state";

const ARTICLES = Number(process.argv[2] ?? 5000);

/** Articles as a merchant's blog has them, a second apart (as lib/jobs/worker.shopify.test.ts seeds them). */
function seed(state: ShopState, count: number) {
  const base = Date.parse(state.now()) - count * 1000;
  const stamp = (i: number) => new Date(base + i * 1000).toISOString().replace(".000Z", "Z");
  for (let i = 0; i < count; i++) {
    const id = state.nextId();
    const at = stamp(i);
    state.articles.set(id, {
      id,
      blogId: 1,
      title: `Article ${i}`,
      handle: `article-${i}`,
      body: `<p>Body of article ${i}: ${"Lorem ipsum dolor sit amet. ".repeat(20)}</p>`,
      summary: i % 2 ? `Summary ${i}` : null,
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
}

const now = () => performance.timeOrigin + performance.now();

/**
 * Each logged request stamped with when it arrived and when its answer was sent (wall clock, ms):
 * the bench's timeline tells the shop's own time from the time between an answer and the next request.
 */
function stampRequests(log: object[]) {
  const current = new AsyncLocalStorage<{ at: number; entry?: Record<string, unknown> }>();
  const emit = http.Server.prototype.emit as (this: http.Server, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    const call = () => emit.call(this, event, ...args);
    return event === "request" ? current.run({ at: now() }, call) : call();
  } as typeof http.Server.prototype.emit;
  const append = log.push.bind(log);
  log.push = (...entries) =>
    append(
      ...entries.map((e) => {
        const request = current.getStore();
        const stamped = { ...e, at: request?.at ?? now() };
        if (request) request.entry = stamped;
        return stamped;
      }),
    );
  const end = http.ServerResponse.prototype.end;
  http.ServerResponse.prototype.end = function (this: http.ServerResponse, ...args: unknown[]) {
    const entry = current.getStore()?.entry;
    if (entry) entry.done = now();
    return (end as (...a: unknown[]) => http.ServerResponse).apply(this, args);
  } as typeof end;
}

async function main() {
  const shop = await startShopifyTestServer();
  seed(shop.state, ARTICLES);
  const token = shop.tokens.issueStatic();
  stampRequests(shop.log);
  const control = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://control");
    let text = "";
    for await (const chunk of req) text += chunk;
    let answer: unknown;
    if (req.method === "POST" && url.pathname === "/bucket") {
      const { maximumAvailable, restoreRate } = JSON.parse(text) as Record<string, number>;
      shop.bucket = new CostBucket(maximumAvailable, restoreRate);
      answer = shop.bucket.status();
    } else if (req.method === "GET" && url.pathname === "/log") {
      const from = Number(url.searchParams.get("from") ?? 0);
      answer = { length: shop.log.length, entries: shop.log.slice(from) };
    }
    res.writeHead(answer === undefined ? 404 : 200, { "content-type": "application/json" });
    res.end(JSON.stringify(answer ?? { error: "not found" }));
  });
  await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
  const port = (control.address() as AddressInfo).port;
  const info = { url: shop.url, control: `http://127.0.0.1:${port}`, token, pid: process.pid, articles: ARTICLES };
  console.log(JSON.stringify(info));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
