import { expect, test } from "@playwright/test";
import { createTenant } from "../support/tenant";
import { siteOf } from "../support/content";

// Content CRUD, lists, bulk and tenancy; bad input: content-bad-input.spec.ts.

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
