import { expect, test, type APIRequestContext } from "@playwright/test";
import { createTenant, type Tenant } from "../support/tenant";
import { uniqueName, wpRest, type WordPressTestSite } from "../../test/support/wordpress";

/**
 * A script reads a resource, changes one field and writes the whole answer back: for every
 * resource with a PUT or PATCH, its GET answer sent back is accepted (read-only fields ignored,
 * whatever their value), changes exactly what was changed, and a field the resource does not
 * have is still 422 naming it.
 */
type Json = Record<string, unknown>;
type RoundTrip = {
  method: "PUT" | "PATCH";
  path: string;
  /** The answer with one writable field changed. */
  change: (answer: Json) => Json;
  /** What GET answers after that change (by default: exactly the changed answer). */
  expected?: (answer: Json) => Json;
  /** Read-only fields sent back with other values; they must be ignored. */
  readOnly?: Json;
  /** Fields a write moves by itself (updated_at). */
  volatile?: string[];
};

const without = (value: Json, keys: string[]) =>
  Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));

async function getJson(api: APIRequestContext, path: string): Promise<Json> {
  const res = await api.get(path);
  expect(res.status(), `GET ${path}`).toBe(200);
  return res.json();
}

async function expectRoundTrip(api: APIRequestContext, c: RoundTrip) {
  const volatile = c.volatile ?? ["updated_at"];
  const write = (data: unknown) => api.fetch(c.path, { method: c.method, data });
  const answer = await getJson(api, c.path);

  const same = await write(answer);
  expect(same.status(), `${c.method} ${c.path} with its own GET answer: ${await same.text()}`).toBe(200);
  const unchanged = await getJson(api, c.path);
  expect(without(unchanged, volatile), "nothing changed").toEqual(without(answer, volatile));

  if (c.readOnly) {
    const ignored = await write({ ...unchanged, ...c.readOnly });
    expect(ignored.status(), `read-only fields with other values: ${await ignored.text()}`).toBe(200);
    expect(without(await getJson(api, c.path), volatile), "read-only fields are ignored").toEqual(
      without(answer, volatile),
    );
  }

  const changed = c.change(structuredClone(unchanged));
  const edit = await write(changed);
  expect(edit.status(), `one field changed: ${await edit.text()}`).toBe(200);
  const after = await getJson(api, c.path);
  expect(without(after, volatile), "only that field changed").toEqual(
    without((c.expected ?? ((x) => x))(changed), volatile),
  );

  const unknown = await write({ ...after, colour: "red" });
  expect(unknown.status()).toBe(422);
  expect((await unknown.json()).error).toMatchObject({
    code: "validation_error",
    message: "body: unknown field: colour",
  });
  expect(await getJson(api, c.path), "a refused write changes nothing").toEqual(after);
}

/** A tenant that is certainly not the install's first user (who becomes a system admin). */
async function ordinaryTenant(baseURL: string, label: string): Promise<Tenant> {
  await createTenant(baseURL, `${label}-before`);
  return createTenant(baseURL, label);
}

async function createSite(api: APIRequestContext, url = "https://round-trip.example.com") {
  const res = await api.post("/api/v1/sites/", { data: { name: uniqueName("Round trip"), url } });
  expect(res.status()).toBe(201);
  return (await res.json()).id as string;
}

test("site: PATCH takes back its GET answer", async ({ baseURL }) => {
  const { api } = await createTenant(baseURL!, "rt-site");
  const siteId = await createSite(api);
  await expectRoundTrip(api, {
    method: "PATCH",
    path: `/api/v1/sites/${siteId}/`,
    change: (site) => ({ ...site, name: "Renamed by a script" }),
    readOnly: {
      id: crypto.randomUUID(),
      wp_username: "someone",
      has_wp_api_key: true,
      created_at: "2000-01-01T00:00:00.000Z",
    },
  });
});

