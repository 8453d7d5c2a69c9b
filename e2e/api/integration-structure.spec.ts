import { expect, test } from "@playwright/test";
import { createTenant } from "../support/tenant";
import { checkNoSecretInAnswers, connect, json, plain, wp, wpTotal } from "../support/integration";

// Content types, update_structure and plain permalinks; connecting: integration-connect.spec.ts.

test.describe("integration API with a real WordPress", () => {
  test.skip(!wp, "WP_TEST_URL is not set");
  const site = wp!;
  test("content_types counts equal WordPress's X-WP-Total; test_collection_connection counts one type", async ({
    baseURL,
  }) => {
    const { api } = await createTenant(baseURL!, "int-types");
    const { body } = await connect(api, site);
    const res = await api.get(`/api/v1/integration/${body.id}/content_types/`);
    expect(res.status()).toBe(200);
    const types = await json(res);
    const posts = await wpTotal(site, "/wp/v2/posts", { status: "any" });
    const pages = await wpTotal(site, "/wp/v2/pages", { status: "any" });
    expect(types).toEqual(
      expect.arrayContaining([
        { slug: "post", name: expect.any(String), rest_base: "posts", count: posts },
        { slug: "page", name: expect.any(String), rest_base: "pages", count: pages },
      ]),
    );
    expect(types.find((t: { slug: string }) => t.slug === "attachment")).toBeUndefined();

    const one = await api.post(`/api/v1/integration/${body.id}/test_collection_connection/`, {
      data: { content_type: "post" },
    });
    expect(await json(one)).toMatchObject({ ok: true, count: posts });
    const missing = await api.post(`/api/v1/integration/${body.id}/test_collection_connection/`, {
      data: { content_type: "nope" },
    });
    expect(await json(missing)).toMatchObject({ ok: false, count: null, error: { code: "remote_not_found" } });
  });

  test("update_structure pulls exactly WordPress's categories and tags, twice without duplicates", async ({
    baseURL,
  }) => {
    const { api } = await createTenant(baseURL!, "int-structure");
    const { body } = await connect(api, site);
    const categories = await wpTotal(site, "/wp/v2/categories", { hide_empty: "false" });
    const tags = await wpTotal(site, "/wp/v2/tags", { hide_empty: "false" });
    const first = await json(await api.post(`/api/v1/integration/${body.id}/update_structure/`));
    expect(first.categories).toEqual({ total: categories, created: categories, updated: 0, removed: 0 });
    expect(first.tags).toEqual({ total: tags, created: tags, updated: 0, removed: 0 });
    expect(first.content_types.map((t: { slug: string }) => t.slug)).toEqual(expect.arrayContaining(["post", "page"]));
    const second = await json(await api.post(`/api/v1/integration/${body.id}/update_structure/`));
    expect(second.categories).toEqual({ total: categories, created: 0, updated: 0, removed: 0 });
    expect(second.tags).toEqual({ total: tags, created: 0, updated: 0, removed: 0 });
    const after = await json(await api.get(`/api/v1/integration/${body.id}/`));
    expect(after.config_json.content_types).toEqual(
      expect.arrayContaining([{ slug: "post", name: expect.any(String), rest_base: "posts" }]),
    );
  });
  test("plain permalinks connect through ?rest_route=", async ({ baseURL }) => {
    test.skip(!plain, "WP_TEST_PLAIN_URL is not set");
    const { api } = await createTenant(baseURL!, "int-plain");
    const { res, body } = await connect(api, plain!);
    expect(res.status()).toBe(201);
    const tested = await json(await api.post(`/api/v1/integration/${body.id}/test_connection/`));
    expect(tested.connected).toBe(true);
    expect(tested.wordpress.rest_url).toContain("rest_route=");
    expect(tested.notes.join(" ")).toContain("plain_permalinks");
    const types = await json(await api.get(`/api/v1/integration/${body.id}/content_types/`));
    expect(types.find((t: { slug: string }) => t.slug === "post").count).toBe(
      await wpTotal(plain!, "/wp/v2/posts", { status: "any" }),
    );
  });

  checkNoSecretInAnswers(site);
});
