import { expect, test, type APIRequestContext } from "@playwright/test";
import { createTenant } from "../support/tenant";
import { uniqueName, wpRest, type WordPressTestSite } from "../../test/support/wordpress";

/** The sync API against the real WordPress fixture: runs, status, events, publish, tenancy. */
const wp: WordPressTestSite | undefined =
  process.env.WP_TEST_URL && process.env.WP_TEST_USERNAME && process.env.WP_TEST_APP_PASSWORD
    ? {
        url: process.env.WP_TEST_URL.replace(/\/+$/, ""),
        username: process.env.WP_TEST_USERNAME,
        applicationPassword: process.env.WP_TEST_APP_PASSWORD,
      }
    : undefined;
if (!wp) console.log("Skipping sync API tests: set WP_TEST_URL, WP_TEST_USERNAME and WP_TEST_APP_PASSWORD.");

async function connectedIntegration(api: APIRequestContext, site: WordPressTestSite) {
  const created = await api.post("/api/v1/sites/", { data: { name: uniqueName("Synced blog"), url: site.url } });
  const { id: siteId } = await created.json();
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

async function waitForIdle(api: APIRequestContext, integrationId: string) {
  for (let i = 0; i < 600; i++) {
    const status = await (await api.get(`/api/v1/integration/${integrationId}/sync_status/`)).json();
    if (status.status !== "syncing") return status;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("sync did not finish");
}

test.describe("sync API with a real WordPress", () => {
  test.skip(!wp, "WP_TEST_URL is not set");
  test.setTimeout(180_000);
  const site = wp!;

  test("pull: 202 with one run for two concurrent requests, progress to completion, events, health", async ({
    baseURL,
  }) => {
    const { api } = await createTenant(baseURL!, "sync-pull");
    const { integrationId } = await connectedIntegration(api, site);
    // The WordPress is shared with the tests running beside this one, which add posts and remove
    // them: the pull must have processed at least the smaller of the counts before and after it.
    const postCount = async () =>
      Number(
        (
          await wpRest(site, "GET", "/wp/v2/posts", {
            query: { per_page: 1, status: "publish,future,draft,pending,private", _fields: "id" },
          })
        ).headers.get("x-wp-total"),
      );
    const before = await postCount();
    const [a, b] = await Promise.all([
      api.post(`/api/v1/integration/${integrationId}/sync/`, { data: { direction: "pull" } }),
      api.post(`/api/v1/integration/${integrationId}/sync/`, { data: { direction: "pull" } }),
    ]);
    expect([a.status(), b.status()]).toEqual([202, 202]);
    const [ra, rb] = [await a.json(), await b.json()];
    expect(ra.run_id).toBe(rb.run_id);
    expect([ra.already_running, rb.already_running].sort()).toEqual([false, true]);

    const status = await waitForIdle(api, integrationId);
    const total = Math.min(before, await postCount());
    expect(status).toMatchObject({
      status: "idle",
      sync_error: null,
      run: { id: ra.run_id, direction: "pull", status: "completed" },
    });
    expect(status.run.processed).toBeGreaterThanOrEqual(total);
    expect(status.last_sync_at).not.toBeNull();

    const events = await (
      await api.get(`/api/v1/integration/${integrationId}/sync_events/?event_type=content_pull&page_size=5`)
    ).json();
    expect(events.count).toBeGreaterThanOrEqual(total);
    expect(events.results).toHaveLength(5);
    expect(events.results[0]).toMatchObject({
      event_type: "content_pull",
      direction: "wp_to_igny8",
      status: "success",
      run_id: ra.run_id,
    });
    expect(events.next).toContain("page=2");
    const none = await (await api.get(`/api/v1/integration/${integrationId}/sync_events/?status=failed`)).json();
    expect(none.count).toBe(0);

    const health = await (await api.get(`/api/v1/integration/${integrationId}/sync_health/`)).json();
    expect(health).toMatchObject({ failed_count: 0, pending_count: 0, open_conflicts: 0 });
    expect(health.total_synced).toBeGreaterThanOrEqual(total);
    const runs = await (await api.get(`/api/v1/integration/${integrationId}/sync_runs/`)).json();
    expect(runs.results.map((r: { id: string }) => r.id)).toEqual([ra.run_id]);
  });

  test("publish one item now, then a failed push is retried from its event", async ({ baseURL }) => {
    const { api } = await createTenant(baseURL!, "sync-publish");
    const { siteId, integrationId } = await connectedIntegration(api, site);
    const title = uniqueName("Published from IGNY8");
    const item = await (
      await api.post(`/api/v1/sites/${siteId}/content/`, {
        data: { title, content: "<p>Hello</p>", categories: ["E2E"], tags: ["sync"] },
      })
    ).json();
    const draft = await api.post(`/api/v1/content/${item.id}/publish/`);
    expect(draft.status()).toBe(409);
    expect((await api.post(`/api/v1/content/${item.id}/approve/`)).status()).toBe(200);

    const published = await api.post(`/api/v1/content/${item.id}/publish/`);
    expect(published.status(), await published.text()).toBe(200);
    const result = await published.json();
    expect(result).toMatchObject({
      content_id: item.id,
      sync_state: "synced",
      status: "published",
      event: { event_type: "content_push", status: "success" },
    });
    const post = (
      await wpRest<{ title: { raw: string }; status: string }>(site, "GET", `/wp/v2/posts/${result.wordpress_id}`, {
        query: { context: "edit" },
      })
    ).data;
    expect(post).toMatchObject({ title: { raw: title }, status: "publish" });

    // An item whose image cannot be fetched fails with a message and a fix; fixed, its event is retried.
    const broken = await (
      await api.post(`/api/v1/sites/${siteId}/content/`, {
        data: {
          title: uniqueName("Broken image"),
          featured_image_url: `${site.url}/wp-content/uploads/missing-${Date.now()}.jpg`,
        },
      })
    ).json();
    await api.post(`/api/v1/content/${broken.id}/approve/`);
    const push = await (
      await api.post(`/api/v1/integration/${integrationId}/sync/`, {
        data: { direction: "push", content_ids: [broken.id] },
      })
    ).json();
    await waitForIdle(api, integrationId);
    const failed = await (
      await api.get(`/api/v1/integration/${integrationId}/sync_events/?status=failed&direction=igny8_to_wp`)
    ).json();
    expect(failed.count).toBe(1);
    expect(failed.results[0]).toMatchObject({
      run_id: push.run_id,
      content_id: broken.id,
      error_code: "image_unavailable",
    });
    expect(failed.results[0].fix).toBeTruthy();
    expect((await (await api.get(`/api/v1/integration/${integrationId}/sync_health/`)).json()).failed_count).toBe(1);

    const media = (
      await wpRest<Array<{ source_url: string }>>(site, "GET", "/wp/v2/media", {
        query: { per_page: 1, _fields: "source_url" },
      })
    ).data;
    expect(
      (
        await api.patch(`/api/v1/content/${broken.id}/`, { data: { featured_image_url: media[0].source_url } })
      ).status(),
    ).toBe(200);
    const retry = await api.post(`/api/v1/integration/${integrationId}/sync_events/${failed.results[0].id}/retry/`);
    expect(retry.status(), await retry.text()).toBe(200);
    expect(await retry.json()).toMatchObject({
      content_id: broken.id,
      sync_state: "synced",
      event: { status: "success" },
    });
    expect((await (await api.get(`/api/v1/integration/${integrationId}/sync_health/`)).json()).failed_count).toBe(0);
  });

  test("another account gets 404 on every sync endpoint", async ({ baseURL }) => {
    const a = await createTenant(baseURL!, "sync-owner");
    const b = await createTenant(baseURL!, "sync-intruder");
    const { siteId, integrationId } = await connectedIntegration(a.api, site);
    const item = await (
      await a.api.post(`/api/v1/sites/${siteId}/content/`, { data: { title: uniqueName("Private") } })
    ).json();
    const eventId = crypto.randomUUID();
    const probes: Array<[string, string, unknown?]> = [
      ["POST", `/api/v1/integration/${integrationId}/sync/`, { direction: "pull" }],
      ["GET", `/api/v1/integration/${integrationId}/sync_status/`],
      ["GET", `/api/v1/integration/${integrationId}/sync_health/`],
      ["GET", `/api/v1/integration/${integrationId}/sync_events/`],
      ["GET", `/api/v1/integration/${integrationId}/sync_runs/`],
      ["POST", `/api/v1/integration/${integrationId}/sync_events/${eventId}/retry/`],
      ["POST", "/api/v1/integration/site_sync/", { site_id: siteId }],
      ["POST", `/api/v1/content/${item.id}/publish/`],
    ];
    for (const [method, path, data] of probes) {
      const res = await b.api.fetch(path, { method, data });
      expect(res.status(), `${method} ${path}`).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
    const runs = await (await a.api.get(`/api/v1/integration/${integrationId}/sync_runs/`)).json();
    expect(runs.count).toBe(0);
  });
});
