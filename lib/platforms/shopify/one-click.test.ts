import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { siteIntegrations, syncRuns } from "@/db/tables";
import { createContentBodySchema } from "@/lib/schemas/content";
import { oneClickFailure } from "@/lib/schemas/one-click-failures";
import { createContent, getContentDto } from "@/lib/server/services/content";
import { openIntegrationCredentials, sealCredentials } from "@/lib/server/services/integration-credentials";
import { publishContent } from "@/lib/server/services/sync/publish-now";
import { executeSyncRun } from "@/lib/server/services/sync/runs";
import {
  allowEgress,
  callback,
  expireState,
  followAuthorize,
  getIntegrationRoute,
  integrationRows,
  setEnv,
  startRoute,
  stateOf,
  tenantWithSite,
  testConnection,
} from "@/lib/server/services/one-click.fixtures";
import { startShopifyTestServer, signQuery } from "./testing/server";

// One-click connect by OAuth against the Shopify test shop, through the app's real routes: the
// start endpoint, the shop's approval page (it redirects back with a signed query) and our callback.
const SHOP = "igny8-test.myshopify.com";
const shop = await startShopifyTestServer({ shopDomain: SHOP });
allowEgress(shop.url);
setEnv({
  SHOPIFY_API_URL: shop.url,
  SHOPIFY_CLIENT_ID: shop.app.clientId,
  SHOPIFY_CLIENT_SECRET: shop.app.clientSecret,
});
afterAll(() => shop.close());

const start = (key: string, siteId: string, url = `https://${SHOP}`) =>
  startRoute(key, { site_id: siteId, platform: "shopify", external_site_url: url });

/**
 * An hour later: the stored token has expired (Shopify no longer takes it). Answers the credentials
 * as they were.
 */
async function expireStoredToken(t: Awaited<ReturnType<typeof tenantWithSite>>) {
  const [current] = await integrationRows(t.db, t.auth.accountId);
  const before = openIntegrationCredentials(current, t.site);
  shop.tokens.tokens.delete(before.access_token);
  const expired = { ...before, expires_at: new Date(Date.now() - 60_000).toISOString() };
  await t.db
    .update(siteIntegrations)
    .set({ credentialsJson: sealCredentials(current, expired) })
    .where(eq(siteIntegrations.id, current.id));
  return before;
}

/** Start → the shop's approval → the callback URL the browser would be sent to. */
async function approve(key: string, siteId: string) {
  const started = await start(key, siteId);
  expect(started.status).toBe(200);
  const authorizeUrl = started.json.authorize_url as string;
  return { authorizeUrl, back: await followAuthorize(authorizeUrl), started };
}

