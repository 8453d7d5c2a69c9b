import { expect, test, type APIRequestContext } from "@playwright/test";
import { createTenant } from "../support/tenant";
import { chromiumPath } from "../support/env";

// Webhooks reconfigure the one IGNY8 plugin of the test WordPress, so this file runs on its own,
// after the parallel projects (see playwright.config.ts).
const wp = {
  url: process.env.WP_TEST_URL,
  username: process.env.WP_TEST_USERNAME,
  password: process.env.WP_TEST_APP_PASSWORD,
};
test.skip(
  !wp.url || !wp.username || !wp.password,
  "WP_TEST_URL, WP_TEST_USERNAME and WP_TEST_APP_PASSWORD are not set",
);
test.describe.configure({ mode: "serial" });

const wpAuth = () => ({ authorization: `Basic ${Buffer.from(`${wp.username}:${wp.password}`).toString("base64")}` });

async function wordpress(request: APIRequestContext, method: string, path: string, data?: unknown) {
  const res = await request.fetch(`${wp.url}/wp-json/wp/v2/${path}`, { method, data, headers: wpAuth() });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

let api: APIRequestContext;
let integrationId: string;
let siteId: string;

/** Polls our API until `check` passes: reflected "within seconds" means 10 here. */
async function eventually<T>(fn: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (check(value)) return value;
    if (Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

const findContent = async (title: string) => {
  const page = await (await api.get(`/api/v1/sites/${siteId}/content/?search=${encodeURIComponent(title)}`)).json();
  return page.results?.[0];
};

test("connecting installs the webhooks in the plugin", async ({ baseURL }) => {
  ({ api } = await createTenant(baseURL!, "hooks"));
  const site = await (await api.post("/api/v1/sites/", { data: { name: "Hooked", url: wp.url } })).json();
  siteId = site.id;
  const connected = await api.post("/api/v1/integration/", {
    data: {
      site_id: site.id,
      platform: "wordpress",
      external_site_url: wp.url,
      username: wp.username,
      application_password: wp.password,
    },
  });
  expect(connected.status()).toBe(201);
  integrationId = (await connected.json()).id;
  const installed = await api.post(`/api/v1/integration/${integrationId}/webhooks/`);
  expect(installed.status()).toBe(200);
  expect((await installed.json()).plugin).toMatchObject({ installed: true, configured: true, points_here: true });
  const status = await (await api.get(`/api/v1/integration/${integrationId}/webhooks/`)).json();
  expect(status.plugin.points_here).toBe(true);
  expect(status.webhook_url).toContain(`integration=${integrationId}`);
});

test("create, edit, publish, trash, untrash and delete in WordPress are reflected within 10 s", async ({ request }) => {
  const title = `Hooked post ${Date.now()}`;
  const post = await wordpress(request, "POST", "posts", { title, content: "<p>first</p>", status: "draft" });
  const created = await eventually(
    () => findContent(title),
    (c) => !!c,
  );
  expect(created).toMatchObject({ title, wordpress_id: post.id, status: "draft" });

  await wordpress(request, "POST", `posts/${post.id}`, { content: "<p>second</p>" });
  const edited = await eventually(
    async () => (await api.get(`/api/v1/content/${created.id}/`)).json(),
    (c) => c.content.includes("second"),
  );
  expect(edited.content).toContain("second");

  await wordpress(request, "POST", `posts/${post.id}`, { status: "publish" });
  expect(
    (
      await eventually(
        async () => (await api.get(`/api/v1/content/${created.id}/`)).json(),
        (c) => c.status === "published",
      )
    ).status,
  ).toBe("published");

  await wordpress(request, "DELETE", `posts/${post.id}`);
  expect(
    (
      await eventually(
        async () => (await api.get(`/api/v1/content/${created.id}/`)).json(),
        (c) => c.sync_state === "remote_trashed",
      )
    ).sync_state,
  ).toBe("remote_trashed");

  await wordpress(request, "POST", `posts/${post.id}`, { status: "draft" });
  expect(
    (
      await eventually(
        async () => (await api.get(`/api/v1/content/${created.id}/`)).json(),
        (c) => c.sync_state === "synced",
      )
    ).sync_state,
  ).toBe("synced");

  await wordpress(request, "DELETE", `posts/${post.id}?force=true`);
  expect(
    (
      await eventually(
        async () => (await api.get(`/api/v1/content/${created.id}/`)).json(),
        (c) => c.sync_state === "remote_deleted",
      )
    ).sync_state,
  ).toBe("remote_deleted");

  const events = await (
    await api.get(`/api/v1/integration/${integrationId}/sync_events/?event_type=webhook&page_size=100`)
  ).json();
  const forPost = events.results.filter((e: { external_id: number }) => e.external_id === post.id);
  expect(forPost.length).toBeGreaterThanOrEqual(5);
  expect(
    forPost.every(
      (e: { direction: string; status: string }) => e.direction === "wp_to_igny8" && e.status === "success",
    ),
  ).toBe(true);
});

test("our own push is not re-imported from its webhook echo", async () => {
  const title = `Pushed ${Date.now()}`;
  const created = await (
    await api.post(`/api/v1/sites/${siteId}/content/`, {
      data: { title, content: "<p>from IGNY8</p>", status: "approved" },
    })
  ).json();
  const published = await api.post(`/api/v1/content/${created.id}/publish/`);
  expect(published.status(), await published.text()).toBe(200);
  const item = await (await api.get(`/api/v1/content/${created.id}/`)).json();
  expect(item.wordpress_id).toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, 4000)); // the echo arrives and is processed meanwhile
  const events = await (
    await api.get(`/api/v1/integration/${integrationId}/sync_events/?event_type=webhook&page_size=100`)
  ).json();
  expect(events.results.filter((e: { external_id: number }) => e.external_id === item.wordpress_id)).toEqual([]);
  expect((await (await api.get(`/api/v1/content/${created.id}/`)).json()).sync_state).toBe("synced");
});

test("a draft written and trashed in wp-admin is reflected within 10 s", async ({ page }) => {
  test.skip(!chromiumPath(), "no Chromium (set CHROMIUM_PATH)");
  const title = `From wp-admin ${Date.now()}`;
  await page.goto(`${wp.url}/wp-login.php`);
  await page.locator("#user_login").fill(wp.username!);
  await page.locator("#user_pass").fill(process.env.WP_TEST_ADMIN_PASSWORD ?? "password");
  await page.locator("#wp-submit").click();
  await page.waitForURL(/wp-admin/);

  // The dashboard's Quick Draft: an ordinary admin form post, not the REST API.
  await page.goto(`${wp.url}/wp-admin/index.php`);
  await page.locator("#title").fill(title);
  await page.locator("#content").fill("Written in the WordPress admin.");
  await page.locator("#save-post").click();
  const created = await eventually(
    () => findContent(title),
    (c) => !!c,
  );
  expect(created).toMatchObject({ title, status: "draft" });

  // Trash it from the posts list.
  await page.goto(`${wp.url}/wp-admin/edit.php?post_status=draft`);
  const row = page.locator("tr", { hasText: title });
  await row.hover();
  await row.getByRole("link", { name: /trash/i }).click();
  await expect(page.locator("#message, .notice").first()).toBeVisible();
  const trashed = await eventually(
    async () => (await api.get(`/api/v1/content/${created.id}/`)).json(),
    (c) => c.sync_state === "remote_trashed",
  );
  expect(trashed.sync_state).toBe("remote_trashed");
});
