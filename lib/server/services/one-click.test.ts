import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { verifications } from "@/db/tables";
import { getSite } from "@/db/queries/sites";
import { ApiError } from "@/lib/server/api/errors";
import { getEnv } from "@/lib/server/env";
import { createSite } from "@/lib/server/services/sites";
import { listIntegrations } from "@/lib/server/services/integrations";
import { completeOneClick, IGNY8_APP_ID, startOneClick } from "@/lib/server/services/one-click";
import { createTestTenant } from "@/test/support/db";
import {
  createAppPassword,
  getWordPressTestSite,
  revokeAppPassword,
  uniqueName,
  UNCONFIGURED_SITE,
} from "@/test/support/wordpress";

const site = getWordPressTestSite("pretty");

async function tenantWithSite() {
  const tenant = await createTestTenant("oneclick");
  const s = await createSite(tenant.db, tenant.auth.accountId, {
    name: uniqueName("Blog"),
    url: "https://blog.example.com",
  });
  return { ...tenant, site: s };
}

/** What WordPress appends to success_url after "Approve". */
function approval(successUrl: string, fields: { site_url: string; user_login: string; password: string }) {
  const url = new URL(successUrl);
  for (const [k, v] of Object.entries(fields)) url.searchParams.set(k, v);
  return url.searchParams;
}

async function integrationCount(t: Awaited<ReturnType<typeof tenantWithSite>>) {
  return (await listIntegrations(t.db, t.auth.accountId, { page: 1, page_size: 10 })).count;
}

describe.skipIf(!site)("one-click connect against a real WordPress", () => {
  const wp = site ?? UNCONFIGURED_SITE;

  it("sends the user to WordPress's authorize page with our app, return addresses and a state", async () => {
    const t = await tenantWithSite();
    const { authorize_url } = await startOneClick(t.db, t.auth, { site_id: t.site.id, external_site_url: wp.url });
    const url = new URL(authorize_url);
    expect(`${url.origin}${url.pathname}`).toBe(`${wp.url}/wp-admin/authorize-application.php`);
    expect(url.searchParams.get("app_name")).toMatch(/^IGNY8 \(Blog .+, \d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/);
    expect(url.searchParams.get("app_id")).toBe(IGNY8_APP_ID);
    const success = new URL(url.searchParams.get("success_url")!);
    expect(success.origin + success.pathname).toBe(`${getEnv().APP_URL}/settings/integration/connect/callback`);
    expect(success.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new URL(url.searchParams.get("reject_url")!).searchParams.get("rejected")).toBe("1");
  });

  it("an approval with a valid state connects once; the same state again is refused", async () => {
    const t = await tenantWithSite();
    const { authorize_url } = await startOneClick(t.db, t.auth, { site_id: t.site.id, external_site_url: wp.url });
    const successUrl = new URL(authorize_url).searchParams.get("success_url")!;
    const { uuid, password } = await createAppPassword(wp);
    try {
      const params = approval(successUrl, { site_url: wp.url, user_login: wp.username, password });
      const outcome = await completeOneClick(t.db, t.auth, params);
      expect(outcome).toMatchObject({ status: "connected" });
      const stored = await getSite(t.db, { accountId: t.auth.accountId, id: t.site.id });
      expect(stored).toMatchObject({ wpUsername: wp.username, wpApiKeyLast4: password.slice(-4) });
      expect(await completeOneClick(t.db, t.auth, params)).toEqual({ status: "failed", code: "invalid_state" });
    } finally {
      await revokeAppPassword(wp, uuid);
    }
  });

  it("reject, tampered, foreign, expired and mismatched callbacks save nothing", async () => {
    const t = await tenantWithSite();
    const start = async () =>
      new URL(
        new URL(
          (await startOneClick(t.db, t.auth, { site_id: t.site.id, external_site_url: wp.url })).authorize_url,
        ).searchParams.get("success_url")!,
      );
    const good = { site_url: wp.url, user_login: wp.username, password: wp.applicationPassword };

    const rejected = new URL(
      (await startOneClick(t.db, t.auth, { site_id: t.site.id, external_site_url: wp.url })).authorize_url,
    ).searchParams.get("reject_url")!;
    expect(await completeOneClick(t.db, t.auth, new URL(rejected).searchParams)).toEqual({
      status: "failed",
      code: "rejected",
    });

    const tampered = approval((await start()).toString(), good);
    tampered.set("state", `${tampered.get("state")!.slice(0, -2)}xx`);
    expect(await completeOneClick(t.db, t.auth, tampered)).toEqual({ status: "failed", code: "invalid_state" });

    const other = await createTestTenant("intruder");
    expect(await completeOneClick(t.db, other.auth, approval((await start()).toString(), good))).toEqual({
      status: "failed",
      code: "invalid_state",
    });
    expect(await completeOneClick(t.db, undefined, approval((await start()).toString(), good))).toEqual({
      status: "failed",
      code: "signed_out",
    });

    const expiring = await start();
    await t.db
      .update(verifications)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(verifications.identifier, "wordpress-connect"));
    expect(await completeOneClick(t.db, t.auth, approval(expiring.toString(), good))).toEqual({
      status: "failed",
      code: "expired_state",
    });

    const elsewhere = approval((await start()).toString(), { ...good, site_url: "https://attacker.example.com" });
    expect(await completeOneClick(t.db, t.auth, elsewhere)).toEqual({ status: "failed", code: "site_mismatch" });

    const withNul = approval((await start()).toString(), { ...good, user_login: `${wp.username}\u0000` });
    expect(await completeOneClick(t.db, t.auth, withNul)).toEqual({ status: "failed", code: "invalid_callback" });
    const stateWithNul = approval((await start()).toString(), good);
    stateWithNul.set("state", `${stateWithNul.get("state")}\u0000`);
    expect(await completeOneClick(t.db, t.auth, stateWithNul)).toEqual({ status: "failed", code: "invalid_callback" });

    const wrong = await completeOneClick(
      t.db,
      t.auth,
      approval((await start()).toString(), { ...good, password: "wrong wrong wrong wrong wrong wrong" }),
    );
    expect(wrong).toMatchObject({ status: "failed", code: "auth_failed" });

    expect(await integrationCount(t)).toBe(0);
    expect(await getSite(t.db, { accountId: t.auth.accountId, id: t.site.id })).toMatchObject({ wpApiKey: null });
  });
});

describe("one-click connect without WordPress", () => {
  it("refuses to start for a private address or another account's site", async () => {
    const t = await tenantWithSite();
    const blocked = await startOneClick(t.db, t.auth, {
      site_id: t.site.id,
      external_site_url: "http://192.168.1.1",
    }).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(ApiError);
    expect(blocked).toMatchObject({ code: "blocked_address" });
    const other = await createTestTenant("other");
    const foreign = await startOneClick(other.db, other.auth, {
      site_id: t.site.id,
      external_site_url: "https://example.com",
    }).catch((e: unknown) => e);
    expect(foreign).toMatchObject({ code: "not_found", status: 404 });
  });
});
