import { expect, test } from "@playwright/test";
import { createTenant } from "../support/tenant";
import { checkAnswers, newApiContext } from "../support/openapi";

test("health reports the database and current migrations", async ({ request }) => {
  const res = await checkAnswers(request).get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({
    status: "ok",
    database: process.env.DATABASE_URL ? "postgres" : "embedded",
    migrations: "current",
  });
});

test("sites: create, list, read, update, delete; trailing slash optional, no redirect", async ({ baseURL }) => {
  const { api } = await createTenant(baseURL!, "sites");
  const created = await api.post("/api/v1/sites/", { data: { name: "Blog", url: "https://blog.example.com/" } });
  expect(created.status()).toBe(201);
  const site = await created.json();
  expect(site).toMatchObject({ name: "Blog", url: "https://blog.example.com", has_wp_api_key: false });

  for (const path of ["/api/v1/sites/", "/api/v1/sites"]) {
    const res = await api.get(path, { maxRedirects: 0 });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ count: 1, next: null, previous: null, results: [{ id: site.id }] });
  }
  expect((await api.get(`/api/v1/sites/${site.id}`, { maxRedirects: 0 })).status()).toBe(200);
  const patched = await api.patch(`/api/v1/sites/${site.id}/`, { data: { name: "Renamed" } });
  expect(await patched.json()).toMatchObject({ name: "Renamed", url: "https://blog.example.com" });
  expect((await api.delete(`/api/v1/sites/${site.id}/`)).status()).toBe(204);
  expect((await api.get(`/api/v1/sites/${site.id}/`)).status()).toBe(404);
});

test("lists paginate with page and page_size", async ({ baseURL }) => {
  const { api } = await createTenant(baseURL!, "pages");
  for (let i = 0; i < 3; i++)
    await api.post("/api/v1/sites/", { data: { name: `S${i}`, url: `https://s${i}.example.com` } });
  const first = await (await api.get("/api/v1/sites/?page_size=2")).json();
  expect(first.count).toBe(3);
  expect(first.results).toHaveLength(2);
  expect(first.next).toContain("page=2");
  expect(first.previous).toBeNull();
  const second = await (await api.get(first.next)).json();
  expect(second.results).toHaveLength(1);
  expect(second.next).toBeNull();
  expect((await api.get("/api/v1/sites/?page_size=101")).status()).toBe(422);
});

test("API keys: shown once, listed without the key, revoked keys stop working", async ({ baseURL }) => {
  const { api } = await createTenant(baseURL!, "keys");
  const res = await api.post("/api/v1/api-keys/", { data: { name: "script" } });
  expect(res.status()).toBe(201);
  const { id, key } = await res.json();
  expect(key).toMatch(/^igny8_/);
  const listed = await (await api.get("/api/v1/api-keys/")).text();
  expect(listed).not.toContain(key);
  expect(listed).toContain("script");

  const script = await newApiContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
  expect((await script.get("/api/v1/sites/")).status()).toBe(200);
  expect((await api.delete(`/api/v1/api-keys/${id}/`)).status()).toBe(204);
  expect((await script.get("/api/v1/sites/")).status()).toBe(401);
});

test("sign-in is rate limited per address; a forged X-Forwarded-For does not reset it", async ({ baseURL }) => {
  const { email } = await createTenant(baseURL!, "limit");
  const ctx = await newApiContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    const res = await ctx.post("/api/auth/sign-in/email", {
      data: { email, password: "wrong password!" },
      headers: { "x-forwarded-for": `10.0.0.${i}` },
    });
    statuses.push(res.status());
  }
  expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
  expect(statuses.slice(10)).toEqual([429, 429]);
  const limited = await ctx.post("/api/auth/sign-in/email", {
    data: { email, password: "correct horse battery" },
    headers: { "x-forwarded-for": "10.9.9.9" },
  });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
});
