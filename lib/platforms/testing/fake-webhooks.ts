import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { PlatformWebhooks } from "@/lib/platforms/types";
import type { FakeStore } from "./fake-store";

const payloadSchema = z.object({ type: z.string(), id: z.string(), action: z.string(), origin: z.string().optional() });

/** HMAC-SHA256 of "<delivery id>.<body>", base64. */
const sign = (raw: string, deliveryId: string, secret: string) =>
  createHmac("sha256", secret).update(`${deliveryId}.${raw}`).digest("base64");

/** The fake's deliveries: `x-fake-delivery` names one, `x-fake-signature` signs it. */
export function fakeWebhooks(store: FakeStore): PlatformWebhooks {
  return {
    payloadSchema,
    deliveryId: (headers) => headers.get("x-fake-delivery") || undefined,
    verify(raw, headers, secrets) {
      const given = Buffer.from(headers.get("x-fake-signature") ?? "");
      return secrets.some((secret) => {
        const expected = Buffer.from(sign(raw, headers.get("x-fake-delivery") ?? "", secret));
        return expected.length === given.length && timingSafeEqual(expected, given);
      });
    },
    parse(body) {
      const parsed = payloadSchema.safeParse(body);
      if (!parsed.success) return { ok: false, problem: parsed.error.issues[0].message };
      const payload = parsed.data;
      const hints = {
        type: payload.type,
        externalId: payload.id,
        action: payload.action,
        isPing: payload.action === "ping",
        isOurEcho: payload.origin === "igny8",
      };
      return { ok: true, payload, hints };
    },
    install: async (_session, { url }) => {
      store.pointWebhooks(url);
      return store.webhooks(url);
    },
    status: async (_session, { url }) => store.webhooks(url),
  };
}

/** A delivery about an item, signed as the fake signs them. */
export function signFakeDelivery(body: Record<string, unknown>, secret: string, deliveryId = "d-1") {
  const raw = JSON.stringify(body);
  const headers = new Headers({ "x-fake-delivery": deliveryId, "x-fake-signature": sign(raw, deliveryId, secret) });
  return { raw, headers };
}
