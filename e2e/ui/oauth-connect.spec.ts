import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { signUpInBrowser } from "../support/tenant";

// "Connect with Webflow" end to end in the browser: the app sends the user to the Webflow test
// server's approval page (WEBFLOW_OAUTH_URL), which redirects back to our callback with a code.
// The e2e server has no Shopify app configured, so "Connect with Shopify" says what to set.

const form = (page: import("@playwright/test").Page) => page.getByRole("form", { name: "Add integration" });

test("Connect with Webflow: approve, come back connected, the integration waits for its field mapping", async ({
  page,
}, testInfo) => {
  await signUpInBrowser(page, "oauth-webflow");
  await page.goto("/settings/integration");
  await form(page).getByRole("radio", { name: "Webflow" }).check();
  await form(page).getByLabel("Site name").fill("Garden on Webflow");
  await form(page).getByLabel("Webflow site address").fill("https://garden.webflow.io");
  const button = form(page).getByRole("button", { name: "Connect with Webflow" });
  await expect(button).toBeEnabled();
  await expect(form(page).getByLabel("Site API token")).toBeVisible(); // the token path stays beside it
  await expectNoSeriousA11yViolations(page);
  await form(page).screenshot({ path: testInfo.outputPath("webflow-one-click.png") });

  await button.click();
  await page.waitForURL(
    /\/settings\/integration\/connect\?outcome=connected&integration=[0-9a-f-]{36}&platform=webflow$/,
  );
  await expect(page.getByRole("heading", { name: "Connect with Webflow" })).toBeVisible();
  const result = page.getByRole("main").getByRole("status");
  await expect(result).toContainText("Garden on Webflow is connected to Webflow at https://garden.webflow.io");
  await expect(result).toContainText("open Field mapping");
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("link", { name: "Back to Integrations" }).click();
  await expect(page.getByRole("list", { name: "Webflow integrations" })).toContainText("Garden on Webflow");
});

test("a replayed callback is refused and explained; Connect with Shopify says which variables to set", async ({
  page,
}) => {
  await signUpInBrowser(page, "oauth-replay");
  await page.goto("/settings/integration");
  await form(page).getByRole("radio", { name: "Webflow" }).check();
  await form(page).getByLabel("Site name").fill("Replayed site");
  await form(page).getByLabel("Webflow site address").fill("https://replayed.webflow.io");
  // Keep the callback the browser was sent to, then open it a second time.
  const callback = page.waitForRequest((req) => req.url().includes("/settings/integration/connect/callback?"));
  await form(page).getByRole("button", { name: "Connect with Webflow" }).click();
  const url = (await callback).url();
  await page.waitForURL(/outcome=connected/);
  await page.goto(url);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This connection link is not valid");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Nothing was saved");

  await page.goto("/settings/integration");
  await form(page).getByRole("radio", { name: "Shopify" }).check();
  const shopify = form(page).getByRole("button", { name: "Connect with Shopify" });
  await expect(shopify).toBeDisabled();
  await expect(form(page)).toContainText(
    "Connect with Shopify is not set up on this server: set SHOPIFY_CLIENT_ID and SHOPIFY_CLIENT_SECRET.",
  );
  await expect(form(page).getByRole("textbox", { name: "Admin API access token" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
