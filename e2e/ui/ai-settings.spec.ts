import { expect, test } from "@playwright/test";
import { signUpInBrowser } from "../support/tenant";
import { expectNoSeriousA11yViolations } from "../support/axe";

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
  await expect(openai.getByText("Not tested yet")).toBeVisible();
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
});
