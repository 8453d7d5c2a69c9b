import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { createTenant } from "../support/tenant";
import { makeConflict } from "../support/conflicts";
import { wpRest, type WordPressTestSite } from "../../test/support/wordpress";

const wp: WordPressTestSite | undefined =
  process.env.WP_TEST_URL && process.env.WP_TEST_USERNAME && process.env.WP_TEST_APP_PASSWORD
    ? {
        url: process.env.WP_TEST_URL.replace(/\/+$/, ""),
        username: process.env.WP_TEST_USERNAME,
        applicationPassword: process.env.WP_TEST_APP_PASSWORD,
      }
    : undefined;
if (!wp) console.log("Skipping the conflict view test: set WP_TEST_URL, WP_TEST_USERNAME and WP_TEST_APP_PASSWORD.");

test.describe("conflict view with a real WordPress", () => {
  test.skip(!wp, "WP_TEST_URL is not set");
  test.setTimeout(120_000);

  test("badge on the dashboard, side-by-side diff, resolve with IGNY8's version, badge drops to 0", async ({
    page,
    baseURL,
  }, testInfo) => {
    const tenant = await createTenant(baseURL!, "conflicts-ui");
    const { siteId, wordpressId, title } = await makeConflict(tenant.api, wp!);
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(tenant.email);
    await page.getByLabel("Password").fill(tenant.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/sites");

    await page.goto(`/sites/${siteId}/sync`);
    const tabs = page.getByRole("navigation", { name: "Sync sections" });
    await expect(tabs.getByTestId("conflict-count")).toHaveText("1");
    await tabs.getByRole("link", { name: /Conflicts/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Conflicts" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath("conflicts-list.png"), fullPage: true });

    await page.getByRole("link", { name: `${title} in IGNY8` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Conflict: ${title} in IGNY8` })).toBeVisible();
    await expect(page.getByTestId("field-title").getByText("Changed in both")).toBeVisible();
    const diff = page.getByTestId("body-diff");
    await expect(diff.locator("del")).toHaveText(["red"]);
    await expect(diff.locator("ins")).toHaveText(["brown"]);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath("conflict-view.png"), fullPage: true });

    await page.getByLabel("Merge field by field").check();
    await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(`${title} in IGNY8`);
    await page.screenshot({ path: testInfo.outputPath("conflict-merge.png"), fullPage: true });
    await page.getByLabel("IGNY8's version").focus();
    await page.keyboard.press("Space");
    await page.getByRole("button", { name: "Resolve conflict" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Resolved" })).toBeVisible();
    await expect(tabs.getByTestId("conflict-count")).toHaveText("0");
    const post = await wpRest<{ title: { raw: string } }>(wp!, "GET", `/wp/v2/posts/${wordpressId}`, {
      query: { context: "edit" },
    });
    expect(post.data.title.raw).toBe(`${title} in IGNY8`);
  });
});
