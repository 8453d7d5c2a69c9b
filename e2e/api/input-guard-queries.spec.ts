import { expect, test } from "@playwright/test";
import { someId } from "../support/input-guard-endpoints";
import { expectRefused, setUp } from "../support/input-guard";

test("queries: reserved names as keys or identifier values, and NUL characters, are a 422 naming the parameter", async ({
  baseURL,
}) => {
  const { api, ids } = await setUp(baseURL!, "query");
  const lists = [
    "/api/v1/sites/",
    `/api/v1/sites/${ids.site}/content/`,
    "/api/v1/integration/",
    `/api/v1/integration/${someId}/sync_events/`,
    `/api/v1/integration/${someId}/sync_runs/`,
    `/api/v1/integration/${someId}/conflicts/`,
    `/api/v1/sites/${ids.site}/publishing_schedule/`,
    "/api/v1/api-keys/",
    "/api/v1/ai/models/",
    "/api/v1/ai/models/dall-e-3/history/",
    "/api/v1/ai/usage/",
  ];
  for (const path of lists) {
    for (const key of ["constructor", "prototype"]) {
      const res = await api.get(`${path}?${key}=1`);
      await expectRefused(
        res,
        `${path} ?${key}`,
        key,
        "is a reserved name (__proto__, constructor, prototype) and cannot be a key; rename it",
      );
    }
    // Next.js drops a `__proto__` query key before any route runs: it copies the query into a plain
    // `{}` (searchParamsToUrlQuery), where assigning `__proto__` a string sets nothing, and rebuilds
    // the URL from that. The route sees the request as if the key were not there.
    const plain = await api.get(path);
    const withProto = await api.get(`${path}?__proto__=1`);
    expect(withProto.status(), `${path} ?__proto__`).toBe(plain.status());
    await expectRefused(
      await api.get(`${path}?page=1%00`),
      `${path} NUL`,
      "page",
      "contains a NUL character (\\u0000); remove it",
    );
  }
  const values: [string, string][] = [
    [`/api/v1/sites/${ids.site}/content/`, "status"],
    [`/api/v1/sites/${ids.site}/content/`, "content_type"],
    ["/api/v1/integration/", "site_id"],
    [`/api/v1/integration/${someId}/sync_events/`, "status"],
    [`/api/v1/integration/${someId}/sync_events/`, "direction"],
    [`/api/v1/integration/${someId}/sync_events/`, "event_type"],
    [`/api/v1/integration/${someId}/sync_events/`, "run_id"],
    [`/api/v1/integration/${someId}/conflicts/`, "status"],
    ["/api/v1/ai/models/", "type"],
    ["/api/v1/ai/models/", "provider"],
    ["/api/v1/ai/models/", "include_inactive"],
    ["/api/v1/ai/usage/", "month"],
  ];
  for (const value of ["__proto__", "constructor"]) {
    for (const [path, field] of values) {
      const res = await api.get(`${path}?${field}=${value}`);
      expect(res.status(), `${path}?${field}=${value}`).toBe(422);
      expect((await res.json()).error.message).toMatch(new RegExp(`^${field}: `));
    }
  }
  // Free text may say anything: a search for "constructor" is a search.
  expect((await api.get(`/api/v1/sites/${ids.site}/content/?search=constructor`)).status()).toBe(200);
});
