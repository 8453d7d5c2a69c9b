import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { createTenant } from "../support/tenant";

/**
 * Hostile JSON in every writable body and every query: a NUL character (PostgreSQL cannot store
 * one; it was a 500), `__proto__` / `constructor` / `prototype` as keys and as identifier values
 * (a lookup on a plain object was a 500), and deep or large free-form JSON (a stack overflow).
 * Each is a 4xx naming the field, and nothing is stored.
 */

const json = { "content-type": "application/json" };
const someId = "0b6f6a2e-4c1e-4f7a-9d41-1f7a2c3b4d5e"; // no such resource: the input is refused before any lookup

type Ids = { site: string; content: string };
type Endpoint = {
  name: string;
  method: "POST" | "PUT" | "PATCH";
  path: (ids: Ids) => string;
  body: (ids: Ids) => Record<string, unknown>;
  text: string[];
};

const contentBody = {
  title: "A post",
  content: "<p>Body</p>",
  excerpt: "Short",
  slug: "a-post",
  content_type: "post",
  status: "draft",
  categories: ["News"],
  tags: ["tips"],
  featured_image_url: "https://img.example.com/a.jpg",
  scheduled_at: "2030-01-31T09:00:00Z",
};
const contentText = [
  "title",
  "content",
  "excerpt",
  "slug",
  "content_type",
  "status",
  "categories.0",
  "tags.0",
  "featured_image_url",
  "scheduled_at",
];
const connection = {
  external_site_url: "https://wp.example.com",
  username: "admin",
  application_password: "abcd efgh ijkl mnop",
};
const publishing = {
  auto_approval_enabled: false,
  auto_publish_enabled: false,
  daily_publish_limit: 3,
  weekly_publish_limit: 10,
  monthly_publish_limit: 30,
  publish_days: ["mon", "wed"],
  publish_time_slots: [{ start: "09:00", end: "12:00" }],
  timezone: "Europe/Berlin",
};

