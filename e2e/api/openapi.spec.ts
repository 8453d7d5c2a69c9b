import { expect, test } from "@playwright/test";
import { createTenant } from "../support/tenant";
import { newApiContext } from "../support/openapi";

test("the OpenAPI document is public, cacheable and describes the API", async ({ baseURL }) => {
  const anonymous = await newApiContext({ baseURL });
  const res = await anonymous.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toContain("public");
  const document = await res.json();
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.components.securitySchemes)).toEqual(["session", "apiKey"]);
  expect(document.paths["/api/v1/sites/"].post.responses["201"].content["application/json"].schema).toEqual({
    $ref: "#/components/schemas/Site",
  });
  const operations = Object.values(document.paths as Record<string, object>).flatMap((item) => Object.keys(item));
  console.log(
    `[e2e] the OpenAPI document: ${Object.keys(document.paths).length} paths, ${operations.length} operations`,
  );
});

test("the webhook receiver refuses a delivery without a valid Standard Webhooks signature", async ({ baseURL }) => {
  const anonymous = await newApiContext({ baseURL });
  const path = `/api/v1/integration/webhook/wordpress/?integration=${crypto.randomUUID()}`;
  const data = { action: "post_updated", post_id: 1, site_url: "https://garden.example.com" };
  const unsigned = await anonymous.post(path, { data });
  expect(unsigned.status()).toBe(401);
  expect((await unsigned.json()).error.code).toBe("unauthorized");
  const headers = {
    "webhook-id": "msg_1",
    "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
    "webhook-signature": "v1,bm90IGEgc2lnbmF0dXJl",
  };
  expect((await anonymous.post(path, { data, headers })).status()).toBe(401);
});

test("the IGNY8 Connector plugin downloads as a zip", async ({ baseURL }) => {
  const { api } = await createTenant(baseURL!, "plugin");
  const res = await api.get("/api/v1/integration/plugin/");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/zip");
  expect((await res.body()).subarray(0, 2).toString()).toBe("PK");
});

test("a featured image is generated, stored and set on the item", async ({ baseURL }) => {
  const { api } = await createTenant(baseURL!, "featured");
  expect(
    (
      await api.put("/api/v1/settings/ai/", { data: { scope: "account", keys: { openai: "sk-test-good-key-1234" } } })
    ).status(),
  ).toBe(200);
  const site = await (
    await api.post("/api/v1/sites/", { data: { name: "Images", url: "https://images.example.com" } })
  ).json();
  const item = await (
    await api.post(`/api/v1/sites/${site.id}/content/`, { data: { title: "Matcha at home", excerpt: "Whisking tips" } })
  ).json();
  const res = await api.post(`/api/v1/content/${item.id}/generate_featured_image/`, { data: {} });
  expect(res.status()).toBe(201);
  const { image, content } = await res.json();
  expect(content.featured_image_url).toBe(image.url);
});
