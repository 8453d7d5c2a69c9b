import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { z } from "zod";
import type { Db } from "@/db/client";
import { recordDelivery } from "@/db/queries/webhooks";
import { siteIntegrations, webhookReceipts } from "@/db/tables";
import { ApiError } from "../../api/errors";
import { checkedInput, readText } from "../../api/handler";
import { isCredentialsUnreadable, markCredentialsUnreadable } from "../credentials-unreadable";
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

  const id = new URL(req.url).searchParams.get("integration");
  const sender = await findSender(db, id, raw, headers);
  if (!sender) {
    verifies(decoy, raw, headers);
    throw unauthorized();
  }
  if (sender.unreadable) throw sender.unreadable;

  let payload: WordPressWebhook;
  try {
    // Kept as jsonb: no NUL characters, reserved keys or deep nesting (the plugin sends none).
    const parsed = wordpressWebhookSchema.safeParse(checkedInput(JSON.parse(raw) as unknown, "body"));
    if (!parsed.success) throw new ApiError("validation_error", `${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message}`);
    payload = parsed.data;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError("invalid_json", "The webhook body is not valid JSON.");
  }
  if (normaliseUrl(payload.site_url) !== sender.siteUrl) {
    throw new ApiError("validation_error", "site_url does not match the connected site.");
  }

  const recorded = await recordDelivery(db, {
    integrationId: sender.id,
    webhookId: headers["webhook-id"],
    payload,
    status: payload.action === "ping" ? "ignored" : "pending",
    ...webhookRateLimit(),
  });
  if (recorded === "gone") {
    forgetWebhookSender(sender.id);
    verifies(decoy, raw, headers);
    throw unauthorized();
  }
  if (recorded.limited) {
    throw new ApiError("rate_limited", "Too many webhook deliveries for this site; retry later.", {
      headers: { "Retry-After": String(recorded.retryAfterSeconds) },
    });
  }
  if (!recorded.inserted) return { status: 200, body: { received: true, duplicate: true } };
  return { status: 202, body: { received: true, duplicate: false }, integrationId: payload.action === "ping" ? undefined : sender.id };
}

function verifies(webhook: Webhook, raw: string, headers: Record<string, string>) {
  try {
    webhook.verify(raw, headers, { jsonParse: false });
    return true;
  } catch {
    return false;
  }
}

/**
 * What the receiver needs of an integration: its verifiers (current and previous secret) and site.
 * `unreadable` when its current secret does not decrypt: no delivery can be verified then.
 */
type Sender = { id: string; siteUrl: string; verifiers: Webhook[]; unreadable?: ApiError; loadedAt: number };

/**
 * Senders are kept for a few seconds, so a burst of deliveries costs one database write each and no
 * decryption. A signature that does not verify against a kept sender is checked against the row
 * again (a secret rotated in another process is never missed); changes made in this process drop
 * the kept sender at once (forgetWebhookSender).
 */
const SENDER_TTL_MS = 5_000;
const senders = new Map<string, Sender>();

export function forgetWebhookSender(integrationId: string) {
  senders.delete(integrationId);
}

async function findSender(db: Db, id: string | null, raw: string, headers: Record<string, string>): Promise<Sender | undefined> {
  if (!id || !z.uuid().safeParse(id).success) return undefined;
  const kept = senders.get(id);
  if (kept && Date.now() - kept.loadedAt < SENDER_TTL_MS && (kept.unreadable || kept.verifiers.some((v) => verifies(v, raw, headers)))) return kept;
  senders.delete(id);
  const [row] = await db
    .select()
    .from(siteIntegrations)
    .where(and(eq(siteIntegrations.id, id), eq(siteIntegrations.platform, "wordpress")));
  if (!row?.isActive) return undefined;
  const sender: Sender = { id: row.id, siteUrl: normaliseUrl(row.externalSiteUrl), ...openVerifiers(row), loadedAt: Date.now() };
  if (sender.unreadable) {
    await markCredentialsUnreadable(db, row);
  } else if (!sender.verifiers.some((v) => verifies(v, raw, headers))) {
    return undefined;
  }
  if (senders.size >= 10_000) senders.clear();
  senders.set(id, sender);
  return sender;
}

/**
 * The integration's verifiers. A signing secret that cannot be decrypted is answered 503 (not
 * 401): the signature may well be good, and the plugin retries any failure for a day, so with a
 * retryable answer nothing is lost once the key is back or webhooks are installed again; nothing
 * is recorded meanwhile. The status only tells a caller who knows the integration's id that its
 * secret is unreadable, which the account sees on its Sync Dashboard anyway. Kept like any sender
 * (5 s), so a burst of deliveries costs no decryption and no write.
 */
function openVerifiers(row: typeof siteIntegrations.$inferSelect): Pick<Sender, "verifiers" | "unreadable"> {
  try {
    return { verifiers: openWebhookSecrets(row).map((secret) => new Webhook(secret)) };
  } catch (error) {
    if (!isCredentialsUnreadable(error)) throw error;
    return {
      verifiers: [],
      unreadable: new ApiError("credentials_unreadable", `${error.message} Until it is repaired no delivery can be verified: this one was not recorded; retry it later.`, {
        status: 503,
        fix: error.fix,
      }),
    };
  }
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
