import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { siteIntegrations, sites, webhookReceipts } from "@/db/tables";
import { createTestTenant } from "@/test/support/db";
import * as route from "@/app/api/v1/integration/webhook/[platform]/route";
import { updateIntegration } from "../integrations-connect";
import { generateWebhookSecret, sealWebhookSecret } from "./secrets";

/** The webhook route for platform=wordpress (/api/v1/integration/webhook/wordpress/). */
const POST = (req: Request) => route.POST(req, { params: Promise.resolve({ platform: "wordpress" }) });

const SITE = "https://blog.example.com";

async function setup() {
  const { db, auth } = await createTestTenant("hook");
  const [site] = await db.insert(sites).values({ accountId: auth.accountId, name: "Blog", url: SITE }).returning();
  const id = crypto.randomUUID();
  const secret = generateWebhookSecret();
  const ref = { id, accountId: auth.accountId };
  await db.insert(siteIntegrations).values({
    id,
    accountId: auth.accountId,
    siteId: site.id,
    externalSiteUrl: SITE,
    webhookSecret: sealWebhookSecret(ref, secret),
  });
  return { db, id, secret, ref };
}

type Delivery = {
  body?: string;
  secret?: string;
  id?: string;
  timestamp?: number;
  headers?: Record<string, string>;
  integration?: string;
};

