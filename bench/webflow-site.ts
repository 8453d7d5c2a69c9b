// The Webflow that bench/webflow.ts measures, in a process of its own (the test server validates
// every request and answer against Webflow's spec; that CPU stays off the engine's event loop):
// lib/platforms/webflow/testing/server.ts with a per-minute budget, behind a proxy that logs every
// request by method, path (ids as {id}) and status. Talks to its parent over IPC: it sends
// { fixture } once listening, and answers "log" with the requests so far and "items" with the
// blog collection's items (staged and live, with their references), "token" with a new site token
// (every scope; a budget of its own).
//   BENCH_WEBFLOW_BUDGET (requests a minute, default 60)
import { randomBytes } from "node:crypto";
import { BLOG_FIELD_MAP } from "@/lib/platforms/webflow/testing/seed";
import { startWebflowServer } from "@/lib/platforms/webflow/testing/server";
import { startProxy } from "@/test/support/proxy";

export type LoggedRequest = { method: string; path: string; status: number };
export type SiteItem = { id: string; slug: string; isLive: boolean; categories: string[]; tags: string[] };
export type SiteMessage =
  | {
      fixture: {
        apiBaseUrl: string;
        origin: string;
        siteId: string;
        blogId: string;
        categoriesId: string;
        tagsId: string;
        fieldMap: Record<string, string>;
        budget: number;
      };
    }
  | { log: LoggedRequest[]; violations: string[] }
  | { items: SiteItem[]; terms: { categories: number; tags: number } }
  | { token: string };

const budget = Number(process.env.BENCH_WEBFLOW_BUDGET ?? 60);
const send = (message: SiteMessage) => process.send!(message);
/** A path as a route: Webflow's 24-hex ids become {id}. */
const route = (url: string) => url.split("?")[0].replace(/\/[0-9a-f]{24}(?=\/|$)/g, "/{id}");

async function main() {
  const server = await startWebflowServer({ budget: { limit: budget, windowMs: 60_000 } });
  const log: LoggedRequest[] = [];
  const proxy = await startProxy(server.origin, {
    onUpstreamResponse: (req, status) => {
      log.push({ method: req.method ?? "", path: route(req.url ?? ""), status });
      return "pass";
    },
  });
  const { fixture } = server;
  process.on("message", (what) => {
    if (what === "token") {
      const token = `bench-site-token-${randomBytes(12).toString("hex")}`;
      server.store.tokens.set(token, { ...server.store.tokens.get(fixture.tokens.full)! });
      send({ token });
    }
    if (what === "log") send({ log, violations: server.violations });
    if (what === "items") {
      const ids = (v: unknown) => (Array.isArray(v) ? v.map(String) : v ? [String(v)] : []);
      const items = [...server.store.entries(fixture.blogId).values()].map((e) => ({
        id: e.staged.id,
        slug: String(e.staged.fieldData.slug),
        isLive: e.live !== null,
        categories: ids(e.live?.fieldData.categories ?? e.staged.fieldData.categories),
        tags: ids(e.live?.fieldData.tags ?? e.staged.fieldData.tags),
      }));
      const terms = {
        categories: server.store.entries(fixture.categoriesId).size,
        tags: server.store.entries(fixture.tagsId).size,
      };
      send({ items, terms });
    }
  });
  process.on("disconnect", () => process.exit(0));
  send({
    fixture: {
      apiBaseUrl: `${proxy.url}/v2`,
      origin: proxy.url,
      siteId: fixture.siteId,
      blogId: fixture.blogId,
      categoriesId: fixture.categoriesId,
      tagsId: fixture.tagsId,
      fieldMap: { ...BLOG_FIELD_MAP },
      budget,
    },
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
