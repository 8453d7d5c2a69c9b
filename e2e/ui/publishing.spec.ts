import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { signUpInBrowser } from "../support/tenant";

test("publishing settings: validation messages inline, then the schedule preview", async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await signUpInBrowser(page, "publishing-ui");
  const site = await page.request.post("/api/v1/sites/", {
    data: { name: "Garden blog", url: "https://garden.example.com" },
  });
  expect(site.status()).toBe(201);
  const siteId = (await site.json()).id as string;
  for (const title of ["Planting tulips", "Pruning roses"]) {
    expect(
      (await page.request.post(`/api/v1/sites/${siteId}/content/`, { data: { title, status: "approved" } })).status(),
    ).toBe(201);
  }

  await page.goto(`/sites/${siteId}/publishing`);
  await expect(page.getByRole("heading", { level: 1, name: "Publishing" })).toBeVisible();
  await expect(page.getByText("Auto-publish is off, so nothing is published automatically.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Not connected to WordPress" })).toBeVisible();
  await expect(page.getByLabel("Per day")).toHaveValue("5");
  await expect(page.getByLabel("Monday", { exact: true })).toBeChecked();
  await expect(page.getByLabel("Sunday")).not.toBeChecked();
  await expect(page.getByLabel("Slot 1 start")).toHaveValue("09:00");
  await expect(page.getByLabel("Time zone")).toHaveValue("UTC");
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: testInfo.outputPath("publishing-defaults.png"), fullPage: true });

  // Bad values: the API explains each one next to its field.
  await page.getByLabel("Publish approved content automatically, within the limits below").check();
  await page.getByLabel("Per day").fill("-1");
  await page.getByLabel("Slot 1 end").fill("08:00");
  await page.getByRole("button", { name: "Add a time slot" }).click();
  await page.getByLabel("Slot 2 start").fill("08:30");
  await page.getByLabel("Slot 2 end").fill("09:30");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("The settings were not saved")).toBeVisible();
  await expect(page.getByText("must be 0 or more")).toBeVisible();
  await expect(page.getByLabel("Per day")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("must be after the start")).toBeVisible();
  await expect(page.getByLabel("Slot 1 end")).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: testInfo.outputPath("publishing-errors.png"), fullPage: true });

  // Fixed slot 1 now overlaps slot 2.
  await page.getByLabel("Per day").fill("2");
  await page.getByLabel("Slot 1 start").fill("00:00");
  await page.getByLabel("Slot 1 end").fill("12:00");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Slot 2 overlaps 00:00–12:00; slots must not overlap")).toBeVisible();

  // Keyboard: remove the second slot, tick the weekend with Space.
  await page.getByRole("button", { name: "Remove slot 2" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Slot 2 start")).toHaveCount(0);
  await page.getByLabel("Slot 1 end").fill("23:59");
  for (const day of ["Saturday", "Sunday"]) {
    await page.getByLabel(day).focus();
    await page.keyboard.press("Space");
    await expect(page.getByLabel(day)).toBeChecked();
  }
  await page.getByLabel("Time zone").selectOption("Europe/Berlin");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Saved. The schedule is updated.")).toBeVisible();

  const planned = page.getByRole("list", { name: "Planned publications" });
  await expect(planned.getByRole("listitem")).toHaveCount(2);
  await expect(planned.getByRole("listitem").first()).toContainText("Planting tulips");
  await expect(planned.getByRole("listitem").nth(1)).toContainText("Pruning roses");
  await expect(page.getByText("in Europe/Berlin time")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: testInfo.outputPath("publishing-preview.png"), fullPage: true });

  // Saved for real: a reload shows the same.
  await page.reload();
  await expect(page.getByLabel("Per day")).toHaveValue("2");
  await expect(page.getByLabel("Sunday")).toBeChecked();
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
});