/** Every route that takes a JSON body, with a valid body and its fields that take text. */
const endpoints: Endpoint[] = [
  {
    name: "create site",
    method: "POST",
    path: () => "/api/v1/sites/",
    body: () => ({ name: "Blog", url: "https://blog.example.com" }),
    text: ["name", "url"],
  },
  {
    name: "update site",
    method: "PATCH",
    path: (ids) => `/api/v1/sites/${ids.site}/`,
    body: () => ({ name: "Blog", url: "https://blog.example.com" }),
    text: ["name", "url"],
  },
  {
    name: "create content",
    method: "POST",
    path: (ids) => `/api/v1/sites/${ids.site}/content/`,
    body: () => contentBody,
    text: contentText,
  },
  {
    name: "update content",
    method: "PATCH",
    path: (ids) => `/api/v1/content/${ids.content}/`,
    body: () => contentBody,
    text: contentText,
  },
  {
    name: "bulk content",
    method: "POST",
    path: () => "/api/v1/content/bulk/",
    body: (ids) => ({ action: "approve", ids: [ids.content] }),
    text: ["action", "ids.0"],
  },
  {
    name: "featured image",
    method: "POST",
    path: (ids) => `/api/v1/content/${ids.content}/generate_featured_image/`,
    body: () => ({ prompt: "A cat", provider: "openai" }),
    text: ["prompt", "provider"],
  },
  {
    name: "create integration",
    method: "POST",
    path: () => "/api/v1/integration/",
    body: (ids) => ({
      site_id: ids.site,
      platform: "wordpress",
      ...connection,
      config_json: { note: "n", post_types: ["product"] },
    }),
    text: [
      "site_id",
      "platform",
      "external_site_url",
      "username",
      "application_password",
      "config_json.note",
      "config_json.post_types.0",
    ],
  },
  {
    name: "replace integration",
    method: "PUT",
    path: () => `/api/v1/integration/${someId}/`,
    body: () => ({ ...connection, config_json: { note: "n" } }),
    text: ["external_site_url", "username", "application_password", "config_json.note"],
  },
  {
    name: "update integration",
    method: "PATCH",
    path: () => `/api/v1/integration/${someId}/`,
    body: () => ({ ...connection, config_json: { note: "n" } }),
    text: ["external_site_url", "username", "application_password", "config_json.note"],
  },
  {
    name: "test connection",
    method: "POST",
    path: () => "/api/v1/integration/test_connection/",
    body: () => connection,
    text: ["external_site_url", "username", "application_password"],
  },
  {
    name: "one-click connect",
    method: "POST",
    path: () => "/api/v1/integration/authorize/",
    body: (ids) => ({ site_id: ids.site, external_site_url: "https://wp.example.com" }),
    text: ["site_id", "external_site_url"],
  },
  {
    name: "test collection",
    method: "POST",
    path: () => `/api/v1/integration/${someId}/test_collection_connection/`,
    body: () => ({ content_type: "post" }),
    text: ["content_type"],
  },
  {
    name: "conflict policy",
    method: "PATCH",
    path: () => `/api/v1/integration/${someId}/conflict_policy/`,
    body: () => ({ policy: "manual" }),
    text: ["policy"],
  },
  {
    name: "sync schedule",
    method: "PATCH",
    path: () => `/api/v1/integration/${someId}/sync_schedule/`,
    body: () => ({ interval_minutes: 60 }),
    text: ["interval_minutes"],
  },
  {
    name: "start sync",
    method: "POST",
    path: () => `/api/v1/integration/${someId}/sync/`,
    body: (ids) => ({ direction: "pull", content_ids: [ids.content] }),
    text: ["direction", "content_ids.0"],
  },
  {
    name: "site sync",
    method: "POST",
    path: () => "/api/v1/integration/site_sync/",
    body: (ids) => ({ site_id: ids.site, direction: "both" }),
    text: ["site_id", "direction"],
  },
  {
    name: "create API key",
    method: "POST",
    path: () => "/api/v1/api-keys/",
    body: () => ({ name: "ci" }),
    text: ["name"],
  },
  {
    name: "replace publishing settings",
    method: "PUT",
    path: (ids) => `/api/v1/sites/${ids.site}/publishing_settings/`,
    body: () => publishing,
    text: ["publish_days.0", "publish_time_slots.0.start", "publish_time_slots.0.end", "timezone"],
  },
  {
    name: "update publishing settings",
    method: "PATCH",
    path: (ids) => `/api/v1/sites/${ids.site}/publishing_settings/`,
    body: () => ({ publish_days: ["fri"], timezone: "UTC" }),
    text: ["publish_days.0", "timezone"],
  },
  {
    name: "AI settings",
    method: "PUT",
    path: () => "/api/v1/settings/ai/",
    body: () => ({
      scope: "account",
      keys: { openai: "sk-test-good-key-1234" },
      default_text_model: "gpt-4o-mini",
      default_image_model: "dall-e-3",
      default_image_provider: "openai",
    }),
    text: ["scope", "keys.openai", "default_text_model", "default_image_model", "default_image_provider"],
  },
  {
    name: "AI key test",
    method: "POST",
    path: () => "/api/v1/settings/ai/test/",
    body: () => ({ provider: "openai", api_key: "sk-test-good-key-1234", scope: "account" }),
    text: ["provider", "api_key", "scope"],
  },
  {
    name: "AI cost",
    method: "POST",
    path: () => "/api/v1/ai/cost/",
    body: () => ({ model: "dall-e-3", size: "1024x1024", quality: "standard" }),
    text: ["model", "size", "quality"],
  },
  {
    name: "generate text",
    method: "POST",
    path: () => "/api/v1/ai/generate/text/",
    body: () => ({ prompt: "Hi", system: "Be brief", model: "gpt-4o-mini" }),
    text: ["prompt", "system", "model"],
  },
  {
    name: "generate image",
    method: "POST",
    path: () => "/api/v1/ai/generate/image/",
    body: () => ({ prompt: "A cat", provider: "openai", model: "dall-e-3", size: "1024x1024", quality: "standard" }),
    text: ["prompt", "provider", "model", "size", "quality"],
  },
  {
    name: "model prices",
    method: "PATCH",
    path: () => "/api/v1/ai/models/dall-e-3/",
    body: () => ({ source: "pricing page", image_prices: { "1024x1024": { standard: "0.04" } } }),
    text: ["source", "image_prices.1024x1024.standard"],
  },
  {
    name: "resolve conflict",
    method: "POST",
    path: () => `/api/v1/conflicts/${someId}/resolve/`,
    body: () => ({
      choice: "merged",
      merged: {
        title: "T",
        excerpt: "E",
        slug: "s",
        content: "C",
        categories: ["c"],
        tags: ["t"],
        featured_image_url: "https://img.example.com/a.jpg",
      },
    }),
    text: [
      "choice",
      "merged.title",
      "merged.excerpt",
      "merged.slug",
      "merged.content",
      "merged.categories.0",
      "merged.tags.0",
      "merged.featured_image_url",
    ],
  },
];

/** A copy of `body` with the value at `path` ("a.0.b") replaced. */
function withValue(
  body: Record<string, unknown>,
  path: string,
  replace: (old: unknown) => unknown,
): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split(".");
  let target = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  target[last] = replace(target[last]);
  return copy;
}

/** A NUL character inside the field's text (or as the field, where it takes no text). */
const withNul = (old: unknown) =>
  typeof old === "string" && old.length > 0 ? `${old.slice(0, 1)}\u0000${old.slice(1)}` : "x\u0000";

