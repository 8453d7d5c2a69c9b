import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { recordDelivery } from "@/db/queries/webhooks";
import { siteIntegrations, sites } from "@/db/tables";
import type { PlatformWebhooks } from "@/lib/platforms/types";
import { ApiError } from "../../api/errors";
import { checkedInput, readText } from "../../api/handler";
import { isCredentialsUnreadable, markCredentialsUnreadable } from "../credentials-unreadable";
import { openIntegrationCredentials } from "../integration-credentials";
import { generateWebhookSecret, openWebhookSecrets } from "./secrets";

export const WEBHOOK_MAX_BYTES = 64 * 1024;
/** Deliveries one integration may make per 10 s (WEBHOOK_RATE_LIMIT overrides; a site rarely sends 30/s). */
export const webhookRateLimit = () => ({ limit: Number(process.env.WEBHOOK_RATE_LIMIT) || 300, windowSeconds: 10 });

const unauthorized = () =>
  new ApiError("unauthorized", "Webhook signature missing, invalid, or outside the 5-minute window.");
// Verifying against a throwaway secret when the integration is unknown keeps the timing alike.
const decoy = [generateWebhookSecret()];

/** The platform of a webhook route: its id and how it signs and words deliveries. */
export type WebhookPlatform = { id: string; webhooks: PlatformWebhooks };

/**
 * Accepts one delivery: raw body with a size cap, signature verified in constant time (the
 * platform's check) against the integration's current or previous secret before anything is
 * parsed, site URL matched, rate limit, then recorded by delivery id (a repeat is a no-op).
 * Returns what the route answers.
 */
export async function receiveWebhook(
  db: Db,
  platform: WebhookPlatform,
  req: Request,
): Promise<{ status: number; body: Record<string, unknown>; integrationId?: string }> {
  const hooks = platform.webhooks;
  const raw = await readText(req, WEBHOOK_MAX_BYTES);
  const deliveryId = hooks.deliveryId(req.headers);
  if (!deliveryId || deliveryId.length > 200) throw unauthorized();
  const verifies = (secrets: string[]) => hooks.verify(raw, req.headers, secrets);

  const id = new URL(req.url).searchParams.get("integration");
  const sender = await findSender(db, platform, id, verifies);
  if (!sender) {
    verifies(decoy);
    throw unauthorized();
  }
  if (sender.unreadable) throw sender.unreadable;
  // A delivery replayed long after its event (Shopify: X-Shopify-Triggered-At) is refused like an unsigned one.
  if (hooks.isStale?.(req.headers)) throw unauthorized();

  let parsed: ReturnType<PlatformWebhooks["parse"]>;
  try {
    // Kept as jsonb: no NUL characters, reserved keys or deep nesting (the plugin sends none).
    parsed = hooks.parse(checkedInput(JSON.parse(raw) as unknown, "body"));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError("invalid_json", "The webhook body is not valid JSON.");
  }
  if (!parsed.ok) throw new ApiError("validation_error", parsed.problem);
  if (parsed.siteUrl !== undefined && normaliseUrl(parsed.siteUrl) !== sender.siteUrl) {
    throw new ApiError("validation_error", "site_url does not match the connected site.");
  }

  const { isPing } = parsed.hints;
  const recorded = await recordDelivery(db, {
    integrationId: sender.id,
    webhookId: deliveryId,
    payload: parsed.payload,
    status: isPing ? "ignored" : "pending",
    ...webhookRateLimit(),
  });
  if (recorded === "gone") {
    forgetWebhookSender(sender.id);
    verifies(decoy);
    throw unauthorized();
  }
  if (recorded.limited) {
    throw new ApiError("rate_limited", "Too many webhook deliveries for this site; retry later.", {
      headers: { "Retry-After": String(recorded.retryAfterSeconds) },
    });
  }
  if (!recorded.inserted) return { status: 200, body: { received: true, duplicate: true } };
  return { status: 202, body: { received: true, duplicate: false }, integrationId: isPing ? undefined : sender.id };
}

/**
 * What the receiver needs of an integration: its secrets (current and previous) and site.
 * `unreadable` when its current secret does not decrypt: no delivery can be verified then.
 */
type Sender = { id: string; siteUrl: string; secrets: string[]; unreadable?: ApiError; loadedAt: number };

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

async function findSender(
  db: Db,
  platform: WebhookPlatform,
  id: string | null,
  verifies: (secrets: string[]) => boolean,
) {
  if (!id || !z.uuid().safeParse(id).success) return undefined;
  const kept = senders.get(id);
  if (kept && Date.now() - kept.loadedAt < SENDER_TTL_MS && (kept.unreadable || verifies(kept.secrets))) return kept;
  senders.delete(id);
  const [row] = await db
    .select()
    .from(siteIntegrations)
    .where(and(eq(siteIntegrations.id, id), eq(siteIntegrations.platform, platform.id as typeof row.platform)));
  if (!row?.isActive) return undefined;
  const sender: Sender = {
    id: row.id,
    siteUrl: normaliseUrl(row.externalSiteUrl),
    ...(await openSecrets(db, row, platform.webhooks)),
    loadedAt: Date.now(),
  };
  if (sender.unreadable) {
    await markCredentialsUnreadable(db, row);
  } else if (!verifies(sender.secrets)) {
    return undefined;
  }
  if (senders.size >= 10_000) senders.clear();
  senders.set(id, sender);
  return sender;
}

/**
 * The integration's secrets. A signing secret that cannot be decrypted is answered 503 (not
 * 401): the signature may well be good, and the plugin retries any failure for a day, so with a
 * retryable answer nothing is lost once the key is back or webhooks are installed again; nothing
 * is recorded meanwhile. The status only tells a caller who knows the integration's id that its
 * secret is unreadable, which the account sees on its Sync Dashboard anyway. Kept like any sender
 * (5 s), so a burst of deliveries costs no decryption and no write.
 */
async function openSecrets(
  db: Db,
  row: typeof siteIntegrations.$inferSelect,
  hooks: PlatformWebhooks,
): Promise<Pick<Sender, "secrets" | "unreadable">> {
  try {
    const own = openWebhookSecrets(row);
    if (!hooks.signingSecrets) return { secrets: own };
    // The platform signs with a secret of the connection's (Shopify: the app's client secret).
    const [site] = await db.select().from(sites).where(eq(sites.id, row.siteId));
    return { secrets: [...own, ...hooks.signingSecrets(openIntegrationCredentials(row, site))] };
  } catch (error) {
    if (!isCredentialsUnreadable(error)) throw error;
    const message =
      `${error.message} Until it is repaired no delivery can be verified: ` +
      "this one was not recorded; retry it later.";
    return {
      secrets: [],
      unreadable: new ApiError("credentials_unreadable", message, { status: 503, fix: error.fix }),
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
