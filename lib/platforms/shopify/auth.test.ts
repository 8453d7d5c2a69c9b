import { afterAll, describe, expect, it } from "vitest";
import type { Credentials } from "@/lib/platforms/types";
import { shopifyAdapter } from "./index";
import { buildAuthorizeUrl, callbackShop, exchangeCode, verifyCallbackHmac } from "./oauth";
import { signDelivery } from "./testing/server";
import { http, post, startAllowedShop } from "./test-support";
import { shopifyWebhooks } from "./webhooks";

const shop = await startAllowedShop({ bucket: { maximumAvailable: 120, restoreRate: 200 } });
afterAll(() => shop.close());
const app = { clientId: shop.app.clientId, clientSecret: shop.app.clientSecret };

describe("OAuth", () => {
  it("authorize → signed callback → code exchange gives an expiring token that works and is renewed with its refresh token", async () => {
    const url = buildAuthorizeUrl({
      siteUrl: shop.url,
      clientId: app.clientId,
      redirectUri: "https://igny8.test/cb",
      state: "s1",
    });
    const res = await fetch(url, { redirect: "manual" });
    const callback = new URL(res.headers.get("location")!).searchParams;
    expect(callback.get("state")).toBe("s1");
    expect(verifyCallbackHmac(callback, app.clientSecret)).toBe(true);
    const forged = new URLSearchParams(callback);
    forged.set("shop", "evil.myshopify.com");
    expect(verifyCallbackHmac(forged, app.clientSecret)).toBe(false);
    expect(callbackShop(new URLSearchParams({ shop: "evil.example.com" }))).toBeUndefined();
    const tokens = await exchangeCode({ siteUrl: shop.url, http, app, code: callback.get("code")! });
    expect(tokens).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String) });
    await expect(exchangeCode({ siteUrl: shop.url, http, app, code: callback.get("code")! })).rejects.toMatchObject({
      code: "auth_failed",
    });
    // Expired an hour later: the session renews it before use and saves the new pair.
    const saved: Credentials[] = [];
    const creds = {
      ...tokens,
      expires_at: new Date(Date.now() - 1000).toISOString(),
      client_id: app.clientId,
      client_secret: app.clientSecret,
    } as Credentials;
    shop.tokens.tokens.delete(tokens.access_token);
    const session = shopifyAdapter.connect({
      siteUrl: shop.url,
      credentials: creds,
      http,
      saveCredentials: async (c) => void saved.push(c),
    });
    await session.verifyCredentials();
    expect(saved).toHaveLength(1);
    expect(saved[0].refresh_token).not.toBe(tokens.refresh_token);
  });

  it("client credentials: a token is fetched, and fetched again when Shopify refuses the old one (~24 h later)", async () => {
    const saved: Credentials[] = [];
    const session = shopifyAdapter.connect({
      siteUrl: shop.url,
      credentials: { client_id: app.clientId, client_secret: app.clientSecret },
      http,
      saveCredentials: async (c) => void saved.push(c),
    });
    await session.verifyCredentials();
    shop.tokens.tokens.delete(saved[0].access_token);
    await session.verifyCredentials();
    expect(saved).toHaveLength(2);
    expect(saved[1].access_token).not.toBe(saved[0].access_token);
    const bad = await shopifyAdapter.doctor({
      siteUrl: shop.url,
      credentials: { client_id: app.clientId, client_secret: "wrong" },
      http,
    });
    expect(bad).toMatchObject({ connected: false, code: "auth_failed" });
  });
});

describe("doctor", () => {
  it("missing_scopes names the scopes; not_shopify for another site; unreachable for a closed port", async () => {
    const limited = shop.tokens.issueStatic(["read_content"]);
    const report = await shopifyAdapter.doctor({ siteUrl: shop.url, credentials: { access_token: limited }, http });
    expect(report).toMatchObject({ connected: false, code: "missing_scopes" });
    expect(report.fix).toContain("write_content, read_products, write_products, write_files");
    const { createServer } = await import("node:http");
    const other = createServer((_q, r) => r.writeHead(404, { "Content-Type": "text/html" }).end("<html>shop</html>"));
    await new Promise<void>((r) => other.listen(0, "127.0.0.1", r));
    const otherUrl = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
    process.env.EGRESS_ALLOW += `,${new URL(otherUrl).host}`;
    expect(await shopifyAdapter.doctor({ siteUrl: otherUrl, credentials: { access_token: "x" }, http })).toMatchObject({
      code: "not_shopify",
    });
    await new Promise((r) => other.close(r));
    expect(await shopifyAdapter.doctor({ siteUrl: otherUrl, credentials: { access_token: "x" }, http })).toMatchObject({
      code: "unreachable",
    });
    expect(
      await shopifyAdapter.doctor({ siteUrl: "http://127.0.0.1:1", credentials: { access_token: "x" }, http }),
    ).toMatchObject({ code: "blocked_address" });
  });
});

describe("throttling", () => {
  it("a small bucket: every item is written, THROTTLED answers (200 or 429) are waited out", async () => {
    const session = shopifyAdapter.connect({
      siteUrl: shop.url,
      credentials: { access_token: shop.tokens.issueStatic() },
      http,
    });
    const outcomes = await session.push(Array.from({ length: 12 }, (_, i) => post(`Throttled ${i}`)));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    shop.throttledStatus = 429;
    shop.faults.push(503);
    const more = await session.push(Array.from({ length: 6 }, (_, i) => post(`Throttled 429 ${i}`)));
    expect(more.every((o) => o.ok)).toBe(true);
    expect(shop.log.filter((l) => l.outcome === "ok" && l.operationName === "CreateArticle")).toHaveLength(18);
  });
});

describe("webhooks", () => {
  it("verify: good, forged, other secret; a duplicate shares its event id; a stale one is refused", () => {
    const delivery = signDelivery(
      "PRODUCTS_UPDATE",
      { id: 7, admin_graphql_api_id: "gid://shopify/Product/7" },
      "secret",
      { eventId: "ev-1" },
    );
    expect(shopifyWebhooks.verify(delivery.raw, delivery.headers, ["secret"])).toBe(true);
    expect(shopifyWebhooks.verify(delivery.raw.replace("7", "8"), delivery.headers, ["secret"])).toBe(false);
    expect(shopifyWebhooks.verify(delivery.raw, delivery.headers, ["other"])).toBe(false);
    const again = signDelivery(
      "PRODUCTS_UPDATE",
      { id: 7, admin_graphql_api_id: "gid://shopify/Product/7" },
      "secret",
      { eventId: "ev-1" },
    );
    expect(shopifyWebhooks.deliveryId(again.headers)).toBe(shopifyWebhooks.deliveryId(delivery.headers));
    expect(shopifyWebhooks.isStale(delivery.headers)).toBe(false);
    const old = signDelivery("PRODUCTS_UPDATE", { id: 7 }, "secret", {
      triggeredAt: new Date(Date.now() - 10 * 60_000),
    });
    expect(shopifyWebhooks.isStale(old.headers)).toBe(true);
    expect(shopifyWebhooks.parse({ id: 7 })).toMatchObject({
      ok: true,
      hints: { type: "product", action: "product_deleted" },
    });
  });
});
