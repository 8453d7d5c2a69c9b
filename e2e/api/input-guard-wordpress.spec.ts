import { expect, test } from "@playwright/test";
import { expectRefused, setUp } from "../support/input-guard";

const wp =
  process.env.WP_TEST_URL && process.env.WP_TEST_USERNAME && process.env.WP_TEST_APP_PASSWORD
    ? {
        url: process.env.WP_TEST_URL.replace(/\/+$/, ""),
        username: process.env.WP_TEST_USERNAME,
        applicationPassword: process.env.WP_TEST_APP_PASSWORD,
      }
    : undefined;

test("test_collection_connection on a connected WordPress: reserved names are a 422, an unknown type stays ok: false", async ({
  baseURL,
}) => {
  test.skip(!wp, "set WP_TEST_URL, WP_TEST_USERNAME and WP_TEST_APP_PASSWORD");
  const { api, ids } = await setUp(baseURL!, "collection");
  const created = await api.post("/api/v1/integration/", {
    data: {
      site_id: ids.site,
      platform: "wordpress",
      external_site_url: wp!.url,
      username: wp!.username,
      application_password: wp!.applicationPassword,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = await created.json();
  const problem = "is not a content type name; use a content type slug or REST base, like post, page or products";
  for (const name of ["__proto__", "constructor", "prototype"]) {
    const res = await api.post(`/api/v1/integration/${id}/test_collection_connection/`, {
      data: { content_type: name },
    });
    await expectRefused(res, name, "content_type", problem);
  }
  // A name that only an Object.prototype lookup would have found is WordPress's own "not found".
  const unknown = await api.post(`/api/v1/integration/${id}/test_collection_connection/`, {
    data: { content_type: "toString" },
  });
  expect(unknown.status()).toBe(200);
  expect(await unknown.json()).toMatchObject({ ok: false, count: null, error: { code: "remote_not_found" } });
});