describe("Connect with Shopify", () => {
  it("start → approve in Shopify → callback: connected, tokens sealed and never answered, the doctor ran, webhooks installed", async () => {
    const t = await tenantWithSite("shopify-oauth");
    const { authorizeUrl, back, started } = await approve(t.apiKey, t.site.id);
    const url = new URL(authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${shop.url}/admin/oauth/authorize`);
    expect(url.searchParams.get("client_id")).toBe(shop.app.clientId);
    expect(url.searchParams.get("scope")).toBe("read_content,write_content,read_products,write_products,write_files");
    expect(url.searchParams.get("redirect_uri")).toBe("http://localhost:3000/settings/integration/connect/callback");
    expect(stateOf(authorizeUrl)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const lifetime = Date.parse(started.json.expires_at as string) - Date.now();
    expect(lifetime).toBeGreaterThan(9 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60_000);
    expect(back.searchParams.get("shop")).toBe(SHOP);

    const doctorCalls = shop.log.filter((l) => l.operationName === "ShopDoctor").length;
    const done = await callback(t.apiKey, back);
    expect(done.status).toBe(303);
    expect(done.result).toMatchObject({ outcome: "connected", platform: "shopify" });
    expect(shop.log.filter((l) => l.operationName === "ShopDoctor").length).toBeGreaterThan(doctorCalls);

    const [row] = await integrationRows(t.db, t.auth.accountId);
    expect(row).toMatchObject({
      id: done.result.integration,
      platform: "shopify",
      externalSiteUrl: `https://${SHOP}`,
      connectionStatus: "connected",
      connectionCheckedAt: expect.any(Date),
    });
    const credentials = openIntegrationCredentials(row, t.site);
    expect(credentials).toMatchObject({
      access_token: expect.stringMatching(/^shpua_/),
      refresh_token: expect.stringMatching(/^shprt_/),
      client_id: shop.app.clientId,
    });
    expect(credentials.client_secret).toBeUndefined();
    expect(Date.parse(credentials.expires_at)).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(shop.tokens.check(credentials.access_token)?.expiresAtMs).toEqual(expect.any(Number));

    const answer = await getIntegrationRoute(t.apiKey, row.id);
    expect(JSON.parse(answer.text)).toMatchObject({
      connection_status: "connected",
      credentials: { has_access_token: true },
    });
    const seen = [JSON.stringify(started.json), done.location, answer.text, JSON.stringify(row.credentialsJson)];
    for (const secret of [credentials.access_token, credentials.refresh_token, shop.app.clientSecret])
      for (const text of seen) expect(text).not.toContain(secret);
    // Webhooks are installed as after any connect: the products topics point at this integration.
    const hooks = [...shop.state.webhooks.values()].filter((h) => h.uri.includes(row.id));
    expect(hooks.map((h) => h.topic).sort()).toEqual(expect.arrayContaining(["PRODUCTS_UPDATE"]));

    // The same callback again (a replayed state) is refused, and changes nothing.
    const replay = await callback(t.apiKey, back);
    expect(replay.result).toMatchObject({ outcome: "failed", code: "invalid_state" });
    expect(await integrationRows(t.db, t.auth.accountId)).toHaveLength(1);
  });

  it("a forged signature, an unknown, expired or replayed state, a declined approval: refused, nothing stored", async () => {
    const t = await tenantWithSite("shopify-refused");
    const refused = async (back: URL, code: string) => {
      const done = await callback(t.apiKey, back);
      expect(done.result, code).toMatchObject({ outcome: "failed", code });
      expect(oneClickFailure(code, "Shopify")?.text).toMatch(/nothing was saved/i);
      expect(await integrationRows(t.db, t.auth.accountId)).toHaveLength(0);
      return done;
    };

    const forged = (await approve(t.apiKey, t.site.id)).back;
    forged.searchParams.set("shop", "attacker.myshopify.com");
    expect((await refused(forged, "invalid_signature")).result.platform).toBe("shopify");

    // Signed with the app's own secret (as only Shopify can), but for a state IGNY8 never issued.
    const unknown = new URL((await approve(t.apiKey, t.site.id)).back);
    unknown.searchParams.set("state", "never-issued-state-0123456789abcdefghijklmnopq");
    unknown.searchParams.set("hmac", signQuery(unknown.searchParams, shop.app.clientSecret));
    await refused(unknown, "invalid_state");

    const late = await approve(t.apiKey, t.site.id);
    await expireState(t.db, stateOf(late.authorizeUrl));
    await refused(late.back, "expired_state");
    await refused(late.back, "invalid_state"); // the expired state was spent too

    // Another store's signed answer for this state: the store the state was issued for is checked.
    const elsewhere = (await approve(t.apiKey, t.site.id)).back;
    elsewhere.searchParams.set("shop", "other-store.myshopify.com");
    elsewhere.searchParams.set("hmac", signQuery(elsewhere.searchParams, shop.app.clientSecret));
    await refused(elsewhere, "site_mismatch");

    const declined = (await approve(t.apiKey, t.site.id)).back;
    declined.searchParams.delete("code");
    declined.searchParams.set("error", "access_denied");
    declined.searchParams.set("hmac", signQuery(declined.searchParams, shop.app.clientSecret));
    await refused(declined, "rejected");

    // Signed in as someone else: the state belongs to another user.
    const other = await tenantWithSite("shopify-intruder");
    const foreign = (await approve(t.apiKey, t.site.id)).back;
    expect((await callback(other.apiKey, foreign)).result).toMatchObject({ code: "invalid_state" });
    expect(await integrationRows(other.db, other.auth.accountId)).toHaveLength(0);
  });

  it("an expired token is renewed with the refresh token while a sync runs: the new pair is stored, the pull completes", async () => {
    const t = await tenantWithSite("shopify-renew");
    const done = await callback(t.apiKey, (await approve(t.apiKey, t.site.id)).back);
    const [row] = await integrationRows(t.db, t.auth.accountId);
    expect(done.result.integration).toBe(row.id);
    const item = await createContent(
      t.db,
      t.auth.accountId,
      t.site.id,
      createContentBodySchema.parse({ title: "Pruning in March", content: "<p>Cut back.</p>", status: "approved" }),
    );
    const published = await publishContent(t.db, t.auth.accountId, item.id);
    const article = shop.state.articles.get(Number(published.external_id!.split("/").pop()));
    shop.state.advance(2_000);
    Object.assign(article!, { title: "Pruning in March (edited in Shopify)", updatedAt: shop.state.now() });

    const before = await expireStoredToken(t);
    const [run] = await t.db
      .insert(syncRuns)
      .values({ accountId: t.auth.accountId, integrationId: row.id, direction: "pull" })
      .returning();
    await executeSyncRun(t.db, run.id);
    const [finished] = await t.db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
    expect(finished).toMatchObject({ status: "completed", failed: 0 });
    expect(await getContentDto(t.db, t.auth.accountId, item.id)).toMatchObject({
      title: "Pruning in March (edited in Shopify)",
    });

    const [after] = await integrationRows(t.db, t.auth.accountId);
    const renewed = openIntegrationCredentials(after, t.site);
    expect(renewed.access_token).not.toBe(before.access_token);
    expect(renewed.refresh_token).not.toBe(before.refresh_token);
    expect(Date.parse(renewed.expires_at)).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(shop.tokens.check(renewed.access_token)).toBeDefined();
    expect(JSON.stringify(after.credentialsJson)).not.toContain(renewed.access_token);
  });

  it("a connection test renews an expired token and stores the new pair, so the next renewal works too", async () => {
    const t = await tenantWithSite("shopify-retest");
    await callback(t.apiKey, (await approve(t.apiKey, t.site.id)).back);
    const [row] = await integrationRows(t.db, t.auth.accountId);
    for (const round of [1, 2]) {
      const before = await expireStoredToken(t);
      const res = await testConnection(t.apiKey, row.id);
      expect(res.json, `round ${round}`).toMatchObject({ connected: true });
      const [after] = await integrationRows(t.db, t.auth.accountId);
      expect(openIntegrationCredentials(after, t.site).refresh_token).not.toBe(before.refresh_token);
    }
  });
});
