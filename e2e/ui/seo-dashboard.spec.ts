import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { createTenant, signInInBrowser } from "../support/tenant";
import { wpRest } from "../../test/support/wordpress";

// The plain-permalink instance of the fixture has no IGNY8 plugin.
const url = process.env.WP_TEST_PLAIN_URL?.replace(/\/+$/, "");
const username = process.env.WP_TEST_PLAIN_USERNAME;
const applicationPassword = process.env.WP_TEST_PLAIN_APP_PASSWORD;
const hasPlain = !!(url && username && applicationPassword);
if (!hasPlain) {
  console.log("Skipping the SEO notice test: set WP_TEST_PLAIN_URL and its USERNAME and APP_PASSWORD.");
}

test.describe("a WordPress without the IGNY8 plugin", () => {
  test.skip(!hasPlain, "WP_TEST_PLAIN_URL is not set");
  test.setTimeout(120_000);

  test("the push succeeds and the Sync Dashboard says why the SEO fields stayed in IGNY8", async ({
    page,
    baseURL,
  }, testInfo) => {
    const tenant = await createTenant(baseURL!, "seo-dashboard");
    const site = await (await tenant.api.post("/api/v1/sites/", { data: { name: "Plain blog", url } })).json();
    const connect = await tenant.api.post("/api/v1/integration/", {
      data: { site_id: site.id, external_site_url: url, username, application_password: applicationPassword },
    });
    expect(connect.status(), await connect.text()).toBe(201);
    const limits = await tenant.api.patch(`/api/v1/sites/${site.id}/publishing_settings/`, {
      data: {
        publish_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        publish_time_slots: [{ start: "00:00", end: "24:00" }],
        daily_publish_limit: 100,
        timezone: "UTC",
      },
    });
    expect(limits.status(), await limits.text()).toBe(200);
    const item = await (
      await tenant.api.post(`/api/v1/sites/${site.id}/content/`, {
        data: { title: `Tulips ${Date.now()}`, status: "approved", seo_title: "Tulips in autumn", focus_keyword: "x" },
      })
    ).json();
    const published = await (await tenant.api.post(`/api/v1/content/${item.id}/publish/`, { data: {} })).json();
    expect(published).toMatchObject({ sync_state: "synced", status: "published" });
    const wp = { url: url!, username: username!, applicationPassword: applicationPassword! };
    try {
      await signInInBrowser(page, tenant);
      await page.goto(`/sites/${site.id}/sync`);
      const notice = page.getByRole("status").filter({ hasText: "SEO fields were not sent to WordPress" });
      const reason = "SEO fields are kept in IGNY8: install the IGNY8 plugin to send them to WordPress.";
      await expect(notice).toContainText(reason);
      const history = page.getByRole("region", { name: "History" });
      const row = history.getByRole("row", { name: new RegExp(item.title) });
      await expect(row).toContainText("install the IGNY8 plugin");
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: testInfo.outputPath("seo-dashboard.png"), fullPage: true });

      // The editor still has them.
      await page.goto(`/sites/${site.id}/content/${item.id}`);
      const seo = page.getByRole("group", { name: "SEO" });
      await expect(seo.getByLabel("SEO title")).toHaveValue("Tulips in autumn");
    } finally {
      await wpRest(wp, "DELETE", `/wp/v2/posts/${published.wordpress_id}`, { query: { force: "true" } });
    }
  });
});
