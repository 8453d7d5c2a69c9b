import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { content, contentRefs, syncRuns, webhookReceipts } from "@/db/tables";
// The spec-validated Webflow test server, which signs its deliveries as Webflow does (a test double).
import { signWebflow } from "@/lib/platforms/webflow/testing/emit";
import { startWebflowServer } from "@/lib/platforms/webflow/testing/server";
import { blogConfig, userClient } from "@/lib/platforms/webflow/testing/subject";
import { postToRoute, startWebhookReceiver, waitFor } from "@/test/support/webhook-receiver";
import { allowEgress, callback, followAuthorize, setEnv, startRoute, tenantWithSite } from "../one-click.fixtures";
import { updateIntegration } from "../integrations-connect";
import { executeSyncRun } from "../sync/runs";
import { installWebhooks } from "./install";
import { processWebhookReceipts } from "./process";

// collection_item_* webhooks from the Webflow test server, signed as Webflow signs them (hex HMAC-SHA256
// of `${x-webflow-timestamp}:${body}` with IGNY8's OAuth app's client secret), through the real route,
// for an integration connected by OAuth: an edit in Webflow updates the item; forged, repeated and
// stale deliveries are refused or answered once.
const server = await startWebflowServer();
allowEgress(server.origin);
setEnv({
  WEBFLOW_API_URL: server.apiBaseUrl,
  WEBFLOW_OAUTH_URL: server.origin,
  WEBFLOW_CLIENT_ID: server.oauth.clientId,
  WEBFLOW_CLIENT_SECRET: server.oauth.clientSecret,
});
const SITE_URL = "https://igny8-test-blog.webflow.io";

describe("Webflow collection item webhooks at the webhook route", () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let t: Awaited<ReturnType<typeof tenantWithSite>>;
  let integrationId: string;
  const entry = server.store.create(
    server.fixture.blogId,
    { name: "Pruning apple trees", slug: "pruning-apple-trees", "post-body": "<p>In late winter.</p>" },
    true,
  );
  const itemId = entry.staged.id;

  const receipts = async () =>
    (await t.db.select().from(webhookReceipts).where(eq(webhookReceipts.integrationId, integrationId))).length;
  const itemOf = async () =>
    (
      await t.db
        .select({ content })
        .from(contentRefs)
        .innerJoin(content, eq(content.id, contentRefs.contentId))
        .where(and(eq(contentRefs.integrationId, integrationId), eq(contentRefs.externalId, itemId)))
    ).map((r) => r.content);
  const mine = () => receiver.deliveries.filter((d) => d.url.includes(integrationId) && d.raw.includes(itemId));

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    setEnv({ APP_URL: receiver.origin, WEBHOOK_PROCESSING: "off" });
    t = await tenantWithSite("webflow-webhooks", SITE_URL);
    // Connect with Webflow: start, approve on the test server's authorize page, our callback.
    const started = await startRoute(t.apiKey, {
      site_id: t.site.id,
      platform: "webflow",
      external_site_url: SITE_URL,
    });
    const done = await callback(t.apiKey, await followAuthorize(started.json.authorize_url as string));
    expect(done.result).toMatchObject({ outcome: "connected", platform: "webflow" });
    integrationId = done.result.integration;
    // The mapping screen's choice, then a full pull brings the item in.
    const { integration } = await updateIntegration(t.db, t.auth.accountId, integrationId, {
      config_json: blogConfig(server),
    });
    const [run] = await t.db
      .insert(syncRuns)
      .values({ accountId: t.auth.accountId, integrationId, direction: "pull" })
      .returning();
    await executeSyncRun(t.db, run.id);
    expect(await itemOf()).toMatchObject([{ title: "Pruning apple trees" }]);
    // Install webhooks (the dashboard's button): registered through IGNY8's app, so Webflow signs them.
    expect(await installWebhooks(t.db, integration, t.site)).toMatchObject({ installed: true, points_here: true });
    const hooks = [...server.store.webhooks.values()].filter((h) => h.url.includes(integrationId));
    expect(hooks).toHaveLength(5);
  });

  afterAll(async () => {
    setEnv({ WEBHOOK_PROCESSING: undefined });
    await receiver.close();
    await server.close();
    expect(server.violations).toEqual([]);
  });

  it("an item edited in Webflow sends a signed collection_item_changed that updates the item in IGNY8", async () => {
    await userClient(server).collections.items.updateItem(server.fixture.blogId, itemId, {
      fieldData: { name: "Pruning apple trees (edited in Webflow)" } as never,
    });
    const [delivery] = await waitFor(mine, (rows) => rows.length > 0);
    expect(delivery).toMatchObject({ status: 202 });
    expect(JSON.parse(delivery.raw)).toMatchObject({ triggerType: "collection_item_changed", payload: { id: itemId } });
    expect(delivery.headers["x-webflow-signature"]).toMatch(/^[0-9a-f]{64}$/);
    expect(await receipts()).toBe(1);

    expect(await processWebhookReceipts(t.db, integrationId)).toBe(1);
    const items = await itemOf();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ title: "Pruning apple trees (edited in Webflow)" });
  });

  it("a repeat is a duplicate, applied once; a forged body and a stale timestamp are refused 401", async () => {
    const [delivery] = mine();
    const items = await itemOf();

    const repeat = await postToRoute(delivery.url, delivery.raw, delivery.headers);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ received: true, duplicate: true });
    expect(await receipts()).toBe(1);
    expect(await processWebhookReceipts(t.db, integrationId)).toBe(0);
    expect(await itemOf()).toEqual(items);

    const forged = delivery.raw.replace("edited in Webflow", "forged");
    expect(forged).not.toBe(delivery.raw);
    expect((await postToRoute(delivery.url, forged, delivery.headers)).status).toBe(401);
    // Fresh, but signed with a key other than the app's client secret.
    const wrongKey = { ...delivery.headers, ...signWebflow(delivery.raw, "not-the-app-secret") };
    expect((await postToRoute(delivery.url, delivery.raw, wrongKey)).status).toBe(401);

    // Signed with the app's secret but 10 minutes old: refused for its age; the same body signed now is taken.
    const secret = server.oauth.clientSecret;
    const stale = { ...delivery.headers, ...signWebflow(delivery.raw, secret, Date.now() - 10 * 60_000) };
    expect((await postToRoute(delivery.url, delivery.raw, stale)).status).toBe(401);
    expect(await receipts()).toBe(1);
    const fresh = { ...delivery.headers, ...signWebflow(delivery.raw, secret) };
    expect((await postToRoute(delivery.url, delivery.raw, fresh)).status).toBe(202);
    expect(await receipts()).toBe(2);
    expect(await processWebhookReceipts(t.db, integrationId)).toBe(1);
    expect(await itemOf()).toHaveLength(1);
  });
});
