import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { PlatformWebhooks, WebhooksState } from "@/lib/platforms/types";
import { sessionStore } from "./session";
import { WEBHOOK_SUBSCRIPTION_CREATE, WEBHOOK_SUBSCRIPTIONS } from "./operations";
import type { UserError } from "./schemas";

/** Deliveries older than this are refused: Shopify retries 8 times over 4 h with the original payload. */
export const STALE_AFTER_MS = 5 * 60 * 1000;
const TOPICS = ["PRODUCTS_CREATE", "PRODUCTS_UPDATE", "PRODUCTS_DELETE"] as const;
const TYPE_OF_RESOURCE: Record<string, string> = { Product: "product", Article: "post", Page: "page" };

/** A products webhook's JSON (REST-shaped); only `id` / `admin_graphql_api_id` are read. */
export const shopifyWebhookSchema = z.looseObject({
  id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
  admin_graphql_api_id: z
    .string()
    .regex(/^gid:\/\/shopify\/\w+\/\d+$/)
    .optional(),
  updated_at: z.string().optional(),
  title: z.string().optional(),
});

const NOT_INSTALLED = (url: string): WebhooksState => ({
  installed: false,
  configured: false,
  points_here: false,
  version: null,
  queue: null,
  last_deliveries: [],
  message: `Shopify does not send product changes to ${url}; IGNY8 finds them when it syncs.`,
  fix: "Click Install webhooks.",
});

/**
 * Shopify's webhooks: X-Shopify-Hmac-Sha256 = base64 HMAC-SHA256 of the raw body with the app's
 * client secret (so `secrets` are the app's secrets, not one IGNY8 chose); X-Shopify-Event-Id names
 * the event (repeats share it). Shopify has no article or page topics: only products are announced.
 */
export const shopifyWebhooks: PlatformWebhooks & { isStale(headers: Headers, now?: number): boolean } = {
  /** The merchant's own app signs with its client secret (IGNY8's app: the adapter adds its secret). */
  signingSecrets: (credentials) => (typeof credentials.client_secret === "string" ? [credentials.client_secret] : []),

  deliveryId: (headers) => headers.get("x-shopify-event-id") || headers.get("x-shopify-webhook-id") || undefined,

  verify(raw, headers, secrets) {
    const given = Buffer.from(headers.get("x-shopify-hmac-sha256") ?? "", "base64");
    if (given.length !== 32) return false;
    return secrets
      .map((secret) => timingSafeEqual(createHmac("sha256", secret).update(raw, "utf8").digest(), given))
      .some(Boolean);
  },

  /** A retry of a delivery triggered more than STALE_AFTER_MS ago (or with no time at all). */
  isStale(headers, now = Date.now()) {
    const at = Date.parse(headers.get("x-shopify-triggered-at") ?? "");
    return !Number.isFinite(at) || now - at > STALE_AFTER_MS;
  },

  payloadSchema: shopifyWebhookSchema,

  parse(body) {
    const parsed = shopifyWebhookSchema.safeParse(body);
    if (!parsed.success) return { ok: false, problem: "Not a Shopify products webhook (no id)." };
    const gid = parsed.data.admin_graphql_api_id;
    const resource = gid ? gid.split("/")[3] : "Product";
    const type = TYPE_OF_RESOURCE[resource];
    if (!type) return { ok: false, problem: `Shopify ${resource} webhooks are not synced.` };
    // products/delete carries only the id (no GID); create and update carry the whole product.
    const action = gid ? `${type}_changed` : `${type}_deleted`;
    return {
      ok: true,
      payload: parsed.data,
      hints: { type, externalId: String(parsed.data.id), action, isPing: false, isOurEcho: false },
    };
  },

  async install(session, { url }) {
    const store = sessionStore(session);
    const existing = await subscriptions(store, url);
    for (const topic of TOPICS) {
      if (existing.has(topic)) continue;
      const data = await store.client.request<{ webhookSubscriptionCreate: { userErrors: UserError[] } }>(
        WEBHOOK_SUBSCRIPTION_CREATE,
        {
          topic,
          webhookSubscription: { uri: url, format: "JSON" },
        },
      );
      const errors = data.webhookSubscriptionCreate.userErrors.filter((e) => !/already been taken/i.test(e.message));
      if (errors.length) throw new Error(errors.map((e) => e.message).join("; "));
    }
    return shopifyWebhooks.status(session, { url });
  },

  async status(session, { url }) {
    const found = await subscriptions(sessionStore(session), url);
    if (!found.size) return NOT_INSTALLED(url);
    const isComplete = TOPICS.every((t) => found.has(t));
    return {
      installed: true,
      configured: isComplete,
      points_here: true,
      version: "2026-10",
      queue: null,
      last_deliveries: [],
      message: isComplete
        ? "Shopify sends product changes to IGNY8 as they happen (articles and pages are found when IGNY8 syncs)."
        : `Shopify sends only some product changes here (${[...found].join(", ")}).`,
      ...(isComplete ? {} : { fix: "Click Install webhooks." }),
    };
  },
};

async function subscriptions(store: ReturnType<typeof sessionStore>, url: string): Promise<Set<string>> {
  const data = await store.client.request<{ webhookSubscriptions: { nodes: Array<{ topic: string; uri: string }> } }>(
    WEBHOOK_SUBSCRIPTIONS,
    {
      first: 50,
      topics: [...TOPICS],
    },
  );
  return new Set(data.webhookSubscriptions.nodes.filter((n) => n.uri === url).map((n) => n.topic));
}
