import { expect, test } from "@playwright/test";
import { E2E_SHOPIFY_STORE } from "../support/env";
import { integrationProbes } from "../support/probes";
import { shopifyTestShop } from "../support/shopify";
import { wordpressFromEnv } from "../support/destinations";
import { createTenant, type Tenant } from "../support/tenant";

// A Shopify integration's blog through the API: listed, created, chosen with a PATCH of
// config_json (checked against the store first), and reached by no other account.
const STORE = `https://${E2E_SHOPIFY_STORE}`;

async function connectShopify(baseURL: string, tenant: Tenant) {
  const site = await (await tenant.api.post("/api/v1/sites/", { data: { name: "Rose shop", url: STORE } })).json();
  const res = await tenant.api.post("/api/v1/integration/", {
    data: {
      site_id: site.id,
      platform: "shopify",
      external_site_url: STORE,
      credentials: { access_token: await shopifyTestShop(baseURL).token() },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; config_json: Record<string, unknown> };
}

test("list the store's blogs, create one, choose it; a taken handle and an unknown blog say what to do", async ({
  baseURL,
}) => {
  const tenant = await createTenant(baseURL!, "shopify-blogs");
  const integration = await connectShopify(baseURL!, tenant);
  const path = `/api/v1/integration/${integration.id}/destinations/`;

  const listed = await (await tenant.api.get(path)).json();
  expect(listed[0]).toMatchObject({ id: "1", title: "News", handle: "news", is_current: true });

  const title = `Garden notes ${Date.now().toString(36)}`;
  const created = await tenant.api.post(path, { data: { title } });
  expect(created.status(), await created.text()).toBe(201);
  const blog = await created.json();
  expect(blog).toMatchObject({
    title,
    item_count: 0,
    is_current: false,
    handle: expect.stringMatching(/^garden-notes-/),
  });

  const taken = await tenant.api.post(path, { data: { title: "More news", handle: "news" } });
  expect(taken.status()).toBe(409);
  expect((await taken.json()).error).toMatchObject({
    code: "conflict",
    message: expect.stringMatching(/"news" is taken/),
    fix: expect.stringMatching(/Choose that blog instead/),
  });

  const patch = (config_json: unknown) =>
    tenant.api.patch(`/api/v1/integration/${integration.id}/`, { data: { config_json } });
  const chosen = await patch({ blog_id: blog.id, categories_as: "tags" });
  expect(chosen.status(), await chosen.text()).toBe(200);
  expect((await chosen.json()).config_json).toEqual({ blog_id: blog.id, categories_as: "tags" });
  const after = await (await tenant.api.get(path)).json();
  expect(after.filter((b: { is_current: boolean }) => b.is_current).map((b: { id: string }) => b.id)).toEqual([
    blog.id,
  ]);

  const unknown = await patch({ blog_id: "999999999" });
  expect(unknown.status()).toBe(422);
  const { error } = await unknown.json();
  expect(error).toMatchObject({
    code: "validation_error",
    message: expect.stringMatching(/^config_json\.blog_id: the store has no blog with id 999999999/),
    fix: "Choose one of the store's blogs, or create one, under Integrations → Blog.",
  });
  // Nothing changed.
  const stored = await (await tenant.api.get(`/api/v1/integration/${integration.id}/`)).json();
  expect(stored.config_json).toEqual({ blog_id: blog.id, categories_as: "tags" });
});

test("bad input names the field: a 422 for each", async ({ baseURL }) => {
  const tenant = await createTenant(baseURL!, "shopify-blogs-input");
  const integration = await connectShopify(baseURL!, tenant);
  const path = `/api/v1/integration/${integration.id}/destinations/`;
  const bodies: Array<[unknown, RegExp]> = [
    [{}, /^title: is required/],
    [{ title: "  " }, /^title: is required/],
    [{ title: 7 }, /^title: is required/],
    [{ title: "x".repeat(256) }, /^title: must be 255 characters or less/],
    [{ title: "Notes", handle: "Not A Handle" }, /^handle: must be lowercase letters/],
    [{ title: "Notes", colour: "red" }, /colour/],
  ];
  for (const [data, message] of bodies) {
    const res = await tenant.api.post(path, { data });
    expect(res.status(), JSON.stringify(data)).toBe(422);
    expect((await res.json()).error.message, JSON.stringify(data)).toMatch(message);
  }
  const configs: Array<[unknown, RegExp]> = [
    [{ blog_id: "news" }, /^config_json\.blog_id: must be a blog id/],
    [{ blog_id: 1 }, /^config_json\.blog_id:/],
    [{ categories_as: "collections" }, /^config_json\.categories_as: must be "tags" or "blog"/],
  ];
  for (const [config_json, message] of configs) {
    const res = await tenant.api.patch(`/api/v1/integration/${integration.id}/`, { data: { config_json } });
    expect(res.status(), JSON.stringify(config_json)).toBe(422);
    expect((await res.json()).error.message, JSON.stringify(config_json)).toMatch(message);
  }
});

test("another account reaches none of a Shopify integration's blog endpoints, and nothing changes", async ({
  baseURL,
}) => {
  const a = await createTenant(baseURL!, "shopify-blogs-owner");
  const b = await createTenant(baseURL!, "shopify-blogs-intruder");
  const integration = await connectShopify(baseURL!, a);
  const ids = { siteId: crypto.randomUUID(), apiKeyId: crypto.randomUUID() };
  const probes = [
    ...integrationProbes(() => integration.id).filter((p) => p.path(ids).includes("/destinations/")),
    {
      method: "PATCH" as const,
      path: () => `/api/v1/integration/${integration.id}/`,
      data: { config_json: { blog_id: "1" } },
    },
  ];
  expect(probes).toHaveLength(3);
  for (const probe of probes) {
    const res = await b.api.fetch(probe.path(ids), { method: probe.method, data: probe.data });
    expect(res.status(), `${probe.method} ${probe.path(ids)}`).toBe(404);
  }
  const titles = (await (await a.api.get(`/api/v1/integration/${integration.id}/destinations/`)).json()).map(
    (d: { title: string }) => d.title,
  );
  expect(titles).not.toContain("Intruder's blog");
  expect((await (await a.api.get(`/api/v1/integration/${integration.id}/`)).json()).config_json).toEqual({});
});

test("a platform without blogs answers 422 unsupported, and its settings are not checked as Shopify's", async ({
  baseURL,
}) => {
  const wp = wordpressFromEnv("WP_TEST");
  test.skip(!wp, "WP_TEST_URL is not set");
  const tenant = await createTenant(baseURL!, "shopify-blogs-wordpress");
  const site = await (await tenant.api.post("/api/v1/sites/", { data: { name: "Blog", url: wp!.url } })).json();
  const created = await tenant.api.post("/api/v1/integration/", {
    data: {
      site_id: site.id,
      external_site_url: wp!.url,
      username: wp!.username,
      application_password: wp!.applicationPassword,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = await created.json();
  for (const res of [
    await tenant.api.get(`/api/v1/integration/${id}/destinations/`),
    await tenant.api.post(`/api/v1/integration/${id}/destinations/`, { data: { title: "Notes" } }),
  ]) {
    expect(res.status()).toBe(422);
    expect((await res.json()).error).toMatchObject({ code: "unsupported", fix: expect.stringMatching(/Shopify/) });
  }
  const patched = await tenant.api.patch(`/api/v1/integration/${id}/`, { data: { config_json: { blog_id: "news" } } });
  expect(patched.status()).toBe(200);
});
