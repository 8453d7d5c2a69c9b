/**
 * The Shopify test shop for the e2e app (see playwright.config.ts), on a fixed port so the app's
 * SHOPIFY_API_URL and EGRESS_ALLOW can name it before it starts: the app reaches every
 * `*.myshopify.com` store through it. The spec-validated shop listens on a random port; this one
 * forwards to it and adds the side doors the specs use:
 * - GET /health;
 * - POST /__token: a fresh Admin API access token (`{ token }`), all scopes;
 * - POST /__merchant-edit `{ id, title }`: the merchant retitles an article in the Shopify admin;
 * - POST /__bucket `{ maximumAvailable, restoreRate }`: the app's cost bucket from now on.
 * Usage: tsx e2e/support/shopify-server.ts PORT
 */
import http from "node:http";
import { CostBucket } from "../../lib/platforms/shopify/testing/cost";
import { startShopifyTestServer } from "../../lib/platforms/shopify/testing/server";
import { E2E_SHOPIFY_STORE } from "./env";

const port = Number(process.argv[2] ?? 3192);

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return JSON.parse(text || "{}") as Record<string, unknown>;
}

async function main() {
  const shop = await startShopifyTestServer({ shopDomain: E2E_SHOPIFY_STORE });
  const target = new URL(shop.url);
  const sideDoors = new Map<string, (body: Record<string, unknown>) => unknown>([
    ["/__token", () => ({ token: shop.tokens.issueStatic() })],
    [
      "/__merchant-edit",
      ({ id, title }) => {
        const article = shop.state.articles.get(Number(id));
        if (!article) return undefined;
        // A second later than anything IGNY8 wrote: Shopify's updatedAt keeps seconds.
        shop.state.advance(2_000);
        Object.assign(article, { title: String(title), updatedAt: shop.state.now() });
        return { id: article.id, title: article.title, updatedAt: article.updatedAt };
      },
    ],
    [
      "/__bucket",
      ({ maximumAvailable, restoreRate }) => {
        shop.bucket = new CostBucket(Number(maximumAvailable), Number(restoreRate));
        return shop.bucket.status();
      },
    ],
  ]);
  http
    .createServer((req, res) => {
      if (req.url === "/health") return void res.end("ok");
      const door = req.method === "POST" ? sideDoors.get(req.url ?? "") : undefined;
      if (door)
        return void readJson(req).then((body) => {
          const answer = door(body);
          res.writeHead(answer === undefined ? 404 : 200, { "content-type": "application/json" });
          res.end(JSON.stringify(answer ?? { error: "not found" }));
        });
      const upstream = http.request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", (error) => res.writeHead(502).end(String(error)));
      req.pipe(upstream);
    })
    .listen(port, "127.0.0.1", () =>
      console.log(`[e2e] Shopify test shop on http://127.0.0.1:${port} (forwarding to ${shop.url})`),
    );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
