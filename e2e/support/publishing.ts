import { expect } from "@playwright/test";
import type { Tenant } from "./tenant";

/** Shared by e2e/api/publishing-*.spec.ts: the default settings, a new site, the settings path. */

export const defaults = {
  auto_approval_enabled: false,
  auto_publish_enabled: false,
  daily_publish_limit: 5,
  weekly_publish_limit: 20,
  monthly_publish_limit: 60,
  publish_days: ["mon", "tue", "wed", "thu", "fri"],
  publish_time_slots: [{ start: "09:00", end: "17:00" }],
  timezone: "UTC",
};

export async function siteOf(tenant: Tenant) {
  const res = await tenant.api.post("/api/v1/sites/", { data: { name: "Blog", url: "https://blog.example.com" } });
  expect(res.status()).toBe(201);
  return (await res.json()).id as string;
}

export const settingsPath = (siteId: string) => `/api/v1/sites/${siteId}/publishing_settings/`;
