import { expect, test } from "@playwright/test";
import { createTenant } from "../support/tenant";

/**
 * Client mistakes get a clear 4xx with the error shape and its exact code; never a 500. A method a
 * path does not have is answered 405 by Next.js itself, before any handler: no error envelope
 * (code null), which the case asserts too.
 */
test("bad input table", async ({ baseURL }) => {
  const { api } = await createTenant(baseURL!, "bad");
  const json = { "content-type": "application/json" };
  const cases: {
    name: string;
    method: string;
    path: string;
    body?: string;
    headers?: Record<string, string>;
    status: number;
    code: string | null;
    message?: RegExp;
  }[] = [
    {
      name: "malformed JSON",
      method: "POST",
      path: "/api/v1/sites/",
      body: "{bad",
      headers: json,
      status: 400,
      code: "invalid_json",
    },
    {
      name: "empty body",
      method: "POST",
      path: "/api/v1/sites/",
      body: "",
      headers: json,
      status: 400,
      code: "invalid_json",
    },
    {
      name: "JSON array",
      method: "POST",
      path: "/api/v1/sites/",
      body: "[]",
      headers: json,
      status: 422,
      code: "validation_error",
    },
    {
      name: "missing name",
      method: "POST",
      path: "/api/v1/sites/",
      body: JSON.stringify({ url: "https://x.com" }),
      headers: json,
      status: 422,
      code: "validation_error",
      message: /^name/,
    },
    {
      name: "bad url",
      method: "POST",
      path: "/api/v1/sites/",
      body: JSON.stringify({ name: "x", url: "javascript:alert(1)" }),
      headers: json,
      status: 422,
      code: "validation_error",
      message: /^url: must be a full http/,
    },
    {
      name: "url with credentials",
      method: "POST",
      path: "/api/v1/sites/",
      body: JSON.stringify({ name: "x", url: "https://u:p@x.com" }),
      headers: json,
      status: 422,
      code: "validation_error",
      message: /^url/,
    },
    {
      name: "wrong type",
      method: "POST",
      path: "/api/v1/sites/",
      body: JSON.stringify({ name: 42, url: "https://x.com" }),
      headers: json,
      status: 422,
      code: "validation_error",
      message: /^name/,
    },
    {
      name: "empty patch",
      method: "PATCH",
      path: "SITE",
      body: "{}",
      headers: json,
      status: 422,
      code: "validation_error",
    },
    {
      name: "body over 1 MB",
      method: "POST",
      path: "/api/v1/sites/",
      body: JSON.stringify({ name: "x".repeat(1_100_000), url: "https://x.com" }),
      headers: json,
      status: 413,
      code: "payload_too_large",
    },
    {
      name: "page_size not a number",
      method: "GET",
      path: "/api/v1/sites/?page_size=abc",
      status: 422,
      code: "validation_error",
      message: /^page_size/,
    },
    {
      name: "page 0",
      method: "GET",
      path: "/api/v1/sites/?page=0",
      status: 422,
      code: "validation_error",
      message: /^page/,
    },
    { name: "wrong method on a collection", method: "PUT", path: "/api/v1/sites/", status: 405, code: null },
    { name: "wrong method on an item", method: "POST", path: "SITE", status: 405, code: null },
    { name: "unknown endpoint", method: "GET", path: "/api/v1/nope/", status: 404, code: "not_found" },
    {
      name: "unknown endpoint (POST)",
      method: "POST",
      path: "/api/v1/nope/",
      body: "{}",
      headers: json,
      status: 404,
      code: "not_found",
    },
  ];
  const site = await (
    await api.post("/api/v1/sites/", { data: { name: "Target", url: "https://t.example.com" } })
  ).json();
  for (const c of cases) {
    const path = c.path === "SITE" ? `/api/v1/sites/${site.id}/` : c.path;
    const res = await api.fetch(path, {
      method: c.method,
      data: c.body === undefined ? undefined : Buffer.from(c.body),
      headers: c.headers,
      maxRedirects: 0,
    });
    expect(res.status(), c.name).toBe(c.status);
    if (c.code === null) {
      expect(res.headers()["content-type"] ?? "", c.name).not.toContain("application/json");
      continue;
    }
    const body = await res.json();
    expect(body.error.code, c.name).toBe(c.code);
    if (c.message) expect(body.error.message, c.name).toMatch(c.message);
  }
  expect(await (await api.get(`/api/v1/sites/${site.id}/`)).json()).toMatchObject({ name: "Target" });
});
