/** The products webhooks as Shopify sends them: REST-shaped JSON, X-Shopify-* headers, HMAC with the app secret. */
import { createHmac, randomUUID } from "node:crypto";
import type { ProductRecord } from "./state";

export type ShopifyTopic = "PRODUCTS_CREATE" | "PRODUCTS_UPDATE" | "PRODUCTS_DELETE";

/** The REST payload of a products webhook (`products/delete` carries the id only). */
export function productPayload(topic: ShopifyTopic, product: Pick<ProductRecord, "id"> & Partial<ProductRecord>) {
  const base = { id: product.id, admin_graphql_api_id: `gid://shopify/Product/${product.id}` };
  if (topic === "PRODUCTS_DELETE") return { id: product.id };
  return {
    ...base,
    title: product.title,
    body_html: product.descriptionHtml,
    handle: product.handle,
    status: product.status?.toLowerCase(),
    tags: product.tags?.join(", "),
    updated_at: product.updatedAt,
    created_at: product.createdAt,
  };
}

/** A signed delivery: the raw body and the headers Shopify sends with it. */
export function signDelivery(
  topic: ShopifyTopic | string,
  payload: unknown,
  secret: string,
  options: { shop?: string; eventId?: string; triggeredAt?: Date } = {},
): { raw: string; headers: Headers } {
  const raw = JSON.stringify(payload);
  const headers = new Headers({
    "Content-Type": "application/json",
    "X-Shopify-Topic": topic.toLowerCase().replace("_", "/"),
    "X-Shopify-Hmac-Sha256": createHmac("sha256", secret).update(raw, "utf8").digest("base64"),
    "X-Shopify-Shop-Domain": options.shop ?? "igny8-test.myshopify.com",
    "X-Shopify-API-Version": "2026-10",
    "X-Shopify-Webhook-Id": randomUUID(),
    "X-Shopify-Event-Id": options.eventId ?? randomUUID(),
    "X-Shopify-Triggered-At": (options.triggeredAt ?? new Date()).toISOString(),
  });
  return { raw, headers };
}

/** Posts a delivery to a subscription's address; failures are recorded, as Shopify retries later. */
export async function deliver(uri: string, delivery: { raw: string; headers: Headers }): Promise<number> {
  try {
    const res = await fetch(uri, { method: "POST", headers: delivery.headers, body: delivery.raw });
    return res.status;
  } catch {
    return 0;
  }
}
