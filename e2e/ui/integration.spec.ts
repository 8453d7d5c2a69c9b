import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { signUpInBrowser } from "../support/tenant";
import { createAppPassword, revokeAppPassword, uniqueName, type WordPressTestSite } from "../../test/support/wordpress";

const url = process.env.WP_TEST_URL?.replace(/\/+$/, "");
const username = process.env.WP_TEST_USERNAME;
const applicationPassword = process.env.WP_TEST_APP_PASSWORD;
const adminPassword = process.env.WP_TEST_ADMIN_PASSWORD ?? "password";
const wp: WordPressTestSite | undefined =
  url && username && applicationPassword ? { url, username, applicationPassword } : undefined;
if (!wp)
  console.log("Skipping WordPress settings page tests: set WP_TEST_URL, WP_TEST_USERNAME and WP_TEST_APP_PASSWORD.");

const addForm = (page: Page) => page.getByRole("form", { name: "Add integration" });

async function fillNewSite(page: Page, site: WordPressTestSite) {
  const form = addForm(page);
  await form.getByLabel("Site", { exact: true }).selectOption({ label: "New site…" });
  await form.getByLabel("Site name").fill(uniqueName("Blog"));
  await form.getByLabel("WordPress address").fill(site.url);
}

test("the WordPress section explains both ways to connect and has the troubleshooting table", async ({ page }) => {
  await signUpInBrowser(page, "int-empty");
  await page.goto("/settings/integration");
  await expect(page.getByRole("heading", { name: "No site connected yet" })).toBeVisible();
  await expect(page.getByText("Connect with WordPress", { exact: false }).first()).toBeVisible();
  await expect(page.locator("#troubleshooting-auth_failed")).toContainText("Regenerate the Application Password");
  await expect(page.locator("#troubleshooting-rest_blocked")).toContainText("403 Forbidden");

  // Inline validation before anything is sent.
  await addForm(page).getByRole("button", { name: "Save integration" }).click();
  await expect(addForm(page).getByText("Site name is required")).toBeVisible();
  await expect(addForm(page).getByText("WordPress address is required")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test.describe("with a real WordPress", () => {
  test.skip(!wp, "WP_TEST_URL is not set");
  // Each step waits on a real WordPress (php -S) and axe runs twice: more than the default minute.
  test.setTimeout(150_000);
  const site = wp!;

  test("add (with the doctor's verdict first), test, edit (rotate the password), delete", async ({
    page,
  }, testInfo) => {
    await signUpInBrowser(page, "int-ui");
    await page.goto("/settings/integration");
    await fillNewSite(page, site);
    const form = addForm(page);
    await form.getByLabel("Username").fill(site.username);

    await form.getByLabel("Application Password").fill("abcd efgh ijkl mnop qrst uvwx");
    await form.getByRole("button", { name: "Test connection" }).click();
    const failure = form.getByRole("alert");
    await expect(failure).toContainText("Connection failed / 401 Unauthorized");
    await expect(failure).toContainText("Fix:");
    await expect(failure.getByRole("link", { name: "Troubleshooting: auth_failed" })).toHaveAttribute(
      "href",
      "#troubleshooting-auth_failed",
    );
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath("settings-doctor-error.png"), fullPage: true });

    await form.getByLabel("Application Password").fill(site.applicationPassword);
    await form.getByRole("button", { name: "Test connection" }).click();
    await expect(form.getByText("Connection works")).toBeVisible();
    await form.getByRole("button", { name: "Save integration" }).click();

    const list = page.getByRole("list", { name: "WordPress integrations" });
    const row = list.locator(":scope > li");
    await expect(row).toHaveCount(1);
    await expect(row.getByText("Connected", { exact: true })).toBeVisible();
    await expect(row).toContainText(site.url);
    await expect(row).toContainText(`(password …${site.applicationPassword.slice(-4)})`);
    await expect(page.locator("body")).not.toContainText(site.applicationPassword);

    await row.getByRole("button", { name: "Test connection" }).click();
    await expect(row.getByText("Connection works")).toBeVisible();
    await expect(row).toContainText(/Connected to .* as /);
    await row.getByRole("button", { name: "Update structure" }).click();
    await expect(row.getByText("Structure updated")).toBeVisible();
    await expect(row).toContainText(/\d+ categories, \d+ tags and \d+ content types/);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath("settings-connected.png"), fullPage: true });

    const rotated = await createAppPassword(site);
    try {
      await row.getByRole("button", { name: "Edit" }).click();
      await row.getByLabel("New Application Password").fill(rotated.password);
      await row.getByRole("button", { name: "Test and save" }).click();
      await expect(row).toContainText(`(password …${rotated.password.slice(-4)})`);
    } finally {
      await revokeAppPassword(site, rotated.uuid);
    }
    // The rotated password is revoked now: the row's test says so and the row turns to error.
    await row.getByRole("button", { name: "Test connection" }).click();
    await expect(row.getByRole("alert")).toContainText("Connection failed / 401 Unauthorized");
    await expect(row.getByText("Error", { exact: true })).toBeVisible();

    await row.getByRole("button", { name: "Delete…" }).click();
    await row.getByRole("button", { name: "Yes, delete" }).click();
    await expect(page.getByRole("heading", { name: "No site connected yet" })).toBeVisible();
  });

  async function startOneClick(page: Page) {
    await signUpInBrowser(page, "int-oneclick");
    await page.goto("/settings/integration");
    await fillNewSite(page, site);
    // This IGNY8 runs on http://, which WordPress accepts only from local sites: the form says so first.
    await expect(addForm(page).getByRole("note")).toContainText(
      "WordPress only returns to an http:// address from sites in a local environment",
    );
    await addForm(page).getByRole("button", { name: "Connect with WordPress" }).click();
    // WordPress asks the admin to log in first, then shows its "Authorize Application" screen.
    await page.waitForURL(/wp-login\.php/);
    await page.locator("#user_login").fill(site.username);
    await page.locator("#user_pass").fill(adminPassword);
    await page.locator("#wp-submit").click();
    await page.waitForURL(/authorize-application\.php/);
    await expect(page.getByText("IGNY8", { exact: false }).first()).toBeVisible();
  }

  test("one-click connect through the real WordPress admin: approve, land back connected", async ({
    page,
  }, testInfo) => {
    await startOneClick(page);
    await page.locator("#approve").click();
    await page.waitForURL(/\/settings\/integration\/connect\?outcome=connected/);
    expect(page.url()).not.toContain("password");
    await expect(page.getByRole("main").getByRole("status")).toContainText("Connected");
    await expect(page.getByRole("main").getByRole("status")).toContainText(`as ${site.username}`);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath("one-click-connected.png"), fullPage: true });

    await page.getByRole("link", { name: "Back to Integrations" }).click();
    const row = page.getByRole("list", { name: "WordPress integrations" }).locator(":scope > li");
    await expect(row.getByText("Connected", { exact: true })).toBeVisible();
  });

  test("one-click connect, rejected in WordPress: explained, nothing saved", async ({ page }) => {
    await startOneClick(page);
    await page.locator("#reject").click();
    await page.waitForURL(/\/settings\/integration\/connect\?outcome=failed&code=rejected/);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("You declined the connection");
    await page.getByRole("link", { name: "Back to Integrations" }).click();
    await expect(page.getByRole("heading", { name: "No site connected yet" })).toBeVisible();
  });

  test("a tampered state is refused", async ({ page }) => {
    await signUpInBrowser(page, "int-tamper");
    await page.goto(
      `/settings/integration/connect/callback?state=forged&site_url=${encodeURIComponent(site.url)}&user_login=${site.username}&password=${encodeURIComponent(site.applicationPassword)}`,
    );
    await expect(page.getByRole("main").getByRole("alert")).toContainText("This connection link is not valid");
    expect(page.url()).not.toContain(site.applicationPassword);
    await page.goto("/settings/integration");
    await expect(page.getByRole("heading", { name: "No site connected yet" })).toBeVisible();
  });
});