/** A JSON body whose first key is `key` (an object literal's `__proto__` would set the prototype instead). */
const withFirstKey = (key: string, value: unknown, body: Record<string, unknown>) =>
  `{${JSON.stringify(key)}:${JSON.stringify(value)},${JSON.stringify(body).slice(1)}`;

async function send(api: APIRequestContext, method: string, path: string, body: string) {
  return api.fetch(path, { method, data: Buffer.from(body), headers: json });
}

async function expectRefused(res: APIResponse, label: string, field: string, problem: string) {
  expect(res.status(), label).toBe(422);
  const { error } = await res.json();
  expect(error.code, label).toBe("validation_error");
  expect(error.message, label).toBe(`${field}: ${problem}`);
  expect(error.details, label).toEqual([{ field, message: problem }]);
}

async function setUp(baseURL: string, label: string) {
  const tenant = await createTenant(baseURL, label);
  const site = await (
    await tenant.api.post("/api/v1/sites/", { data: { name: "Target", url: "https://t.example.com" } })
  ).json();
  const content = await (
    await tenant.api.post(`/api/v1/sites/${site.id}/content/`, { data: { title: "Kept" } })
  ).json();
  expect(content.id).toBeTruthy();
  return { ...tenant, ids: { site: site.id as string, content: content.id as string } };
}

/** What the tenant has, to show a refused request stored nothing. */
async function snapshot(api: APIRequestContext, ids: Ids) {
  const get = async (path: string) => (await api.get(path)).json();
  return {
    sites: await get("/api/v1/sites/"),
    site: await get(`/api/v1/sites/${ids.site}/`),
    content: await get(`/api/v1/sites/${ids.site}/content/`),
    item: await get(`/api/v1/content/${ids.content}/`),
    keys: (await get("/api/v1/api-keys/")).count,
    integrations: (await get("/api/v1/integration/")).count,
    publishing: await get(`/api/v1/sites/${ids.site}/publishing_settings/`),
    ai: await get("/api/v1/settings/ai/"),
  };
}

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

test("nesting and size limits: 10,000 levels anywhere, config_json deeper than 8 levels or over 64 KB", async ({
  baseURL,
}) => {
  const { api, ids } = await setUp(baseURL!, "nesting");
  const before = await snapshot(api, ids);
  const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
  const integration = (config: string) =>
    `{"site_id":"${ids.site}","external_site_url":"https://wp.example.com","username":"a","application_password":"p","config_json":${config}}`;
  const tooDeep = (levels: number) => `is nested more than ${levels} levels deep; send flatter JSON`;

  // The whole body: 32 levels, wherever the value sits.
  await expectRefused(
    await send(api, "POST", "/api/v1/integration/", integration(deep(10_000))),
    "config_json 10,000 levels",
    `config_json${".a".repeat(31)}`,
    tooDeep(32),
  );
  await expectRefused(
    await send(api, "PATCH", `/api/v1/integration/${someId}/`, `{"config_json":${deep(10_000)}}`),
    "PATCH 10,000 levels",
    `config_json${".a".repeat(31)}`,
    tooDeep(32),
  );
  await expectRefused(
    await send(api, "POST", "/api/v1/sites/", `{"name":${"[".repeat(10_000)}${"]".repeat(10_000)}}`),
    "site name 10,000 levels",
    `name${".0".repeat(31)}`,
    tooDeep(32),
  );
  await expectRefused(
    await send(api, "PUT", "/api/v1/settings/ai/", deep(10_000)),
    "settings 10,000 levels",
    Array(32).fill("a").join("."),
    tooDeep(32),
  );

  // config_json itself: 8 levels and 64 KB.
  await expectRefused(
    await send(api, "POST", "/api/v1/integration/", integration(deep(9))),
    "config_json 9 levels",
    `config_json${".a".repeat(8)}`,
    tooDeep(8),
  );
  const big = JSON.stringify({ note: "x".repeat(70 * 1024) });
  await expectRefused(
    await send(
      api,
      "PUT",
      `/api/v1/integration/${someId}/`,
      JSON.stringify({ ...connection, config_json: JSON.parse(big) }),
    ),
    "config_json 70 KB",
    "config_json",
    "is 71 KB as JSON; it must be 64 KB or less",
  );
  await expectRefused(
    await send(api, "POST", "/api/v1/integration/", integration('"text"')),
    "config_json not an object",
    "config_json",
    "must be a JSON object",
  );

  // image_prices: a bounded table.
  const sizes = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`${100 + i}x100`, { standard: "0.01" }]));
  await expectRefused(
    await send(api, "PATCH", "/api/v1/ai/models/dall-e-3/", JSON.stringify({ source: "s", image_prices: sizes })),
    "image_prices 51 sizes",
    "image_prices",
    "must have 50 sizes or fewer",
  );
  expect(await snapshot(api, ids)).toEqual(before);
});

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
