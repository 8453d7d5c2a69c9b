import { afterAll, beforeAll } from "vitest";
import { describeAdapterContract } from "@/lib/platforms/testing/contract";
import type { ContractSubject } from "@/lib/platforms/testing/contract-subject";
import { egressFetch } from "@/lib/server/egress";
import { shopifyAdapter } from "./index";
import { signDelivery, startShopifyTestServer, type ShopifyTestServer } from "./testing/server";

// The shop starts before the suite is described (its sessions are opened at describe time).
const shop: ShopifyTestServer = await startShopifyTestServer();
process.env.EGRESS_ALLOW = [process.env.EGRESS_ALLOW, new URL(shop.url).host].filter(Boolean).join(",");
beforeAll(() => undefined);
afterAll(() => shop.close());

const article = (id: string) => shop.state.articles.get(Number(id));

const subject: ContractSubject = {
  adapter: shopifyAdapter,
  siteUrl: shop.url,
  credentials: { good: { access_token: shop.tokens.issueStatic() }, bad: { access_token: "shpat_wrong" } },
  http: egressFetch,
  // updatedAt is kept to the second: move the shop's clock instead of sleeping.
  tick: async () => shop.state.advance(1_000),
  editRemote: async (_type, id, fields) => {
    Object.assign(article(id)!, { title: fields.title, updatedAt: shop.state.now() });
  },
  // Shopify has no trash: an article is there (published or hidden) or deleted.
  deleteRemote: async (_type, id) => void shop.state.articles.delete(Number(id)),
  // Shopify announces no article changes; a delivery names its resource by GID, as products webhooks do.
  signDelivery: ({ externalId }, secret) =>
    signDelivery(
      "PRODUCTS_UPDATE",
      { id: Number(externalId), admin_graphql_api_id: `gid://shopify/Article/${externalId}` },
      secret,
    ),
  cleanup: async ({ items }) => {
    for (const [, id] of items) shop.state.articles.delete(Number(id));
  },
  isExactGuard: false,
  reportsDeletions: false,
  repeatsRecentUnchanged: false,
};

describeAdapterContract("Shopify (test shop on Shopify's 2026-10 schema)", subject);