test("content: PATCH takes back its GET answer", async ({ baseURL }) => {
  const { api } = await createTenant(baseURL!, "rt-content");
  const siteId = await createSite(api);
  const created = await api.post(`/api/v1/sites/${siteId}/content/`, {
    data: {
      title: "Round trip",
      content: "<p>Hi</p>",
      categories: ["Travel"],
      tags: ["lisbon", "food"],
      status: "scheduled",
      scheduled_at: "2031-03-01T08:00:00+01:00",
    },
  });
  expect(created.status()).toBe(201);
  await expectRoundTrip(api, {
    method: "PATCH",
    path: `/api/v1/content/${(await created.json()).id}/`,
    change: (item) => ({ ...item, title: "Round trip, retitled" }),
    readOnly: {
      site_id: crypto.randomUUID(),
      sync_state: "synced",
      wordpress_id: 1,
      approved_at: "2000-01-01T00:00:00.000Z",
      last_sync_event: null,
    },
  });
});

test("publishing settings: PUT and PATCH take back their GET answer", async ({ baseURL }) => {
  const { api } = await createTenant(baseURL!, "rt-publishing");
  const path = `/api/v1/sites/${await createSite(api)}/publishing_settings/`;
  await expectRoundTrip(api, {
    method: "PUT",
    path,
    change: (settings) => ({ ...settings, daily_publish_limit: 7 }),
    readOnly: { site_id: crypto.randomUUID(), updated_at: "2000-01-01T00:00:00.000Z" },
  });
  await expectRoundTrip(api, {
    method: "PATCH",
    path,
    change: (settings) => ({ ...settings, publish_days: ["tue", "thu"] }),
  });
});

test("AI settings: PUT takes back its GET answer; another level's defaults stay the admin's", async ({ baseURL }) => {
  const { api } = await ordinaryTenant(baseURL!, "rt-ai");
  const path = "/api/v1/settings/ai/";
  await expectRoundTrip(api, {
    method: "PUT",
    path,
    change: (settings) => ({
      ...settings,
      account_defaults: { ...(settings.account_defaults as Json), default_text_model: "claude-3-5-sonnet" },
    }),
    // The default in force follows the account's own.
    expected: (settings) => ({
      ...settings,
      defaults: { ...(settings.defaults as Json), text_model: { value: "claude-3-5-sonnet", source: "account" } },
    }),
    readOnly: { permissions: { edit_account: true, edit_global: true }, defaults: {}, providers: {} },
    volatile: [],
  });

  const answer = await getJson(api, path);
  const global = answer.global_defaults as Json;
  const hijack = await api.put(path, {
    data: { ...answer, global_defaults: { ...global, default_text_model: "gpt-4o" } },
  });
  expect(hijack.status()).toBe(403);
  expect((await hijack.json()).error.code).toBe("forbidden");
  const twice = await api.put(path, { data: { ...answer, scope: "account", default_text_model: "gpt-4o" } });
  expect(twice.status()).toBe(422);
  expect((await twice.json()).error.message).toBe(
    "account_defaults.default_text_model: differs from default_text_model; send one of them",
  );
  expect(await getJson(api, path)).toEqual(answer);
});

const wp: WordPressTestSite | undefined =
  process.env.WP_TEST_URL && process.env.WP_TEST_USERNAME && process.env.WP_TEST_APP_PASSWORD
    ? {
        url: process.env.WP_TEST_URL.replace(/\/+$/, ""),
        username: process.env.WP_TEST_USERNAME,
        applicationPassword: process.env.WP_TEST_APP_PASSWORD,
      }
    : undefined;
if (!wp)
  console.log(
    "Skipping the round trips of integrations, conflict policies, sync schedules and published content: set WP_TEST_URL, WP_TEST_USERNAME and WP_TEST_APP_PASSWORD.",
  );

