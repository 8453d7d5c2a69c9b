/**
 * A stateful Shopify shop on 127.0.0.1 for tests: the Admin GraphQL API (2026-10) validated and
 * executed against Shopify's own schema, OAuth, staged uploads with a local upload target, a CDN,
 * and the products webhooks signed as Shopify signs them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CostBucket } from "./cost";
import { answerGraphQL, type RequestLog } from "./graphql-endpoint";
import { uploadSignature } from "./mutations-files";
import { TokenStore, type TestApp } from "./oauth";
import { adminSchema } from "./schema";
import { ShopState } from "./state";
import { deliver, productPayload, signDelivery, type ShopifyTopic } from "./webhook-emitter";

export { signDelivery, productPayload } from "./webhook-emitter";
export { signQuery } from "./oauth";

/** Every scope the adapter asks for. */
export const ALL_SCOPES = ["read_content", "write_content", "read_products", "write_products", "write_files"];

export type ShopifyTestServer = Awaited<ReturnType<typeof startShopifyTestServer>>;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const isText = typeof body === "string" || Buffer.isBuffer(body);
  res.writeHead(status, { "Content-Type": isText ? "text/html" : "application/json; charset=utf-8", ...headers });
  res.end(isText ? body : JSON.stringify(body));
}

/** Starts a shop on a random port; `close()` when done. */
export async function startShopifyTestServer(
  options: {
    scopes?: string[];
    app?: TestApp;
    bucket?: { maximumAvailable: number; restoreRate: number };
    /** HTTP status of THROTTLED answers (Shopify's is not documented: 200 or 429). */
    throttledStatus?: number;
    /**
     * The shop its OAuth callbacks name (`shop=`): its own host by default; a `<shop>.myshopify.com`
     * when the app reaches it through SHOPIFY_API_URL as a real store's address.
     */
    shopDomain?: string;
  } = {},
) {
  adminSchema();
  const state = new ShopState();
  const app = options.app ?? { clientId: "test-client-id", clientSecret: "test-client-secret" };
  const bucketSize = options.bucket ?? { maximumAvailable: 2000, restoreRate: 100 };
  const shop = {
    state,
    app,
    tokens: undefined as unknown as TokenStore,
    bucket: new CostBucket(bucketSize.maximumAvailable, bucketSize.restoreRate),
    throttledStatus: options.throttledStatus ?? 200,
    log: [] as RequestLog[],
    /** Answers the next `count` API calls with this status (5xx, 429 with Retry-After) before serving again. */
    faults: [] as number[],
    deliveries: [] as Array<Promise<number>>,
    url: "",
    /** Sends a products webhook to every subscription of its topic, signed with the app secret. */
    emit(topic: ShopifyTopic, productId: number) {
      const product = state.products.get(productId) ?? { id: productId };
      for (const hook of state.webhooks.values())
        if (hook.topic === topic)
          shop.deliveries.push(
            deliver(hook.uri, signDelivery(topic, productPayload(topic, product), app.clientSecret)),
          );
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", shop.url);
      const raw = await readBody(req);
      if (url.pathname === "/admin/oauth/authorize" && req.method === "GET") {
        const answer = shop.tokens.authorize(url.searchParams);
        return send(res, answer.status, answer.body ?? "", answer.location ? { Location: answer.location } : {});
      }
      if (url.pathname === "/admin/oauth/access_token" && req.method === "POST") {
        const isJson = (req.headers["content-type"] ?? "").includes("json");
        const form = isJson
          ? (JSON.parse(raw.toString() || "{}") as Record<string, string>)
          : Object.fromEntries(new URLSearchParams(raw.toString()));
        const answer = shop.tokens.exchange(form);
        return send(res, answer.status, answer.json);
      }
      if (url.pathname.startsWith("/staged-uploads/") && req.method === "PUT") {
        const key = url.pathname.slice("/staged-uploads/".length);
        if (url.searchParams.get("X-Goog-Signature") !== uploadSignature(decodeURIComponent(key)))
          return send(res, 403, "<Error><Code>SignatureDoesNotMatch</Code></Error>");
        state.uploads.set(key, { bytes: raw, contentType: String(req.headers["content-type"] ?? "") });
        return send(res, 200, "");
      }
      const cdn = /^\/cdn\/files\/(\d+)\//.exec(url.pathname);
      if (cdn && req.method === "GET") {
        const upload = state.uploads.get(`cdn/${cdn[1]}`);
        return upload
          ? send(res, 200, upload.bytes, { "Content-Type": upload.contentType })
          : send(res, 404, "Not found");
      }
      if (url.pathname === "/admin/api/2026-10/graphql.json" && req.method === "POST") {
        const fault = shop.faults.shift();
        if (fault)
          return send(res, fault, { errors: "Service unavailable" }, fault === 429 ? { "Retry-After": "0.05" } : {});
        const grant = shop.tokens.check(String(req.headers["x-shopify-access-token"] ?? "") || null);
        if (!grant)
          return send(res, 401, {
            errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
          });
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
        } catch {
          return send(res, 400, { errors: "Invalid JSON in request body" });
        }
        const ctx = { state, base: shop.url, scopes: grant.scopes, emit: shop.emit };
        const answer = await answerGraphQL(ctx, shop.bucket, body, shop.log, shop.throttledStatus);
        return send(res, answer.status, answer.body);
      }
      send(res, 404, "<!doctype html><title>Not found</title>");
    } catch (err) {
      send(res, 500, { errors: [{ message: String(err) }] });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  shop.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  shop.tokens = new TokenStore(app, options.shopDomain ?? new URL(shop.url).host, options.scopes ?? ALL_SCOPES);
  return shop;
}
