import { afterAll, describe, expect, it, vi } from "vitest";
import { getDbHandle } from "@/db/client";
import { getSite } from "@/db/queries/sites";
import { getIntegrationOr404, listIntegrations } from "@/lib/server/services/integrations";
import { connectSite, deleteIntegration, updateIntegration } from "@/lib/server/services/integrations-connect";
import { testIntegrationConnection } from "@/lib/server/services/integrations-doctor";
import { startAuthStrippingProxy, startWafProxy, type TestServer } from "@/test/support/proxy";
import {
  allowEgressTo,
  createAppPassword,
  createUserWithAppPassword,
  revokeAppPassword,
  UNCONFIGURED_SITE,
} from "@/test/support/wordpress";
import { caught, site, tenantWithSite } from "./integrations.fixtures";

// Connecting, credentials and deleting; content types and structure are in integrations-structure.test.ts.

/** Everything written to the console while the tests run (log lines must never carry a password). */
const logged: string[] = [];
for (const method of ["log", "info", "warn", "error"] as const) {
  const original = console[method].bind(console);
  vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
    original(...args);
  });
}

/** Every row of every table, as text: what a database dump would contain. */
async function dumpDatabase(): Promise<string> {
  const handle = await getDbHandle();
  const tables = await handle.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public'",
  );
  const parts: string[] = [];
  for (const { table_name } of tables) parts.push(JSON.stringify(await handle.query(`select * from "${table_name}"`)));
  return parts.join("\n");
}

