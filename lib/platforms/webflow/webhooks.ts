import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { PlatformError, type PlatformWebhooks, type WebhooksState } from "@/lib/platforms/types";
import { webflowWebhookSchema } from "./schemas";
import { sessionSite } from "./session";

/** The collection item triggers IGNY8 listens to. */
export const ITEM_TRIGGERS = [
  "collection_item_created",
  "collection_item_changed",
  "collection_item_deleted",
  "collection_item_published",
  "collection_item_unpublished",
] as const;
const WINDOW_MS = 5 * 60_000;

const hex = (secret: string, message: string) => createHmac("sha256", secret).update(message).digest();

/** `x-webflow-timestamp` in ms (seconds accepted), or undefined when it is not a timestamp. */
function timestampMs(headers: Headers): number | undefined {
  const timestamp = headers.get("x-webflow-timestamp") ?? "";
  if (!/^\d{10,16}$/.test(timestamp)) return undefined;
  return timestamp.length <= 10 ? Number(timestamp) * 1000 : Number(timestamp);
}

/** Webflow's signature: hex HMAC-SHA256 of `${x-webflow-timestamp}:${body}` with the OAuth app's client secret. */
function verifyWebflowSignature(raw: string, headers: Headers, secrets: string[], now = Date.now()): boolean {
  const timestamp = headers.get("x-webflow-timestamp") ?? "";
  const signature = headers.get("x-webflow-signature") ?? "";
  const ms = timestampMs(headers);
  if (ms === undefined || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  if (Math.abs(now - ms) > WINDOW_MS) return false;
  const given = Buffer.from(signature, "hex");
  // Every secret is tried, so the time taken does not say which matched.
  return secrets.map((s) => timingSafeEqual(hex(s, `${timestamp}:${raw}`), given)).some(Boolean);
}

const SITE_TOKEN_STATE: WebhooksState = {
  installed: false,
  configured: false,
  points_here: false,
  version: null,
  queue: null,
  last_deliveries: [],
  message:
    "With a site API token Webflow sends no signed webhooks, so changes made in Webflow arrive with the scheduled sync.",
  fix: "Reconnect with Webflow (OAuth) to receive changes as they happen.",
};

function stateOf(hooks: Array<{ triggerType?: string; url?: string }>, url: string): WebhooksState {
  const here = ITEM_TRIGGERS.filter((t) => hooks.some((h) => h.triggerType === t && h.url === url));
  const pointsHere = here.length === ITEM_TRIGGERS.length;
  return {
    installed: here.length > 0,
    configured: here.length > 0,
    points_here: pointsHere,
    version: null,
    queue: null,
    last_deliveries: [],
    message: pointsHere
      ? "Webflow sends collection item changes to IGNY8 as they happen."
      : "Webflow does not send every collection item change to this IGNY8 integration.",
    ...(pointsHere ? {} : { fix: "Click Install webhooks." }),
  };
}

const isSiteToken = (error: unknown) =>
  error instanceof PlatformError && (error.code === "forbidden" || error.code === "auth_failed");

/** Webflow's collection_item_* webhooks (signed only when created through our OAuth app). */
export const webflowWebhooks: PlatformWebhooks = {
  // Webflow sends no delivery id; a repeat of one delivery repeats its signature.
  deliveryId: (headers) => headers.get("x-webflow-signature") || undefined,
  verify: (raw, headers, secrets) => verifyWebflowSignature(raw, headers, secrets),
  /** A delivery whose timestamp is over 5 minutes from now (a replay) is refused, however it is signed. */
  isStale(headers, now = Date.now()) {
    const ms = timestampMs(headers);
    return ms === undefined || Math.abs(now - ms) > WINDOW_MS;
  },
  payloadSchema: webflowWebhookSchema,
  parse(body) {
    const parsed = webflowWebhookSchema.safeParse(body);
    if (!parsed.success)
      return { ok: false, problem: `${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message}` };
    const { triggerType, payload } = parsed.data;
    return {
      ok: true,
      payload: parsed.data,
      hints: { type: "post", externalId: payload.id, action: triggerType, isPing: false, isOurEcho: false },
    };
  },
  /** Registers the five item triggers at `url`; `secret` is unused: Webflow signs with the app's client secret. */
  async install(session, { url }) {
    const site = sessionSite(session);
    try {
      const { webhooks = [] } = await site.api.call((c) => c.webhooks.list(site.config.site_id));
      for (const triggerType of ITEM_TRIGGERS) {
        if (webhooks.some((h) => h.triggerType === triggerType && h.url === url)) continue;
        const created = await site.api.call((c) => c.webhooks.create(site.config.site_id, { triggerType, url }));
        webhooks.push(created);
      }
      return stateOf(webhooks, url);
    } catch (error) {
      if (isSiteToken(error)) return SITE_TOKEN_STATE;
      throw error;
    }
  },
  async status(session, { url }) {
    const site = sessionSite(session);
    const { webhooks = [] } = await site.api.call((c) => c.webhooks.list(site.config.site_id));
    const state = stateOf(webhooks, url);
    return state.installed ? state : { ...SITE_TOKEN_STATE, message: `${state.message} ${SITE_TOKEN_STATE.message}` };
  },
};

export { verifyWebflowSignature };
