import { readFileSync } from "node:fs";
import { signAdminToken } from "../auth";

/**
 * The Ghost that integration tests talk to: `GHOST_TEST_INFO` is the path of an info.json written
 * by ../shared/ghost/ghost-up (url, adminApiKey, integrationId, …). Setup calls here go straight
 * to the site; the code under test always goes through the egress.
 */
export type GhostTestSite = { url: string; adminApiKey: string; integrationId: string; info: Record<string, unknown> };

/** The configured Ghost, or undefined after printing one line saying what to set. */
export function getGhostTestSite(): GhostTestSite | undefined {
  const path = process.env.GHOST_TEST_INFO;
  if (!path) {
    console.log("Skipping Ghost tests: set GHOST_TEST_INFO to the info.json path printed by ../shared/ghost/ghost-up.");
    return undefined;
  }
  const info = JSON.parse(readFileSync(path, "utf8")) as Record<string, string>;
  allowEgressTo(info.url);
  return { url: info.url.replace(/\/+$/, ""), adminApiKey: info.adminApiKey, integrationId: info.integrationId, info };
}

/** Adds the host:port of each URL to EGRESS_ALLOW for this test process (loopback fixtures). */
export function allowEgressTo(...urls: string[]): void {
  const entries = new Set((process.env.EGRESS_ALLOW ?? "").split(",").filter(Boolean));
  for (const url of urls) {
    const { hostname, port, protocol } = new URL(url);
    entries.add(`${hostname}:${port || (protocol === "https:" ? 443 : 80)}`);
  }
  process.env.EGRESS_ALLOW = [...entries].join(",");
}

/** An Admin API call as a Ghost user's own tool would make it (not through the adapter). */
export async function ghostApi<T = Record<string, unknown>>(
  site: GhostTestSite,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; data: T }> {
  const [id, secret] = site.adminApiKey.split(":");
  const token = await signAdminToken({ id, secret: Buffer.from(secret, "hex") });
  const res = await fetch(`${site.url}/ghost/api/admin/${path.replace(/^\/+/, "")}`, {
    method,
    headers: {
      authorization: `Ghost ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, data: (text ? JSON.parse(text) : null) as T };
}

/** Edits a post or page the way a Ghost user would: read its updated_at, then save. */
export async function editInGhost(
  site: GhostTestSite,
  contentType: string,
  id: string,
  fields: Record<string, unknown>,
) {
  const key = contentType === "page" ? "pages" : "posts";
  const current = await ghostApi<Record<string, Array<{ updated_at: string }>>>(site, "GET", `${key}/${id}/`);
  const res = await ghostApi(site, "PUT", `${key}/${id}/`, {
    [key]: [{ ...fields, updated_at: current.data[key][0].updated_at }],
  });
  if (res.status !== 200) throw new Error(`Ghost refused the edit: ${res.status} ${JSON.stringify(res.data)}`);
}

/** Waits past the current second: Ghost stamps updated_at to whole seconds. */
export const nextSecond = () => new Promise<void>((resolve) => setTimeout(resolve, 1_100));

/** Removes the webhooks that target `url`, as the site's owner (an integration key cannot list them). */
export async function deleteWebhooksTo(site: GhostTestSite, url: string): Promise<number> {
  const admin = `${site.url}/ghost/api/admin/`;
  const login = await fetch(`${admin}session/`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: site.url, "user-agent": "igny8-tests" },
    body: JSON.stringify({ username: site.info.ownerEmail, password: site.info.ownerPassword }),
  });
  if (login.status !== 201) throw new Error(`Owner login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  // Ghost ties a session to the origin and user agent it was made with.
  const headers = { cookie, origin: site.url, "user-agent": "igny8-tests" };
  const res = await fetch(`${admin}integrations/${site.integrationId}/?include=webhooks`, { headers });
  if (res.status !== 200) throw new Error(`Reading the integration failed: ${res.status} ${await res.text()}`);
  const data = (await res.json()) as { integrations: Array<{ webhooks: Array<{ id: string; target_url: string }> }> };
  const ours = data.integrations[0].webhooks.filter((w) => w.target_url.startsWith(url));
  for (const w of ours) await fetch(`${admin}webhooks/${w.id}/`, { method: "DELETE", headers });
  return ours.length;
}
