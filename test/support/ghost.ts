import { readFileSync } from "node:fs";
import { SignJWT } from "jose";
import type { Db } from "@/db/client";
import { createSite } from "@/db/queries/sites";
import { createIntegrationBodySchema } from "@/lib/schemas/integrations";
import { connectSite } from "@/lib/server/services/integrations-connect";
import { allowEgressTo } from "./wordpress";

/** The Ghost the engine's tests talk to: GHOST_TEST_INFO names the fixture's info.json (../shared/ghost/ghost-up). */
export type GhostTestSite = { url: string; adminApiKey: string };

/** The configured Ghost, or undefined (the caller's tests are skipped with one line saying why). */
export function getGhostTestSite(): GhostTestSite | undefined {
  const path = process.env.GHOST_TEST_INFO;
  if (!path) {
    console.log("GHOST_TEST_INFO is not set: the engine's Ghost tests are skipped.");
    return undefined;
  }
  const info = JSON.parse(readFileSync(path, "utf8")) as { url: string; adminApiKey: string };
  allowEgressTo(info.url);
  return { url: info.url.replace(/\/+$/, ""), adminApiKey: info.adminApiKey };
}

/** A Ghost user's own Admin API call (not through the adapter): a short-lived token for the key; `json` is the body. */
export async function ghostAdmin(site: GhostTestSite, method: string, path: string, json?: unknown): Promise<Response> {
  const [id, secret] = site.adminApiKey.split(":");
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: id })
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .setAudience("/admin/")
    .sign(Buffer.from(secret, "hex"));
  return fetch(`${site.url}/ghost/api/admin/${path}`, {
    method,
    headers: {
      authorization: `Ghost ${token}`,
      "accept-version": "v5.0",
      ...(json === undefined ? {} : { "content-type": "application/json" }),
    },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}

/** A post or page as the Admin API answers it, the fields the tests read. */
export type GhostPostJson = {
  id: string;
  title: string;
  html: string | null;
  custom_excerpt: string | null;
  status: string;
  updated_at: string;
};

const collectionOf = (contentType: string) => (contentType === "page" ? "pages" : "posts");

async function answer(res: Response, what: string) {
  if (!res.ok) throw new Error(`Ghost refused ${what}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, GhostPostJson[]>>;
}

/** A post or page as Ghost has it now (body as html), or undefined when Ghost no longer has it. */
export async function readInGhost(site: GhostTestSite, id: string, contentType = "post") {
  const key = collectionOf(contentType);
  const res = await ghostAdmin(site, "GET", `${key}/${id}/?formats=html`);
  if (res.status === 404) return undefined;
  return (await answer(res, `reading ${key}/${id}`))[key][0];
}

/** Creates a post or page as a Ghost user would (`html` becomes Ghost's own body). */
export async function createInGhost(site: GhostTestSite, fields: Record<string, unknown>, contentType = "post") {
  const key = collectionOf(contentType);
  const res = await ghostAdmin(site, "POST", `${key}/?source=html`, { [key]: [{ status: "published", ...fields }] });
  return (await answer(res, `creating a ${contentType}`))[key][0];
}

/** Edits a post or page as a Ghost user would: read its updated_at, then save the change with it. */
export async function editInGhost(
  site: GhostTestSite,
  id: string,
  fields: Record<string, unknown>,
  contentType = "post",
) {
  const key = collectionOf(contentType);
  const current = await readInGhost(site, id, contentType);
  if (!current) throw new Error(`Ghost has no ${contentType} ${id} to edit.`);
  const res = await ghostAdmin(site, "PUT", `${key}/${id}/?source=html`, {
    [key]: [{ ...fields, updated_at: current.updated_at }],
  });
  return (await answer(res, `the edit of ${key}/${id}`))[key][0];
}

/** Deletes a post or page in Ghost (it has no trash: it is gone). */
export async function deleteInGhost(site: GhostTestSite, id: string, contentType = "post") {
  const res = await ghostAdmin(site, "DELETE", `${collectionOf(contentType)}/${id}/`);
  if (res.status !== 204 && res.status !== 404) throw new Error(`Ghost refused the delete: ${res.status}`);
}

/** Ghost's own count of every post or page, whatever its status (`meta.pagination.total`). */
export async function ghostTotal(site: GhostTestSite, key: "posts" | "pages"): Promise<number> {
  const res = await ghostAdmin(site, "GET", `${key}/?limit=1&fields=id`);
  if (!res.ok) throw new Error(`Ghost refused to list ${key}: ${res.status}`);
  return ((await res.json()) as { meta: { pagination: { total: number } } }).meta.pagination.total;
}

/** Ghost stamps updated_at to whole seconds: an edit meant to be later waits for the next one. */
export const nextSecond = () => new Promise((r) => setTimeout(r, 1100));

/**
 * A new site of the account connected to Ghost the way the app connects one (connectSite with
 * platform "ghost" and the Admin API key, tested first); `url` may be a proxy in front of Ghost.
 */
export async function connectGhostSite(
  db: Db,
  accountId: string,
  ghost: GhostTestSite,
  options: { url?: string } = {},
) {
  const url = options.url ?? ghost.url;
  const site = await createSite(db, { accountId, name: `Ghost ${url}`, url });
  const body = createIntegrationBodySchema.parse({
    site_id: site.id,
    platform: "ghost",
    external_site_url: url,
    credentials: { admin_api_key: ghost.adminApiKey },
  });
  return connectSite(db, accountId, body);
}
