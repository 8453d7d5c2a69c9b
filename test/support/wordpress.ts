import { randomBytes } from "node:crypto";

/**
 * The WordPress that integration tests talk to, from the environment (any real WordPress works;
 * CI sets these from ../shared/wordpress/wp-up). Setup calls here go straight to the site with
 * the admin Application Password; the code under test always goes through egressFetch.
 */
export type WordPressTestSite = { url: string; username: string; applicationPassword: string };

const ENV = {
  pretty: ["WP_TEST_URL", "WP_TEST_USERNAME", "WP_TEST_APP_PASSWORD"],
  plain: ["WP_TEST_PLAIN_URL", "WP_TEST_PLAIN_USERNAME", "WP_TEST_PLAIN_APP_PASSWORD"],
} as const;

/** The configured site, or undefined after printing one line saying which variables to set. */
export function getWordPressTestSite(kind: keyof typeof ENV = "pretty"): WordPressTestSite | undefined {
  const [urlVar, userVar, passVar] = ENV[kind];
  const url = process.env[urlVar];
  const username = process.env[userVar];
  const applicationPassword = process.env[passVar];
  if (!url || !username || !applicationPassword) {
    console.log(
      `Skipping ${kind}-permalink WordPress tests: set ${urlVar}, ${userVar} and ${passVar} (e.g. from ../shared/wordpress/wp-up's info.json).`,
    );
    return undefined;
  }
  allowEgressTo(url);
  return { url: url.replace(/\/+$/, ""), username, applicationPassword };
}

/** Adds the host:port of each URL to EGRESS_ALLOW for this test process (loopback fixtures). */
export function allowEgressTo(...urls: string[]): void {
  const entries = new Set(
    (process.env.EGRESS_ALLOW ?? "")
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean),
  );
  for (const url of urls) {
    const { hostname, port, protocol } = new URL(url);
    entries.add(`${hostname}:${port || (protocol === "https:" ? 443 : 80)}`);
  }
  process.env.EGRESS_ALLOW = [...entries].join(",");
}

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}

/** A REST call to the site as the given user (admin by default); `?rest_route=` works with any permalinks. */
export async function wpRest<T = unknown>(
  site: WordPressTestSite,
  method: string,
  route: string,
  opts: { json?: unknown; query?: Record<string, string | number>; as?: { username: string; password: string } } = {},
): Promise<{ status: number; data: T; headers: Headers }> {
  const url = new URL(`${site.url}/`);
  url.searchParams.set("rest_route", route);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, String(v));
  const who = opts.as ?? { username: site.username, password: site.applicationPassword };
  const res = await fetch(url, {
    method,
    headers: {
      authorization: basic(who.username, who.password),
      ...(opts.json === undefined ? {} : { "content-type": "application/json" }),
    },
    body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
  });
  const text = await res.text();
  return { status: res.status, data: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

/** Creates an Application Password for a user ("me" = the admin); returns it with its uuid. */
export async function createAppPassword(
  site: WordPressTestSite,
  userId: number | "me" = "me",
  name = `test-${randomBytes(4).toString("hex")}`,
) {
  const res = await wpRest<{ uuid: string; password: string }>(
    site,
    "POST",
    `/wp/v2/users/${userId}/application-passwords`,
    { json: { name } },
  );
  if (res.status !== 201)
    throw new Error(`Could not create an Application Password: HTTP ${res.status} ${JSON.stringify(res.data)}`);
  return { uuid: res.data.uuid, password: res.data.password };
}

export async function revokeAppPassword(site: WordPressTestSite, uuid: string, userId: number | "me" = "me") {
  const res = await wpRest(site, "DELETE", `/wp/v2/users/${userId}/application-passwords/${uuid}`);
  if (res.status !== 200) throw new Error(`Could not revoke the Application Password: HTTP ${res.status}`);
}

/** Creates a user with a role and an Application Password; `remove()` deletes it again. */
export async function createUserWithAppPassword(
  site: WordPressTestSite,
  role: "subscriber" | "contributor" | "author" | "editor",
) {
  const suffix = randomBytes(4).toString("hex");
  const username = `${role}-${suffix}`;
  const created = await wpRest<{ id: number }>(site, "POST", "/wp/v2/users", {
    json: { username, email: `${username}@example.com`, password: randomBytes(12).toString("hex"), roles: [role] },
  });
  if (created.status !== 201)
    throw new Error(`Could not create a ${role}: HTTP ${created.status} ${JSON.stringify(created.data)}`);
  const { password } = await createAppPassword(site, created.data.id);
  return {
    id: created.data.id,
    username,
    applicationPassword: password,
    remove: async () => {
      const admin = await wpRest<{ id: number }>(site, "GET", "/wp/v2/users/me");
      await wpRest(site, "DELETE", `/wp/v2/users/${created.data.id}`, {
        query: { force: "true", reassign: admin.data.id },
      });
    },
  };
}

/** A unique marker for titles/names so parallel tests never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

/**
 * Stand-in while a describe.skipIf block is collected without a configured site (its tests
 * do not run, but its body does).
 */
export const UNCONFIGURED_SITE: WordPressTestSite = {
  url: "http://wordpress-test-site.invalid",
  username: "unset",
  applicationPassword: "unset",
};

/** Ids of every post (any status) titled exactly `title`: how many copies of one item WordPress has. */
export async function postIdsTitled(site: WordPressTestSite, title: string): Promise<number[]> {
  const { data } = await wpRest<Array<{ id: number; title: { raw: string } }>>(site, "GET", "/wp/v2/posts", {
    query: {
      search: title,
      status: "publish,future,draft,pending,private",
      context: "edit",
      per_page: 100,
      _fields: "id,title",
    },
  });
  return data.filter((p) => p.title.raw === title).map((p) => p.id);
}
