// Test-only helpers shared by this folder's tests (not imported by production code).
import { egressFetch } from "@/lib/server/egress";
import type { ItemFields, PushItem } from "@/lib/platforms/types";
import { startShopifyTestServer } from "./testing/server";

/** A test shop the egress may reach (loopback is refused unless EGRESS_ALLOW lists it). */
export async function startAllowedShop(options: Parameters<typeof startShopifyTestServer>[0] = {}) {
  const shop = await startShopifyTestServer(options);
  allow(shop.url);
  return shop;
}

export function allow(url: string) {
  process.env.EGRESS_ALLOW = [process.env.EGRESS_ALLOW, new URL(url).host].filter(Boolean).join(",");
}

export const http = egressFetch;

export function post(title: string, fields: Partial<ItemFields> = {}, contentType = "post"): PushItem {
  return {
    ref: crypto.randomUUID(),
    contentType,
    fields: {
      title,
      content: `<p>${title}</p>`,
      excerpt: "",
      slug: "",
      status: "draft",
      categoryIds: [],
      tagIds: [],
      ...fields,
    },
  };
}
