import { expect, test, type Page } from "@playwright/test";
import { checkPlatformPage } from "../support/axe";
import { signUpInBrowser } from "../support/tenant";
import {
  BLOG_FIELD_MAP,
  connectWebflow,
  listWebflowItems,
  openBlogMapping,
  webflowFixture,
  type WebflowFixture,
} from "../support/webflow";

/** The one item of that name in a collection, as the Data API answers it (live or staged). */
async function webflowItemNamed(fixture: WebflowFixture, collectionId: string, name: string, isLive = false) {
  const items = await listWebflowItems(fixture, collectionId, { name, isLive });
  expect(items.map((i) => i.fieldData.name)).toEqual([name]);
  return items[0];
}

/** Fills the content form as a writer does. */
async function writeItem(page: Page, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) await page.getByLabel(label, { exact: true }).fill(value);
}

test("a Webflow user maps the blog collection, publishes an item live and follows it on the Sync Dashboard", async ({
  page,
  baseURL,
}, testInfo) => {
  test.setTimeout(120_000);
  const fixture = await webflowFixture(baseURL!);
  const host = new URL(fixture.origin).host;
  const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;
  const siteName = `Webflow garden ${stamp}`;
  const title = `Dahlias in July ${stamp}`;
  const [category, tag] = [`Gardening ${stamp}`, `Summer flowers ${stamp}`];
  const seoTitle = `When dahlias flower ${stamp}`;
  const seoDescription = "Plant the tubers after the last frost and stake them early.";
  const summary = "Tubers in May, flowers from July.";
  const shot = (name: string) => testInfo.outputPath(`webflow-${name}.png`);

  // 1. Connect Webflow with the site token and keep the suggested map of Blog Posts (summary included).
  await signUpInBrowser(page, "webflow-publish");
  await page.goto("/settings/integration");
  const row = await connectWebflow(page, fixture, siteName);
  const { dialog, fields } = await openBlogMapping(page, row);
  await expect(fields.getByLabel("Summary")).toHaveValue(BLOG_FIELD_MAP.summary);
  await fields.getByRole("button", { name: "Save mapping" }).click();
  await expect(fields.getByText("Field mapping saved")).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  // 2. Write an approved item with a summary, a category, a tag and its SEO, from the site's content list.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sites" }).click();
  const listed = page.getByRole("list", { name: "Sites" }).getByRole("listitem").filter({ hasText: siteName });
  await expect(listed.getByText("Webflow connected", { exact: true })).toBeVisible();
  await listed.getByRole("link", { name: siteName }).click();
  await expect(page).toHaveURL(/\/sites\/[0-9a-f-]{36}$/);
  const siteId = new URL(page.url()).pathname.split("/")[2];
  await checkPlatformPage(page, shot("site"));
  await page.getByRole("link", { name: "Content", exact: true }).click();
  await page.getByRole("link", { name: "Write the first item" }).click();
  await writeItem(page, {
    Title: title,
    Excerpt: summary,
    "Body (HTML)": "<p>Plant the tubers after the last frost.</p><p>They flower from July.</p>",
    Categories: category,
    Tags: tag,
    "SEO title": seoTitle,
    "Meta description": seoDescription,
  });
  await page.getByLabel("Status").selectOption({ label: "Approved" });
  await checkPlatformPage(page, shot("new"));
  await page.getByRole("button", { name: "Create content" }).click();
  await expect(page).toHaveURL(/\/content\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.locator("dl").getByText("Not on Webflow", { exact: true })).toBeVisible();

  // 3. Publish: one integration, one button naming Webflow.
  await page.getByRole("button", { name: "Publish to Webflow" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Published to Webflow · ${host}` })).toBeVisible({
    timeout: 60_000,
  });
  const destination = page.getByRole("list", { name: "Destinations" }).getByRole("listitem");
  await expect(destination).toHaveCount(1);
  await expect(destination.getByRole("heading", { name: `Webflow · ${host}` })).toBeVisible();
  await expect(destination).toContainText("In sync");
  await expect(destination).toContainText("Published");
  await checkPlatformPage(page, shot("content"));

  // 4. Webflow's Data API: the item is live with every mapped field, its category and tag referenced.
  const live = await webflowItemNamed(fixture, fixture.blogId, title, true);
  const staged = await webflowItemNamed(fixture, fixture.blogId, title);
  expect(staged.id).toBe(live.id);
  expect(staged).toMatchObject({ isDraft: false, lastPublished: expect.any(String) });
  expect(live.fieldData).toMatchObject({
    slug: expect.stringMatching(/^dahlias-in-july-/),
    [BLOG_FIELD_MAP.summary]: summary,
    [BLOG_FIELD_MAP.seo_title]: seoTitle,
    [BLOG_FIELD_MAP.seo_description]: seoDescription,
  });
  expect(live.fieldData[BLOG_FIELD_MAP.body]).toContain("They flower from July.");
  const [categoryItem] = await listWebflowItems(fixture, fixture.categoriesId, { name: category, isLive: true });
  const [tagItem] = await listWebflowItems(fixture, fixture.tagsId, { name: tag, isLive: true });
  expect(live.fieldData[BLOG_FIELD_MAP.categories]).toEqual([categoryItem?.id]);
  expect(live.fieldData[BLOG_FIELD_MAP.tags]).toEqual([tagItem?.id]);

  // 5. The content list: published, on Webflow, in sync.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Content" }).click();
  const listedItem = page.getByRole("row").filter({ hasText: title });
  await expect(listedItem.getByText("Published", { exact: true })).toBeVisible();
  const where = listedItem
    .getByRole("list", { name: `Destinations of ${title}` })
    .getByRole("listitem")
    .last();
  await expect(where).toContainText(`Webflow · ${host}`);
  await expect(where).toContainText("In sync");
  await checkPlatformPage(page, shot("content-list"));

  // The Sync Dashboard: the push, succeeded, counted as synced, no errors.
  await page.goto(`/sites/${siteId}/sync`);
  await expect(page.getByRole("heading", { level: 1, name: "Sync Dashboard" })).toBeVisible();
  const pushed = page
    .getByRole("table", { name: "Sync events", exact: true })
    .getByRole("row")
    .filter({ hasText: title });
  await expect(pushed).toHaveCount(1);
  await expect(pushed).toContainText("Content push");
  await expect(pushed).toContainText("IGNY8 → Webflow");
  await expect(pushed).toContainText("success");
  const health = page.getByRole("region", { name: "Sync health" });
  await expect(health).toContainText(/Synced items\s*1(?!\d)/);
  await expect(health).toContainText(/Failed items\s*0(?!\d)/);
  await expect(page.getByText("No failures.")).toBeVisible();
  await checkPlatformPage(page, shot("sync-dashboard"));

  // 6. Scheduling for Webflow: the form says Webflow cannot, and that IGNY8 publishes at the time;
  // published now, Webflow holds it as a draft with its publish date.
  const later = `Dahlias in September ${stamp}`;
  await page.goto(`/sites/${siteId}/content/new`);
  await writeItem(page, { Title: later, "Body (HTML)": "<p>Lift the tubers after the first frost.</p>" });
  const scheduleHint = /Webflow cannot schedule posts: IGNY8 keeps the item there as a draft and publishes it itself/;
  await expect(page.getByText(scheduleHint)).toHaveCount(0);
  await page.getByLabel("Status").selectOption({ label: "Scheduled" });
  await page.getByLabel("Scheduled for").fill("2099-09-15T09:30");
  await expect(page.getByLabel("Scheduled for")).toHaveAccessibleDescription(scheduleHint);
  await checkPlatformPage(page, shot("schedule"));
  await page.getByRole("button", { name: "Create content" }).click();
  await expect(page).toHaveURL(/\/content\/[0-9a-f-]{36}$/);
  await expect(page.getByLabel("Scheduled for")).toHaveAccessibleDescription(scheduleHint);
  await page.getByRole("button", { name: "Publish to Webflow" }).click();
  const sent = page.getByRole("status").filter({ hasText: `Sent to Webflow · ${host}, not live yet` });
  await expect(sent).toBeVisible({ timeout: 60_000 });
  await expect(sent).toContainText("It goes live at the time it is scheduled for.");
  await expect(page.getByRole("list", { name: "Destinations" })).toContainText("Draft");
  const held = await webflowItemNamed(fixture, fixture.blogId, later);
  expect(held).toMatchObject({ isDraft: true, lastPublished: null });
  expect(Date.parse(String(held.fieldData[BLOG_FIELD_MAP.publish_date]))).toBe(
    Date.parse(await page.evaluate(() => new Date("2099-09-15T09:30").toISOString())),
  );
  expect(await listWebflowItems(fixture, fixture.blogId, { name: later, isLive: true })).toEqual([]);
  await checkPlatformPage(page, shot("scheduled-content"));
});
