import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { signUpInBrowser } from "../support/tenant";

async function addSite(page: Page, name: string) {
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Address").fill(`https://${name.toLowerCase().replace(/\W+/g, "-")}.example.com`);
  await page.getByRole("button", { name: "Add site" }).click();
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test("write, edit, approve content; list, filter and bulk-approve it", async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await signUpInBrowser(page, "content-ui");
  await addSite(page, "Food blog");
  await page.getByRole("link", { name: "Content", exact: true }).click();
  await expect(page.getByRole("heading", { name: "No content yet" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: testInfo.outputPath("content-empty.png"), fullPage: true });

  await page.getByRole("link", { name: "New content" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New content" })).toBeVisible();
  await page.getByLabel("Title", { exact: true }).fill("Sourdough for Beginners");
  await page.getByLabel("Body (HTML)").fill("<p>Flour, water, <em>patience</em>.</p>");
  await page.getByLabel("Categories").fill("Baking, Bread");
  await page.getByLabel("Tags").fill("sourdough");
  await page.getByLabel("Featured image URL").fill("not an address");
  await page.getByRole("button", { name: "Create content" }).click();
  await expect(page.getByText("Check the fields marked below.")).toBeVisible();
  await expect(
    page.getByText("must be a full http:// or https:// address, like https://example.com/image.jpg"),
  ).toBeVisible();
  await expect(page.getByLabel("Featured image URL")).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Featured image URL").fill("https://images.example.com/loaf.jpg");
  await page.getByRole("button", { name: "Create content" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Sourdough for Beginners" })).toBeVisible();
  await expect(page.getByLabel("Slug")).toHaveValue("sourdough-for-beginners");
  await expect(page.getByLabel("Categories")).toHaveValue("Baking, Bread");
  await expect(page.locator("dl").getByText("Not on WordPress", { exact: true })).toBeVisible();
  await expect(page.getByText("None yet. Publishing or a pull records one here.")).toBeVisible();
  // No WordPress connection: publishing is off and says where to connect.
  await expect(page.getByRole("button", { name: "Publish to WordPress" })).toBeDisabled();
  await expect(page.getByText("Connect this site to WordPress, Ghost, Shopify or Webflow first")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Title", { exact: true }).fill("Sourdough for Absolute Beginners");
  await page.getByLabel("Tags").fill("sourdough, starter");
  await page.getByLabel("Status").selectOption("scheduled");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("is required when status is scheduled", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Scheduled for")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Scheduled for").fill("2031-04-01T09:30");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Sourdough for Absolute Beginners" })).toBeVisible();
  await expect(page.getByLabel("Tags")).toHaveValue("sourdough, starter");
  await expect(page.getByLabel("Scheduled for")).toHaveValue("2031-04-01T09:30");

  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.locator("dl").getByText("Approved", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("content-edit.png"), fullPage: true });

  // A second item through the form, then the list.
  await page.getByRole("link", { name: "Content", exact: true }).click();
  await page.getByRole("link", { name: "New content" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New content" })).toBeVisible();
  await page.getByLabel("Title", { exact: true }).fill("About the bakery");
  await page.getByLabel("Type").selectOption("page");
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue("About the bakery");
  await page.getByRole("button", { name: "Create content" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "About the bakery" })).toBeVisible();

  await page.getByRole("link", { name: "Content", exact: true }).click();
  const table = page.getByRole("table", { name: "Content of this site" });
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("row", { name: /About the bakery/ })).toContainText("Draft");
  await expect(table.getByRole("row", { name: /Sourdough/ })).toContainText("Approved");
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: testInfo.outputPath("content-list.png"), fullPage: true });

  await page.getByLabel("Status").selectOption("draft");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(page).toHaveURL(/status=draft/);
  await page.getByLabel("Select About the bakery").check();
  await expect(page.getByText("1 selected")).toBeVisible();
  await page.getByRole("group", { name: "Bulk actions" }).getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Approved 1.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Nothing matches these filters" })).toBeVisible();
  await page.getByRole("link", { name: "Clear" }).click();
  await expect(table.getByRole("row", { name: /About the bakery/ })).toContainText("Approved");

  await page.getByLabel("Search titles").fill("zzz-nothing");
  await page.getByLabel("Search titles").press("Enter");
  await expect(page.getByRole("heading", { name: "Nothing matches these filters" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("content pages of another account are not found", async ({ page, browser, baseURL }) => {
  await signUpInBrowser(page, "content-owner");
  await addSite(page, "Private blog");
  const siteUrl = new URL(page.url()).pathname;
  await page.goto(`${siteUrl}/content/new`);
  await page.getByLabel("Title", { exact: true }).fill("Secret recipe");
  await page.getByRole("button", { name: "Create content" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Secret recipe" })).toBeVisible();
  const itemPath = new URL(page.url()).pathname;

  const other = await browser.newPage({ baseURL });
  await signUpInBrowser(other, "content-stranger");
  for (const path of [itemPath, `${siteUrl}/content`, `${siteUrl}/sync`]) {
    await other.goto(path);
    await expect(other.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(other.getByText("Secret recipe")).toHaveCount(0);
  }
  await other.close();
});
