import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { createTenant, signInInBrowser } from "../support/tenant";
import { canReachServerDatabase, makeApplicationPasswordUnreadable } from "../support/stored-secrets";
import { uniqueName } from "../../test/support/wordpress";

const url = process.env.WP_TEST_URL?.replace(/\/+$/, "");
const username = process.env.WP_TEST_USERNAME;
const applicationPassword = process.env.WP_TEST_APP_PASSWORD;

test.describe("a stored Application Password that no longer decrypts", () => {
  test.skip(
    !canReachServerDatabase,
    "the e2e server runs on the embedded database (its tests cover the pages' data in vitest)",
  );
  test.skip(!url || !username || !applicationPassword, "WP_TEST_URL is not set");
  test.setTimeout(150_000);

  test("the Sync Dashboard and the integration row say so with the fix; re-entering the password repairs it", async ({
    page,
    baseURL,
  }, testInfo) => {
    const tenant = await createTenant(baseURL!, "creds-ui");
    const site = await (
      await tenant.api.post("/api/v1/sites/", { data: { name: uniqueName("Unreadable blog"), url } })
    ).json();
    const connected = await tenant.api.post("/api/v1/integration/", {
      data: { site_id: site.id, external_site_url: url, username, application_password: applicationPassword },
    });
    expect(connected.status(), await connected.text()).toBe(201);
    const { id } = await connected.json();
    await makeApplicationPasswordUnreadable(id, "key-less");

    await signInInBrowser(page, tenant);
    await page.goto(`/sites/${site.id}/sync`);
    // Asking the plugin opens the password: the panel says why it cannot, and the integration is marked.
    await expect(page.getByRole("alert").filter({ hasText: "The plugin cannot be checked" })).toContainText(
      'encrypted with key "gone"',
    );
    await page.getByRole("button", { name: "Pull now" }).click();
    await expect(page.getByRole("heading", { name: /Sync status/ })).toContainText("Error", { timeout: 60_000 });
    await expect(page.getByText("The last sync failed")).toBeVisible();

    await page.reload();
    const alert = page.getByRole("alert").filter({ hasText: "IGNY8 cannot decrypt this site's stored credentials" });
    await expect(alert).toContainText(
      `The site's stored WordPress Application Password cannot be decrypted: it was encrypted with key "gone", which is not in ENCRYPTION_KEYS.`,
    );
    await expect(alert).toContainText(
      'Fix: Re-enter the Application Password (Integrations → Edit), or put key "gone" back in ENCRYPTION_KEYS.',
    );
    await expect(page.getByRole("alert").filter({ hasText: "WordPress refused the last connection" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath("sync-credentials-unreadable.png"), fullPage: true });

    await alert.getByRole("link", { name: "Re-enter the Application Password under Integrations" }).click();
    await page.waitForURL(`**/settings/integration#integration-${id}`);
    const row = page.getByRole("list", { name: "WordPress integrations" }).locator(":scope > li");
    await expect(row.getByText("Error", { exact: true })).toBeVisible();
    const problem = row.getByRole("alert");
    await expect(problem).toContainText("Stored credentials cannot be decrypted");
    await expect(problem).toContainText('it was encrypted with key "gone"');
    await expect(problem.getByRole("link", { name: "Troubleshooting: credentials_unreadable" })).toHaveAttribute(
      "href",
      "#troubleshooting-credentials_unreadable",
    );
    await expect(page.locator("#troubleshooting-credentials_unreadable")).toContainText(
      "Re-enter the Application Password",
    );
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath("settings-credentials-unreadable.png"), fullPage: true });

    await problem.getByRole("button", { name: "Re-enter the Application Password" }).click();
    const password = row.getByLabel("New Application Password");
    await expect(password).toBeFocused();
    await expect(
      row.getByText("The stored one cannot be decrypted: enter the site's Application Password."),
    ).toBeVisible();
    // A wrong one is refused by the doctor, shown in the form (its details are no field list).
    await password.fill("wxyz wxyz wxyz wxyz wxyz wxyz");
    await row.getByRole("button", { name: "Test and save" }).click();
    await expect(
      row.getByRole("alert").filter({ hasText: "Connection failed / 401 Unauthorized" }).first(),
    ).toBeVisible();
    await password.fill(applicationPassword!);
    await row.getByRole("button", { name: "Test and save" }).click();
    await expect(row.getByText("Connected", { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(row.getByRole("alert")).toHaveCount(0);

    await page.goto(`/sites/${site.id}/sync`);
    await expect(page.getByText("IGNY8 cannot decrypt this site's stored credentials")).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath("sync-credentials-repaired.png"), fullPage: true });
  });
});
