import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { createTenant, signInInBrowser } from "../support/tenant";
import { BLOG_FIELD_MAP, connectWebflow, webflowFixture } from "../support/webflow";

test("connect Webflow with a site token, map the blog collection's fields, see it on the Sync Dashboard", async ({
  page,
  baseURL,
}, testInfo) => {
  test.setTimeout(120_000);
  const fixture = await webflowFixture(baseURL!);
  const tenant = await createTenant(baseURL!, "webflow-map");
  await signInInBrowser(page, tenant);
  await page.goto("/settings/integration");
  const row = await connectWebflow(page, fixture, "Webflow blog");

  await row.getByRole("button", { name: "Field mapping" }).click();
  const dialog = page.getByRole("dialog", { name: "Field mapping" });
  await expect(dialog).toBeVisible();
  const site = dialog.getByRole("group", { name: "Site IGNY8 Test Blog" });
  await expect(site.getByRole("radio")).toHaveCount(3);
  await site.getByRole("radio", { name: "Blog Posts" }).check();
  const fields = dialog.getByRole("form", { name: "Fields of Blog Posts" });
  await expect(fields.getByLabel("Body (required)")).toHaveValue(BLOG_FIELD_MAP.body);
  await expect(fields.getByLabel("Summary")).toHaveValue(BLOG_FIELD_MAP.summary);
  await expect(fields.getByLabel("Featured image")).toHaveValue(BLOG_FIELD_MAP.image);
  await expect(fields.getByLabel("SEO title")).toHaveValue(BLOG_FIELD_MAP.seo_title);
  await expect(fields.getByLabel("SEO description")).toHaveValue(BLOG_FIELD_MAP.seo_description);
  await expect(fields.getByLabel("Publish date")).toHaveValue(BLOG_FIELD_MAP.publish_date);
  await expectNoSeriousA11yViolations(page);
  await dialog.screenshot({ path: testInfo.outputPath("webflow-mapping.png") });

  // The body is required: emptied, Save says so and sends nothing.
  await fields.getByLabel("Body (required)").selectOption("");
  await fields.getByRole("button", { name: "Save mapping" }).click();
  await expect(fields.getByText("Body: choose the field that gets the post's body")).toBeVisible();
  await fields.getByLabel("Body (required)").selectOption(BLOG_FIELD_MAP.body);
  // Summary left out on purpose: a role can stay unmapped.
  await fields.getByLabel("Summary").selectOption("");
  await fields.getByRole("button", { name: "Save mapping" }).click();
  await expect(fields.getByText("Field mapping saved")).toBeVisible({ timeout: 30_000 });
  await dialog.screenshot({ path: testInfo.outputPath("webflow-mapping-saved.png") });

  const list = await tenant.api.get("/api/v1/integration/");
  const [integration] = (await list.json()).results;
  const { summary: _summary, ...expected } = BLOG_FIELD_MAP;
  expect(integration.config_json).toMatchObject({ site_id: fixture.siteId, collection_id: fixture.blogId });
  expect(integration.config_json.field_map).toEqual(expected);

  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(row.getByText("Choose the collection")).toHaveCount(0);

  await page.goto(`/sites/${integration.site_id}/sync`);
  await expect(page.getByText("changes made in Webflow arrive by scheduled sync")).toBeVisible();
  await expect(page.getByRole("link", { name: "Download the plugin (.zip)" })).toHaveCount(0);
  await expect(page.getByText("push sends approved content to Webflow")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: testInfo.outputPath("webflow-sync-dashboard.png"), fullPage: true });
});
