import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { signInInBrowser } from "../support/tenant";
import { deletePublishedCopies, siteWithDestinations, wordpressFromEnv } from "../support/destinations";
import { createAppPassword, revokeAppPassword } from "../../test/support/wordpress";

// Two destinations of one site: the fixture with the IGNY8 plugin and the plain one without it.
const wp = wordpressFromEnv("WP_TEST");
const plain = wordpressFromEnv("WP_TEST_PLAIN");
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
    const setup = await siteWithDestinations(baseURL!, "destinations", [wp!, plain!]);
    const { tenant, item } = setup;
    const { title } = item;
    const site = { id: setup.siteId };

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
      await deletePublishedCopies(setup);
    }
  });

  test("a destination that refuses: its error and fix next to the one that took it", async ({
    page,
    baseURL,
  }, testInfo) => {
    // The plain site is connected with an Application Password revoked before publishing.
    const fresh = await createAppPassword(plain!);
    const revoked = { ...plain!, applicationPassword: fresh.password };
    const setup = await siteWithDestinations(baseURL!, "destinations-refused", [wp!, revoked]);
    await revokeAppPassword(plain!, fresh.uuid);
    for (const [id, target] of setup.targets) if (target === revoked) setup.targets.set(id, plain!);
    try {
      await signInInBrowser(page, setup.tenant);
      await page.goto(`/sites/${setup.siteId}/content/${setup.item.id}`);
      await page.getByRole("group", { name: "Publish to…" }).getByRole("button", { name: "Publish" }).click();
      const outcome = page.getByRole("status").filter({ hasText: "Published to 1 of 2 destinations" });
      await expect(outcome).toBeVisible({ timeout: 90_000 });
      const results = outcome.getByRole("list", { name: "Publish results" }).getByRole("listitem");
      await expect(results.filter({ hasText: hostOf(wp!.url) }).getByRole("link")).toHaveAttribute(
        "href",
        new RegExp(`^${wp!.url}`),
      );
      const refused = results.filter({ hasText: hostOf(plain!.url) });
      await expect(refused).toContainText("Not published: ");
      await expect(refused).toContainText("Fix:");
      await expect(refused.getByRole("link")).toHaveCount(0);
      await expect(page.getByRole("list", { name: "Destinations" }).getByRole("link")).toHaveCount(1);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: testInfo.outputPath("destinations-refused.png"), fullPage: true });
    } finally {
      await deletePublishedCopies(setup);
    }
  });
});
