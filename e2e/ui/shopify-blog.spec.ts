import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { addIntegrationForm, choosePlatform } from "../support/connect";
import { E2E_SHOPIFY_STORE } from "../support/env";
import { shopifyTestShop } from "../support/shopify";
import { signUpInBrowser } from "../support/tenant";

test("a Shopify merchant creates a blog from Integrations, chooses it by keyboard, and articles go there", async ({
  page,
  baseURL,
}, testInfo) => {
  test.setTimeout(120_000);
  const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;
  const siteName = `Rose shop ${stamp}`;
  const blogTitle = `Rose care ${stamp}`;

  await signUpInBrowser(page, "shopify-blog");
  await page.goto("/settings/integration");
  const form = addIntegrationForm(page);
  await choosePlatform(page, "Shopify", siteName, `https://${E2E_SHOPIFY_STORE}`);
  await form.getByRole("textbox", { name: "Admin API access token" }).fill(await shopifyTestShop(baseURL!).token());
  await form.getByRole("button", { name: "Connect Shopify" }).click();
  await expect(form.getByText(/Shopify (site|store) connected/)).toBeVisible({ timeout: 60_000 });
  const row = page.getByRole("list", { name: "Shopify integrations" }).locator(":scope > li");
  await expect(row).toContainText("Blog: not chosen (the store's first); categories become tags");

  // The dialog lists the store's blogs, the store's first one current.
  await row.getByRole("button", { name: "Blog" }).click();
  const dialog = page.getByRole("dialog", { name: "Blog" });
  const blogs = dialog.getByRole("group", { name: "Publish articles to" });
  await expect(blogs.getByRole("radio", { name: /^News\s*\/blogs\/news\s/ })).toBeChecked();
  await expect(dialog.getByRole("radio", { name: /Tags on the article/ })).toBeChecked();

  // Create a blog with the keyboard only: it is created in Shopify and chosen.
  await dialog.getByLabel("New blog's title").focus();
  await page.keyboard.type(blogTitle);
  await page.keyboard.press("Enter");
  await expect(dialog.getByText(`Created “${blogTitle}” in Shopify and chose it`)).toBeVisible({ timeout: 30_000 });
  const created = blogs.getByRole("radio", {
    name: new RegExp(`^${blogTitle}\\s*/blogs/rose-care-${stamp} · 0 articles`),
  });
  await expect(created).toBeChecked();
  await dialog.getByRole("radio", { name: /The blog/ }).check();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: testInfo.outputPath("shopify-blog-dialog.png") });

  await dialog.getByRole("button", { name: "Save blog" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText(`Blog: ${blogTitle}; categories choose the blog`);
  await expectNoSeriousA11yViolations(page);
  await row.screenshot({ path: testInfo.outputPath("shopify-blog-row.png") });

  // An approved article without a category is published to the chosen blog.
  const integrations = await (await page.request.get("/api/v1/integration/")).json();
  const { site_id: siteId, id: integrationId } = integrations.results[0];
  const item = await (
    await page.request.post(`/api/v1/sites/${siteId}/content/`, {
      data: { title: `Deadheading ${stamp}`, content: "<p>Snip.</p>", status: "approved" },
    })
  ).json();
  const published = await page.request.post(`/api/v1/content/${item.id}/publish/`, {
    data: { integration_ids: [integrationId] },
  });
  expect(published.status(), await published.text()).toBeLessThan(300);
  await expect
    .poll(async () => (await (await page.request.get(`/api/v1/content/${item.id}/`)).json()).references[0]?.url ?? "", {
      timeout: 60_000,
    })
    .toContain(`/blogs/rose-care-${stamp}/deadheading-${stamp}`);
});