describe("WordPress webhook receiver", () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    ctx = await setup();
  });

  const payload = (over: Record<string, unknown> = {}) =>
    JSON.stringify({
      action: "post_updated",
      post_id: 12,
      post_type: "post",
      site_url: SITE,
      event_id: crypto.randomUUID(),
      status: "publish",
      ...over,
    });

  async function deliver(d: Delivery = {}) {
    const body = d.body ?? payload();
    const id = d.id ?? `evt_${crypto.randomUUID()}`;
    const ts = d.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = new Webhook(d.secret ?? ctx.secret).sign(id, new Date(ts * 1000), body);
    const headers = {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(ts),
      "webhook-signature": signature,
      ...d.headers,
    };
    const res = await POST(
      new Request(`http://app.test/api/v1/integration/webhook/wordpress/?integration=${d.integration ?? ctx.id}`, {
        method: "POST",
        body,
        headers,
      }),
    );
    return { status: res.status, body: await res.json(), id };
  }

  const receipts = async (id: string) =>
    ctx.db
      .select()
      .from(webhookReceipts)
      .where(and(eq(webhookReceipts.integrationId, ctx.id), eq(webhookReceipts.webhookId, id)));

  it("accepts a valid delivery with 202 and records it once, however often it is sent", async () => {
    const id = `evt_${crypto.randomUUID()}`;
    const body = payload();
    const first = await deliver({ id, body });
    expect(first).toMatchObject({ status: 202, body: { received: true, duplicate: false } });
    for (let i = 0; i < 4; i++) expect((await deliver({ id, body })).body.duplicate).toBe(true);
    const rows = await receipts(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "pending", payload: { action: "post_updated", post_id: 12 } });
  });

  it.each<[string, () => Delivery, number, string]>([
    ["unsigned", () => ({ headers: { "webhook-signature": "" } }), 401, "unauthorized"],
    ["no webhook-id", () => ({ headers: { "webhook-id": "" } }), 401, "unauthorized"],
    [
      "a bad signature",
      () => ({ headers: { "webhook-signature": "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" } }),
      401,
      "unauthorized",
    ],
    ["the wrong secret", () => ({ secret: `whsec_${Buffer.alloc(32, 3).toString("base64")}` }), 401, "unauthorized"],
    ["a stale timestamp", () => ({ timestamp: Math.floor(Date.now() / 1000) - 301 }), 401, "unauthorized"],
    // Well past the 5-minute window: the receiver reads the clock again later, and one second on
    // it would take a timestamp only 301 s ahead.
    ["a future timestamp", () => ({ timestamp: Math.floor(Date.now() / 1000) + 330 }), 401, "unauthorized"],
    ["an unknown integration", () => ({ integration: crypto.randomUUID() }), 401, "unauthorized"],
    ["a malformed integration id", () => ({ integration: "1 or 1=1" }), 401, "unauthorized"],
    ["malformed JSON (signed)", () => ({ body: "{not json" }), 400, "invalid_json"],
    ["an unknown action", () => ({ body: payload({ action: "post_exploded" }) }), 422, "validation_error"],
    [
      "another site's URL",
      () => ({ body: payload({ site_url: "https://evil.example.com" }) }),
      422,
      "validation_error",
    ],
    ["an oversized body", () => ({ body: payload({ padding: "x".repeat(70 * 1024) }) }), 413, "payload_too_large"],
    // Kept as jsonb, which cannot hold a NUL: refused rather than a 500.
    ["a NUL character (signed)", () => ({ body: payload({ status: "publish\u0000" }) }), 422, "validation_error"],
    [
      "a __proto__ key (signed)",
      () => ({ body: payload().replace(/^\{/, '{"__proto__":{"x":1},') }),
      422,
      "validation_error",
    ],
    [
      "10,000 levels of nesting (signed)",
      () => ({ body: payload().replace(/\}$/, `,"extra":${"[".repeat(10_000)}${"]".repeat(10_000)}}`) }),
      422,
      "validation_error",
    ],
  ])("refuses %s without recording anything", async (_label, make, status, code) => {
    const res = await deliver(make());
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(await receipts(res.id)).toHaveLength(0);
  });

  it("verifies with the previous secret during rotation, also when another process rotated it", async () => {
    const next = generateWebhookSecret();
    await ctx.db
      .update(siteIntegrations)
      .set({
        webhookSecret: sealWebhookSecret(ctx.ref, next),
        webhookSecretPrevious: sealWebhookSecret(ctx.ref, ctx.secret, "webhook_secret_previous"),
      })
      .where(eq(siteIntegrations.id, ctx.id));
    expect((await deliver({ secret: ctx.secret })).status).toBe(202);
    expect((await deliver({ secret: next })).status).toBe(202);
    ctx.secret = next;
  });

  it("stops accepting at once when the integration is deactivated or deleted, also while its sender is kept", async () => {
    const own = await setup();
    const send = (secret: string) => {
      const body = JSON.stringify({ action: "post_updated", post_id: 5, site_url: SITE });
      const id = `evt_${crypto.randomUUID()}`;
      const ts = new Date();
      const headers = {
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(ts.getTime() / 1000)),
        "webhook-signature": new Webhook(secret).sign(id, ts, body),
      };
      return POST(
        new Request(`http://app.test/api/v1/integration/webhook/wordpress/?integration=${own.id}`, {
          method: "POST",
          body,
          headers,
        }),
      );
    };
    expect((await send(own.secret)).status).toBe(202); // the sender is now kept
    await updateIntegration(own.db, own.ref.accountId, own.id, { is_active: false });
    expect((await send(own.secret)).status).toBe(401);
    await updateIntegration(own.db, own.ref.accountId, own.id, { is_active: true });
    expect((await send(own.secret)).status).toBe(202);
    // Deleted behind this process's back (another web process): refused, never a 500.
    await own.db.delete(siteIntegrations).where(eq(siteIntegrations.id, own.id));
    const res = await send(own.secret);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });

  it("answers a ping with 202 and nothing to process", async () => {
    const res = await deliver({ body: payload({ action: "ping", post_id: 0, post_type: undefined }) });
    expect(res.status).toBe(202);
    expect((await receipts(res.id))[0].status).toBe("ignored");
  });
});

describe("the webhook route per platform", () => {
  // Every registered platform sends webhooks now (Ghost, Shopify and Webflow too): only unknown ids are left.
  it("answers 404 with a JSON error for a platform that does not exist", async () => {
    for (const platform of ["__proto__", "constructor", "nope"]) {
      const req = new Request(
        `http://app.test/api/v1/integration/webhook/${platform}/?integration=${crypto.randomUUID()}`,
        {
          method: "POST",
          body: "{}",
        },
      );
      const res = await route.POST(req, { params: Promise.resolve({ platform }) });
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
  });
});
