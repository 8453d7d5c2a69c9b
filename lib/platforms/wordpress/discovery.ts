import "server-only";
import { PlatformError } from "@/lib/platforms/types";
import { FIX } from "@/lib/platforms/wordpress/errors";
import { wpIndexSchema, type WpIndex } from "@/lib/platforms/wordpress/schemas";
import { buildRestUrl } from "./rest-url";
import { parseJson, type createTransport } from "./transport";

/** Where the REST API lives and what its index says. */
export type Discovery = { restUrl: string; isPlainPermalinks: boolean; index: WpIndex; linkHeaderSeen: boolean };

type Send = ReturnType<typeof createTransport>["send"];

const INDEX_FIELDS = "name,url,home,gmt_offset,timezone_string,namespaces,authentication";
const API_LINK = /<([^>]+)>\s*;\s*rel="https:\/\/api\.w\.org\/"/;

/** Finds the REST root: /wp-json/, then the `Link rel="https://api.w.org/"` root, then ?rest_route=/. */
export async function discoverRestRoot(siteUrl: string, send: Send, knownRestUrl?: string): Promise<Discovery> {
  const candidates = knownRestUrl ? [knownRestUrl] : [`${siteUrl}/wp-json/`];
  let linkHeaderSeen = false;
  let blocked: PlatformError | undefined;
  let lastError: PlatformError | undefined;
  const tried = new Set<string>();
  for (let i = 0; i < candidates.length && i < 4; i++) {
    const root = candidates[i];
    if (tried.has(root)) continue;
    tried.add(root);
    const result = await send("GET", buildRestUrl(root, "/", { _fields: INDEX_FIELDS }), {});
    const link = API_LINK.exec(result.headers.get("link") ?? "")?.[1];
    if (link) {
      linkHeaderSeen = true;
      candidates.push(new URL(link, result.url).toString());
    }
    try {
      const { data } = parseJson(result, wpIndexSchema);
      if (data.namespaces || data.authentication || data.url) {
        return {
          restUrl: root,
          isPlainPermalinks: new URL(root).searchParams.has("rest_route"),
          index: data,
          linkHeaderSeen,
        };
      }
      lastError = new PlatformError(
        "invalid_response",
        "The address answered with JSON, but not a WordPress REST index.",
        { platformCode: "not_wordpress" },
      );
    } catch (err) {
      if (!(err instanceof PlatformError)) throw err;
      if (err.code === "auth_failed" || err.code === "rate_limited") throw err;
      if (err.code === "rest_blocked" && (result.status === 403 || linkHeaderSeen)) blocked ??= err;
      lastError = err;
    }
    if (i === candidates.length - 1 && !linkHeaderSeen && !tried.has(`${siteUrl}/?rest_route=/`)) {
      candidates.push(`${siteUrl}/?rest_route=/`);
    }
  }
  if (blocked) throw blocked;
  if (linkHeaderSeen) {
    throw new PlatformError("rest_blocked", "This is a WordPress site, but its REST API did not answer with JSON.", {
      fix: FIX.restBlocked,
      platformCode: "rest_unavailable",
      permanent: true,
    });
  }
  throw new PlatformError("invalid_response", `No WordPress REST API was found at ${siteUrl}.`, {
    platformCode: "not_wordpress",
    permanent: true,
    fix: "Check that the URL is the WordPress site's address (the one in Settings → General → Site Address).",
    cause: lastError,
  });
}
