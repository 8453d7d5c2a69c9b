import { SignJWT } from "jose";

/** The Ghost fixture as e2e tests reach it (ghostTestInfo() in env.ts). */
export type GhostSite = { url: string; adminApiKey: string };

/**
 * A Ghost user's own Admin API call, not through our adapter: a five-minute token signed with the
 * key's secret (as test/support/ghost.ts `ghostAdmin`, which imports server code e2e tests cannot load).
 */
export async function ghostAdmin(site: GhostSite, method: string, path: string, body?: unknown): Promise<Response> {
  const [id, secret] = site.adminApiKey.split(":");
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: id })
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .setAudience("/admin/")
    .sign(Buffer.from(secret, "hex"));
  return fetch(`${site.url.replace(/\/+$/, "")}/ghost/api/admin/${path}`, {
    method,
    headers: {
      authorization: `Ghost ${token}`,
      "accept-version": "v5.0",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
