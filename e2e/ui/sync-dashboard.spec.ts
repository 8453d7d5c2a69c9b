import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { createTenant, signInInBrowser, signUpInBrowser } from "../support/tenant";

const url = process.env.WP_TEST_URL?.replace(/\/+$/, "");
const username = process.env.WP_TEST_USERNAME;
const applicationPassword = process.env.WP_TEST_APP_PASSWORD;
const hasWordPress = !!(url && username && applicationPassword);
if (!hasWordPress)
  console.log("Skipping the Sync Dashboard run test: set WP_TEST_URL, WP_TEST_USERNAME and WP_TEST_APP_PASSWORD.");

test("a site without WordPress gets an empty state that leads to Integrations", async ({ page }, testInfo) => {
  await signUpInBrowser(page, "sync-empty");
  await page.getByLabel("Name").fill("Unconnected");
  await page.getByLabel("Address").fill("https://unconnected.example.com");
  await page.getByRole("button", { name: "Add site" }).click();
  await page.getByRole("link", { name: "Unconnected" }).click();
  await page.getByRole("link", { name: "Open the Sync Dashboard" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sync Dashboard" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "This site is not connected yet" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: testInfo.outputPath("sync-empty.png"), fullPage: true });
  await page.getByRole("link", { name: "Connect a platform" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL("**/settings/integration");
});

test.describe("with a real WordPress", () => {
  test.skip(!hasWordPress, "WP_TEST_URL is not set");
  test.setTimeout(180_000);

  test("pull with a live bar to done, a failed push in the error log with its fix, retry after fixing it", async ({
    page,
    baseURL,
  }, testInfo) => {
    const tenant = await createTenant(baseURL!, "sync-ui");
    const site = await (await tenant.api.post("/api/v1/sites/", { data: { name: "Synced blog", url } })).json();
    const connect = await tenant.api.post("/api/v1/integration/", {
      data: { site_id: site.id, external_site_url: url, username, application_password: applicationPassword },
    });
    expect(connect.status(), await connect.text()).toBe(201);
    // Manual publishing counts against the site's publishing limits and days: open them up, so the test does not depend on the weekday.
    const limits = await tenant.api.patch(`/api/v1/sites/${site.id}/publishing_settings/`, {
      data: {
        publish_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        publish_time_slots: [{ start: "00:00", end: "24:00" }],
        daily_publish_limit: 100,
        timezone: "UTC",
      },
    });
    expect(limits.status(), await limits.text()).toBe(200);
    // The image address is private: the egress refuses it before connecting, so this push fails.
    const broken = await (
      await tenant.api.post(`/api/v1/sites/${site.id}/content/`, {
        data: {
          title: `Broken cover ${Date.now()}`,
          content: "<p>Soon.</p>",
          status: "approved",
          featured_image_url: "http://10.255.255.1/cover.jpg",
        },
      })
    ).json();

    await signInInBrowser(page, tenant);
    await page.goto(`/sites/${site.id}/sync`);
    await expect(page.getByRole("heading", { name: /Sync status/ })).toContainText("Idle");
    await expect(page.getByText("No sync has run yet.")).toBeVisible();
    await expect(page.getByRole("link", { name: broken.title })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath("sync-idle.png"), fullPage: true });

    await page.getByRole("button", { name: "Pull now" }).click();
    const bar = page.getByRole("progressbar", { name: "Pull progress" });
    await expect(bar).toBeVisible();
    await expect(page.getByText(/^Pull: \d+ of \d+ processed.*· done$/)).toBeVisible({ timeout: 120_000 });
    const [now, max] = [await bar.getAttribute("aria-valuenow"), await bar.getAttribute("aria-valuemax")];
    expect(Number(now)).toBeGreaterThan(0);
    expect(now).toBe(max);
    await expect(page.getByRole("heading", { name: /Sync status/ })).toContainText("Idle");
    const runs = page.getByRole("table", { name: "Recent sync runs" });
    await expect(runs.getByRole("row").nth(1)).toContainText("completed");

    await page.getByRole("button", { name: "Push pending (1)" }).click();
    await expect(page.getByText(/^Push: 1 of 1 processed, 1 failed · done, failures in the error log$/)).toBeVisible({
      timeout: 60_000,
    });
    const errorLog = page.getByRole("region", { name: /Error log/ });
    await expect(errorLog).toContainText("The featured image could not be downloaded");
    await expect(errorLog).toContainText("Fix: Check that the image URL is public and points at an image.");
    await expect(errorLog.getByRole("link", { name: broken.title })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath("sync-error-log.png"), fullPage: true });

    // Retrying as it is fails again, with the reason.
    await errorLog.getByRole("button", { name: `Retry content push of ${broken.title}` }).click();
    await expect(errorLog.getByText("Failed again")).toBeVisible();

    // Fix the item, retry the original failure from the log: it goes through.
    expect(
      (await tenant.api.patch(`/api/v1/content/${broken.id}/`, { data: { featured_image_url: null } })).status(),
    ).toBe(200);
    await page.reload();
    await errorLog
      .getByRole("button", { name: `Retry content push of ${broken.title}` })
      .first()
      .click();
    await expect(errorLog.getByText("Retried: on WordPress now")).toBeVisible();
    await expect(page.getByText("Nothing waiting.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Push pending (0)" })).toBeVisible();
    const item = await (await tenant.api.get(`/api/v1/content/${broken.id}/`)).json();
    expect(item).toMatchObject({ sync_state: "synced", wordpress_id: expect.any(Number) });
    const post = await fetch(`${url}/wp-json/wp/v2/posts/${item.wordpress_id}?context=edit`, {
      headers: { authorization: `Basic ${Buffer.from(`${username}:${applicationPassword}`).toString("base64")}` },
    });
    expect((await post.json()).title.raw).toBe(broken.title);

    // The history filters to the failures.
    await page.getByLabel("Status", { exact: true }).selectOption("failed");
    const events = page.getByRole("table", { name: "Sync events", exact: true });
    await expect(events.getByRole("row").nth(1)).toContainText("failed");
    for (const row of await events.getByRole("row").all()) {
      await expect(row).not.toContainText("success");
    }
    await page.screenshot({ path: testInfo.outputPath("sync-done.png"), fullPage: true });

    await page.getByRole("button", { name: "Update structure" }).click();
    await expect(page.getByText("Structure update requested.")).toBeVisible();

    // Bulk "Publish to WordPress" from the content list starts a push run of the selected items.
    const second = await (
      await tenant.api.post(`/api/v1/sites/${site.id}/content/`, {
        data: { title: `Bulk one ${Date.now()}`, status: "approved" },
      })
    ).json();
    await page.goto(`/sites/${site.id}/content?status=approved`);
    await page.getByLabel(`Select ${second.title}`).check();
    await page
      .getByRole("group", { name: "Bulk actions" })
      .getByRole("button", { name: "Publish to WordPress" })
      .click();
    await page.getByRole("link", { name: "Follow it on the Sync Dashboard" }).click();
    await expect(page.getByText(/^Push: 1 of 1 processed · done$/)).toBeVisible({ timeout: 60_000 });
    await page.goto(`/sites/${site.id}/content`);
    await expect(page.getByRole("row", { name: new RegExp(second.title) })).toContainText("In sync");
    await expect(
      page
        .getByRole("row", { name: new RegExp(second.title) })
        .getByRole("link", { name: `View ${second.title} on WordPress` }),
    ).toBeVisible();

    // Two published today and a daily limit of two: the next bulk publish waits, and the dashboard says why and where to change it.
    expect(
      (
        await tenant.api.patch(`/api/v1/sites/${site.id}/publishing_settings/`, { data: { daily_publish_limit: 2 } })
      ).status(),
    ).toBe(200);
    const third = await (
      await tenant.api.post(`/api/v1/sites/${site.id}/content/`, {
        data: { title: `Over the limit ${Date.now()}`, status: "approved" },
      })
    ).json();
    await page.goto(`/sites/${site.id}/content?status=approved`);
    await page.getByLabel(`Select ${third.title}`).check();
    await page
      .getByRole("group", { name: "Bulk actions" })
      .getByRole("button", { name: "Publish to WordPress" })
      .click();
    await page.getByRole("link", { name: "Follow it on the Sync Dashboard" }).click();
    await expect(page.getByText(/^Push: 0 of 1 processed, 1 waiting for a publishing slot · done$/)).toBeVisible({
      timeout: 60_000,
    });
    await expect(
      page.getByText(
        "1 item waits for a free publishing slot: the site's daily limit is reached. It stays approved and unsent",
      ),
    ).toBeVisible();
    await expect(page.getByRole("table", { name: "Recent sync runs" }).getByRole("row").nth(1)).toContainText(
      "0 / 1 (1 waiting for a publishing slot)",
    );
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath("sync-deferred.png"), fullPage: true });
    expect(await (await tenant.api.get(`/api/v1/content/${third.id}/`)).json()).toMatchObject({
      status: "approved",
      wordpress_id: null,
    });
    await page.getByRole("link", { name: "raise the limit in Publishing settings" }).click();
    await page.waitForURL(`**/sites/${site.id}/publishing`);
  });
});
