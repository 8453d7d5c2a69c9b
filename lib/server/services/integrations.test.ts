import { afterAll, describe, expect, it, vi } from "vitest";
import { getDbHandle } from "@/db/client";
import { getSite } from "@/db/queries/sites";
import { listMappedTerms } from "@/db/queries/taxonomies";
import { ApiError } from "@/lib/server/api/errors";
import { createSite } from "@/lib/server/services/sites";
import { getIntegrationOr404, listIntegrations } from "@/lib/server/services/integrations";
import { connectSite, deleteIntegration, updateIntegration } from "@/lib/server/services/integrations-connect";
import { testDraftConnection, testIntegrationConnection } from "@/lib/server/services/integrations-doctor";
import { listContentTypes, testCollection, updateStructure } from "@/lib/server/services/integrations-structure";
import { createTestTenant } from "@/test/support/db";
import { startAuthStrippingProxy, startWafProxy, type TestServer } from "@/test/support/proxy";
import {
  allowEgressTo,
  createAppPassword,
  createUserWithAppPassword,
  getWordPressTestSite,
  revokeAppPassword,
  uniqueName,
  UNCONFIGURED_SITE,
  wpRest,
} from "@/test/support/wordpress";

const site = getWordPressTestSite("pretty");
const plain = getWordPressTestSite("plain");

/** Everything written to the console while the tests run (log lines must never carry a password). */
const logged: string[] = [];
for (const method of ["log", "info", "warn", "error"] as const) {
  const original = console[method].bind(console);
  vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
    original(...args);
  });
}

