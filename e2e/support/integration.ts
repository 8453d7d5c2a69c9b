import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { uniqueName, wpRest, type WordPressTestSite } from "../../test/support/wordpress";

/**
 * /api/v1/integration/ against the real WordPress fixture (WP_TEST_URL...). Proxy-based cases
 * (403 HTML firewall, Authorization stripped) need servers in the test process allow-listed in
 * the app's egress: they live in lib/server/services/integrations-connect.test.ts.
 */
function siteFromEnv(prefix: "WP_TEST" | "WP_TEST_PLAIN"): WordPressTestSite | undefined {
  const url = process.env[`${prefix}_URL`];
  const username = process.env[`${prefix}_USERNAME`];
  const applicationPassword = process.env[`${prefix}_APP_PASSWORD`];
  return url && username && applicationPassword
    ? { url: url.replace(/\/+$/, ""), username, applicationPassword }
    : undefined;
}
export const wp = siteFromEnv("WP_TEST");
export const plain = siteFromEnv("WP_TEST_PLAIN");
if (!wp)
  console.log("Skipping WordPress integration API tests: set WP_TEST_URL, WP_TEST_USERNAME and WP_TEST_APP_PASSWORD.");

/** Every response body seen, to prove no Application Password ever leaves. */
const seen: string[] = [];
export async function json(res: APIResponse) {
  const text = await res.text();
  seen.push(text);
  return text ? JSON.parse(text) : null;
}

export async function newSite(api: APIRequestContext) {
  const res = await api.post("/api/v1/sites/", { data: { name: uniqueName("Blog"), url: "https://blog.example.com" } });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string };
}

export async function connect(
  api: APIRequestContext,
  site: WordPressTestSite,
  creds: { username?: string; password?: string } = {},
) {
  const { id } = await newSite(api);
  const res = await api.post("/api/v1/integration/", {
    data: {
      site_id: id,
      platform: "wordpress",
      external_site_url: site.url,
      username: creds.username ?? site.username,
      application_password: creds.password ?? site.applicationPassword,
    },
  });
  return { siteId: id, res, body: await json(res) };
}

export async function wpTotal(site: WordPressTestSite, route: string, query: Record<string, string | number> = {}) {
  const res = await wpRest(site, "GET", route, { query: { per_page: 1, _fields: "id", ...query } });
  return Number(res.headers.get("x-wp-total"));
}

/** After a describe's tests: no answer they saw carried an Application Password. */
export function checkNoSecretInAnswers(site: WordPressTestSite) {
  test.afterAll(() => {
    if (!wp) return;
    const all = seen.join("\n");
    for (const secret of [site.applicationPassword, "abcd efgh ijkl mnop qrst uvwx", "wxyz wxyz wxyz wxyz wxyz wxyz"])
      expect(all).not.toContain(secret);
  });
}
