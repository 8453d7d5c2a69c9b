import "server-only";
import { Webhook } from "standardwebhooks";
import { z } from "zod";
import { PlatformError, type PlatformWebhooks, type WebhooksState } from "@/lib/platforms/types";
import { sessionSite } from "./session";
import type { PluginStatusDoc } from "./site";

/** What the IGNY8 plugin sends; the payload is only a hint (the post is fetched). */
export const wordpressWebhookSchema = z.looseObject({
  action: z.enum([
    "post_created",
    "post_updated",
    "post_status_changed",
    "post_trashed",
    "post_untrashed",
    "post_deleted",
    "ping",
  ]),
  post_id: z.number().int().min(0),
  post_type: z.string().max(40).optional(),
  site_url: z.string().max(2048),
  event_id: z.string().max(200).optional(),
  status: z.string().max(40).optional(),
  modified_gmt: z.string().max(40).optional(),
  occurred_at: z.string().max(40).optional(),
  origin: z.string().max(40).optional(),
});

const NOT_INSTALLED: WebhooksState = {
  installed: false,
  configured: false,
  points_here: false,
  version: null,
  queue: null,
  last_deliveries: [],
  message:
    "The IGNY8 Connector plugin is not active on this site, so changes made in WordPress reach IGNY8 " +
    "only when it syncs.",
  fix:
    "Download the plugin, upload it under Plugins → Add New → Upload Plugin, activate it, " +
    "then click Install webhooks.",
};

function toState(doc: PluginStatusDoc, url: string): WebhooksState {
  const pointsHere = !!doc.configured && doc.webhook_url === url;
  return {
    installed: true,
    configured: !!doc.configured,
    points_here: pointsHere,
    version: doc.version ?? null,
    queue: doc.queue ?? null,
    last_deliveries: (doc.last_deliveries ?? []).slice(0, 10),
    message: pointsHere
      ? "The IGNY8 Connector plugin is active and sends changes to IGNY8 as they happen."
      : "The IGNY8 Connector plugin is active but not sending to this IGNY8 integration.",
    ...(pointsHere ? {} : { fix: "Click Install webhooks to configure it." }),
  };
}

/** 404 from the plugin's routes: it is not installed or not active. */
async function orNotInstalled(call: () => Promise<WebhooksState>): Promise<WebhooksState> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PlatformError && error.code === "not_found") return NOT_INSTALLED;
    throw error;
  }
}

const SIGNATURE_HEADERS = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;

/** The IGNY8 Connector plugin's deliveries: Standard Webhooks (HMAC-SHA256, 5-minute window). */
export const wordpressWebhooks: PlatformWebhooks = {
  deliveryId: (headers) => headers.get("webhook-id") || undefined,

  verify(raw, headers, secrets) {
    const signed = Object.fromEntries(SIGNATURE_HEADERS.map((name) => [name, headers.get(name) ?? ""]));
    if (SIGNATURE_HEADERS.some((name) => !signed[name])) return false;
    return secrets.some((secret) => {
      try {
        new Webhook(secret).verify(raw, signed, { jsonParse: false });
        return true;
      } catch {
        return false;
      }
    });
  },

  payloadSchema: wordpressWebhookSchema,

  parse(body) {
    const parsed = wordpressWebhookSchema.safeParse(body);
    if (!parsed.success)
      return { ok: false, problem: `${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message}` };
    const payload = parsed.data;
    return {
      ok: true,
      payload,
      siteUrl: payload.site_url,
      hints: {
        type: payload.post_type ?? "",
        externalId: String(payload.post_id),
        action: payload.action,
        isPing: payload.action === "ping",
        isOurEcho: payload.origin === "igny8",
      },
    };
  },

  install: (session, { url, secret, integrationId, contentTypes }) =>
    orNotInstalled(async () => {
      const postTypes = contentTypes.filter((t) => t !== "post" && t !== "page");
      const json = { webhook_url: url, secret, integration_id: integrationId, post_types: postTypes };
      const { data } = await sessionSite(session).client.request<PluginStatusDoc>("POST", "/igny8/v1/connect", {
        json,
      });
      return toState(data, url);
    }),

  status: (session, { url }) =>
    orNotInstalled(async () =>
      toState((await sessionSite(session).client.request<PluginStatusDoc>("GET", "/igny8/v1/status")).data, url),
    ),
};
