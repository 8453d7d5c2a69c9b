import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createSite } from "@/db/queries/sites";
import { siteIntegrations, webhookReceipts } from "@/db/tables";
import { createContentBodySchema } from "@/lib/schemas/content";
import { createTestTenant } from "@/test/support/db";
import { getGhostTestSite, ghostAdmin } from "@/test/support/ghost";
import { postToRoute, startWebhookReceiver, waitFor } from "@/test/support/webhook-receiver";
import { POST as connect } from "@/app/api/v1/integration/route";
import { POST as installWebhooks } from "@/app/api/v1/integration/[id]/webhooks/route";
import { resetEnvCache } from "../../env";
import { createContent } from "../content";
import { publishContent } from "../sync/publish-now";
import { openWebhookSecrets } from "./secrets";

// What reaches the webhook route from a real Ghost, and what does not: a forged body, a stale
// signature and a repeat are refused or answered once; a new secret moves Ghost's webhooks.
const ghost = getGhostTestSite();

describe.skipIf(!ghost)("Ghost deliveries at the webhook route", () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let tenant: Awaited<ReturnType<typeof createTestTenant>>;
  let integrationId: string;
  let postId: string;

  const api = (url: string, method = "POST", body?: unknown) =>
    new Request(`http://app.test${url}`, {
      method,
      headers: { authorization: `Bearer ${tenant.apiKey}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const integration = async () =>
    (await tenant.db.select().from(siteIntegrations).where(eq(siteIntegrations.id, integrationId)))[0];
  const receipts = async () =>
    (await tenant.db.select().from(webhookReceipts).where(eq(webhookReceipts.integrationId, integrationId))).length;
  /** Ghost's `X-Ghost-Signature`: HMAC-SHA256 of the raw body then t (ms). */
  const sign = (raw: string, secret: string, t: number) =>
    `sha256=${createHmac("sha256", secret).update(`${raw}${t}`).digest("hex")}, t=${t}`;
  const versionOf = (url: string) => new URL(`http://x${url}`).searchParams.get("v");
  const mine = () => receiver.deliveries.filter((d) => d.url.includes(integrationId) && d.raw.includes(postId));

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    process.env.APP_URL = receiver.origin;
    resetEnvCache();
    tenant = await createTestTenant("ghost-verify");
    const site = await createSite(tenant.db, { accountId: tenant.auth.accountId, name: "Ghost", url: ghost!.url });
    const res = await connect(
      api("/api/v1/integration/", "POST", {
        site_id: site.id,
        platform: "ghost",
        external_site_url: ghost!.url,
        credentials: { admin_api_key: ghost!.adminApiKey },
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(201);
    integrationId = (await res.json()).id;
    const body = createContentBodySchema.parse({ title: "Ghost verify", content: "<p>Ours</p>", status: "approved" });
    const item = await createContent(tenant.db, tenant.auth.accountId, site.id, body);
    postId = (await publishContent(tenant.db, tenant.auth.accountId, item.id)).external_id!;
    await waitFor(mine, (rows) => rows.length > 0);
  });

  afterAll(async () => {
    if (postId) await ghostAdmin(ghost!, "DELETE", `posts/${postId}/`);
    await receiver.close();
  });

  it("a repeat is answered as a duplicate and recorded once; a forged body and a stale signature are refused", async () => {
    const [delivery] = mine();
    expect(delivery.status).toBe(202);
    const before = await receipts();

    const repeat = await postToRoute(delivery.url, delivery.raw, delivery.headers);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ received: true, duplicate: true });

    const forged = await postToRoute(delivery.url, delivery.raw.replace("Ghost verify", "Forged"), delivery.headers);
    expect(forged.status).toBe(401);

    // Signed with the integration's own secret: refused only for its age, taken when fresh.
    const [secret] = openWebhookSecrets(await integration());
    const signed = (t: number) => ({
      ...delivery.headers,
      "x-ghost-signature": sign(delivery.raw, secret, t),
    });
    expect((await postToRoute(delivery.url, delivery.raw, signed(Date.now() - 6 * 60_000))).status).toBe(401);
    expect(await receipts()).toBe(before);
    expect((await postToRoute(delivery.url, delivery.raw, signed(Date.now()))).status).toBe(202);
    expect(await receipts()).toBe(before + 1);
  });

  it("Install webhooks again: a new secret, Ghost's webhooks replaced, deliveries come to the new address only", async () => {
    const old = await integration();
    const [oldSecret] = openWebhookSecrets(old);
    expect(old.webhookRegistrations).toHaveLength(10);

    const res = await installWebhooks(api(`/api/v1/integration/${integrationId}/webhooks/`), {
      params: Promise.resolve({ id: integrationId }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.plugin).toMatchObject({ installed: true, points_here: true });
    expect(JSON.stringify(body)).not.toContain(oldSecret);
    const renewed = await integration();
    const [newSecret] = openWebhookSecrets(renewed);
    expect(newSecret).not.toBe(oldSecret);
    expect(renewed.webhookRegistrations).toHaveLength(10);
    expect(renewed.webhookRegistrations.some((id) => old.webhookRegistrations.includes(id))).toBe(false);

    const seen = mine().length;
    expect((await ghostAdmin(ghost!, "DELETE", `posts/${postId}/`)).status).toBe(204);
    const after = await waitFor(
      () => mine().slice(seen),
      (rows) => rows.length > 0,
    );
    await new Promise((r) => setTimeout(r, 1000));
    // Every delivery after the new secret went to the new webhooks (another address), and verified.
    const before = new Set(
      mine()
        .slice(0, seen)
        .map((d) => versionOf(d.url)),
    );
    const now = new Set(
      mine()
        .slice(seen)
        .map((d) => versionOf(d.url)),
    );
    expect(after.length).toBeGreaterThan(0);
    expect(before.size).toBe(1);
    expect(now.size).toBe(1);
    expect([...now][0]).not.toBe([...before][0]);
    expect(
      mine()
        .slice(seen)
        .every((d) => d.status === 202),
    ).toBe(true);
    postId = "";
  });
});
