import { describe, expect, it } from "vitest";
import { listMappedTerms } from "@/db/queries/taxonomies";
import { listIntegrations } from "@/lib/server/services/integrations";
import { connectSite } from "@/lib/server/services/integrations-connect";
import { testDraftConnection } from "@/lib/server/services/integrations-doctor";
import { listContentTypes, testCollection, updateStructure } from "@/lib/server/services/integrations-structure";
import { createTestTenant } from "@/test/support/db";
import { uniqueName, UNCONFIGURED_SITE, wpRest } from "@/test/support/wordpress";
import { caught, plain, site, tenantWithSite } from "./integrations.fixtures";

// Content types, update_structure, plain permalinks and input refused without WordPress; connecting
// and credentials are in integrations-connect.test.ts.
describe.skipIf(!site)("integrations service against a real WordPress", () => {
  const wp = site ?? UNCONFIGURED_SITE;

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
