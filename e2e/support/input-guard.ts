import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import { createTenant } from "./tenant";
import {
  integrationEndpoints,
  publishing,
  siteEndpoints,
  someId,
  type Endpoint,
  type Ids,
} from "./input-guard-endpoints";

/**
 * Hostile JSON in every writable body and every query: a NUL character (PostgreSQL cannot store
 * one; it was a 500), `__proto__` / `constructor` / `prototype` as keys and as identifier values
 * (a lookup on a plain object was a 500), and deep or large free-form JSON (a stack overflow).
 * Each is a 4xx naming the field, and nothing is stored.
 */

const json = { "content-type": "application/json" };

/** API keys, publishing settings, AI settings and calls, conflicts. */
const settingsEndpoints: Endpoint[] = [
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

/** Every route that takes a JSON body, with a valid body and its fields that take text. */
export const endpoints: Endpoint[] = [...siteEndpoints, ...integrationEndpoints, ...settingsEndpoints];

/** A copy of `body` with the value at `path` ("a.0.b") replaced. */
export function withValue(
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
export const withNul = (old: unknown) =>
  typeof old === "string" && old.length > 0 ? `${old.slice(0, 1)}\u0000${old.slice(1)}` : "x\u0000";

/** A JSON body whose first key is `key` (an object literal's `__proto__` would set the prototype instead). */
export const withFirstKey = (key: string, value: unknown, body: Record<string, unknown>) =>
  `{${JSON.stringify(key)}:${JSON.stringify(value)},${JSON.stringify(body).slice(1)}`;

export async function send(api: APIRequestContext, method: string, path: string, body: string) {
  return api.fetch(path, { method, data: Buffer.from(body), headers: json });
}

export async function expectRefused(res: APIResponse, label: string, field: string, problem: string) {
  expect(res.status(), label).toBe(422);
  const { error } = await res.json();
  expect(error.code, label).toBe("validation_error");
  expect(error.message, label).toBe(`${field}: ${problem}`);
  expect(error.details, label).toEqual([{ field, message: problem }]);
}

export async function setUp(baseURL: string, label: string) {
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
export async function snapshot(api: APIRequestContext, ids: Ids) {
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
