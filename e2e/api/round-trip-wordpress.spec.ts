import { expect, test, type APIRequestContext } from "@playwright/test";
import { createTenant } from "../support/tenant";
import { uniqueName, wpRest, type WordPressTestSite } from "../../test/support/wordpress";
import { createSite, expectRoundTrip, getJson } from "../support/round-trip";

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
        // An edit of a synced item waits to be pushed again, to each of its destinations.
        expected: (c) => ({
          ...c,
          sync_state: "pending",
          references: (c.references as Array<Record<string, unknown>>).map((r) => ({ ...r, sync_state: "pending" })),
        }),
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
