import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { signUpInBrowser } from "../support/tenant";

async function newItem(page: Page, title: string) {
  await page.getByLabel("Name").fill("Garden blog");
  await page.getByLabel("Address").fill("https://garden.example.com");
  await page.getByRole("button", { name: "Add site" }).click();
  await page.getByRole("link", { name: "Garden blog" }).click();
  await page.getByRole("link", { name: "Content", exact: true }).click();
  await page.getByRole("link", { name: "New content" }).click();
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Create content" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

test("the SEO section is edited with the keyboard, counts characters and refuses a relative canonical URL", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await signUpInBrowser(page, "seo-ui");
  await newItem(page, "Planting tulips");
  const section = page.getByRole("group", { name: "SEO" });
  await expect(section).toBeVisible();
  await expect(section.getByLabel("SEO title")).toHaveAccessibleDescription("0 of about 60 characters");

  const title = "Planting tulips in autumn: when and how";
  const sentence = "Plant tulip bulbs six weeks before the ground freezes, three times as deep as they are tall. ";
  const description = sentence.repeat(2);
  await section.getByLabel("SEO title").focus();
  await page.keyboard.type(title);
  await expect(section.getByText(`${title.length} of about 60 characters`)).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(section.getByLabel("Meta description")).toBeFocused();
  await page.keyboard.type(description);
  const over = description.trim().length - 160;
  await expect(section.getByLabel("Meta description")).toHaveAccessibleDescription(
    `${description.trim().length} characters: ${over} more than the about 160 a search result shows`,
  );
  await page.keyboard.press("Tab");
  await expect(section.getByLabel("Focus keyword")).toBeFocused();
  await page.keyboard.type("planting tulips");
  await page.keyboard.press("Tab");
  await expect(section.getByLabel("Canonical URL")).toBeFocused();
  await page.keyboard.type("/tulips/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Save changes" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page.getByText("Check the fields marked below.")).toBeVisible();
  const canonical = section.getByLabel("Canonical URL");
  await expect(canonical).toHaveAttribute("aria-invalid", "true");
  await expect(canonical).toHaveAccessibleDescription(
    "must be an absolute http:// or https:// URL, like https://example.com/my-post/",
  );
  await expectNoSeriousA11yViolations(page);

  await canonical.focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("https://garden.example.com/tulips/");
  await page.keyboard.press("Enter"); // Enter in a field submits the form
  await expect(page.getByText("Saved.")).toBeVisible();

  // What was saved is what the page shows after a reload.
  await page.reload();
  await expect(section.getByLabel("SEO title")).toHaveValue(title);
  await expect(section.getByLabel("Meta description")).toHaveValue(description.trim());
  await expect(section.getByLabel("Focus keyword")).toHaveValue("planting tulips");
  await expect(section.getByLabel("Canonical URL")).toHaveValue("https://garden.example.com/tulips/");
  await expect(section.getByText(`${title.length} of about 60 characters`)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await section.screenshot({ path: testInfo.outputPath("seo-section.png") });
  await page.screenshot({ path: testInfo.outputPath("seo-editor.png"), fullPage: true });
});
