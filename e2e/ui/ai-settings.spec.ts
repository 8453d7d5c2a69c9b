import { expect, test } from "@playwright/test";
import { signUpInBrowser } from "../support/tenant";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { E2E_ADMIN_EMAIL } from "../support/env";

test("an owner saves an OpenAI key, tests it, and picks default models", async ({ page }) => {
  await signUpInBrowser(page, "ai-ui");
  await page.goto("/settings/integration");
  await expect(page.getByRole("heading", { name: "AI providers" })).toBeVisible();
  const openai = page.getByRole("region", { name: "OpenAI" });
  await expect(openai.getByText("No key: calls to OpenAI fail until a key is added.")).toBeVisible();
  await expect(page.getByTestId("ai-spend")).toContainText("$0.000000");
  await expectNoSeriousA11yViolations(page);

  // A mistyped key is caught before it is saved.
  const keyField = openai.getByLabel("Your account's OpenAI key");
  await keyField.fill("sk-mistyped-key-0000");
  await openai.getByRole("button", { name: "Test this key" }).click();
  await expect(openai.getByRole("alert")).toContainText("The key you typed does not work");
  await expect(openai.getByRole("alert")).toContainText("OpenAI rejected the key");

  await keyField.fill("sk-test-good-key-1234");
  await openai.getByRole("button", { name: "Save key" }).click();
  await expect(openai.getByText("Using your account's key ending in 1234.")).toBeVisible();
  await expect(openai.getByText("Not tested yet", { exact: true })).toBeVisible();
  await expect(openai.getByLabel("Replace your account's OpenAI key")).toHaveValue("");

  await openai.getByRole("button", { name: "Test saved key" }).click();
  await expect(openai.getByRole("status").filter({ hasText: "Your account's key works" })).toBeVisible();
  await expect(openai.getByText("Works", { exact: true })).toBeVisible();

  const defaults = page.getByRole("region", { name: "Default models of your account" });
  await expect(defaults.getByText("In use: GPT-4o mini (the platform default).")).toBeVisible();
  await defaults.getByLabel("Default text model").selectOption("gpt-4o");
  await defaults.getByLabel("Default image provider").selectOption("openai");
  await defaults.getByLabel("Default image model").selectOption("dall-e-3");
  await defaults.getByRole("button", { name: "Save defaults" }).click();
  await expect(defaults.getByText("Default models saved.")).toBeVisible();
  await expect(defaults.getByText("In use: GPT-4o (your account's choice).")).toBeVisible();

  await expect(page.getByRole("table", { name: "AI models and their prices in USD" })).toContainText("GPT-4o mini");
  await page.reload();
  await expect(openai.getByText("Works", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Default text model")).toHaveValue("gpt-4o");
  await expect(page.locator("body")).not.toContainText("sk-test-good-key-1234");
  expect(await page.content()).not.toContain("sk-test-good-key-1234");
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: "test-results/ai-settings.png", fullPage: true });
  await page.getByRole("region", { name: "AI providers" }).screenshot({ path: "test-results/ai-section.png" });
});

test("a system admin edits a model's price in the table", async ({ page, baseURL }) => {
  // The system admin of the e2e server (ADMIN_EMAILS); page.request shares the browser's cookies.
  const credentials = { email: E2E_ADMIN_EMAIL, password: "correct horse battery" };
  const headers = { origin: baseURL! };
  const signUp = await page.request.post("/api/auth/sign-up/email", {
    data: { ...credentials, name: "Platform admin" },
    headers,
  });
  if (!signUp.ok())
    expect((await page.request.post("/api/auth/sign-in/email", { data: credentials, headers })).ok()).toBe(true);

  await page.goto("/settings/integration");
  await page.getByLabel("Platform (every account without its own key)").check();
  await expect(page.getByRole("region", { name: "Default models of the platform" })).toBeVisible();
  await expect(page.getByLabel("Platform OpenAI key")).toBeVisible();

  const table = page.getByRole("table", { name: "AI models and their prices in USD" });
  const row = table.getByRole("row", { name: /^Bria 2\.3 Fast/ });
  await expect(row).toContainText("$0.020");
  await row.getByRole("button", { name: "Edit prices of Bria 2.3 Fast" }).click();
  const form = page.getByRole("form", { name: "Prices of Bria 2.3 Fast" });
  await form.getByLabel("USD per image").fill("-1");
  await form.getByLabel("Source of the new price").fill("https://bria.ai/pricing (e2e)");
  await form.getByRole("button", { name: "Save prices" }).click();
  await expect(form.getByText("must be a non-negative decimal string")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: "test-results/ai-settings-admin.png", fullPage: true });
  await form.getByLabel("USD per image").fill("0.025");
  await form.getByRole("button", { name: "Save prices" }).click();
  await expect(row).toContainText("$0.025");

  // Put the price back for every other test.
  await row.getByRole("button", { name: "Edit prices of Bria 2.3 Fast" }).click();
  await form.getByLabel("USD per image").fill("0.020");
  await form.getByLabel("Source of the new price").fill("https://bria.ai/pricing (restored)");
  await form.getByRole("button", { name: "Save prices" }).click();
  await expect(row).toContainText("$0.020");
});
