import type { Page } from "@playwright/test";

/** The "Add integration" form of /settings/integration. */
export const addIntegrationForm = (page: Page) => page.getByRole("form", { name: "Add integration" });

/**
 * Picks the platform and the site in the "Add integration" form and types the platform's address:
 * a new site named `siteName` (created when connecting), or the account's existing site of that name.
 */
export async function choosePlatform(
  page: Page,
  name: string,
  siteName: string,
  url: string,
  { isNewSite = true }: { isNewSite?: boolean } = {},
) {
  const form = addIntegrationForm(page);
  await form.getByRole("radio", { name }).check();
  const site = form.getByLabel("Site", { exact: true });
  if (isNewSite) {
    await site.selectOption({ label: "New site…" });
    await form.getByLabel("Site name").fill(siteName);
  } else {
    await site.selectOption({ label: siteName });
  }
  await form.getByRole("textbox", { name: /address/ }).fill(url);
}
