import "server-only";
import { z } from "zod";
import { PlatformError, type RemoteItem } from "@/lib/platforms/types";
import type { ShopifyClient } from "./client";
import { FIX } from "./errors";
import {
  GET_ARTICLES,
  GET_PAGES,
  GET_PRODUCTS,
  LIST_ARTICLES,
  LIST_BLOGS,
  LIST_PAGES,
  LIST_PRODUCTS,
} from "./operations";
import { articleNodeSchema, pageInfoSchema, pageNodeSchema, productNodeSchema } from "./schemas";
import {
  articleToItem,
  fromGid,
  pageToItem,
  productToItem,
  RESOURCE,
  toGid,
  type ShopifyContentType,
} from "./transform";

/** An integration's settings (`config_json`). */
export const shopifyConfigSchema = z.object({
  /** The blog articles go to (numeric id or GID); the store's first blog when unset. */
  blog_id: z
    .string()
    .regex(/^(\d+|gid:\/\/shopify\/Blog\/\d+)$/, "must be a blog id (a number, or gid://shopify/Blog/<number>)")
    .optional(),
  /** The chosen blog's title when it was chosen (what the Integrations page shows). */
  blog_title: z.string().max(255, "must be 255 characters or less").optional(),
  /** IGNY8 categories become tags (default) or choose the blog. */
  categories_as: z.enum(["tags", "blog"], { error: 'must be "tags" or "blog"' }).optional(),
  /** Author name on created articles (Shopify requires one); the shop's name when unset. */
  author: z.string().optional(),
});
export type ShopifyConfig = z.infer<typeof shopifyConfigSchema>;

/** One connected store: its client, site, settings and what each kind of item reads as. */
export type Store = {
  client: ShopifyClient;
  siteUrl: string;
  config: ShopifyConfig;
  categoriesAs: "tags" | "blog";
};

const LIST = { post: LIST_ARTICLES, page: LIST_PAGES, product: LIST_PRODUCTS } as const;
const GET = { post: GET_ARTICLES, page: GET_PAGES, product: GET_PRODUCTS } as const;
const ROOT = { post: "articles", page: "pages", product: "products" } as const;

/** A node of `type` as our item (validated). */
export function toItem(store: Store, type: ShopifyContentType, node: unknown): RemoteItem {
  if (type === "post") return articleToItem(articleNodeSchema.parse(node), store.siteUrl, store.categoriesAs);
  if (type === "page") return pageToItem(pageNodeSchema.parse(node), store.siteUrl);
  return productToItem(productNodeSchema.parse(node));
}

type ListVars = { first: number; after?: string | null; query?: string; sortKey: string; reverse?: boolean };

/** One page of a listing as the store answered it: where the next page starts, and its nodes not yet read. */
export async function fetchPage(store: Store, type: ShopifyContentType, vars: ListVars) {
  const data = await store.client.request<Record<string, { nodes: unknown[]; pageInfo: unknown }>>(LIST[type], vars);
  const conn = data[ROOT[type]];
  return { nodes: conn.nodes, pageInfo: pageInfoSchema.parse(conn.pageInfo) };
}

/** One page of a listing. */
export async function listPage(store: Store, type: ShopifyContentType, vars: ListVars) {
  const { nodes, pageInfo } = await fetchPage(store, type, vars);
  return { items: nodes.map((n) => toItem(store, type, n)), pageInfo };
}

/** Items by id, whatever their status; ids Shopify no longer has are left out. */
export async function getItems(store: Store, type: ShopifyContentType, ids: string[]): Promise<RemoteItem[]> {
  const out: RemoteItem[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const gids = ids.slice(i, i + 100).map((id) => toGid(RESOURCE[type], id));
    const data = await store.client.request<{ nodes: Array<Record<string, unknown> | null> }>(GET[type], { ids: gids });
    for (const node of data.nodes) if (node && typeof node.id === "string") out.push(toItem(store, type, node));
  }
  return out;
}

/** The blog articles go to: the configured one, else the store's first; a store without one fails the item. */
export async function blogIdOf(store: Store): Promise<string> {
  if (store.config.blog_id) return toGid("Blog", store.config.blog_id);
  const data = await store.client.request<{ blogs: { nodes: Array<{ id: string }> } }>(LIST_BLOGS, { first: 1 });
  const first = data.blogs.nodes[0]?.id;
  if (first) return first;
  throw new PlatformError("not_found", "The Shopify store has no blog to publish the article to.", {
    platformCode: "no_blog",
    fix: FIX.chooseBlog,
  });
}

/** The `blog_id:` search term that keeps article listings to the configured blog. */
export const blogFilter = (store: Store) =>
  store.config.blog_id && store.categoriesAs === "tags" ? ` blog_id:${fromGid(store.config.blog_id)}` : "";
