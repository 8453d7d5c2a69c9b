/**
 * The writable routes of e2e/api/input-guard-*.spec.ts, each with a valid body and its fields that
 * take text: sites and content, and integrations (e2e/support/input-guard.ts adds the rest).
 */

export const someId = "0b6f6a2e-4c1e-4f7a-9d41-1f7a2c3b4d5e"; // no such resource: the input is refused before any lookup

export type Ids = { site: string; content: string };
export type Endpoint = {
  name: string;
  method: "POST" | "PUT" | "PATCH";
  path: (ids: Ids) => string;
  body: (ids: Ids) => Record<string, unknown>;
  text: string[];
};

export const contentBody = {
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
export const contentText = [
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
export const connection = {
  external_site_url: "https://wp.example.com",
  username: "admin",
  application_password: "abcd efgh ijkl mnop",
};
export const publishing = {
  auto_approval_enabled: false,
  auto_publish_enabled: false,
  daily_publish_limit: 3,
  weekly_publish_limit: 10,
  monthly_publish_limit: 30,
  publish_days: ["mon", "wed"],
  publish_time_slots: [{ start: "09:00", end: "12:00" }],
  timezone: "Europe/Berlin",
};

/** Sites and content. */
export const siteEndpoints: Endpoint[] = [
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
];

/** Integrations and syncs. */
export const integrationEndpoints: Endpoint[] = [
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
];
