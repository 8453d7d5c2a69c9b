import "server-only";
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
    if (isDuplicate(error)) return { existed: true, id: undefined };
    throw error;
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
   * Registers every event at `url` signed with `secret`; one already there answers 422 and is kept.
   * An integration key cannot list or read webhooks, so a new secret needs a new `url` (the engine
   * puts the secret's version in it) and the old webhooks go when their target answers 410.
   */
  async install(session, { url, secret, contentTypes }) {
    let existed = 0;
    for (const event of eventsFor(contentTypes)) {
      const result = await register(session, { event, target_url: url, name: `IGNY8 ${event}`, secret });
      if (result.existed) existed++;
    }
    const note = existed > 0 ? ` (${existed} were there already)` : "";
    return state(true, `Ghost sends post and page changes to IGNY8 as they happen${note}.`);
  },

  /** Whether Ghost has our webhook for `url`: a probe without a secret is refused as a duplicate, or removed at once. */
  async status(session, { url }) {
    const probe = await register(session, { event: "post.edited", target_url: url, name: "IGNY8 status probe" });
    if (probe.existed) return state(true, "Ghost sends post and page changes to IGNY8 as they happen.");
    await sessionSite(session).client.send("DELETE", `webhooks/${probe.id}/`);
    return state(
      false,
      "Ghost does not send its changes to this IGNY8 integration; they reach IGNY8 when it syncs.",
      "Click Install webhooks.",
    );
  },
};
