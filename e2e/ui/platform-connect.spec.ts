import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { addIntegrationForm as addForm, choosePlatform } from "../support/connect";
import { ghostTestInfo } from "../support/env";
import { signUpInBrowser } from "../support/tenant";

const ghost = ghostTestInfo();
if (!ghost) console.log("Skipping the Ghost connect test: set GHOST_TEST_INFO to the Ghost fixture's info.json.");

test("each platform shows its own fields, where to find them and the scopes; empty fields are named", async ({
  page,
}, testInfo) => {
  await signUpInBrowser(page, "connect-forms");
  await page.goto("/settings/integration");
  const form = addForm(page);
  // WordPress stays the default, with one-click connect.
  await expect(form.getByRole("radio", { name: "WordPress" })).toBeChecked();
  await expect(form.getByRole("button", { name: "Connect with WordPress" })).toBeVisible();
  await form.screenshot({ path: testInfo.outputPath("connect-wordpress.png") });

  await form.getByRole("radio", { name: "Ghost" }).check();
  await expect(form.getByLabel("Ghost site address")).toBeVisible();
  await expect(form).toContainText("Add custom integration");
  await expect(form.getByLabel("Admin API key")).toHaveAttribute("type", "password");
  await form.getByRole("button", { name: "Connect Ghost" }).click();
  await expect(form.getByText("Site name is required")).toBeVisible();
  await expect(form.getByText("Admin API key is required")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await form.screenshot({ path: testInfo.outputPath("connect-ghost.png") });

  await form.getByRole("radio", { name: "Shopify" }).check();
  await expect(form.getByLabel("Store address")).toHaveAttribute("placeholder", "https://your-store.myshopify.com");
  await expect(form).toContainText("read_content, write_content, read_products, write_products, write_files");
  const token = form.getByRole("textbox", { name: "Admin API access token" });
  await expect(token).toBeVisible();
  await form.getByRole("radio", { name: "Client ID and secret of your app" }).check();
  await expect(form.getByRole("textbox", { name: "Client ID", exact: true })).toBeVisible();
  await expect(form.getByRole("textbox", { name: "Client secret", exact: true })).toBeVisible();
  await expect(token).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await form.screenshot({ path: testInfo.outputPath("connect-shopify.png") });

  await form.getByRole("radio", { name: "Webflow" }).check();
  await expect(form.getByLabel("Site API token")).toBeVisible();
  await expect(form).toContainText("Apps & integrations → API access");
  await expect(form).toContainText("cms:read, cms:write");
  await expect(form).toContainText("open Field mapping");
  await expectNoSeriousA11yViolations(page);
  await form.screenshot({ path: testInfo.outputPath("connect-webflow.png") });
});

test.describe("with the Ghost fixture", () => {
  test.skip(!ghost, "GHOST_TEST_INFO is not set");
  test.setTimeout(120_000);

  test("connect a Ghost site: a malformed key is named on its field, a wrong key gets the doctor's fix", async ({
    page,
  }, testInfo) => {
    const { url, adminApiKey } = ghost!;
    await signUpInBrowser(page, "connect-ghost");
    await page.goto("/settings/integration");
    const form = addForm(page);
    await choosePlatform(page, "Ghost", "Ghost blog", url);
    const key = form.getByLabel("Admin API key");

    await key.fill("not-a-key");
    await form.getByRole("button", { name: "Connect Ghost" }).click();
    await expect(
      form.getByText(/^Admin API key must be the Admin API key of a Ghost custom integration/),
    ).toBeVisible();
    await expect(key).toHaveAttribute("aria-invalid", "true");

    // Well formed, unknown to Ghost: the doctor refuses it and says how to fix it.
    await key.fill(`${"a".repeat(24)}:${"b".repeat(64)}`);
    await form.getByRole("button", { name: "Connect Ghost" }).click();
    const failure = form.getByRole("alert");
    await expect(failure).toContainText("Fix:");
    await expect(failure.getByRole("link", { name: /Troubleshooting: / })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await form.screenshot({ path: testInfo.outputPath("connect-ghost-refused.png") });

    await key.fill(adminApiKey);
    await form.getByRole("button", { name: "Connect Ghost" }).click();
    await expect(form.getByText("Ghost site connected")).toBeVisible({ timeout: 60_000 });
    const row = page.getByRole("list", { name: "Ghost integrations" }).locator(":scope > li");
    await expect(row).toHaveCount(1);
    await expect(row.getByText("Ghost", { exact: true })).toBeVisible();
    await expect(row.getByText("Connected", { exact: true })).toBeVisible();
    await expect(row).toContainText(`Admin API key …${adminApiKey.slice(-4)}`);
    await expect(page.locator("body")).not.toContainText(adminApiKey);
    await expect(row.getByRole("button", { name: "Edit" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath("ghost-listed.png") });

    await row.getByRole("button", { name: "Delete…" }).click();
    await expect(row).toContainText("Remove this integration and the stored Ghost credentials?");
    await row.getByRole("button", { name: "Yes, delete" }).click();
    await expect(page.getByRole("heading", { name: "No site connected yet" })).toBeVisible();
  });
});
