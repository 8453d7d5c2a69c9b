import { readFileSync } from "node:fs";
import { SignJWT } from "jose";
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

/** A Ghost user's own Admin API call (not through the adapter): a short-lived token for the key. */
export async function ghostAdmin(site: GhostTestSite, method: string, path: string): Promise<Response> {
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
    headers: { authorization: `Ghost ${token}`, "accept-version": "v5.0" },
  });
}
