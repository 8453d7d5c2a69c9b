import { expect, test } from "@playwright/test";
import { signUpInBrowser } from "../support/tenant";
import { expectNoSeriousA11yViolations } from "../support/axe";

test("sign up, add a site, sign out, sign in again", async ({ page }) => {
  await page.goto("/sign-up");
  await expectNoSeriousA11yViolations(page);
  const { email, password } = await signUpInBrowser(page, "journey");
  await expect(page.getByRole("heading", { name: "No sites yet" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Address").fill("not a url");
  await page.getByLabel("Name").fill("Travel blog");
  await page.getByRole("button", { name: "Add site" }).click();
  await expect(page.getByText("Address must be a full http:// or https:// address")).toBeVisible();
  await page.getByLabel("Address").fill("https://travel.example.com/");
  await page.getByRole("button", { name: "Add site" }).click();
  await expect(page.getByRole("link", { name: "Travel blog" })).toBeVisible();
  await expect(page.getByText("https://travel.example.com", { exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Travel blog" }).click();
  await expect(page.getByRole("heading", { name: "Travel blog" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("**/sign-in");
  await page.goto("/sites");
  await page.waitForURL("**/sign-in");
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /invalid email or password/i })).toBeVisible();
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/sites");
  await expect(page.getByRole("link", { name: "Travel blog" })).toBeVisible();
});

test("settings pages render, are keyboard reachable and accessible", async ({ page }) => {
  await signUpInBrowser(page, "pages");
  for (const [path, heading] of [
    ["/settings/integration", "Integrations"],
    ["/settings/api-keys", "API keys"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  }
  await page.getByLabel("Name").fill("Publisher");
  await page.getByLabel("Name").press("Enter");
  await expect(page.getByTestId("new-api-key")).toContainText("igny8_");
  await expect(page.getByRole("cell", { name: "Publisher", exact: true })).toBeVisible();
  await page.keyboard.press("Tab");
  await page.screenshot({ path: "test-results/api-keys.png", fullPage: true });
});
