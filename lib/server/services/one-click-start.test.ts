import { describe, expect, it } from "vitest";
import { like } from "drizzle-orm";
import { verifications } from "@/db/tables";
import { oneClickUnavailable } from "@/lib/server/services/one-click";
import { setEnv, startRoute, tenantWithSite } from "./one-click.fixtures";

// POST /api/v1/integration/authorize/ for the OAuth platforms, through its route: who may start, what
// input it refuses (422 naming the field) and what it says when IGNY8's app is not configured.
const apps = {
  SHOPIFY_CLIENT_ID: "shopify-client-id",
  SHOPIFY_CLIENT_SECRET: "shopify-client-secret",
  WEBFLOW_CLIENT_ID: "webflow-client-id",
  WEBFLOW_CLIENT_SECRET: "webflow-client-secret",
};
setEnv(apps);

const SHOP_URL = "https://garden-shop.myshopify.com";

/** Rows of started states that name the account (none after a refused start). */
const statesOf = async (db: Awaited<ReturnType<typeof tenantWithSite>>["db"], accountId: string) =>
  (
    await db
      .select()
      .from(verifications)
      .where(like(verifications.value, `%${accountId}%`))
  ).length;

describe("starting Connect with Shopify / Webflow", () => {
  it("answers each platform's authorize address with IGNY8's app and a fresh state", async () => {
    const t = await tenantWithSite("oauth-start");
    const shopify = await startRoute(t.apiKey, {
      site_id: t.site.id,
      platform: "shopify",
      external_site_url: SHOP_URL,
    });
    expect(shopify.status).toBe(200);
    const url = new URL(shopify.json.authorize_url as string);
    expect(url.origin + url.pathname).toBe(`${SHOP_URL}/admin/oauth/authorize`);
    expect(url.searchParams.get("client_id")).toBe(apps.SHOPIFY_CLIENT_ID);
    const webflow = await startRoute(t.apiKey, {
      site_id: t.site.id,
      platform: "webflow",
      external_site_url: "https://garden.webflow.io",
    });
    const wf = new URL(webflow.json.authorize_url as string);
    expect(wf.origin + wf.pathname).toBe("https://webflow.com/oauth/authorize");
    expect(wf.searchParams.get("state")).not.toBe(url.searchParams.get("state"));
    expect(JSON.stringify([shopify.json, webflow.json])).not.toContain("client-secret");
    expect(await statesOf(t.db, t.auth.accountId)).toBe(2);
  });

  it("another account's site is 404, and nothing is started", async () => {
    const owner = await tenantWithSite("oauth-owner");
    const other = await tenantWithSite("oauth-other");
    for (const platform of ["shopify", "webflow"]) {
      const res = await startRoute(other.apiKey, { site_id: owner.site.id, platform, external_site_url: SHOP_URL });
      expect(res.status, platform).toBe(404);
      expect(res.json.error?.code).toBe("not_found");
    }
    expect(await statesOf(other.db, other.auth.accountId)).toBe(0);
  });

  it("bad input is 422 naming the field", async () => {
    const t = await tenantWithSite("oauth-bad-input");
    const cases: Array<[string, Record<string, unknown>, number, string, RegExp]> = [
      [
        "not a myshopify.com store",
        { platform: "shopify", external_site_url: "https://shop.example.com" },
        422,
        "validation_error",
        /^external_site_url: must be the store's https:\/\/<shop>\.myshopify\.com address/,
      ],
      [
        "a look-alike host",
        { platform: "shopify", external_site_url: "https://garden-shop.myshopify.com.evil.example" },
        422,
        "validation_error",
        /^external_site_url: /,
      ],
      ["no address", { platform: "shopify" }, 422, "validation_error", /^external_site_url: /],
      [
        "an unknown platform",
        { platform: "tumblr", external_site_url: SHOP_URL },
        422,
        "validation_error",
        /^platform: /,
      ],
      [
        "a platform without one-click connect",
        { platform: "ghost", external_site_url: "https://blog.example.com" },
        422,
        "unsupported_platform",
        /Ghost has no one-click connect/,
      ],
    ];
    for (const [what, body, status, code, message] of cases) {
      const res = await startRoute(t.apiKey, { site_id: t.site.id, ...body });
      expect(res.status, what).toBe(status);
      expect(res.json.error, what).toMatchObject({ code, message: expect.stringMatching(message) });
    }
    const noSite = await startRoute(t.apiKey, { platform: "webflow", external_site_url: "https://garden.webflow.io" });
    expect(noSite.json.error).toMatchObject({ code: "validation_error", message: expect.stringMatching(/^site_id: /) });
    expect(await statesOf(t.db, t.auth.accountId)).toBe(0);
  });

  it("without IGNY8's app in the environment: 503 naming the variable to set, and the form is told why", async () => {
    const t = await tenantWithSite("oauth-unconfigured");
    setEnv({ SHOPIFY_CLIENT_SECRET: undefined, WEBFLOW_CLIENT_ID: undefined, WEBFLOW_CLIENT_SECRET: "" });
    try {
      const shopify = await startRoute(t.apiKey, {
        site_id: t.site.id,
        platform: "shopify",
        external_site_url: SHOP_URL,
      });
      expect(shopify.status).toBe(503);
      expect(shopify.json.error).toMatchObject({
        code: "oauth_not_configured",
        message: "Connect with Shopify is not set up on this server: set SHOPIFY_CLIENT_SECRET.",
      });
      const webflow = await startRoute(t.apiKey, {
        site_id: t.site.id,
        platform: "webflow",
        external_site_url: "https://garden.webflow.io",
      });
      expect(webflow.json.error?.message).toContain("set WEBFLOW_CLIENT_ID and WEBFLOW_CLIENT_SECRET");
      expect(oneClickUnavailable()).toEqual({
        shopify: shopify.json.error?.message,
        webflow: webflow.json.error?.message,
      });
      // WordPress needs no app: its start is not affected.
      expect(oneClickUnavailable().wordpress).toBeUndefined();
      expect(await statesOf(t.db, t.auth.accountId)).toBe(0);
    } finally {
      setEnv(apps);
    }
    expect(oneClickUnavailable()).toEqual({});
  });
});