describe.skipIf(!site)("integrations service against a real WordPress", () => {
  const wp = site ?? UNCONFIGURED_SITE;
  const servers: TestServer[] = [];
  const passwordsUsed = new Set<string>([wp.applicationPassword]);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it("connects with good credentials: integration connected, credentials encrypted on the site", async () => {
    const t = await tenantWithSite();
    const { integration, site: saved } = await connectSite(t.db, t.auth.accountId, {
      site_id: t.site.id,
      platform: "wordpress",
      external_site_url: wp.url,
      username: wp.username,
      application_password: wp.applicationPassword,
    });
    expect(integration).toMatchObject({
      connectionStatus: "connected",
      connectionErrorCode: null,
      externalSiteUrl: wp.url,
      isActive: true,
    });
    expect(saved.wpUsername).toBe(wp.username);
    expect(saved.wpApiKey).toBeTruthy();
    expect(saved.wpApiKey).not.toContain(wp.applicationPassword);
    expect(saved.wpApiKeyLast4).toBe(wp.applicationPassword.slice(-4));

    const again = await caught(
      connectSite(t.db, t.auth.accountId, {
        site_id: t.site.id,
        platform: "wordpress",
        external_site_url: wp.url,
        username: wp.username,
        application_password: wp.applicationPassword,
      }),
    );
    expect(again).toMatchObject({ code: "already_exists", status: 409 });
  });

  it("a wrong password is auth_failed (422) and stores nothing", async () => {
    const t = await tenantWithSite();
    const error = await caught(
      connectSite(t.db, t.auth.accountId, {
        site_id: t.site.id,
        platform: "wordpress",
        external_site_url: wp.url,
        username: wp.username,
        application_password: "abcd efgh ijkl mnop qrst uvwx",
      }),
    );
    expect(error).toMatchObject({ code: "auth_failed", status: 422, details: { reason: "wrong_credentials" } });
    expect(error.fix).toContain("Application Password");
    expect((await listIntegrations(t.db, t.auth.accountId, { page: 1, page_size: 10 })).count).toBe(0);
    const stored = await getSite(t.db, { accountId: t.auth.accountId, id: t.site.id });
    expect(stored).toMatchObject({ wpUsername: null, wpApiKey: null });
  });

  it("a WAF answering 403 HTML is rest_blocked; a server stripping Authorization is auth_failed/header_stripped", async () => {
    const waf = await startWafProxy(wp.url);
    const stripping = await startAuthStrippingProxy(wp.url);
    servers.push(waf, stripping);
    allowEgressTo(waf.url, stripping.url);
    const t = await tenantWithSite();
    const body = {
      site_id: t.site.id,
      platform: "wordpress" as const,
      username: wp.username,
      application_password: wp.applicationPassword,
    };

    const blocked = await caught(connectSite(t.db, t.auth.accountId, { ...body, external_site_url: waf.url }));
    expect(blocked).toMatchObject({ code: "rest_blocked", status: 422 });
    expect(blocked.fix).toMatch(/security plugin|firewall/i);

    const stripped = await caught(connectSite(t.db, t.auth.accountId, { ...body, external_site_url: stripping.url }));
    expect(stripped).toMatchObject({ code: "auth_failed", details: { reason: "header_stripped" } });
    expect(stripped.fix).toMatch(/Authorization header/);
    expect((await listIntegrations(t.db, t.auth.accountId, { page: 1, page_size: 10 })).count).toBe(0);
  });

  it("a subscriber is insufficient_role", async () => {
    const user = await createUserWithAppPassword(wp, "subscriber");
    passwordsUsed.add(user.applicationPassword);
    try {
      const t = await tenantWithSite();
      const error = await caught(
        connectSite(t.db, t.auth.accountId, {
          site_id: t.site.id,
          platform: "wordpress",
          external_site_url: wp.url,
          username: user.username,
          application_password: user.applicationPassword,
        }),
      );
      expect(error).toMatchObject({
        code: "insufficient_role",
        status: 422,
        details: { wordpress: { user: { roles: ["subscriber"] } } },
      });
    } finally {
      await user.remove();
    }
  });

  it("a revoked Application Password turns the stored integration to error; rotating it reconnects", async () => {
    const t = await tenantWithSite();
    const first = await createAppPassword(wp);
    passwordsUsed.add(first.password);
    const { integration } = await connectSite(t.db, t.auth.accountId, {
      site_id: t.site.id,
      platform: "wordpress",
      external_site_url: wp.url,
      username: wp.username,
      application_password: first.password,
    });
    expect((await testIntegrationConnection(t.db, t.auth.accountId, integration.id)).connected).toBe(true);
    await revokeAppPassword(wp, first.uuid);

    const result = await testIntegrationConnection(t.db, t.auth.accountId, integration.id);
    expect(result).toMatchObject({ connected: false, code: "auth_failed", reason: "wrong_credentials" });
    expect((await getIntegrationOr404(t.db, t.auth.accountId, integration.id)).integration).toMatchObject({
      connectionStatus: "error",
      connectionErrorCode: "auth_failed",
    });

    // A wrong rotation changes nothing; the right one reconnects.
    const wrong = await caught(
      updateIntegration(t.db, t.auth.accountId, integration.id, {
        application_password: "nope nope nope nope nope nope",
      }),
    );
    expect(wrong.code).toBe("auth_failed");
    expect((await getIntegrationOr404(t.db, t.auth.accountId, integration.id)).site.wpApiKeyLast4).toBe(
      first.password.slice(-4),
    );
    const second = await createAppPassword(wp);
    passwordsUsed.add(second.password);
    const rotated = await updateIntegration(t.db, t.auth.accountId, integration.id, {
      application_password: second.password,
    });
    expect(rotated.integration.connectionStatus).toBe("connected");
    expect(rotated.site.wpApiKeyLast4).toBe(second.password.slice(-4));
    await revokeAppPassword(wp, second.uuid);
  });

  it("deleting an integration removes the site's credentials", async () => {
    const t = await tenantWithSite();
    const { integration } = await connectSite(t.db, t.auth.accountId, {
      site_id: t.site.id,
      platform: "wordpress",
      external_site_url: wp.url,
      username: wp.username,
      application_password: wp.applicationPassword,
    });
    await deleteIntegration(t.db, t.auth.accountId, integration.id);
    expect(await getSite(t.db, { accountId: t.auth.accountId, id: t.site.id })).toMatchObject({
      wpUsername: null,
      wpApiKey: null,
      wpApiKeyLast4: null,
    });
    expect((await caught(getIntegrationOr404(t.db, t.auth.accountId, integration.id))).status).toBe(404);
  });

  it("no database row and no log line contains an Application Password", async () => {
    const dump = await dumpDatabase();
    expect(dump).toContain(wp.url); // the dump does hold the integrations
    for (const password of passwordsUsed) {
      expect(dump).not.toContain(password);
      expect(dump).not.toContain(password.replace(/(.{4})(?!$)/g, "$1 "));
      expect(logged.join("\n")).not.toContain(password);
    }
  });
});