async function tenantWithSite() {
  const tenant = await createTestTenant("int");
  const s = await createSite(tenant.db, tenant.auth.accountId, {
    name: uniqueName("Blog"),
    url: "https://blog.example.com",
  });
  return { ...tenant, site: s };
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
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

  it("content types carry WordPress's X-WP-Total; a collection test counts one type", async () => {
    const t = await tenantWithSite();
    const { integration } = await connectSite(t.db, t.auth.accountId, {
      site_id: t.site.id,
      platform: "wordpress",
      external_site_url: wp.url,
      username: wp.username,
      application_password: wp.applicationPassword,
    });
    const types = await listContentTypes(t.db, t.auth.accountId, integration.id);
    const wpPosts = await wpRest(wp, "GET", "/wp/v2/posts", { query: { per_page: 1, status: "any", _fields: "id" } });
    const wpPages = await wpRest(wp, "GET", "/wp/v2/pages", { query: { per_page: 1, status: "any", _fields: "id" } });
    expect(types.find((c) => c.slug === "post")).toMatchObject({
      rest_base: "posts",
      count: Number(wpPosts.headers.get("x-wp-total")),
    });
    expect(types.find((c) => c.slug === "page")).toMatchObject({
      rest_base: "pages",
      count: Number(wpPages.headers.get("x-wp-total")),
    });
    expect(await testCollection(t.db, t.auth.accountId, integration.id, "page")).toMatchObject({
      ok: true,
      count: Number(wpPages.headers.get("x-wp-total")),
    });
    expect(await testCollection(t.db, t.auth.accountId, integration.id, "no_such_type")).toMatchObject({
      ok: false,
      error: { code: "remote_not_found" },
    });
  });

  it("update_structure mirrors WordPress's categories (with parents) and tags, twice without duplicates", async () => {
    const parent = await wpRest<{ id: number }>(wp, "POST", "/wp/v2/categories", {
      json: { name: uniqueName("Parent") },
    });
    const child = await wpRest<{ id: number }>(wp, "POST", "/wp/v2/categories", {
      json: { name: uniqueName("Child"), parent: parent.data.id },
    });
    const t = await tenantWithSite();
    const { integration } = await connectSite(t.db, t.auth.accountId, {
      site_id: t.site.id,
      platform: "wordpress",
      external_site_url: wp.url,
      username: wp.username,
      application_password: wp.applicationPassword,
    });
    const first = await updateStructure(t.db, t.auth.accountId, integration.id);
    const second = await updateStructure(t.db, t.auth.accountId, integration.id);

    type Term = { id: number; slug: string; parent: number };
    const all = async (route: string) => {
      const out: Term[] = [];
      for (let page = 1; ; page++) {
        const res = await wpRest<Term[]>(wp, "GET", route, {
          query: { per_page: 100, page, hide_empty: "false", _fields: "id,slug,parent" },
        });
        out.push(...res.data);
        if (page >= Number(res.headers.get("x-wp-totalpages"))) return out;
      }
    };
    const [categories, tags] = await Promise.all([all("/wp/v2/categories"), all("/wp/v2/tags")]);
    expect(first.categories).toMatchObject({ total: categories.length, created: categories.length, removed: 0 });
    expect(first.tags).toMatchObject({ total: tags.length, created: tags.length });
    expect(second.categories).toMatchObject({ created: 0, updated: 0, removed: 0 });
    expect(second.tags).toMatchObject({ created: 0, updated: 0, removed: 0 });
    expect(first.content_types.map((c) => c.slug)).toEqual(expect.arrayContaining(["post", "page"]));

    const ours = await listMappedTerms(t.db, {
      accountId: t.auth.accountId,
      siteId: t.site.id,
      integrationId: integration.id,
    });
    const mine = (type: string) =>
      ours
        .filter((r) => r.type === type)
        .map((r) => ({ id: Number(r.externalId), slug: r.slug, parent: Number(r.parentExternalId ?? 0) }))
        .sort((a, b) => a.id - b.id);
    expect(mine("category")).toEqual(
      categories.map((c) => ({ id: c.id, slug: c.slug, parent: c.parent })).sort((a, b) => a.id - b.id),
    );
    expect(mine("tag")).toEqual(tags.map((c) => ({ id: c.id, slug: c.slug, parent: 0 })).sort((a, b) => a.id - b.id));
    expect(ours.find((r) => r.externalId === String(child.data.id))?.parentExternalId).toBe(String(parent.data.id));

    // A term deleted in WordPress leaves on the next run.
    await wpRest(wp, "DELETE", `/wp/v2/categories/${child.data.id}`, { query: { force: "true" } });
    const third = await updateStructure(t.db, t.auth.accountId, integration.id);
    expect(third.categories).toMatchObject({ removed: 1, created: 0 });
    await wpRest(wp, "DELETE", `/wp/v2/categories/${parent.data.id}`, { query: { force: "true" } });
  });

  it.skipIf(!plain)("a site with plain permalinks connects through ?rest_route=, with a note", async () => {
    const p = plain!;
    const t = await tenantWithSite();
    const draft = await testDraftConnection({
      external_site_url: p.url,
      username: p.username,
      application_password: p.applicationPassword,
    });
    expect(draft).toMatchObject({ connected: true, wordpress: { rest_url: expect.stringContaining("rest_route=") } });
    expect(draft.notes.join(" ")).toContain("plain_permalinks");
    const { integration } = await connectSite(t.db, t.auth.accountId, {
      site_id: t.site.id,
      platform: "wordpress",
      external_site_url: p.url,
      username: p.username,
      application_password: p.applicationPassword,
    });
    const types = await listContentTypes(t.db, t.auth.accountId, integration.id);
    expect(types.find((c) => c.slug === "post")?.count).toBeGreaterThan(0);
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

describe("integrations service without WordPress", () => {
  it("a private address is blocked_address and nothing is stored", async () => {
    const t = await tenantWithSite();
    const error = await caught(
      connectSite(t.db, t.auth.accountId, {
        site_id: t.site.id,
        platform: "wordpress",
        external_site_url: "http://10.0.0.1",
        username: "u",
        application_password: "p",
      }),
    );
    expect(error).toMatchObject({ code: "blocked_address", status: 422 });
    expect((await listIntegrations(t.db, t.auth.accountId, { page: 1, page_size: 10 })).count).toBe(0);
  });

  it("another account's site is 404", async () => {
    const a = await tenantWithSite();
    const b = await createTestTenant("other");
    const error = await caught(
      connectSite(b.db, b.auth.accountId, {
        site_id: a.site.id,
        platform: "wordpress",
        external_site_url: "http://10.0.0.1",
        username: "u",
        application_password: "p",
      }),
    );
    expect(error.status).toBe(404);
  });
});
