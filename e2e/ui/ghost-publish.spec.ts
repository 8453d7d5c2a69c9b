import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { addIntegrationForm, choosePlatform } from "../support/connect";
import { ghostTestInfo } from "../support/env";
import { signUpInBrowser } from "../support/tenant";
import { ghostAdmin } from "../support/ghost";

const info = ghostTestInfo();
if (!info) console.log("Skipping the Ghost publish flow test: set GHOST_TEST_INFO to the Ghost fixture's info.json.");
const ghost = info && { ...info, url: info.url.replace(/\/+$/, "") };

type GhostPost = {
  id: string;
  title: string;
  status: string;
  url: string;
  html: string;
  meta_title: string | null;
  meta_description: string | null;
  tags: { name: string }[];
  primary_tag: { name: string } | null;
};

/** The post as its Ghost's own Admin API answers it (not through our adapter). */
async function readGhostPost(id: string): Promise<GhostPost> {
  const res = await ghostAdmin(ghost!, "GET", `posts/${id}/?include=tags&formats=html`);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { posts: GhostPost[] }).posts[0];
}

/** The page's words outside the SEO section (which names how each platform takes SEO fields, on purpose). */
function wordsOutsideSeo(page: Page): Promise<string> {
  return page.locator("main").evaluate((main) => {
    const copy = main.cloneNode(true) as HTMLElement;
    copy.querySelectorAll("fieldset").forEach((fieldset) => fieldset.remove());
    return copy.textContent ?? "";
  });
}

/** The id of the item's post on Ghost, from our API (the browser's session). */
async function ghostIdOf(page: Page, contentId: string): Promise<string> {
  const res = await page.request.get(`/api/v1/content/${contentId}/`);
  expect(res.status()).toBe(200);
  const item = (await res.json()) as { references: { platform: string; external_id: string | null }[] };
  const ref = item.references.find((r) => r.platform === "ghost");
  expect(ref?.external_id).toBeTruthy();
  return ref!.external_id!;
}

