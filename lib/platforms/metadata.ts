/**
 * What client code may know about platforms: their display names. Client-safe (no server imports);
 * the adapters themselves, with `PlatformAdapter.displayName`, live in the server-only registry.
 */
export const platformNames: Record<string, string> = {
  wordpress: "WordPress",
  ghost: "Ghost",
  shopify: "Shopify",
  webflow: "Webflow",
};

/** "wordpress" → "WordPress"; an id this map does not know yet is shown capitalised rather than hidden. */
export function platformName(id: string): string {
  return Object.hasOwn(platformNames, id) ? platformNames[id] : id.charAt(0).toUpperCase() + id.slice(1);
}
