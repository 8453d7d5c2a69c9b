import { expect, test, type Page } from "@playwright/test";
import { checkPlatformPage, expectNoSeriousA11yViolations } from "../support/axe";
import { addIntegrationForm, choosePlatform } from "../support/connect";
import { E2E_SHOPIFY_STORE } from "../support/env";
import { shopifyTestShop } from "../support/shopify";
import { signUpInBrowser } from "../support/tenant";

/** The item's article id on Shopify, from our API (the browser's session). */
async function shopifyIdOf(page: Page, contentId: string): Promise<string> {
  const res = await page.request.get(`/api/v1/content/${contentId}/`);
  expect(res.status()).toBe(200);
  const item = (await res.json()) as { references: { platform: string; external_id: string | null }[] };
  const ref = item.references.find((r) => r.platform === "shopify");
  expect(ref?.external_id).toBeTruthy();
  return ref!.external_id!;
}

test("a Shopify merchant connects, publishes an article, meets the merchant's edit as a conflict and resolves it", async ({
  page,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);
  const shop = shopifyTestShop(baseURL!);
  const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;
  const siteName = `Rose shop ${stamp}`;
  const title = `Pruning roses ${stamp}`;
  const shot = (name: string) => testInfo.outputPath(`shopify-${name}.png`);

  // 1. Connect the store with an Admin API access token, the site created with it.
  await signUpInBrowser(page, "shopify-flow");
  await page.goto("/settings/integration");
  const form = addIntegrationForm(page);
  await choosePlatform(page, "Shopify", siteName, `https://${E2E_SHOPIFY_STORE}`);
  const token = await shop.token();
  await form.getByRole("textbox", { name: "Admin API access token" }).fill(token);
  await form.getByRole("button", { name: "Connect Shopify" }).click();
  await expect(form.getByText(/Shopify (site|store) connected/)).toBeVisible({ timeout: 60_000 });
  const row = page.getByRole("list", { name: "Shopify integrations" }).locator(":scope > li");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(siteName);
  await expect(row.getByText("Connected", { exact: true })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(token);
  // Settings name every platform (the picker, the troubleshooting table): only axe and the screenshot here.
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: shot("integration"), fullPage: true });

  // 2. Write an approved article and publish it to Shopify.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sites" }).click();
  const listed = page.getByRole("list", { name: "Sites" }).getByRole("listitem").filter({ hasText: siteName });
  await expect(listed.getByText("Shopify connected", { exact: true })).toBeVisible();
  await listed.getByRole("link", { name: siteName }).click();
  await expect(page).toHaveURL(/\/sites\/[0-9a-f-]{36}$/);
  const siteId = new URL(page.url()).pathname.split("/")[2];
  await page.getByRole("link", { name: "Content", exact: true }).click();
  await page.getByRole("link", { name: "Write the first item" }).click();
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Body (HTML)").fill("<p>Cut above an outward-facing bud.</p>");
  await page.getByLabel("Status").selectOption({ label: "Approved" });
  await page.getByLabel("Tags").fill("Roses");
  await page.getByRole("button", { name: "Create content" }).click();
  await expect(page).toHaveURL(/\/content\/[0-9a-f-]{36}$/);
  const contentId = new URL(page.url()).pathname.split("/")[4];
  await page.getByRole("button", { name: "Publish to Shopify" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Published to Shopify/ })).toBeVisible({ timeout: 90_000 });
  const destination = page.getByRole("list", { name: "Destinations" }).getByRole("listitem");
  await expect(destination).toHaveCount(1);
  await expect(destination).toContainText("Shopify");
  await expect(destination).toContainText("In sync");
  await checkPlatformPage(page, shot("content"));
  const articleId = await shopifyIdOf(page, contentId);

  // 3. The Sync Dashboard names Shopify and shows the push, succeeded.
  await page.goto(`/sites/${siteId}/sync`);
  await expect(page.getByRole("heading", { level: 1, name: "Sync Dashboard" })).toBeVisible();
  const pushed = page
    .getByRole("table", { name: "Sync events", exact: true })
    .getByRole("row")
    .filter({ hasText: title });
  await expect(pushed).toHaveCount(1);
  await expect(pushed).toContainText("IGNY8 → Shopify");
  await expect(pushed).toContainText("success");
  await expect(page.getByRole("region", { name: "Sync health" })).toContainText(/Synced items\s*1(?!\d)/);
  await checkPlatformPage(page, shot("sync-dashboard"));

  // 4. The merchant retitles the article in Shopify; then IGNY8's own edit is pushed: a conflict.
  await shop.merchantEdit(articleId, `${title} (merchant)`);
  await page.goto(`/sites/${siteId}/content/${contentId}`);
  await page.getByLabel("Title", { exact: true }).fill(`${title} (IGNY8)`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(/^Saved\./)).toBeVisible();
  await page.getByRole("button", { name: "Publish to Shopify" }).click();
  await expect(
    page.getByRole("status").or(page.getByRole("alert")).filter({ hasText: "Changed on Shopify too: a conflict" }),
  ).toBeVisible({
    timeout: 90_000,
  });
  await checkPlatformPage(page, shot("content-conflict"));

  // 5. Resolve it on the conflicts page with IGNY8's version.
  await page.goto(`/sites/${siteId}/sync`);
  const tabs = page.getByRole("navigation", { name: "Sync sections" });
  await expect(tabs.getByTestId("conflict-count")).toHaveText("1");
  await tabs.getByRole("link", { name: /Conflicts/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Conflicts" })).toBeVisible();
  await checkPlatformPage(page, shot("conflicts"));
  await page.getByRole("link", { name: `${title} (IGNY8)` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Conflict: ${title} (IGNY8)` })).toBeVisible();
  await expect(page.getByTestId("field-title").getByText("Changed in both")).toBeVisible();
  await expect(page.locator("main")).toContainText(`${title} (merchant)`);
  await checkPlatformPage(page, shot("conflict"));
  await page.getByLabel("IGNY8's version").check();
  await page.getByRole("button", { name: "Resolve conflict" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Resolved" })).toBeVisible({ timeout: 60_000 });
  await expect(tabs.getByTestId("conflict-count")).toHaveText("0");
  await checkPlatformPage(page, shot("resolved"));
  const after = await (await page.request.get(`/api/v1/content/${contentId}/`)).json();
  expect(after).toMatchObject({ title: `${title} (IGNY8)`, sync_state: "synced" });
});
