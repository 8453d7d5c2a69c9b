import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** No serious or critical accessibility violations on the page as it is now. */
export async function expectNoSeriousA11yViolations(page: Page) {
  // Next.js streams the page's metadata: the title arrives after the first paint. Every page has one.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/**
 * A page of a non-WordPress integration's flow: axe, no mention of WordPress outside its SEO
 * section (which names how each platform takes SEO fields, on purpose), and a full-page screenshot.
 */
export async function checkPlatformPage(page: Page, path: string) {
  const words = await page.locator("main").evaluate((main) => {
    const copy = main.cloneNode(true) as HTMLElement;
    copy.querySelectorAll("fieldset").forEach((fieldset) => fieldset.remove());
    return copy.textContent ?? "";
  });
  expect(words).not.toContain("WordPress");
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path, fullPage: true });
}
