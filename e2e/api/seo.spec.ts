import { expect, test } from "@playwright/test";
import { createTenant, type Tenant } from "../support/tenant";

async function siteOf(tenant: Tenant) {
  const res = await tenant.api.post("/api/v1/sites/", { data: { name: "Garden", url: "https://garden.example.com" } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const seo = {
  seo_title: "Planting tulips in autumn: when and how deep",
  seo_description: "Plant tulip bulbs six weeks before the ground freezes.",
  focus_keyword: "planting tulips",
  canonical_url: "https://garden.example.com/tulips/",
};

test("SEO fields: created, answered, edited, cleared, and the GET answer round-trips", async ({ baseURL }) => {
  const tenant = await createTenant(baseURL!, "seo-crud");
  const siteId = await siteOf(tenant);
  const bare = await (await tenant.api.post(`/api/v1/sites/${siteId}/content/`, { data: { title: "No SEO" } })).json();
  expect(bare).toMatchObject({ seo_title: null, seo_description: null, focus_keyword: null, canonical_url: null });

  const created = await tenant.api.post(`/api/v1/sites/${siteId}/content/`, {
    data: { title: "Tulips", ...seo, seo_title: `  ${seo.seo_title}  ` },
  });
  expect(created.status()).toBe(201);
  const item = await created.json();
  expect(item).toMatchObject(seo);
  const path = `/api/v1/content/${item.id}/`;
  expect(await (await tenant.api.get(path)).json()).toMatchObject(seo);

  // The GET answer sent back changes nothing; one SEO field changed changes only that one.
  const answer = await (await tenant.api.get(path)).json();
  const same = await tenant.api.patch(path, { data: answer });
  expect(same.status(), await same.text()).toBe(200);
  expect(await same.json()).toMatchObject({ ...seo, sync_state: "local" });
  const edited = await tenant.api.patch(path, { data: { ...answer, focus_keyword: "tulip bulbs" } });
  expect(await edited.json()).toMatchObject({ ...seo, focus_keyword: "tulip bulbs" });

  // "" and null clear a field; a field left out stays.
  const cleared = await tenant.api.patch(path, { data: { seo_description: "", canonical_url: null } });
  expect(await cleared.json()).toMatchObject({
    seo_title: seo.seo_title,
    seo_description: null,
    focus_keyword: "tulip bulbs",
    canonical_url: null,
  });
});

test("SEO fields: bad input is 422 naming the field, and nothing is stored", async ({ baseURL }) => {
  const tenant = await createTenant(baseURL!, "seo-bad");
  const siteId = await siteOf(tenant);
  const collection = `/api/v1/sites/${siteId}/content/`;
  const item = await (await tenant.api.post(collection, { data: { title: "Valid", ...seo } })).json();
  const one = `/api/v1/content/${item.id}/`;
  const notText = "must be a string or null";
  const max = (n: number) => `must be ${n} characters or less`;
  const absolute = "canonical_url: must be an absolute http:// or https:// URL, like https://example.com/my-post/";

  const cases: Array<[string, "POST" | "PATCH", string, Record<string, unknown>, string]> = [
    ["relative canonical", "POST", collection, { title: "x", canonical_url: "/tulips/" }, absolute],
    ["canonical without scheme", "POST", collection, { title: "x", canonical_url: "garden.example.com/a" }, absolute],
    ["ftp canonical", "PATCH", one, { canonical_url: "ftp://garden.example.com/a" }, absolute],
    ["javascript canonical", "PATCH", one, { canonical_url: "javascript:alert(1)" }, absolute],
    ["canonical with credentials", "PATCH", one, { canonical_url: "https://u:p@garden.example.com/" }, absolute],
    ["SEO title too long", "POST", collection, { title: "x", seo_title: "t".repeat(201) }, `seo_title: ${max(200)}`],
    ["description too long", "PATCH", one, { seo_description: "d".repeat(501) }, `seo_description: ${max(500)}`],
    ["keyword too long", "PATCH", one, { focus_keyword: "k".repeat(201) }, `focus_keyword: ${max(200)}`],
    ["SEO title a number", "PATCH", one, { seo_title: 60 }, `seo_title: ${notText}`],
    ["keyword a list", "POST", collection, { title: "x", focus_keyword: ["a"] }, `focus_keyword: ${notText}`],
  ];
  for (const [label, method, path, data, message] of cases) {
    const res = await tenant.api.fetch(path, { method, data });
    expect(res.status(), label).toBe(422);
    const { error } = await res.json();
    expect(error, label).toMatchObject({ code: "validation_error", message });
    expect(error.details?.[0]?.field, label).toBe(message.split(":")[0]);
  }
  // Nothing created, nothing changed.
  expect((await (await tenant.api.get(collection)).json()).count).toBe(1);
  expect(await (await tenant.api.get(one)).json()).toMatchObject(seo);
});
