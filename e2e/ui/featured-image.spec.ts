import { expect, test } from "@playwright/test";
import { signUpInBrowser } from "../support/tenant";
import { expectNoSeriousA11yViolations } from "../support/axe";

test("Generate featured image on the content editor stores an image and sets it on the item", async ({ page }) => {
  await signUpInBrowser(page, "imagegen");
  const api = page.request;
  const put = await api.put("/api/v1/settings/ai/", {
    data: { scope: "account", keys: { openai: "sk-test-good-key-1234" } },
  });
  expect(put.status(), await put.text()).toBe(200);
  const site = await (
    await api.post("/api/v1/sites/", { data: { name: "Images", url: "https://images.example.com" } })
  ).json();
  const item = await (
    await api.post(`/api/v1/sites/${site.id}/content/`, { data: { title: "Matcha at home", excerpt: "Whisking tips" } })
  ).json();

  await page.goto(`/sites/${site.id}/content/${item.id}`);
  await page.getByRole("button", { name: "Generate featured image" }).click();
  await expect(page.getByText(/Generated with openai for \$0\.04/)).toBeVisible();
  const url = await page.getByLabel("Featured image URL").inputValue();
  expect(url).toMatch(/\/api\/v1\/ai\/images\/[0-9a-f-]{36}\/$/);
  const image = await api.get(new URL(url).pathname);
  expect(image.headers()["content-type"]).toBe("image/png");
  expect((await (await api.get(`/api/v1/content/${item.id}/`)).json()).featured_image_url).toBe(url);
  await expectNoSeriousA11yViolations(page);
});

test("without an image provider key the editor says what to fix", async ({ page }) => {
  await signUpInBrowser(page, "imagegen-nokey");
  const site = await (
    await page.request.post("/api/v1/sites/", { data: { name: "No key", url: "https://nokey.example.com" } })
  ).json();
  const item = await (
    await page.request.post(`/api/v1/sites/${site.id}/content/`, { data: { title: "No key yet" } })
  ).json();
  await page.goto(`/sites/${site.id}/content/${item.id}`);
  await page.getByRole("button", { name: "Generate featured image" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /key/i })).toBeVisible();
});
