import { expect, test } from "@playwright/test";
import { signUpInBrowser } from "../support/tenant";
import { expectNoSeriousA11yViolations } from "../support/axe";

test("the API reference renders every operation from the document, is accessible, and tries a request with the session", async ({
  page,
}) => {
  // Swagger UI renders every operation of the document, and axe reads the whole page twice.
  test.setTimeout(120_000);
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));

  await signUpInBrowser(page, "api-docs");
  await page.goto("/settings/api-keys");
  await page.getByRole("link", { name: "API reference" }).click();
  await page.waitForURL("**/docs/api");
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();

  // Operations of several resources, by their summaries in the document.
  const listSites = page.locator(".opblock").filter({ hasText: "List the account's sites" });
  await expect(listSites).toBeVisible({ timeout: 20_000 });
  for (const summary of [
    "Push an item to its site's integrations now",
    "Receive a signed delivery from the IGNY8 WordPress plugin",
    "Create an API key",
  ]) {
    await expect(page.getByText(summary, { exact: true })).toBeVisible();
  }
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: "test-results/api-docs-top.png" });

  // Keyboard: the operation opens with Enter, then "Try it out" sends it with the session cookie.
  await listSites
    .getByRole("button", { name: /List the account's sites/ })
    .first()
    .focus();
  await page.keyboard.press("Enter");
  await listSites.getByRole("button", { name: "Try it out" }).click();
  await listSites.getByRole("button", { name: "Execute" }).click();
  const live = listSites.locator(".live-responses-table .response");
  await expect(live.locator(".response-col_status")).toContainText("200");
  await expect(live.locator(".response-col_description")).toContainText('"count": 0');
  await expectNoSeriousA11yViolations(page);
  await live.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/api-docs-try-it.png" });

  expect(problems).toEqual([]);
});

test("the API reference is public, like the document", async ({ page }) => {
  await page.goto("/docs/api");
  await expect(page.locator(".opblock").filter({ hasText: "Add a site" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("button", { name: /Authorize/ })).toBeVisible();
});
