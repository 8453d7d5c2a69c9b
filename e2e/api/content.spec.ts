import { expect, test } from "@playwright/test";
import { createTenant, type Tenant } from "../support/tenant";

async function siteOf(tenant: Tenant, name = "Blog") {
  const res = await tenant.api.post("/api/v1/sites/", {
    data: { name, url: `https://${name.toLowerCase()}.example.com` },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string };
}

test("content: create, read, edit, approve, delete", async ({ baseURL }) => {
  const tenant = await createTenant(baseURL!, "content-crud");
  const site = await siteOf(tenant);

  const createdRes = await tenant.api.post(`/api/v1/sites/${site.id}/content/`, {
    data: {
      title: "Ten Days in Lisbon",
      content: "<p>Trams, <strong>tiles</strong> and tarts.</p>",
      excerpt: "A slow city guide.",
      categories: ["Travel", "Europe"],
      tags: ["lisbon", "Portugal"],
      featured_image_url: "https://images.example.com/lisbon.jpg",
    },
  });
  expect(createdRes.status()).toBe(201);
  const item = await createdRes.json();
  expect(item).toMatchObject({
    site_id: site.id,
    title: "Ten Days in Lisbon",
    slug: "ten-days-in-lisbon",
    status: "draft",
    content_type: "post",
    categories: ["Europe", "Travel"],
    tags: ["lisbon", "Portugal"],
    featured_image_url: "https://images.example.com/lisbon.jpg",
    wordpress_id: null,
    wordpress_url: null,
    sync_state: "local",
    last_sync_event: null,
  });

  expect(await (await tenant.api.get(`/api/v1/content/${item.id}/`)).json()).toEqual(item);

  const patched = await tenant.api.patch(`/api/v1/content/${item.id}`, {
    data: {
      title: "Ten Days in Lisbon (2nd ed.)",
      tags: ["lisbon"],
      status: "scheduled",
      scheduled_at: "2031-03-01T08:00:00+01:00",
    },
  });
  expect(patched.status()).toBe(200);
  expect(await patched.json()).toMatchObject({
    title: "Ten Days in Lisbon (2nd ed.)",
    slug: "ten-days-in-lisbon",
    tags: ["lisbon"],
    categories: ["Europe", "Travel"],
    status: "scheduled",
    scheduled_at: "2031-03-01T07:00:00.000Z",
  });

  const approved = await tenant.api.post(`/api/v1/content/${item.id}/approve/`);
  expect(approved.status()).toBe(200);
  expect(await approved.json()).toMatchObject({ status: "approved", approved_at: expect.any(String) });

  expect((await tenant.api.delete(`/api/v1/content/${item.id}/`)).status()).toBe(204);
  expect((await tenant.api.get(`/api/v1/content/${item.id}/`)).status()).toBe(404);
  expect((await tenant.api.delete(`/api/v1/content/${item.id}/`)).status()).toBe(404);
});

test("content list: filters and pages", async ({ baseURL }) => {
  const tenant = await createTenant(baseURL!, "content-list");
  const site = await siteOf(tenant);
  const other = await siteOf(tenant, "Other");
  for (let i = 1; i <= 5; i++) {
    await tenant.api.post(`/api/v1/sites/${site.id}/content/`, {
      data: { title: `Recipe ${i}`, status: i % 2 ? "review" : "draft" },
    });
  }
  await tenant.api.post(`/api/v1/sites/${site.id}/content/`, {
    data: { title: "About the kitchen", content_type: "page" },
  });
  await tenant.api.post(`/api/v1/sites/${other.id}/content/`, { data: { title: "Recipe elsewhere" } });

  const list = async (query: string) => (await tenant.api.get(`/api/v1/sites/${site.id}/content/?${query}`)).json();
  const all = await list("");
  expect(all.count).toBe(6);
  expect(all.results[0].title).toBe("About the kitchen");
  expect((await list("status=review")).results.map((r: { title: string }) => r.title)).toEqual([
    "Recipe 5",
    "Recipe 3",
    "Recipe 1",
  ]);
  expect((await list("content_type=page")).results.map((r: { title: string }) => r.title)).toEqual([
    "About the kitchen",
  ]);
  expect((await list("search=recipe&status=draft")).count).toBe(2);

  const first = await list("page_size=4");
  expect(first).toMatchObject({ count: 6, previous: null, next: expect.stringContaining("page=2") });
  const second = await (await tenant.api.get(first.next)).json();
  expect(second).toMatchObject({ count: 6, next: null, previous: expect.stringContaining("page=1") });
  expect(second.results).toHaveLength(2);
  const ids = new Set([...first.results, ...second.results].map((r: { id: string }) => r.id));
  expect(ids.size).toBe(6);
});

test("bulk approve and delete", async ({ baseURL }) => {
  const tenant = await createTenant(baseURL!, "content-bulk");
  const site = await siteOf(tenant);
  const ids: string[] = [];
  for (const title of ["One", "Two", "Three"]) {
    ids.push((await (await tenant.api.post(`/api/v1/sites/${site.id}/content/`, { data: { title } })).json()).id);
  }
  const approve = await tenant.api.post("/api/v1/content/bulk/", { data: { action: "approve", ids: ids.slice(0, 2) } });
  expect(await approve.json()).toEqual({ action: "approve", done: ids.slice(0, 2), not_found: [], skipped: [] });
  expect((await (await tenant.api.get(`/api/v1/sites/${site.id}/content/?status=approved`)).json()).count).toBe(2);
  const remove = await tenant.api.post("/api/v1/content/bulk/", { data: { action: "delete", ids } });
  expect((await remove.json()).done.sort()).toEqual([...ids].sort());
  expect((await (await tenant.api.get(`/api/v1/sites/${site.id}/content/`)).json()).count).toBe(0);
});

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

test("another account gets 404 for content, and nothing changes", async ({ baseURL }) => {
  const a = await createTenant(baseURL!, "content-owner");
  const b = await createTenant(baseURL!, "content-intruder");
  const site = await siteOf(a);
  const item = await (
    await a.api.post(`/api/v1/sites/${site.id}/content/`, { data: { title: "Mine", tags: ["secret"] } })
  ).json();

  for (const [method, path, data] of [
    ["GET", `/api/v1/sites/${site.id}/content/`],
    ["POST", `/api/v1/sites/${site.id}/content/`, { title: "planted" }],
    ["GET", `/api/v1/content/${item.id}/`],
    ["PATCH", `/api/v1/content/${item.id}/`, { title: "stolen" }],
    ["POST", `/api/v1/content/${item.id}/approve/`],
    ["DELETE", `/api/v1/content/${item.id}/`],
  ] as const) {
    const res = await b.api.fetch(path, { method, data });
    expect(res.status(), `${method} ${path}`).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
  }
  const bulk = await b.api.post("/api/v1/content/bulk/", { data: { action: "delete", ids: [item.id] } });
  expect(await bulk.json()).toEqual({ action: "delete", done: [], not_found: [item.id], skipped: [] });
  expect(await (await a.api.get(`/api/v1/content/${item.id}/`)).json()).toMatchObject({
    title: "Mine",
    status: "draft",
    tags: ["secret"],
  });
  expect((await (await a.api.get(`/api/v1/sites/${site.id}/content/`)).json()).count).toBe(1);
});
