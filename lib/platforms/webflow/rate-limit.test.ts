import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PushItem } from "@/lib/platforms/types";
import { startWebflowServer, type WebflowTestServer } from "./testing/server";
import { adapterFor, blogConfig, testFetch } from "./testing/subject";

// A 3-second "minute" keeps the test short; the adapter paces by the same window.
const WINDOW_MS = 3_000;
let server: WebflowTestServer;
beforeAll(async () => {
  server = await startWebflowServer({ budget: { limit: 10, windowMs: WINDOW_MS } });
});
afterAll(() => server.close());

const items = (count: number, prefix: string): PushItem[] =>
  Array.from({ length: count }, (_, i) => ({
    ref: `${prefix}-${i}`,
    contentType: "post",
    fields: {
      title: `${prefix} ${i}`,
      content: "<p>x</p>",
      excerpt: "",
      slug: "",
      status: "published",
      categoryIds: [],
      tagIds: [],
    },
  }));

describe("Webflow's per-minute budget", () => {
  it("a burst of single pushes under a 10-a-window budget completes with no failed item", async () => {
    const waits: number[] = [];
    const session = adapterFor(server, blogConfig(server), WINDOW_MS).connect({
      siteUrl: server.origin,
      credentials: { api_token: server.fixture.tokens.full },
      http: testFetch,
      onWait: (ms) => waits.push(ms),
    });
    // Without `batch` (a single publish's path), one create each, then one publish for all 24.
    const outcomes = await session.push(items(24, "Burst"));
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(server.stats.byOperation["create-item"]).toBe(24);
    expect(server.stats.byOperation["publish-item"]).toBe(1);
    // Paced by X-RateLimit-Remaining: the budget was never overrun.
    expect(server.stats.rateLimited).toBe(0);
    // Each pause for the budget was reported (the engine shows it on the run), none longer than the window.
    expect(waits.length).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(WINDOW_MS);
  }, 60_000);

  it("a batched push of 250 published items makes 7 requests: the collection, 3 bulk creates, 3 publishes", async () => {
    const session = adapterFor(server, blogConfig(server), WINDOW_MS).connect({
      siteUrl: server.origin,
      credentials: { api_token: server.fixture.tokens.full },
      http: testFetch,
    });
    const before = { ...server.stats.byOperation };
    const limited = server.stats.rateLimited;
    const outcomes = await session.push(items(250, "Bulk"), { batch: true });
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    const sent = Object.entries(server.stats.byOperation).filter(([op, n]) => n !== (before[op] ?? 0));
    expect(Object.fromEntries(sent.map(([op, n]) => [op, n - (before[op] ?? 0)]))).toEqual({
      "collection-details": 1,
      "create-items": 3,
      "publish-item": 3,
    });
    expect(server.stats.rateLimited).toBe(limited);
    const live = [...server.store.entries(server.fixture.blogId).values()].filter(
      (e) => e.live && String(e.live.fieldData.name).startsWith("Bulk "),
    );
    expect(live).toHaveLength(250);
  }, 60_000);

  it("waits out a 429 as Retry-After says and then succeeds", async () => {
    // Someone else spends the token's budget first, early in a window (Retry-After is the whole
    // window), so that it is still spent when the push starts: spent late in one, the window could
    // start again between these requests or before the push, and the push would meet no 429.
    for (const deadline = Date.now() + 4 * WINDOW_MS; ;) {
      const res = await fetch(`${server.apiBaseUrl}/sites`, {
        headers: { authorization: `Bearer ${server.fixture.tokens.full}` },
      });
      await res.arrayBuffer();
      if (res.status === 429 && Number(res.headers.get("retry-after")) * 1000 >= WINDOW_MS) break;
      if (Date.now() > deadline) throw new Error("the budget could not be spent early in a window");
      if (res.status === 429) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const limitedBefore = server.stats.rateLimited;
    const waits: number[] = [];
    const session = adapterFor(server, blogConfig(server), WINDOW_MS).connect({
      siteUrl: server.origin,
      credentials: { api_token: server.fixture.tokens.full },
      http: testFetch,
      onWait: (ms) => waits.push(ms),
    });
    const started = Date.now();
    const [outcome] = await session.push(items(1, "After 429"));
    expect(outcome).toMatchObject({ ok: true, action: "created" });
    expect(server.stats.rateLimited).toBeGreaterThan(limitedBefore);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    // The Retry-After wait was reported before it began.
    expect(waits.some((ms) => ms >= 500)).toBe(true);
  }, 60_000);
});
