import { expect } from "@playwright/test";
import { wpRest, type WordPressTestSite } from "../../test/support/wordpress";
import { createTenant, type Tenant } from "./tenant";

/** A WordPress fixture from its env vars (WP_TEST_URL, WP_TEST_USERNAME, WP_TEST_APP_PASSWORD, ...). */
export function wordpressFromEnv(prefix: "WP_TEST" | "WP_TEST_PLAIN"): WordPressTestSite | undefined {
  const url = process.env[`${prefix}_URL`];
  const username = process.env[`${prefix}_USERNAME`];
  const applicationPassword = process.env[`${prefix}_APP_PASSWORD`];
  return url && username && applicationPassword
    ? { url: url.replace(/\/+$/, ""), username, applicationPassword }
    : undefined;
}

export type SiteWithDestinations = {
  tenant: Tenant;
  siteId: string;
  item: { id: string; title: string };
  /** WordPress fixture by integration id. */
  targets: Map<string, WordPressTestSite>;
};

/**
 * A new account whose one site has an integration per WordPress given (in that order), publishing
 * limits that never hold a manual publish back, and one approved item.
 */
export async function siteWithDestinations(
  baseURL: string,
  label: string,
  wordpresses: WordPressTestSite[],
): Promise<SiteWithDestinations> {
  const tenant = await createTenant(baseURL, label);
  const site = await (
    await tenant.api.post("/api/v1/sites/", { data: { name: "Two blogs", url: wordpresses[0].url } })
  ).json();
  const targets = new Map<string, WordPressTestSite>();
  for (const target of wordpresses) {
    const connect = await tenant.api.post("/api/v1/integration/", {
      data: {
        site_id: site.id,
        platform: "wordpress",
        external_site_url: target.url,
        username: target.username,
        application_password: target.applicationPassword,
      },
    });
    expect(connect.status(), await connect.text()).toBe(201);
    targets.set((await connect.json()).id, target);
  }
  const limits = await tenant.api.patch(`/api/v1/sites/${site.id}/publishing_settings/`, {
    data: {
      publish_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
      publish_time_slots: [{ start: "00:00", end: "24:00" }],
      daily_publish_limit: 100,
      timezone: "UTC",
    },
  });
  expect(limits.status(), await limits.text()).toBe(200);
  const created = await tenant.api.post(`/api/v1/sites/${site.id}/content/`, {
    data: { title: `Two gardens ${Date.now()}`, status: "approved", content: "<p>Tulips here, roses there.</p>" },
  });
  expect(created.status(), await created.text()).toBe(201);
  return { tenant, siteId: site.id, item: await created.json(), targets };
}

/** Deletes the item's posts from every WordPress it reached. */
export async function deletePublishedCopies({ tenant, item, targets }: SiteWithDestinations) {
  const after = await (await tenant.api.get(`/api/v1/content/${item.id}/`)).json();
  for (const ref of after.references ?? []) {
    const target = targets.get(ref.integration_id);
    if (target && ref.external_id) {
      await wpRest(target, "DELETE", `/wp/v2/posts/${ref.external_id}`, { query: { force: "true" } });
    }
  }
}
