import "server-only";
import { PlatformError, type RemoteItemStatus } from "@/lib/platforms/types";
import { collectionRoute, type WordPressClient } from "./client";

/**
 * WordPress's post statuses, the one list: each as IGNY8's status. A Map, since the status is
 * whatever the site sends; `trash` is not live (RemoteItem.isTrashed) and not in it.
 */
export const STATUS_TO_IGNY8 = new Map<string, RemoteItemStatus>([
  ["publish", "published"],
  ["future", "scheduled"],
  ["draft", "draft"],
  ["pending", "review"],
  ["private", "published"],
]);
/** Every status a live item can have. */
export const LIVE_STATUSES = [...STATUS_TO_IGNY8.keys()];
/** Every status a sync reads: trashed items too, so they are marked. */
export const ALL_STATUSES = [...LIVE_STATUSES, "trash"];

// The one mapping of content type to REST base; a Map, as the type is user input
// ("__proto__" must not find Object.prototype). Other types are looked up in /wp/v2/types.
const KNOWN_REST_BASE = new Map([
  ["post", { restBase: "posts", slug: "post" }],
  ["posts", { restBase: "posts", slug: "post" }],
  ["page", { restBase: "pages", slug: "page" }],
  ["pages", { restBase: "pages", slug: "page" }],
]);

/** A type's REST base with its namespace when not wp/v2 ("wc/v3/products"). */
export function restBaseWithNamespace(type: { rest_base: string; rest_namespace: string }): string {
  return type.rest_namespace === "wp/v2" ? type.rest_base : `${type.rest_namespace}/${type.rest_base}`;
}

/** A post type slug ("post", "product") or rest base ("posts") → its collection route and slug. */
export async function resolveType(
  client: WordPressClient,
  contentType: string,
): Promise<{ route: string; slug: string }> {
  const known = KNOWN_REST_BASE.get(contentType);
  if (known) return { route: collectionRoute(known.restBase), slug: known.slug };
  const types = await client.listTypes();
  const type = Object.values(types).find((t) => t.slug === contentType || t.rest_base === contentType);
  if (!type) {
    throw new PlatformError("not_found", `WordPress has no REST-visible content type "${contentType}".`, {
      fix: "Remove it from the integration's post types, or enable its REST API (show_in_rest).",
    });
  }
  return { route: collectionRoute(restBaseWithNamespace(type)), slug: type.slug };
}
