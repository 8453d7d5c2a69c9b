import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { siteIntegrations, webhookReceipts } from "@/db/tables";
import { getIntegrationWithSiteById } from "@/db/queries/webhooks";
import { createTestTenant } from "@/test/support/db";
import { itemByExternalId } from "@/test/support/refs";
import { getWordPressTestSite } from "@/test/support/wordpress";
import { resetEnvCache } from "../../env";
import * as route from "@/app/api/v1/integration/webhook/[platform]/route";
import { POST as connect } from "@/app/api/v1/integration/route";
import { POST as installWebhooks } from "@/app/api/v1/integration/[id]/webhooks/route";
import { encryptSecret } from "../../secret-box";
import { createSite } from "@/db/queries/sites";
import { getPluginState } from "./install";
import { forgetWebhookSender } from "./receive";
import { openWebhookSecrets } from "./secrets";
import { processWebhookReceipts } from "./process";

/** The webhook route for platform=wordpress (/api/v1/integration/webhook/wordpress/). */
const POST = (req: Request) => route.POST(req, { params: Promise.resolve({ platform: "wordpress" }) });

const wp = getWordPressTestSite();
const auth = wp ? `Basic ${Buffer.from(`${wp.username}:${wp.applicationPassword}`).toString("base64")}` : "";