test.describe("round trips of what needs a connected WordPress", () => {
  test.skip(!wp, "WP_TEST_URL is not set");
  test.setTimeout(120_000);
  const site = wp!;

  async function connected(api: APIRequestContext) {
    const siteId = await createSite(api, site.url);
    const res = await api.post("/api/v1/integration/", {
      data: {
        site_id: siteId,
        platform: "wordpress",
        external_site_url: site.url,
        username: site.username,
        application_password: site.applicationPassword,
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    return { siteId, integrationId: (await res.json()).id as string };
  }

  test("integration: PUT and PATCH take back its GET answer (credentials facts and state are read-only)", async ({
    baseURL,
  }) => {
    const { api } = await createTenant(baseURL!, "rt-integration");
    const { integrationId } = await connected(api);
    const path = `/api/v1/integration/${integrationId}/`;
    const readOnly = {
      site_id: crypto.randomUUID(),
      site_name: "Another",
      platform: "ghost",
      connection_status: "error",
      sync_status: "syncing",
      credentials: { username: site.username, has_password: false, password_last4: "0000" },
      created_at: "2000-01-01T00:00:00.000Z",
    };
    await expectRoundTrip(api, {
      method: "PUT",
      path,
      change: (i) => ({ ...i, sync_enabled: !i.sync_enabled }),
      readOnly,
    });
    await expectRoundTrip(api, {
      method: "PATCH",
      path,
      change: (i) => ({ ...i, config_json: { note: "set by a script" } }),
      readOnly,
    });
    expect((await api.delete(path)).status()).toBe(204);
  });

  test("conflict policy and sync schedule: PATCH takes back their GET answer", async ({ baseURL }) => {
    const { api } = await createTenant(baseURL!, "rt-policy");
    const { integrationId } = await connected(api);
    const base = `/api/v1/integration/${integrationId}`;
    await expectRoundTrip(api, {
      method: "PATCH",
      path: `${base}/conflict_policy/`,
      change: (p) => ({ ...p, policy: "newest_wins" }),
      readOnly: { integration_id: crypto.randomUUID(), open_conflicts: 12 },
    });

    const schedule = `${base}/sync_schedule/`;
    expect((await api.patch(schedule, { data: { interval_minutes: 30 } })).status()).toBe(200);
    const before = Date.now();
    // Sent back unchanged, the interval keeps its next run; a new interval counts from now.
    await expectRoundTrip(api, {
      method: "PATCH",
      path: schedule,
      change: (s) => ({ ...s, interval_minutes: 60 }),
      expected: (s) => ({ ...s, next_run_at: expect.any(String) }),
      readOnly: {
        integration_id: crypto.randomUUID(),
        next_run_at: "2000-01-01T00:00:00.000Z",
        consecutive_failures: 9,
      },
      volatile: [],
    });
    const next = Date.parse((await getJson(api, schedule)).next_run_at as string);
    expect(Math.abs(next - (before + 60 * 60_000))).toBeLessThan(60_000);
    expect((await api.delete(`${base}/`)).status()).toBe(204);
  });

  test("published content: PATCH takes back its GET answer (status published included)", async ({ baseURL }) => {
    const { api } = await createTenant(baseURL!, "rt-published");
    const { siteId, integrationId } = await connected(api);
    const item = await (
      await api.post(`/api/v1/sites/${siteId}/content/`, {
        data: { title: uniqueName("Round trip published"), categories: ["E2E"] },
      })
    ).json();
    expect((await api.post(`/api/v1/content/${item.id}/approve/`)).status()).toBe(200);
    const published = await api.post(`/api/v1/content/${item.id}/publish/`);
    expect(published.status(), await published.text()).toBe(200);
    const { wordpress_id: wordpressId } = await published.json();
    try {
      await expectRoundTrip(api, {
        method: "PATCH",
        path: `/api/v1/content/${item.id}/`,
        change: (c) => ({ ...c, excerpt: "Edited by a script." }),
        // An edit of a synced item waits to be pushed again.
        expected: (c) => ({ ...c, sync_state: "pending" }),
        readOnly: { wordpress_url: "https://elsewhere.example.com/", published_at: "2000-01-01T00:00:00.000Z" },
      });
      const drafted = await api.patch(`/api/v1/content/${item.id}/`, { data: { status: "draft" } });
      expect(drafted.status()).toBe(200);
      const republish = await api.patch(`/api/v1/content/${item.id}/`, { data: { status: "published" } });
      expect(republish.status()).toBe(422);
      expect((await republish.json()).error.message).toBe("status: published is set by publishing to WordPress");
    } finally {
      await wpRest(site, "DELETE", `/wp/v2/posts/${wordpressId}`, { query: { force: "true" } });
      await api.delete(`/api/v1/integration/${integrationId}/`);
    }
  });
});
