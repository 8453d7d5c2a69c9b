import "server-only";
import crypto from "node:crypto";
import { PlatformError, type PlatformWebhooks, type WebhooksState } from "@/lib/platforms/types";
import { ghostWebhookPayloadSchema, ghostWebhookSchema } from "./schemas";
import { sessionSite } from "./session";
import { readSignature, verifyGhostSignature } from "./signature";
import { z } from "zod";

/** The events IGNY8 registers for each of our content types it syncs. */
export const WEBHOOK_ACTIONS = ["added", "edited", "deleted", "published", "unpublished"] as const;
const created = z.object({ webhooks: z.array(ghostWebhookSchema).min(1) });

export function eventsFor(contentTypes: string[]): string[] {
  const kinds = (["post", "page"] as const).filter((t) => contentTypes.length === 0 || contentTypes.includes(t));
  return kinds.flatMap((kind) => WEBHOOK_ACTIONS.map((action) => `${kind}.${action}`));
}

/** Ghost's 422 for a webhook that exists already (same event and target URL). */
const isDuplicate = (error: unknown) =>
  error instanceof PlatformError && error.status === 422 && /already been used/i.test(error.message);

/** Registers one webhook; whether it was already there. */
async function register(
  session: Parameters<typeof sessionSite>[0],
  webhook: { event: string; target_url: string; name: string; secret?: string },
) {
  try {
    const { webhooks } = await sessionSite(session).client.request("POST", "webhooks/", created, {
      json: { webhooks: [webhook] },
    });
    return { existed: false, id: webhooks[0].id };
  } catch (error) {
    if (isDuplicate(error)) return { existed: true as const, id: undefined };
    throw error;
  }
}

const LIVE =
  "Ghost sends post and page changes to IGNY8 as they happen. Ghost does not retry a delivery that fails: the scheduled sync catches what one missed.";

/** The webhook address for one secret: `url` with a version only that secret gives. */
export function addressFor(url: string, secret: string): string {
  const version = crypto.createHash("sha256").update(secret).digest("hex").slice(0, 12);
  const address = new URL(url);
  address.searchParams.set("v", version);
  return address.toString();
}

/** Deletes webhooks by id; one Ghost no longer has is gone already. */
async function removeAll(session: Parameters<typeof sessionSite>[0], ids: string[]) {
  for (const id of ids) {
    try {
      await sessionSite(session).client.send("DELETE", `webhooks/${id}/`);
    } catch (error) {
      if (!(error instanceof PlatformError && error.code === "not_found")) throw error;
    }
  }
}

const state = (pointsHere: boolean, message: string, fix?: string): WebhooksState => ({
  installed: pointsHere,
  configured: pointsHere,
  points_here: pointsHere,
  version: null,
  queue: null,
  last_deliveries: [],
  message,
  ...(fix ? { fix } : {}),
});

const action = (current: Record<string, unknown>, previous: Record<string, unknown> | undefined) => {
  if (!current.id) return "deleted";
  if (!previous || Object.keys(previous).length === 0) return "added";
  if (previous.status && previous.status !== current.status)
    return current.status === "published" ? "published" : previous.status === "published" ? "unpublished" : "edited";
  return "edited";
};

/**
 * Ghost's native webhooks. A delivery carries no id and no event name: its id is the signature's
 * time and MAC (a replay repeats both), its action is read from `current`/`previous`. Ghost says
 * nothing of who made a change, so `isOurEcho` is false and the engine tells an echo of our own
 * write by the version it wrote (the re-read item's updated_at).
 */
export const ghostWebhooks: PlatformWebhooks = {
  deliveryId(headers) {
    const signature = readSignature(headers);
    return signature ? `${signature.t}-${signature.hex.slice(0, 32)}` : undefined;
  },

  verify: (raw, headers, secrets) => verifyGhostSignature(raw, headers, secrets),

  payloadSchema: ghostWebhookPayloadSchema,

  parse(body) {
    const parsed = ghostWebhookPayloadSchema.safeParse(body);
    if (!parsed.success) return { ok: false, problem: "not a Ghost post or page delivery ({post|page: {current}})" };
    const kind = "post" in parsed.data ? "post" : "page";
    const { current, previous } = "post" in parsed.data ? parsed.data.post : parsed.data.page;
    const id = current.id ?? previous?.id;
    if (typeof id !== "string" || !id) return { ok: false, problem: `the ${kind} in the delivery has no id` };
    const url = typeof current.url === "string" ? current.url : undefined;
    return {
      ok: true,
      payload: parsed.data as Record<string, unknown>,
      ...(url ? { siteUrl: new URL(url).origin } : {}),
      hints: {
        type: kind,
        externalId: id,
        action: `${kind}.${action(current, previous)}`,
        isPing: false,
        isOurEcho: false,
      },
    };
  },

  /**
   * Registers every event at the secret's own address (`url` with a version derived from the
   * secret: Ghost refuses a second webhook for the same event and address, so a new secret needs
   * a new address), then removes the `previous` ones. An integration key cannot list webhooks,
   * only delete those it made by id: the ids are answered as `registrations` for the engine to keep.
   * A failure part way removes what this call made; the earlier webhooks go on delivering.
   */
  async install(session, { url, secret, contentTypes, previous = [] }) {
    const target = addressFor(url, secret);
    const made: string[] = [];
    let existed = 0;
    try {
      for (const event of eventsFor(contentTypes)) {
        const result = await register(session, { event, target_url: target, name: `IGNY8 ${event}`, secret });
        if (result.id) made.push(result.id);
        else existed++;
      }
    } catch (error) {
      await removeAll(session, made).catch(() => undefined);
      throw error;
    }
    await removeAll(
      session,
      previous.filter((id) => !made.includes(id)),
    );
    const note = existed > 0 ? ` (${existed} were there already)` : "";
    return { ...state(true, `${LIVE}${note}`), registrations: made };
  },

  /** Whether Ghost has our webhook at the secret's address: a probe without a secret is refused as a duplicate, or removed at once. */
  async status(session, { url, secret }) {
    const target = secret ? addressFor(url, secret) : url;
    const probe = await register(session, { event: "post.edited", target_url: target, name: "IGNY8 status probe" });
    if (probe.existed) return state(true, LIVE);
    await removeAll(session, [probe.id!]);
    return state(
      false,
      "Ghost does not send its changes to this IGNY8 integration; they reach IGNY8 when it syncs.",
      "Click Install webhooks.",
    );
  },
};