test.describe("with the Ghost fixture", () => {
  test.skip(!ghost, "GHOST_TEST_INFO is not set");
  test.setTimeout(180_000);

  test("a Ghost user connects, writes, publishes to Ghost and follows it on the Sync Dashboard", async ({
    page,
  }, testInfo) => {
    const { url, adminApiKey } = ghost!;
    const host = new URL(url).host;
    const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;
    const siteName = `Ghost garden ${stamp}`;
    const title = `Tulips in March ${stamp}`;
    const seoTitle = `When to plant tulips ${stamp}`;
    const seoDescription = "Plant the bulbs in autumn, water them once, and wait for March.";
    let postId: string | undefined;

    try {
      // 1. Sign up, add the site, connect its Ghost with the Admin API key.
      await signUpInBrowser(page, "ghost-flow");
      await page.getByLabel("Name").fill(siteName);
      await page.getByLabel("Address").fill(url);
      await page.getByRole("button", { name: "Add site" }).click();
      await page.getByRole("link", { name: siteName }).click();
      await expect(page).toHaveURL(/\/sites\/[0-9a-f-]{36}$/);
      const siteId = new URL(page.url()).pathname.split("/")[2];

      await page.goto("/settings/integration");
      const form = addIntegrationForm(page);
      await choosePlatform(page, "Ghost", siteName, url, { isNewSite: false });
      await form.getByLabel("Admin API key").fill(adminApiKey);
      await form.getByRole("button", { name: "Connect Ghost" }).click();
      await expect(form.getByText("Ghost site connected")).toBeVisible({ timeout: 60_000 });
      const row = page.getByRole("list", { name: "Ghost integrations" }).locator(":scope > li");
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(siteName);
      await expect(row.getByText("Connected", { exact: true })).toBeVisible();
      await expect(page.locator("body")).not.toContainText(adminApiKey);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: testInfo.outputPath("ghost-integration.png"), fullPage: true });

      // 2. Write the item from the site's content list, approved, with a category, a tag and its SEO.
      // The site, listed and on its own page, is connected to Ghost (not "WordPress", not "Not connected").
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sites" }).click();
      const listed = page.getByRole("list", { name: "Sites" }).getByRole("listitem").filter({ hasText: siteName });
      await expect(listed.getByText("Ghost connected", { exact: true })).toBeVisible();
      await listed.getByRole("link", { name: siteName }).click();
      const platforms = page.getByRole("list", { name: "Connected platforms" }).getByRole("listitem");
      await expect(platforms).toHaveCount(1);
      await expect(platforms).toContainText(`Connected Ghost at ${url}`);
      await expect(page.locator("main")).not.toContainText("WordPress");
      await page.screenshot({ path: testInfo.outputPath("ghost-site.png"), fullPage: true });
      await page.getByRole("link", { name: "Content", exact: true }).click();
      await page.getByRole("link", { name: "Write the first item" }).click();
      await page.getByLabel("Title", { exact: true }).fill(title);
      await page.getByLabel("Body (HTML)").fill("<p>Plant the bulbs in autumn.</p><p>They flower in March.</p>");
      await page.getByLabel("Status").selectOption({ label: "Approved" });
      await page.getByLabel("Categories").fill("Gardening");
      await page.getByLabel("Tags").fill("Spring bulbs");
      await page.getByLabel("SEO title").fill(seoTitle);
      await page.getByLabel("Meta description").fill(seoDescription);
      await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
      expect(await wordsOutsideSeo(page)).not.toContain("WordPress");
      await expect(page.getByRole("group", { name: "SEO" })).toContainText("Ghost and Shopify keep them");
      await page.screenshot({ path: testInfo.outputPath("ghost-new.png"), fullPage: true });
      await page.getByRole("button", { name: "Create content" }).click();
      await expect(page).toHaveURL(/\/content\/[0-9a-f-]{36}$/);
      const contentId = new URL(page.url()).pathname.split("/")[4];
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expect(page.getByText("Not published yet.")).toBeVisible();
      await expect(page.locator("dl").getByText("Not on Ghost", { exact: true })).toBeVisible();
      expect(await wordsOutsideSeo(page)).not.toContain("WordPress");

      // Publish: one integration, one button naming Ghost; the outcome links to the post there.
      await page.getByRole("button", { name: "Publish to Ghost" }).click();
      const outcome = page.getByRole("status").filter({ hasText: `Published to Ghost · ${host}` });
      await expect(outcome).toBeVisible({ timeout: 90_000 });
      const postLink = outcome.getByRole("link", { name: new RegExp(`on Ghost at ${host}`) });
      await expect(postLink).toHaveAttribute("href", new RegExp(`^${url}/`));
      const postUrl = (await postLink.getAttribute("href"))!;
      postId = await ghostIdOf(page, contentId); // known now, so the post is deleted even when a check below fails

      // The Destinations section, after the refresh: Ghost, in sync, published there, at that address.
      const destination = page.getByRole("list", { name: "Destinations" }).getByRole("listitem");
      await expect(destination).toHaveCount(1);
      await expect(destination.getByRole("heading", { name: `Ghost · ${host}` })).toBeVisible();
      await expect(destination).toContainText("In sync");
      await expect(destination).toContainText("Published");
      await expect(destination.getByRole("link")).toHaveAttribute("href", postUrl);
      expect(await wordsOutsideSeo(page)).not.toContain("WordPress");
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: testInfo.outputPath("ghost-content.png"), fullPage: true });

      // 3. Ghost's own Admin API: the post, published, the category as its primary tag, the SEO fields.
      const post = await readGhostPost(postId);
      expect(post).toMatchObject({
        title,
        status: "published",
        url: postUrl,
        meta_title: seoTitle,
        meta_description: seoDescription,
      });
      expect(post.tags.map((t) => t.name)).toEqual(["Gardening", "Spring bulbs"]);
      expect(post.primary_tag?.name).toBe("Gardening");
      expect(post.html).toContain("They flower in March.");

      // 4. The Sync Dashboard names Ghost and shows the push of the item, succeeded, with its link there.
      await page.goto(`/sites/${siteId}/sync`);
      await expect(page.getByRole("heading", { level: 1, name: "Sync Dashboard" })).toBeVisible();
      await expect(page.getByRole("link", { name: url })).toHaveAttribute("href", url);
      const events = page.getByRole("table", { name: "Sync events", exact: true });
      const pushed = events.getByRole("row").filter({ hasText: title });
      await expect(pushed).toHaveCount(1);
      await expect(pushed).toContainText("Content push");
      await expect(pushed).toContainText("IGNY8 → Ghost");
      await expect(pushed).toContainText("success");
      await expect(pushed.getByRole("link", { name: `View ${title} on Ghost (opens in a new tab)` })).toHaveAttribute(
        "href",
        postUrl,
      );
      await expect(page.getByRole("region", { name: "Sync health" })).toContainText(/Synced items\s*1(?!\d)/);
      await expect(page.getByText("Nothing waiting.")).toBeVisible();
      // Live updates, asked of Ghost itself (this test server leaves webhooks to the button).
      const live = page
        .locator("section")
        .filter({ has: page.getByRole("heading", { name: "Live updates" }) })
        .last();
      await expect(live).toContainText("Scheduled sync only");
      await live.getByRole("button", { name: "Install webhooks" }).click();
      await expect(live).toContainText("Ghost sends post and page changes to IGNY8 as they happen");
      await expect(live.getByRole("button", { name: "Reinstall webhooks" })).toBeVisible();
      await expect(page.locator("main")).not.toContainText("WordPress");
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: testInfo.outputPath("ghost-sync-dashboard.png"), fullPage: true });
    } finally {
      if (postId) await ghostAdmin(ghost!, "DELETE", `posts/${postId}/`);
    }
  });
});
