import { PlatformError } from "@/lib/platforms/types";

type QueryValue = string | number | boolean | undefined | ReadonlyArray<string | number>;
export type Query = Record<string, QueryValue>;

/** Normalises what a user typed into a site origin + path without trailing slash. */
export function normaliseSiteUrl(siteUrl: string): string {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(siteUrl.trim()) ? siteUrl.trim() : `https://${siteUrl.trim()}`);
  } catch {
    throw new PlatformError("invalid_url", `"${siteUrl}" is not a web address.`, {
      fix: "Enter the site's address, e.g. https://example.com.",
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new PlatformError("invalid_url", "The site address must start with http:// or https://.", {
      fix: "Enter the site's address, e.g. https://example.com.",
    });
  }
  url.hash = "";
  url.search = "";
  url.pathname = url.pathname.replace(/\/(wp-json|wp-admin|wp-login\.php|index\.php)(\/.*)?$/, "").replace(/\/+$/, "");
  return url.toString().replace(/\/+$/, "");
}

/** Builds a REST URL from the discovered root; plain-permalink roots take the route in `rest_route`. */
export function buildRestUrl(restUrl: string, route: string, query: Query = {}): string {
  const path = `/${route.replace(/^\/+/, "")}`;
  let url: URL;
  const root = new URL(restUrl);
  if (root.searchParams.has("rest_route")) {
    url = root;
    url.searchParams.set("rest_route", path);
  } else {
    url = new URL(path.slice(1), restUrl.endsWith("/") ? restUrl : `${restUrl}/`);
  }
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    url.searchParams.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  return url.toString();
}

/** A collection route: "posts" → /wp/v2/posts; "wc/v3/products" is taken as a full route. */
export function collectionRoute(restBase: string): string {
  return restBase.includes("/") ? `/${restBase.replace(/^\/+/, "")}` : `/wp/v2/${restBase}`;
}
