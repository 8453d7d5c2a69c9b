import { expect, test } from "@playwright/test";
import { connection, publishing, someId, type Endpoint } from "../support/input-guard-endpoints";
import {
  endpoints,
  expectRefused,
  send,
  setUp,
  snapshot,
  withFirstKey,
  withNul,
  withValue,
} from "../support/input-guard";

// Hostile JSON in every writable body (e2e/support/input-guard.ts): NUL characters, reserved names
// as keys and as identifier values. Queries, nesting and size: input-guard-queries and -limits.

test("a NUL character in any text field of any writable resource is a 422 naming the field; nothing is stored", async ({
  baseURL,
}) => {
  const { api, ids } = await setUp(baseURL!, "nul");
  const before = await snapshot(api, ids);
  const problem = "contains a NUL character (\\u0000); remove it";
  for (const endpoint of endpoints) {
    for (const field of endpoint.text) {
      const body = withValue(endpoint.body(ids), field, withNul);
      await expectRefused(
        await send(api, endpoint.method, endpoint.path(ids), JSON.stringify(body)),
        `${endpoint.name}: ${field}`,
        field,
        problem,
      );
    }
  }
  // In a key, too (config_json is free-form).
  const res = await send(
    api,
    "POST",
    "/api/v1/integration/",
    JSON.stringify({ site_id: ids.site, ...connection, config_json: { "k\u0000": 1 } }),
  );
  await expectRefused(res, "key with a NUL", "config_json", `has a key that ${problem}`);
  expect(await snapshot(api, ids)).toEqual(before);
});

test("__proto__, constructor and prototype as keys are a 422 naming the key, in every body and at any depth", async ({
  baseURL,
}) => {
  const { api, ids } = await setUp(baseURL!, "keys");
  const before = await snapshot(api, ids);
  const problem = "is a reserved name (__proto__, constructor, prototype) and cannot be a key; rename it";
  for (const endpoint of endpoints) {
    for (const key of ["__proto__", "constructor", "prototype"]) {
      const res = await send(
        api,
        endpoint.method,
        endpoint.path(ids),
        withFirstKey(key, { polluted: true }, endpoint.body(ids)),
      );
      await expectRefused(res, `${endpoint.name}: ${key}`, key, problem);
    }
  }
  const nested: [string, string, string, string][] = [
    [
      "POST",
      "/api/v1/integration/",
      `{"site_id":"${ids.site}","external_site_url":"https://wp.example.com","username":"a","application_password":"p","config_json":{"a":[{"__proto__":{"x":1}}]}}`,
      "config_json.a.0.__proto__",
    ],
    [
      "PUT",
      "/api/v1/settings/ai/",
      `{"scope":"account","keys":{"constructor":"sk-test-good-key-1234"}}`,
      "keys.constructor",
    ],
    [
      "PATCH",
      "/api/v1/ai/models/dall-e-3/",
      `{"source":"s","image_prices":{"1024x1024":{"__proto__":"0.04"}}}`,
      "image_prices.1024x1024.__proto__",
    ],
    [
      "PUT",
      `/api/v1/sites/${ids.site}/publishing_settings/`,
      JSON.stringify({ ...publishing, publish_time_slots: [{ start: "09:00", end: "10:00", prototype: 1 }] }),
      "publish_time_slots.0.prototype",
    ],
    [
      "POST",
      `/api/v1/conflicts/${someId}/resolve/`,
      `{"choice":"merged","merged":{"constructor":{"name":"x"}}}`,
      "merged.constructor",
    ],
  ];
  for (const [method, path, body, field] of nested)
    await expectRefused(await send(api, method, path, body), field, field, problem);
  expect(await snapshot(api, ids)).toEqual(before);
});

test("__proto__ and constructor as identifier values are a clear 4xx, never a 500", async ({ baseURL }) => {
  const { api, ids } = await setUp(baseURL!, "values");
  const before = await snapshot(api, ids);
  // [route, body builder, field]; the body is valid apart from `field`.
  const cases: [Endpoint, string][] = [];
  const named = (name: string) => endpoints.find((e) => e.name === name)!;
  for (const field of ["content_type", "status"])
    cases.push([named("create content"), field], [named("update content"), field]);
  cases.push(
    [named("bulk content"), "action"],
    [named("bulk content"), "ids.0"],
    [named("featured image"), "provider"],
    [named("create integration"), "platform"],
    [named("create integration"), "site_id"],
    [named("test collection"), "content_type"],
    [named("conflict policy"), "policy"],
    [named("start sync"), "direction"],
    [named("site sync"), "direction"],
    [named("replace publishing settings"), "publish_days.0"],
    [named("replace publishing settings"), "timezone"],
    [named("AI settings"), "scope"],
    [named("AI settings"), "default_text_model"],
    [named("AI settings"), "default_image_model"],
    [named("AI settings"), "default_image_provider"],
    [named("AI key test"), "provider"],
    [named("AI key test"), "scope"],
    [named("AI cost"), "model"],
    [named("AI cost"), "quality"],
    [named("generate text"), "model"],
    [named("generate image"), "provider"],
    [named("generate image"), "model"],
    [named("resolve conflict"), "choice"],
  );
  for (const value of ["__proto__", "constructor", "prototype"]) {
    for (const [endpoint, field] of cases) {
      const label = `${endpoint.name}: ${field} = ${value}`;
      const res = await send(
        api,
        endpoint.method,
        endpoint.path(ids),
        JSON.stringify(withValue(endpoint.body(ids), field, () => value)),
      );
      expect(res.status(), label).toBe(422);
      const { error } = await res.json();
      expect(["validation_error", "unknown_model"], label).toContain(error.code);
      expect(error.message, label).toMatch(new RegExp(`^${field.replace(/\./g, "\\.")}: |${value}`));
    }
    // A slug is a name, not a lookup key: "constructor" is a fine slug, "__proto__" is not a slug at all.
    const slug = await api.post(`/api/v1/sites/${ids.site}/content/`, { data: { title: "Slugs", slug: value } });
    if (value === "__proto__") expect(slug.status()).toBe(422);
    else {
      expect(slug.status()).toBe(201);
      const item = await slug.json();
      expect(item.slug).toBe(value);
      expect((await api.delete(`/api/v1/content/${item.id}/`)).status()).toBe(204);
    }
    for (const path of [`/api/v1/ai/models/${value}/`, `/api/v1/ai/models/${value}/history/`]) {
      const res = await api.get(path);
      expect(res.status(), path).toBe(404);
      expect((await res.json()).error.code, path).toBe("not_found");
    }
  }
  expect(await snapshot(api, ids)).toEqual(before);
});
