import { expect, type Locator, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./axe";
import { addIntegrationForm, choosePlatform } from "./connect";
import { webflowServerPort } from "./env";

/** What e2e/support/webflow-server.ts answers on GET /__fixture (ids and tokens of its seeded site). */
export type WebflowFixture = {
  origin: string;
  siteId: string;
  blogId: string;
  categoriesId: string;
  tagsId: string;
  tokens: { full: string };
};

/** A Webflow CMS item as the Data API answers it. */
export type WebflowItem = {
  id: string;
  isDraft: boolean;
  lastPublished: string | null;
  fieldData: Record<string, unknown> & { name: string; slug: string };
};

/** The roles IGNY8 suggests for the test server's Blog Posts collection (its field slugs). */
export const BLOG_FIELD_MAP = {
  body: "post-body",
  summary: "post-summary",
  image: "main-image",
  seo_title: "seo-title",
  seo_description: "meta-description",
  categories: "categories",
  tags: "tags",
  publish_date: "publish-date",
};

export async function webflowFixture(baseURL: string): Promise<WebflowFixture> {
  return (await (await fetch(`http://127.0.0.1:${webflowServerPort(baseURL)}/__fixture`)).json()) as WebflowFixture;
}

/**
 * On /settings/integration: connects the fixture's site with its site token, the IGNY8 site created
 * with it (`siteName`); answers the integration's row in the Webflow list.
 */
export async function connectWebflow(page: Page, fixture: WebflowFixture, siteName: string): Promise<Locator> {
  const form = addIntegrationForm(page);
  await choosePlatform(page, "Webflow", siteName, fixture.origin);
  await form.getByLabel("Site API token").fill(fixture.tokens.full);
  await form.getByRole("button", { name: "Connect Webflow" }).click();
  await expect(form.getByText("Webflow site connected")).toBeVisible({ timeout: 30_000 });
  const row = page.getByRole("list", { name: "Webflow integrations" }).locator(":scope > li");
  await expect(row).toContainText(`Site API token …${fixture.tokens.full.slice(-4)}`);
  await expect(row.getByText("Choose the collection")).toBeVisible();
  return row;
}

/** Opens the row's field mapping and picks Blog Posts; answers the dialog and its fields form. */
export async function openBlogMapping(page: Page, row: Locator) {
  await row.getByRole("button", { name: "Field mapping" }).click();
  const dialog = page.getByRole("dialog", { name: "Field mapping" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("group", { name: "Site IGNY8 Test Blog" }).getByRole("radio", { name: "Blog Posts" }).check();
  const fields = dialog.getByRole("form", { name: "Fields of Blog Posts" });
  await expect(fields.getByLabel("Body (required)")).toHaveValue(BLOG_FIELD_MAP.body);
  return { dialog, fields };
}

/** The collection's items through the Data API with the site token, as any Webflow client reads them. */
export async function listWebflowItems(
  fixture: WebflowFixture,
  collectionId: string,
  { isLive = false, name }: { isLive?: boolean; name?: string } = {},
): Promise<WebflowItem[]> {
  const query = new URLSearchParams({ limit: "100", ...(name ? { name } : {}) });
  const path = `/v2/collections/${collectionId}/items${isLive ? "/live" : ""}?${query}`;
  const res = await fetch(`${fixture.origin}${path}`, { headers: { authorization: `Bearer ${fixture.tokens.full}` } });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { items: WebflowItem[] }).items;
}
