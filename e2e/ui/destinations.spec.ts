import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { createTenant, signInInBrowser } from "../support/tenant";
import { wpRest, type WordPressTestSite } from "../../test/support/wordpress";

// Two destinations of one site: the fixture with the IGNY8 plugin and the plain one without it.
function siteFromEnv(prefix: "WP_TEST" | "WP_TEST_PLAIN"): WordPressTestSite | undefined {
  const url = process.env[`${prefix}_URL`];
  const username = process.env[`${prefix}_USERNAME`];
  const applicationPassword = process.env[`${prefix}_APP_PASSWORD`];
  return url && username && applicationPassword
    ? { url: url.replace(/\/+$/, ""), username, applicationPassword }
    : undefined;
}
const wp = siteFromEnv("WP_TEST");
const plain = siteFromEnv("WP_TEST_PLAIN");
if (!wp || !plain) {
  console.log(
    "Skipping the destinations test: set WP_TEST_URL and WP_TEST_PLAIN_URL with their USERNAME and APP_PASSWORD.",
  );
}
const hostOf = (url: string) => new URL(url).host;

test.describe("an item published to two WordPress sites", () => {
  test.skip(!wp || !plain, "WP_TEST_URL or WP_TEST_PLAIN_URL is not set");
  test.setTimeout(150_000);

  test("Publish to… sends it to both; the list and the item page show both destinations", async ({
    page,
    baseURL,
  }, testInfo) => {
    const tenant = await createTenant(baseURL!, "destinations");
    const site = await (await tenant.api.post("/api/v1/sites/", { data: { name: "Two blogs", url: wp!.url } })).json();
    const targets = new Map<string, WordPressTestSite>();
    for (const target of [wp!, plain!]) {
      const connect = await tenant.api.post("/api/v1/integration/", {
        data: {
          site_id: site.id,
          platform: "wordpress",
          external_site_url: target.url,
          username: target.username,
          application_password: target.applicationPassword,
        },
      });
      expect(connect.status(), await connect.text()).toBe(201);
      targets.set((await connect.json()).id, target);
    }
    const limits = await tenant.api.patch(`/api/v1/sites/${site.id}/publishing_settings/`, {
      data: {
        publish_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        publish_time_slots: [{ start: "00:00", end: "24:00" }],
        daily_publish_limit: 100,
        timezone: "UTC",
      },
    });
    expect(limits.status(), await limits.text()).toBe(200);
    const title = `Two gardens ${Date.now()}`;
    const created = await tenant.api.post(`/api/v1/sites/${site.id}/content/`, {
      data: { title, status: "approved", content: "<p>Tulips here, roses there.</p>" },
    });
    expect(created.status(), await created.text()).toBe(201);
    const item = await created.json();

    try {
      await signInInBrowser(page, tenant);
      await page.goto(`/sites/${site.id}/content/${item.id}`);
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      const destinationsCard = page
        .getByRole("region")
        .filter({ has: page.getByRole("heading", { name: "Destinations" }) });
      await expect(page.getByText("Not published yet.")).toBeVisible();

      // The picker: both integrations, ticked; the keyboard unticks and ticks one again.
      const picker = page.getByRole("group", { name: "Publish to…" });
      const boxes = picker.getByRole("checkbox");
      await expect(boxes).toHaveCount(2);
      const first = picker.getByRole("checkbox", { name: `WordPress · ${hostOf(wp!.url)}` });
      const second = picker.getByRole("checkbox", { name: `WordPress · ${hostOf(plain!.url)}` });
      await expect(first).toBeChecked();
      await expect(second).toBeChecked();
      await expect(picker.getByText("2 of 2 chosen")).toBeVisible();
      await second.focus();
      await page.keyboard.press("Space");
      await expect(second).not.toBeChecked();
      await expect(picker.getByText("1 of 2 chosen")).toBeVisible();
      await first.focus();
      await page.keyboard.press("Space");
      await expect(picker.getByRole("button", { name: "Publish" })).toBeDisabled();
      await expect(picker.getByText("Choose at least one destination.")).toBeVisible();
      await page.keyboard.press("Space");
      await second.focus();
      await page.keyboard.press("Space");
      await expect(picker.getByText("2 of 2 chosen")).toBeVisible();
      await expectNoSeriousA11yViolations(page);

      await picker.getByRole("button", { name: "Publish" }).click();
      const results = page.getByRole("list", { name: "Publish results" });
      await expect(page.getByText("Published to 2 of 2 destinations")).toBeVisible({ timeout: 90_000 });
      await expect(results.getByRole("listitem")).toHaveCount(2);
      for (const target of [wp!, plain!]) {
        await expect(
          results.getByRole("link", { name: new RegExp(`on WordPress at ${hostOf(target.url)}`) }),
        ).toHaveAttribute("href", new RegExp(`^${target.url}`));
      }

      // The Destinations section (after the page refreshes): one entry per site, in sync, with its address.
      const destinations = page.getByRole("list", { name: "Destinations" });
      await expect(destinations.getByRole("listitem")).toHaveCount(2);
      for (const target of [wp!, plain!]) {
        const entry = destinations.getByRole("listitem").filter({
          has: page.getByRole("heading", { name: `WordPress · ${hostOf(target.url)}` }),
        });
        await expect(entry).toContainText("In sync");
        await expect(entry).toContainText("Published");
        await expect(entry.getByRole("link")).toHaveAttribute("href", new RegExp(`^${target.url}`));
      }
      await expect(destinationsCard.getByText("Not published yet.")).toHaveCount(0);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: testInfo.outputPath("destinations-item.png"), fullPage: true });

      // The list: the row shows both destinations with their links.
      await page.goto(`/sites/${site.id}/content`);
      const row = page
        .getByRole("table", { name: "Content of this site" })
        .getByRole("row", { name: new RegExp(title) });
      await expect(row.getByRole("listitem")).toHaveCount(2);
      for (const target of [wp!, plain!]) {
        const link = row.getByRole("link", { name: `View ${title} on WordPress at ${hostOf(target.url)}` });
        await expect(link).toHaveAttribute("href", new RegExp(`^${target.url}`));
        await expect(link).toHaveAttribute("target", "_blank");
      }
      await expect(row.getByText("In sync").filter({ visible: true })).toHaveCount(2);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: testInfo.outputPath("destinations-list.png"), fullPage: true });
      // A phone: the destinations move under the title, and nothing makes the page scroll sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      await expect(row.getByRole("listitem")).toHaveCount(2);
      for (const target of [wp!, plain!]) {
        const box = await row
          .getByRole("link", { name: `View ${title} on WordPress at ${hostOf(target.url)}` })
          .boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: testInfo.outputPath("destinations-list-narrow.png"), fullPage: true });
    } finally {
      const after = await (await tenant.api.get(`/api/v1/content/${item.id}/`)).json();
      for (const ref of after.references ?? []) {
        const target = targets.get(ref.integration_id);
        if (target && ref.external_id)
          await wpRest(target, "DELETE", `/wp/v2/posts/${ref.external_id}`, { query: { force: "true" } });
      }
    }
  });
});
