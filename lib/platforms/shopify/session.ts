import "server-only";
import { PlatformError, type ConnectParams, type PlatformSession } from "@/lib/platforms/types";
import { countItems, listChanges, pagedListing, readHead, typeOf } from "./changes";
import { createShopifyClient } from "./client";
import { TokenSource } from "./credentials";
import { gatewayFetch, type ShopifyEndpoints } from "./endpoints";
import { mediaOf } from "./media";
import { LIST_ARTICLES, LIST_PAGES, SHOP_DOCTOR } from "./operations";
import { pushItems } from "./push";
import { articleNodeSchema, pageNodeSchema } from "./schemas";
import { normaliseSiteUrl } from "./site-url";
import { getItems, shopifyConfigSchema, type Store } from "./store";
import { termsOf } from "./terms";
import { fromGid, SEO_METAFIELDS } from "./transform";

const stores = new WeakMap<PlatformSession, Store>();

/** The store behind a session (webhooks.ts). */
export function sessionStore(session: PlatformSession): Store {
  const store = stores.get(session);
  if (!store) throw new Error("Not a Shopify session.");
  return store;
}

/** Opens a store; nothing is sent until a method needs it. */
export function openStore(params: ConnectParams, endpoints: ShopifyEndpoints = {}): Store {
  const siteUrl = normaliseSiteUrl(params.siteUrl);
  const config = shopifyConfigSchema.safeParse(params.config ?? {});
  if (!config.success) throw new PlatformError("bad_request", `Shopify settings: ${config.error.message}`);
  const http = gatewayFetch(params.http, endpoints.gatewayUrl);
  const tokens = new TokenSource(siteUrl, params.credentials, http, params.saveCredentials, endpoints.app);
  const client = createShopifyClient({
    siteUrl,
    http,
    tokens,
    retries: params.retry?.retries,
    baseDelayMs: params.retry?.baseDelayMs,
    timeoutMs: params.timeoutMs,
    onWait: params.onWait,
  });
  return { client, siteUrl, config: config.data, categoriesAs: config.data.categories_as ?? "tags" };
}

/** The item an earlier create of ours made: by handle (or title), then our ref metafield. */
async function findCreated(store: Store, item: { ref: string; contentType: string; slug: string; title: string }) {
  const type = typeOf(item.contentType);
  if (type === "product") return undefined;
  const term = item.slug ? `handle:'${item.slug}'` : `title:'${item.title.replace(/'/g, "\\'")}'`;
  const data = await store.client.request<Record<string, { nodes: unknown[] }>>(
    type === "post" ? LIST_ARTICLES : LIST_PAGES,
    {
      first: 50,
      query: term,
      sortKey: "UPDATED_AT",
      reverse: true,
    },
  );
  const schema = type === "post" ? articleNodeSchema : pageNodeSchema;
  const nodes = data[type === "post" ? "articles" : "pages"].nodes.map((n) => schema.parse(n));
  const found = nodes.find((n) => n.igny8Ref?.value === item.ref);
  return found ? fromGid(found.id) : undefined;
}

/** A session on one Shopify store. */
export function connectShopify(params: ConnectParams, endpoints: ShopifyEndpoints = {}): PlatformSession {
  const store = openStore(params, endpoints);
  const listItems = pagedListing(store);
  const session: PlatformSession = {
    async verifyCredentials() {
      await store.client.request(SHOP_DOCTOR);
    },
    async listContentTypes() {
      const types = [
        { slug: "post", name: "Blog posts", restBase: "articles" },
        { slug: "page", name: "Pages", restBase: "pages" },
        { slug: "product", name: "Products", restBase: "products" },
      ];
      return Promise.all(types.map(async (t) => ({ ...t, count: await countItems(store, t.slug) })));
    },
    countItems: (contentType) => countItems(store, contentType),
    readHead: (contentType) => readHead(store, contentType),
    listItems,
    listChanges: (options) => listChanges(store, options),
    getItem: async (contentType, id) => (await getItems(store, typeOf(contentType), [id]))[0],
    getItems: (contentType, ids) => getItems(store, typeOf(contentType), ids),
    push: (items) => pushItems(store, items),
    seo: async () => ({ canWrite: true, targets: Object.values(SEO_METAFIELDS).map((m) => `${m.namespace}.${m.key}`) }),
    findCreated: (item) => findCreated(store, item),
    terms: termsOf(store),
    media: mediaOf(store, (url, init) => params.http(url, { ...init, timeoutMs: params.timeoutMs ?? 60_000 })),
  };
  stores.set(session, store);
  return session;
}