/** A real HTTP endpoint in front of the route handler, so the plugin delivers over the network. */
function startReceiver(port = 0): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const response = await POST(
      new Request(`http://127.0.0.1${req.url}`, {
        method: "POST",
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

async function wordpress(method: string, path: string, body?: unknown) {
  const res = await fetch(`${wp!.url}/wp-json/${path}`, {
    method,
    headers: { authorization: auth, "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return res.json();
}

describe.skipIf(!wp)("webhooks from the IGNY8 plugin (real WordPress)", () => {
  let receiver: http.Server;
  let port: number;
  let ctx: Awaited<ReturnType<typeof createTestTenant>>;
  let integrationId: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    port = (receiver.address() as AddressInfo).port;
    process.env.APP_URL = `http://127.0.0.1:${port}`;
    resetEnvCache();
    ctx = await createTestTenant("plugin");
    // Connecting through the API configures the site's plugin: no secret copied by hand.
    const site = await createSite(ctx.db, { accountId: ctx.auth.accountId, name: "Plugin site", url: wp!.url });
    const res = await connect(
      new Request("http://app.test/api/v1/integration/", {
        method: "POST",
        headers: { authorization: `Bearer ${ctx.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({
          site_id: site.id,
          platform: "wordpress",
          external_site_url: wp!.url,
          username: wp!.username,
          application_password: wp!.applicationPassword,
        }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(201);
    integrationId = (await res.json()).id;
    const row = (await getIntegrationWithSiteById(ctx.db, { id: integrationId }))!;
    expect(await getPluginState(ctx.db, row.integration, row.site)).toMatchObject({
      installed: true,
      configured: true,
      points_here: true,
    });
  });

  afterAll(async () => {
    await new Promise((r) => receiver.close(r));
    await wordpress("POST", "igny8/v1/disconnect").catch(() => {});
  });

  const receipts = () => ctx.db.select().from(webhookReceipts).where(eq(webhookReceipts.integrationId, integrationId));
  async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000) {
    const end = Date.now() + ms;
    let value = await fn();
    while (!ok(value) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 200));
      value = await fn();
    }
    return value;
  }

  it("nothing is lost while IGNY8 is down: the plugin's retry delivers once it is back", async () => {
    const post = await wordpress("POST", "wp/v2/posts", { title: `Outage ${Date.now()}`, status: "publish" });
    await waitFor(receipts, (rows) => rows.some((r) => (r.payload as { post_id: number }).post_id === post.id));
    await processWebhookReceipts(ctx.db, integrationId);

    await new Promise((r) => receiver.close(r)); // IGNY8 goes away
    await wordpress("POST", `wp/v2/posts/${post.id}`, { title: "Edited during the outage" });
    await new Promise((r) => setTimeout(r, 1500)); // the plugin's first attempt fails meanwhile
    const status = await wordpress("GET", "igny8/v1/status");
    expect(status.queue.pending).toBeGreaterThan(0);

    receiver = await startReceiver(port); // back, same address
    await wordpress("POST", "igny8/v1/flush", {});
    await waitFor(
      receipts,
      (rows) => rows.filter((r) => (r.payload as { post_id: number }).post_id === post.id).length >= 2,
    );
    await processWebhookReceipts(ctx.db, integrationId);
    const row = (await itemByExternalId(ctx.db, integrationId, post.id))!;
    expect(row.accountId).toBe(ctx.auth.accountId);
    expect(row.title).toBe("Edited during the outage");
    await wordpress("DELETE", `wp/v2/posts/${post.id}?force=true`);
  });

  it("a flood beyond the rate limit gets 429s, and every valid event is recorded once the sender retries", async () => {
    process.env.WEBHOOK_RATE_LIMIT = "20";
    try {
      const { integration } = (await getIntegrationWithSiteById(ctx.db, { id: integrationId }))!;
      const hook = new Webhook(openWebhookSecrets(integration)[0]);
      const events = Array.from({ length: 60 }, (_, i) => ({
        id: `flood_${integrationId}_${i}`,
        body: JSON.stringify({
          action: "post_updated",
          post_id: 999_000 + i,
          post_type: "post",
          site_url: wp!.url,
          status: "publish",
        }),
      }));
      const send = async (e: (typeof events)[number]) => {
        const ts = new Date();
        const res = await fetch(
          `http://127.0.0.1:${port}/api/v1/integration/webhook/wordpress/?integration=${integrationId}`,
          {
            method: "POST",
            body: e.body,
            headers: {
              "content-type": "application/json",
              "webhook-id": e.id,
              "webhook-timestamp": String(Math.floor(ts.getTime() / 1000)),
              "webhook-signature": hook.sign(e.id, ts, e.body),
            },
          },
        );
        return { e, status: res.status, retryAfter: Number(res.headers.get("retry-after")) };
      };
      let pending = events;
      const seen429: number[] = [];
      for (let round = 0; pending.length && round < 5; round++) {
        const results = await Promise.all(pending.map(send));
        const limited = results.filter((r) => r.status === 429);
        seen429.push(limited.length);
        expect(results.every((r) => [200, 202, 429].includes(r.status))).toBe(true);
        pending = limited.map((r) => r.e);
        if (pending.length)
          await new Promise((r) => setTimeout(r, Math.max(...limited.map((l) => l.retryAfter)) * 1000));
      }
      expect(seen429[0]).toBeGreaterThan(0);
      expect(pending).toEqual([]);
      const flood = (await receipts()).filter((r) => r.webhookId.startsWith("flood_"));
      expect(flood).toHaveLength(60);
    } finally {
      delete process.env.WEBHOOK_RATE_LIMIT;
    }
  });

  it("a signing secret that no longer decrypts: deliveries get 503 and wait in the plugin; Install webhooks repairs it and they arrive", async () => {
    const before = (await getIntegrationWithSiteById(ctx.db, { id: integrationId }))!.integration;
    const gone = { primaryId: "gone", keys: new Map([["gone", Buffer.alloc(32, 5)]]) };
    const sealed = encryptSecret(
      openWebhookSecrets(before)[0],
      { table: "site_integrations", column: "webhook_secret", rowId: integrationId, accountId: ctx.auth.accountId },
      gone,
    );
    await ctx.db
      .update(siteIntegrations)
      .set({ webhookSecret: sealed, webhookSecretPrevious: null })
      .where(eq(siteIntegrations.id, integrationId));
    forgetWebhookSender(integrationId); // as another process that saw the key removed would not have it kept

    const post = await wordpress("POST", "wp/v2/posts", {
      title: `Unreadable secret ${Date.now()}`,
      status: "publish",
    });
    const forPost = async () =>
      (await receipts()).filter((r) => (r.payload as { post_id: number }).post_id === post.id);
    const refused = await waitFor(
      () => wordpress("GET", "igny8/v1/status"),
      (s: { last_deliveries: { post_id: number; response_code: number }[] }) =>
        s.last_deliveries.some((d) => d.post_id === post.id && d.response_code === 503),
    );
    expect(refused.last_deliveries.find((d: { post_id: number }) => d.post_id === post.id)).toMatchObject({
      state: "retrying",
      response_code: 503,
    });
    expect(await forPost()).toEqual([]);
    expect((await getIntegrationWithSiteById(ctx.db, { id: integrationId }))!.integration).toMatchObject({
      connectionStatus: "error",
      connectionErrorCode: "credentials_unreadable",
    });

    const res = await installWebhooks(
      new Request(`http://app.test/api/v1/integration/${integrationId}/webhooks/`, {
        method: "POST",
        headers: { authorization: `Bearer ${ctx.apiKey}` },
      }),
      { params: Promise.resolve({ id: integrationId }) },
    );
    expect(res.status).toBe(200);
    expect((await res.json()).plugin).toMatchObject({ configured: true, points_here: true });
    const repaired = (await getIntegrationWithSiteById(ctx.db, { id: integrationId }))!.integration;
    expect(repaired).toMatchObject({
      connectionStatus: "connected",
      connectionErrorCode: null,
      webhookSecretPrevious: null,
    });

    await wordpress("POST", "igny8/v1/flush", {});
    expect(await waitFor(forPost, (rows) => rows.length > 0)).toHaveLength(1);
    await wordpress("DELETE", `wp/v2/posts/${post.id}?force=true`);
  });
});
