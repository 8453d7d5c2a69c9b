import { createHmac } from "node:crypto";
import type { Item, Store } from "./store";

/** A webhook delivery as Webflow sends it, signed with the OAuth app's client secret. */
export type Delivery = { url: string; raw: string; headers: Record<string, string> };

/** `x-webflow-signature` = hex HMAC-SHA256 of `${timestamp}:${body}`, `x-webflow-timestamp` in ms. */
export function signWebflow(raw: string, secret: string, timestamp = Date.now()): Record<string, string> {
  const signature = createHmac("sha256", secret).update(`${timestamp}:${raw}`).digest("hex");
  return {
    "content-type": "application/json",
    "x-webflow-timestamp": String(timestamp),
    "x-webflow-signature": signature,
  };
}

/** The body of a collection_item_* delivery. */
export function itemEvent(triggerType: string, siteId: string, collectionId: string, item: Item): string {
  const payload = { ...item, siteId, workspaceId: "52f3b1f7eafac55d0c64ef91", collectionId };
  return JSON.stringify({ triggerType, payload });
}

/** Sends the event to every webhook of the site registered for it (and records each delivery). */
export function emitItemEvent(
  store: Store,
  secret: string,
  deliveries: Delivery[],
  event: { triggerType: string; collectionId: string; item: Item },
): void {
  const collection = store.collections.get(event.collectionId);
  if (!collection) return;
  for (const hook of store.webhooks.values()) {
    if (hook.siteId !== collection.siteId || hook.triggerType !== event.triggerType) continue;
    const raw = itemEvent(event.triggerType, collection.siteId, collection.id, event.item);
    const delivery = { url: hook.url, raw, headers: signWebflow(raw, secret) };
    deliveries.push(delivery);
    // Best effort, as Webflow's own deliveries (no redirects followed).
    void fetch(hook.url, { method: "POST", headers: delivery.headers, body: raw, redirect: "manual" }).catch(() => {});
  }
}

/** Which trigger a successful item operation fires. */
export const TRIGGERS: Record<string, string> = {
  "create-item": "collection_item_created",
  "create-item-live": "collection_item_created",
  "create-items": "collection_item_created",
  "update-item": "collection_item_changed",
  "update-item-live": "collection_item_changed",
  "delete-item": "collection_item_deleted",
  "delete-item-live": "collection_item_unpublished",
  "publish-item": "collection_item_published",
};
