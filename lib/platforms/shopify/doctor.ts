import "server-only";
import {
  PlatformError,
  type ConnectionProblemCode,
  type ConnectionReport,
  type PlatformAdapter,
} from "@/lib/platforms/types";
import { SHOPIFY_API_VERSION } from "./client";
import type { ShopifyEndpoints } from "./endpoints";
import { FIX } from "./errors";
import { SHOPIFY_SCOPES } from "./oauth";
import { LIST_BLOGS, SHOP_DOCTOR } from "./operations";
import { openStore } from "./session";
import type { Store } from "./store";
import { normaliseSiteUrl } from "./site-url";

/**
 * The doctor's codes. `not_shopify` and `missing_scopes` are Shopify's own; until the contract's
 * ConnectionProblemCode lists them they are cast at this one place.
 */
export type ShopifyProblemCode =
  "invalid_url" | "unreachable" | "not_shopify" | "auth_failed" | "missing_scopes" | "blocked_address";

const report = (code: ShopifyProblemCode, message: string, fix: string, restUrl = ""): ConnectionReport => ({
  connected: false,
  code: code as ConnectionProblemCode,
  message,
  fix,
  notes: [],
  site: { restUrl },
});

/** Scopes a token must hold (write_x covers read_x). */
export function missingScopes(held: string[]): string[] {
  const have = new Set(held.flatMap((s) => (s.startsWith("write_") ? [s, s.replace("write_", "read_")] : [s])));
  return SHOPIFY_SCOPES.filter((s) => !have.has(s));
}

/** What a connection should know about the store's blogs: none yet means no article can be published. */
async function blogNotes(store: Store): Promise<string[]> {
  const data = await store.client.request<{ blogs: { nodes: unknown[] } }>(LIST_BLOGS, { first: 1 });
  if (data.blogs.nodes.length) return [];
  return [`The store has no blog yet, so no article can be published. ${FIX.chooseBlog}`];
}

/** Diagnoses a store end to end; never throws for an expected failure. */
export async function diagnoseShopify(
  params: Parameters<PlatformAdapter["doctor"]>[0],
  endpoints: ShopifyEndpoints = {},
): Promise<ConnectionReport> {
  let siteUrl: string;
  try {
    siteUrl = normaliseSiteUrl(params.siteUrl);
  } catch (err) {
    return report("invalid_url", (err as Error).message, FIX.notShopify);
  }
  const restUrl = `${siteUrl}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;
  try {
    const store = openStore({ ...params, siteUrl, retry: { retries: 0 } }, endpoints);
    const data = await store.client.request<{
      shop: { name: string; myshopifyDomain: string };
      currentAppInstallation: { accessScopes: Array<{ handle: string }> };
    }>(SHOP_DOCTOR);
    const missing = missingScopes(data.currentAppInstallation.accessScopes.map((s) => s.handle));
    if (missing.length)
      return {
        ...report(
          "missing_scopes",
          `The app lacks these access scopes: ${missing.join(", ")}.`,
          FIX.scopes(missing),
          restUrl,
        ),
        reason: missing.join(","),
      };
    return {
      connected: true,
      message: `Connected to ${data.shop.name} (${data.shop.myshopifyDomain}).`,
      notes: [`Admin GraphQL API ${SHOPIFY_API_VERSION}`, ...(await blogNotes(store))],
      site: { version: SHOPIFY_API_VERSION, restUrl },
    };
  } catch (err) {
    if (!(err instanceof PlatformError)) throw err;
    if (err.code === "blocked_address") return report("blocked_address", err.message, FIX.blocked);
    if (err.code === "invalid_url") return report("invalid_url", err.message, FIX.notShopify);
    if (err.code === "unreachable") return report("unreachable", err.message, FIX.unreachable);
    if (err.code === "auth_failed") return report("auth_failed", err.message, FIX.credentials, restUrl);
    if (err.platformCode === "ACCESS_DENIED") {
      const scopes = (err.data as { scopes?: string[] } | undefined)?.scopes ?? [];
      return { ...report("missing_scopes", err.message, FIX.scopes(scopes), restUrl), reason: scopes.join(",") };
    }
    // 404, HTML, anything that is not the Admin API's JSON: some other site.
    return report("not_shopify", `No Shopify Admin API answers at ${siteUrl}: ${err.message}`, FIX.notShopify);
  }
}
