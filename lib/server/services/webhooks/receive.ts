import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { z } from "zod";
import type { Db } from "@/db/client";
import { siteIntegrations, webhookReceipts, type SiteIntegration } from "@/db/tables";
import { ApiError } from "../../api/errors";
import { readText } from "../../api/handler";
import { consumeRateLimit } from "../../rate-limit";
import { openWebhookSecrets } from "./secrets";

export const WEBHOOK_MAX_BYTES = 64 * 1024;
/** Deliveries one integration may make per 10 s (WEBHOOK_RATE_LIMIT overrides; a site rarely sends 30/s). */
export const webhookRateLimit = () => ({ limit: Number(process.env.WEBHOOK_RATE_LIMIT) || 300, windowSeconds: 10 });

/** What the IGNY8 plugin sends; the payload is only a hint (the post is fetched). */
export const wordpressWebhookSchema = z.looseObject({
  action: z.enum(["post_created", "post_updated", "post_status_changed", "post_trashed", "post_untrashed", "post_deleted", "ping"]),
  post_id: z.number().int().min(0),
  post_type: z.string().max(40).optional(),
  site_url: z.string().max(2048),
  event_id: z.string().max(200).optional(),
  status: z.string().max(40).optional(),
  modified_gmt: z.string().max(40).optional(),
  occurred_at: z.string().max(40).optional(),
  origin: z.string().max(40).optional(),
});
export type WordPressWebhook = z.infer<typeof wordpressWebhookSchema>;

const unauthorized = () => new ApiError("unauthorized", "Webhook signature missing, invalid, or outside the 5-minute window.");
// Verifying against a throwaway secret when the integration is unknown keeps the timing alike.
const decoy = new Webhook(`whsec_${Buffer.alloc(32, 1).toString("base64")}`);

/**
 * Accepts one delivery: raw body with a size cap, signature verified in constant time against the
 * integration's current or previous secret before anything is parsed, site URL matched, rate limit,
 * then recorded by webhook-id (a repeat is a no-op). Returns what the route answers.
 */
export async function receiveWordPressWebhook(db: Db, req: Request): Promise<{ status: number; body: Record<string, unknown>; integrationId?: string }> {
  const raw = await readText(req, WEBHOOK_MAX_BYTES);
  const headers = {
    "webhook-id": req.headers.get("webhook-id") ?? "",
    "webhook-timestamp": req.headers.get("webhook-timestamp") ?? "",
    "webhook-signature": req.headers.get("webhook-signature") ?? "",
  };
  if (!headers["webhook-id"] || !headers["webhook-timestamp"] || !headers["webhook-signature"]) throw unauthorized();
  if (headers["webhook-id"].length > 200) throw unauthorized();

  const integration = await findIntegration(db, new URL(req.url).searchParams.get("integration"));
  const secrets = integration?.isActive ? openWebhookSecrets(integration) : [];
  if (!integration || !secrets.some((secret) => verifies(new Webhook(secret), raw, headers))) {
    verifies(decoy, raw, headers);
    throw unauthorized();
  }

  let payload: WordPressWebhook;
  try {
    const parsed = wordpressWebhookSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) throw new ApiError("validation_error", `${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message}`);
    payload = parsed.data;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError("invalid_json", "The webhook body is not valid JSON.");
  }
  if (normaliseUrl(payload.site_url) !== normaliseUrl(integration.externalSiteUrl)) {
    throw new ApiError("validation_error", "site_url does not match the connected site.");
  }

  const limit = await consumeRateLimit(db, { key: `webhook:${integration.id}`, ...webhookRateLimit() });
  if (!limit.allowed) {
    throw new ApiError("rate_limited", "Too many webhook deliveries for this site; retry later.", {
      headers: { "Retry-After": String(limit.retryAfterSeconds) },
    });
  }

  const inserted = await db
    .insert(webhookReceipts)
    .values({
      integrationId: integration.id,
      webhookId: headers["webhook-id"],
      payload,
      status: payload.action === "ping" ? "ignored" : "pending",
    })
    .onConflictDoNothing()
    .returning({ webhookId: webhookReceipts.webhookId });
  if (inserted.length === 0) return { status: 200, body: { received: true, duplicate: true } };
  return { status: 202, body: { received: true, duplicate: false }, integrationId: payload.action === "ping" ? undefined : integration.id };
}

function verifies(webhook: Webhook, raw: string, headers: Record<string, string>) {
  try {
    webhook.verify(raw, headers, { jsonParse: false });
    return true;
  } catch {
    return false;
  }
}

async function findIntegration(db: Db, id: string | null): Promise<SiteIntegration | undefined> {
  if (!id || !z.uuid().safeParse(id).success) return undefined;
  const [row] = await db
    .select()
    .from(siteIntegrations)
    .where(and(eq(siteIntegrations.id, id), eq(siteIntegrations.platform, "wordpress")));
  return row;
}

function normaliseUrl(url: string) {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, "")}`.toLowerCase();
  } catch {
    return url;
  }
}

/** Receipts older than the sender's retry horizon (a day) plus margin can go. */
export async function pruneWebhookReceipts(db: Db) {
  await db.delete(webhookReceipts).where(sql`${webhookReceipts.receivedAt} < now() - interval '3 days' and ${webhookReceipts.status} <> 'pending'`);
}
