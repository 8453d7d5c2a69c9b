import { expect, test } from "@playwright/test";
import { createTenant } from "../support/tenant";
import { siteOf } from "../support/content";

test("bad input gets the exact error code and names the field", async ({ baseURL }) => {
  const tenant = await createTenant(baseURL!, "content-bad");
  const site = await siteOf(tenant);
  const item = await (await tenant.api.post(`/api/v1/sites/${site.id}/content/`, { data: { title: "Valid" } })).json();
  const collection = `/api/v1/sites/${site.id}/content/`;
  const one = `/api/v1/content/${item.id}/`;

  const cases: [string, "POST" | "PATCH" | "GET", string, unknown, number, string, string?][] = [
    ["no title", "POST", collection, {}, 422, "validation_error", "title"],
    ["blank title", "POST", collection, { title: "   " }, 422, "validation_error", "title"],
    ["title too long", "POST", collection, { title: "x".repeat(501) }, 422, "validation_error", "title"],
    ["slug with spaces", "POST", collection, { title: "x", slug: "Hello World" }, 422, "validation_error", "slug"],
    [
      "unknown content type",
      "POST",
      collection,
      { title: "x", content_type: "video" },
      422,
      "validation_error",
      "content_type",
    ],
    ["status published", "POST", collection, { title: "x", status: "published" }, 422, "validation_error", "status"],
    ["unknown status", "POST", collection, { title: "x", status: "live" }, 422, "validation_error", "status"],
    [
      "scheduled without a date",
      "POST",
      collection,
      { title: "x", status: "scheduled" },
      422,
      "validation_error",
      "scheduled_at",
    ],
    [
      "date in words",
      "POST",
      collection,
      { title: "x", scheduled_at: "tomorrow" },
      422,
      "validation_error",
      "scheduled_at",
    ],
    [
      "javascript image",
      "POST",
      collection,
      { title: "x", featured_image_url: "javascript:alert(1)" },
      422,
      "validation_error",
      "featured_image_url",
    ],
    [
      "image with credentials",
      "POST",
      collection,
      { title: "x", featured_image_url: "https://u:p@example.com/a.jpg" },
      422,
      "validation_error",
      "featured_image_url",
    ],
    ["tags as a string", "POST", collection, { title: "x", tags: "a,b" }, 422, "validation_error", "tags"],
    [
      "empty category name",
      "POST",
      collection,
      { title: "x", categories: [""] },
      422,
      "validation_error",
      "categories.0",
    ],
    [
      "51 tags",
      "POST",
      collection,
      { title: "x", tags: Array.from({ length: 51 }, (_, i) => `t${i}`) },
      422,
      "validation_error",
      "tags",
    ],
    ["empty patch", "PATCH", one, {}, 422, "validation_error"],
    [
      "patch to scheduled without a date",
      "PATCH",
      one,
      { status: "scheduled" },
      422,
      "validation_error",
      "scheduled_at",
    ],
    ["patch title null", "PATCH", one, { title: null }, 422, "validation_error", "title"],
    [
      "bulk unknown action",
      "POST",
      "/api/v1/content/bulk/",
      { action: "publish", ids: [item.id] },
      422,
      "validation_error",
      "action",
    ],
    ["bulk no ids", "POST", "/api/v1/content/bulk/", { action: "approve", ids: [] }, 422, "validation_error", "ids"],
    [
      "bulk bad id",
      "POST",
      "/api/v1/content/bulk/",
      { action: "approve", ids: ["1"] },
      422,
      "validation_error",
      "ids.0",
    ],
    ["unknown status filter", "GET", `${collection}?status=live`, undefined, 422, "validation_error", "status"],
    ["page_size over 100", "GET", `${collection}?page_size=101`, undefined, 422, "validation_error", "page_size"],
    ["malformed content id", "GET", "/api/v1/content/not-a-uuid/", undefined, 404, "not_found"],
    ["unknown site", "POST", `/api/v1/sites/${crypto.randomUUID()}/content/`, { title: "x" }, 404, "not_found"],
  ];
  for (const [label, method, path, data, status, code, field] of cases) {
    const res = await tenant.api.fetch(path, { method, data });
    const body = await res.json();
    expect(res.status(), label).toBe(status);
    expect(body.error.code, label).toBe(code);
    if (field) expect(body.error.message, label).toMatch(new RegExp(`^${field.replace(".", "\\.")}: `));
  }

  const broken = await tenant.api.post(collection, {
    headers: { "content-type": "application/json" },
    data: Buffer.from("{not json"),
  });
  expect(broken.status()).toBe(400);
  expect((await broken.json()).error.code).toBe("invalid_json");

  // None of the rejected requests left anything behind.
  expect((await (await tenant.api.get(collection)).json()).count).toBe(1);
  expect(await (await tenant.api.get(one)).json()).toMatchObject({ title: "Valid", status: "draft" });
});
