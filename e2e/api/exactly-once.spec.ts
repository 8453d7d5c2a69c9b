import { expect, test, type APIRequestContext } from "@playwright/test";
import { createTenant } from "../support/tenant";
import { newApiContext } from "../support/openapi";
import { postIdsTitled, uniqueName, wpRest, type WordPressTestSite } from "../../test/support/wordpress";

/**
 * One WordPress post per item, whatever the concurrency: parallel publishes (split over two web
 * processes on PostgreSQL), a double click and a bulk push racing a publish.
 */
const wp: WordPressTestSite | undefined =
  process.env.WP_TEST_URL && process.env.WP_TEST_USERNAME && process.env.WP_TEST_APP_PASSWORD
    ? {
        url: process.env.WP_TEST_URL.replace(/\/+$/, ""),
        username: process.env.WP_TEST_USERNAME,
        applicationPassword: process.env.WP_TEST_APP_PASSWORD,
      }
    : undefined;
if (!wp)
  console.log("Skipping exactly-once publish tests: set WP_TEST_URL, WP_TEST_USERNAME and WP_TEST_APP_PASSWORD.");
const secondBaseURL = process.env.E2E_SECOND_BASE_URL;
const createdPosts = new Set<number>();

/** The posts titled `title`, kept for clean-up. */
async function postsTitled(site: WordPressTestSite, title: string): Promise<number[]> {
  const ids = await postIdsTitled(site, title);
  for (const id of ids) createdPosts.add(id);
  return ids;
}

async function approvedItem(api: APIRequestContext, site: WordPressTestSite, label: string) {
  const { id: siteId } = await (
    await api.post("/api/v1/sites/", { data: { name: uniqueName(label), url: site.url } })
  ).json();
  const connect = await api.post("/api/v1/integration/", {
    data: {
      site_id: siteId,
      platform: "wordpress",
      external_site_url: site.url,
      username: site.username,
      application_password: site.applicationPassword,
    },
  });
  expect(connect.status(), await connect.text()).toBe(201);
  const title = uniqueName(label);
  const item = await (
    await api.post(`/api/v1/sites/${siteId}/content/`, {
      data: { title, content: "<p>Once</p>", categories: ["Exactly once"] },
    })
  ).json();
  expect((await api.post(`/api/v1/content/${item.id}/approve/`)).status()).toBe(200);
  return { integrationId: (await connect.json()).id as string, itemId: item.id as string, title };
}

test.describe("exactly one WordPress post per item", () => {
  test.skip(!wp, "WP_TEST_URL is not set");
  test.setTimeout(120_000);
  const site = wp!;

  test.afterAll(async () => {
    for (const id of createdPosts) await wpRest(site, "DELETE", `/wp/v2/posts/${id}`, { query: { force: "true" } });
  });

  for (const n of [10, 50]) {
    test(`${n} simultaneous publishes${secondBaseURL ? " over two web processes" : ""}: one post, every answer names it`, async ({
      baseURL,
    }) => {
      const tenant = await createTenant(baseURL!, `parallel-${n}`);
      const { itemId, title } = await approvedItem(tenant.api, site, `Parallel publish ${n}`);
      const other = secondBaseURL
        ? await newApiContext({
            baseURL: secondBaseURL,
            extraHTTPHeaders: { authorization: `Bearer ${tenant.apiKey}` },
          })
        : tenant.api;
      const answers = await Promise.all(
        Array.from({ length: n }, (_, i) => (i % 2 ? other : tenant.api).post(`/api/v1/content/${itemId}/publish/`)),
      );
      const posts = await postsTitled(site, title);
      expect(posts).toHaveLength(1);
      for (const answer of answers) {
        expect(answer.status(), await answer.text()).toBe(200);
        expect(await answer.json()).toMatchObject({
          content_id: itemId,
          wordpress_id: posts[0],
          sync_state: "synced",
          status: "published",
        });
      }
      const item = await (await tenant.api.get(`/api/v1/content/${itemId}/`)).json();
      expect(item.wordpress_id).toBe(posts[0]);
    });
  }

  test("a bulk push racing a double click: one post", async ({ baseURL }) => {
    const { api } = await createTenant(baseURL!, "bulk-race");
    const { integrationId, itemId, title } = await approvedItem(api, site, "Bulk race");
    const [click1, click2, run] = await Promise.all([
      api.post(`/api/v1/content/${itemId}/publish/`),
      api.post(`/api/v1/content/${itemId}/publish/`),
      api.post(`/api/v1/integration/${integrationId}/sync/`, { data: { direction: "push", content_ids: [itemId] } }),
    ]);
    expect(run.status()).toBe(202);
    for (let i = 0; i < 240; i++) {
      const status = await (await api.get(`/api/v1/integration/${integrationId}/sync_status/`)).json();
      if (status.status !== "syncing") break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const posts = await postsTitled(site, title);
    expect(posts).toHaveLength(1);
    for (const click of [click1, click2]) {
      expect(click.status(), await click.text()).toBe(200);
      expect((await click.json()).wordpress_id).toBe(posts[0]);
    }
  });
});
