/** The QueryRoot fields the test server answers, each behind the scope Shopify asks for. */
import { GraphQLError } from "graphql";
import type { ShopState } from "./state";
import {
  articleView,
  connection,
  fileView,
  gid,
  idOf,
  pageView,
  positionKey,
  productView,
  search,
  sortBy,
} from "./views";

/** What each request's resolvers see. */
export type ServerContext = {
  state: ShopState;
  /** The server's own origin (for upload targets, CDN and storefront URLs). */
  base: string;
  scopes: string[];
  /** Sends the products webhooks the subscriptions ask for. */
  emit(topic: "PRODUCTS_CREATE" | "PRODUCTS_UPDATE" | "PRODUCTS_DELETE", productId: number): void;
};

/** Refuses a field the token lacks the scope for, in Shopify's words (write_x implies read_x). */
export function requireScope(ctx: ServerContext, scope: string, field: string): void {
  const held = new Set(ctx.scopes.flatMap((s) => (s.startsWith("write_") ? [s, s.replace("write_", "read_")] : [s])));
  if (held.has(scope)) return;
  throw new GraphQLError(`Access denied for ${field} field. Required access: \`${scope}\` access scope.`, {
    extensions: {
      code: "ACCESS_DENIED",
      documentation: "https://shopify.dev/api/usage/access-scopes",
      requiredAccess: `\`${scope}\` access scope.`,
    },
  });
}

type ListArgs = { first?: number; after?: string; query?: string; sortKey?: string; reverse?: boolean };

const recordFields = (r: { id: number; updatedAt: string; createdAt: string; handle: string; title: string }) => ({
  id: r.id,
  updated_at: r.updatedAt,
  created_at: r.createdAt,
  handle: r.handle,
  title: r.title,
});

export function queryRoot(ctx: ServerContext) {
  const { state, base } = ctx;
  const articles = (args: ListArgs) => {
    requireScope(ctx, "read_content", "articles");
    const found = search([...state.articles.values()], args.query, (a) => ({
      ...recordFields(a),
      blog_id: a.blogId,
      tag: a.tags,
    }));
    return connection(sortBy(found, args.sortKey), args, positionKey, (a) => articleView(state, a));
  };
  const blogView = (b: { id: number }) => ({
    __typename: "Blog",
    ...state.blogs.get(b.id)!,
    id: gid("Blog", b.id),
    articlesCount: () => ({
      count: [...state.articles.values()].filter((a) => a.blogId === b.id).length,
      precision: "EXACT",
    }),
  });
  const nodeOf = (id: string) => {
    const match = /^gid:\/\/shopify\/([A-Za-z]+)\/\d+$/.exec(id);
    const type = match?.[1];
    if (type === "Article")
      return state.articles.has(idOf(id, type)!) ? articleView(state, state.articles.get(idOf(id, type)!)!) : null;
    if (type === "Page")
      return state.pages.has(idOf(id, type)!) ? pageView(state, state.pages.get(idOf(id, type)!)!) : null;
    if (type === "Product") {
      requireScope(ctx, "read_products", "product");
      const p = state.products.get(idOf(id, type)!);
      return p ? productView(p, base) : null;
    }
    if (type === "MediaImage") {
      const f = state.files.get(idOf(id, type)!);
      return f ? fileView(f) : null;
    }
    return null;
  };
  return {
    shop: () => ({
      __typename: "Shop",
      id: gid("Shop", 1),
      name: "IGNY8 Test Shop",
      myshopifyDomain: "igny8-test.myshopify.com",
      url: base,
      plan: { publicDisplayName: "Development", partnerDevelopment: true, shopifyPlus: false },
    }),
    currentAppInstallation: () => ({
      __typename: "AppInstallation",
      id: gid("AppInstallation", 1),
      accessScopes: ctx.scopes.map((handle) => ({ handle, description: handle })),
    }),
    articles,
    article: ({ id }: { id: string }) => {
      requireScope(ctx, "read_content", "article");
      const a = state.articles.get(idOf(id, "Article") ?? -1);
      return a ? articleView(state, a) : null;
    },
    articleTags: ({ limit }: { limit: number }) => {
      requireScope(ctx, "read_content", "articleTags");
      return [...new Set([...state.articles.values()].flatMap((a) => a.tags))].sort().slice(0, limit);
    },
    blogs: (args: ListArgs) => {
      requireScope(ctx, "read_content", "blogs");
      const found = search([...state.blogs.values()], args.query, recordFields);
      return connection(sortBy(found, args.sortKey), args, positionKey, blogView);
    },
    blog: ({ id }: { id: string }) => {
      requireScope(ctx, "read_content", "blog");
      const b = state.blogs.get(idOf(id, "Blog") ?? -1);
      return b ? blogView(b) : null;
    },
    pages: (args: ListArgs) => {
      requireScope(ctx, "read_content", "pages");
      const found = search([...state.pages.values()], args.query, recordFields);
      return connection(sortBy(found, args.sortKey), args, positionKey, (p) => pageView(state, p));
    },
    page: ({ id }: { id: string }) => {
      requireScope(ctx, "read_content", "page");
      const p = state.pages.get(idOf(id, "Page") ?? -1);
      return p ? pageView(state, p) : null;
    },
    pagesCount: () => {
      requireScope(ctx, "read_content", "pagesCount");
      return { count: state.pages.size, precision: "EXACT" };
    },
    products: (args: ListArgs) => {
      requireScope(ctx, "read_products", "products");
      const found = search([...state.products.values()], args.query, (p) => ({
        ...recordFields(p),
        tag: p.tags,
        status: p.status,
      }));
      return connection(sortBy(found, args.sortKey), args, positionKey, (p) => productView(p, base));
    },
    product: ({ id }: { id: string }) => nodeOf(id.startsWith("gid://shopify/Product/") ? id : ""),
    productsCount: (args: { query?: string }) => {
      requireScope(ctx, "read_products", "productsCount");
      const found = search([...state.products.values()], args.query, recordFields);
      return { count: found.length, precision: "EXACT" };
    },
    productTags: (args: ListArgs) => {
      requireScope(ctx, "read_products", "productTags");
      const tags = [...new Set([...state.products.values()].flatMap((p) => p.tags))].sort();
      return connection(
        tags,
        args,
        (t) => t,
        (t) => t as never,
      );
    },
    files: (args: ListArgs) => {
      requireScope(ctx, "read_files", "files");
      return connection([...state.files.values()], args, (f) => String(f.id), fileView);
    },
    node: ({ id }: { id: string }) => nodeOf(id),
    nodes: ({ ids }: { ids: string[] }) => ids.map(nodeOf),
    webhookSubscriptions: (args: ListArgs & { topics?: string[]; uri?: string }) => {
      const found = [...state.webhooks.values()].filter(
        (w) => (!args.topics || args.topics.includes(w.topic)) && (!args.uri || w.uri === args.uri),
      );
      return connection(found, args, (w) => String(w.id), webhookView);
    },
  };
}

export function webhookView(w: { id: number; topic: string; uri: string; createdAt: string }) {
  return {
    __typename: "WebhookSubscription",
    ...w,
    id: gid("WebhookSubscription", w.id),
    legacyResourceId: String(w.id),
    format: "JSON",
    apiVersion: { handle: "2026-10", displayName: "2026-10", supported: true },
    updatedAt: w.createdAt,
  };
}
