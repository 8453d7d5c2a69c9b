import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createSite } from "@/db/queries/sites";
import { content, contentRefs, webhookReceipts } from "@/db/tables";
// The spec-validated test shop and its webhook emitter (a test double, not the adapter's internals).
import { startShopifyTestServer } from "@/lib/platforms/shopify/testing/server";
import { createTestTenant } from "@/test/support/db";
import { postToRoute, startWebhookReceiver, waitFor } from "@/test/support/webhook-receiver";
import { resetEnvCache } from "../../env";
import { connectSite } from "../integrations-connect";
import { installWebhooks } from "./install";
import { processWebhookReceipts } from "./process";

// Products webhooks from the Shopify test shop, signed as Shopify signs them (base64 HMAC-SHA256 of
// the raw body with the app's client secret), through the real route: a valid one updates the
// product's item; a forged body, a repeat of an event and a stale retry are refused or answered once.
const shop = await startShopifyTestServer();
process.env.EGRESS_ALLOW = [process.env.EGRESS_ALLOW, new URL(shop.url).host].filter(Boolean).join(",");

describe("Shopify products webhooks at the webhook route", () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let tenant: Awaited<ReturnType<typeof createTestTenant>>;
  let integrationId: string;
  const product = shop.state.seedProduct({ title: "Blue mug", descriptionHtml: "<p>A mug.</p>", tags: ["mugs"] });
  const productId = String(product.id);

  const receipts = async () =>
    (await tenant.db.select().from(webhookReceipts).where(eq(webhookReceipts.integrationId, integrationId))).length;
  const itemOf = async () =>
    (
      await tenant.db
        .select({ content })
        .from(contentRefs)
        .innerJoin(content, eq(content.id, contentRefs.contentId))
        .where(and(eq(contentRefs.integrationId, integrationId), eq(contentRefs.externalId, productId)))
    ).map((r) => r.content);
  const mine = () => receiver.deliveries.filter((d) => d.url.includes(integrationId) && d.raw.includes(productId));
  /** A delivery as Shopify would send it for the same body, with its own event id and trigger time. */
  const resigned = (raw: string, headers: Record<string, string>, triggeredAt: Date) => ({
    ...headers,
    "x-shopify-hmac-sha256": createHmac("sha256", shop.app.clientSecret).update(raw, "utf8").digest("base64"),
    "x-shopify-event-id": randomUUID(),
    "x-shopify-triggered-at": triggeredAt.toISOString(),
  });

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    process.env.APP_URL = receiver.origin;
    process.env.WEBHOOK_PROCESSING = "off";
    resetEnvCache();
    tenant = await createTestTenant("shopify-webhooks");
    const site = await createSite(tenant.db, { accountId: tenant.auth.accountId, name: "Store", url: shop.url });
    // The merchant's own app: Shopify signs its webhooks with that app's client secret.
    const { integration } = await connectSite(tenant.db, tenant.auth.accountId, {
      site_id: site.id,
      platform: "shopify",
      external_site_url: shop.url,
      credentials: { client_id: shop.app.clientId, client_secret: shop.app.clientSecret },
    });
    integrationId = integration.id;
    // Install webhooks (the dashboard's button): IGNY8 subscribes the store to the products topics.
    expect(await installWebhooks(tenant.db, integration, site)).toMatchObject({ installed: true, configured: true });
    const hooks = [...shop.state.webhooks.values()].filter((h) => h.uri.includes(integrationId));
    expect(hooks.map((h) => h.topic).sort()).toEqual(["PRODUCTS_CREATE", "PRODUCTS_DELETE", "PRODUCTS_UPDATE"]);
  });

  afterAll(async () => {
    delete process.env.WEBHOOK_PROCESSING;
    await receiver.close();
    await shop.close();
  });

  it("a products/update the shop sends reaches the route and updates the product's item in IGNY8", async () => {
    // The merchant edits the product in Shopify's admin; Shopify announces it.
    shop.state.advance(1_000);
    Object.assign(product, { descriptionHtml: "<p>A bigger mug.</p>", updatedAt: shop.state.now() });
    shop.emit("PRODUCTS_UPDATE", product.id);
    await Promise.all(shop.deliveries);
    const [delivery] = await waitFor(mine, (rows) => rows.length > 0);
    expect(delivery).toMatchObject({ status: 202 });
    expect(delivery.headers["x-shopify-topic"]).toBe("products/update");
    expect(await receipts()).toBe(1);

    expect(await processWebhookReceipts(tenant.db, integrationId)).toBe(1);
    const [item] = await itemOf();
    expect(item).toMatchObject({ contentType: "product", content: "<p>A bigger mug.</p>" });
  });

  it("a repeat of the event is a duplicate, applied once; a forged body and a stale retry are refused", async () => {
    const [delivery] = mine();
    const items = await itemOf();
    expect(items).toHaveLength(1);

    const repeat = await postToRoute(delivery.url, delivery.raw, delivery.headers);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ received: true, duplicate: true });
    expect(await receipts()).toBe(1);
    expect(await processWebhookReceipts(tenant.db, integrationId)).toBe(0);
    expect(await itemOf()).toEqual(items);

    const forged = delivery.raw.replace("A bigger mug.", "A forged mug.");
    expect(forged).not.toBe(delivery.raw);
    expect((await postToRoute(delivery.url, forged, delivery.headers)).status).toBe(401);

    // Signed with the app's secret, a new event: refused only for its age (Shopify retries for 4 h), taken when fresh.
    const old = new Date(Date.now() - 10 * 60_000);
    const stale = await postToRoute(delivery.url, delivery.raw, resigned(delivery.raw, delivery.headers, old));
    expect(stale.status).toBe(401);
    expect(await receipts()).toBe(1);
    const fresh = await postToRoute(delivery.url, delivery.raw, resigned(delivery.raw, delivery.headers, new Date()));
    expect(fresh.status).toBe(202);
    expect(await receipts()).toBe(2);
    expect(await itemOf()).toHaveLength(1);
  });
});
