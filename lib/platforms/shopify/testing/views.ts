/**
 * Records as GraphQL objects: plain values and methods that graphql-js's default resolver calls with
 * the field's arguments. `execute` checks every answer against the schema's types.
 */
import { GraphQLError } from "graphql";
import { matches, parseSearch } from "./search";
import type { ArticleRecord, FileRecord, Metafields, PageRecord, ProductRecord, ShopState } from "./state";

export const gid = (type: string, id: number) => `gid://shopify/${type}/${id}`;

/** The numeric id of a GID of `type`, or undefined. */
export function idOf(value: unknown, type: string): number | undefined {
  const m = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)$/.exec(String(value));
  return m && m[1] === type ? Number(m[2]) : undefined;
}

type ConnectionArgs = { first?: number | null; after?: string | null; last?: number | null; reverse?: boolean | null };

/** A Relay connection over `list` (already sorted); cursors are the position keys of each node. */
export function connection<T>(list: T[], args: ConnectionArgs, keyOf: (item: T) => string, view: (item: T) => object) {
  if (args.last != null) throw new GraphQLError("The test server pages forward only (first/after).");
  const first = args.first ?? null;
  if (first === null) throw new GraphQLError("you must provide one of first or last");
  if (first > 250) throw new GraphQLError("The first argument must be less than or equal to 250.");
  const ordered = args.reverse ? [...list].reverse() : list;
  const start = args.after ? ordered.findIndex((item) => encode(keyOf(item)) === args.after) + 1 : 0;
  if (args.after && start === 0) throw new GraphQLError("Invalid cursor for current pagination.");
  const slice = ordered.slice(start, start + first);
  const edges = slice.map((item) => ({ cursor: encode(keyOf(item)), node: view(item) }));
  return {
    nodes: edges.map((e) => e.node),
    edges,
    pageInfo: {
      hasNextPage: start + first < ordered.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

const encode = (key: string) => Buffer.from(JSON.stringify({ last: key })).toString("base64url");

/** Sorts by a sort key as Shopify does, ties broken by id. */
export function sortBy<T extends { id: number; updatedAt: string; title: string }>(list: T[], sortKey?: string | null) {
  const key = (r: T) =>
    sortKey === "UPDATED_AT" ? r.updatedAt : sortKey === "TITLE" ? r.title.toLowerCase() : String(r.id).padStart(16);
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id));
}

/** The sort position of a record, for its cursor. */
export const positionKey = (r: { id: number; updatedAt: string }) => `${r.updatedAt}|${r.id}`;

function metafieldView(ownerGid: string, metafields: Metafields, namespace: string | null | undefined, key: string) {
  const ns = namespace ?? "$app";
  const found = metafields.get(`${ns}.${key}`);
  if (!found) return null;
  return {
    __typename: "Metafield",
    id: `${ownerGid}/Metafield/${ns}.${key}`,
    namespace: ns,
    key,
    type: found.type,
    value: found.value,
    updatedAt: found.updatedAt,
    compareDigest: Buffer.from(`${found.updatedAt}|${found.value}`).toString("base64url"),
  };
}

const isVisible = (state: ShopState, r: { isPublished: boolean; publishedAt: string | null }) =>
  r.isPublished && r.publishedAt !== null && Date.parse(r.publishedAt) <= state.nowMs();

export function articleView(state: ShopState, a: ArticleRecord) {
  const id = gid("Article", a.id);
  const blog = state.blogs.get(a.blogId)!;
  return {
    __typename: "Article",
    ...a,
    id,
    isPublished: isVisible(state, a),
    publishedAt: a.isPublished ? a.publishedAt : null,
    author: { name: a.author },
    blog: { __typename: "Blog", ...blog, id: gid("Blog", blog.id) },
    image: a.image ? { __typename: "Image", altText: a.image.altText, url: () => a.image!.url } : null,
    metafield: (args: { namespace?: string; key: string }) => metafieldView(id, a.metafields, args.namespace, args.key),
  };
}

export function pageView(state: ShopState, p: PageRecord) {
  const id = gid("Page", p.id);
  return {
    __typename: "Page",
    ...p,
    id,
    bodySummary: p.body.replace(/<[^>]*>/g, "").slice(0, 150),
    isPublished: isVisible(state, p),
    publishedAt: p.isPublished ? p.publishedAt : null,
    metafield: (args: { namespace?: string; key: string }) => metafieldView(id, p.metafields, args.namespace, args.key),
  };
}

export function productView(p: ProductRecord, base: string) {
  const id = gid("Product", p.id);
  return {
    __typename: "Product",
    ...p,
    id,
    legacyResourceId: String(p.id),
    onlineStoreUrl: p.status === "ACTIVE" ? `${base}/products/${p.handle}` : null,
    description: () => p.descriptionHtml.replace(/<[^>]*>/g, ""),
    metafield: (args: { namespace?: string; key: string }) => metafieldView(id, p.metafields, args.namespace, args.key),
  };
}

/** Files become READY (with their image) a moment after fileCreate, as Shopify processes them. */
export const FILE_PROCESSING_MS = 40;

export function fileView(f: FileRecord) {
  const isReady = Date.now() - f.createdAtMs >= FILE_PROCESSING_MS;
  return {
    __typename: "MediaImage",
    id: gid("MediaImage", f.id),
    alt: f.alt,
    createdAt: f.createdAt,
    updatedAt: f.createdAt,
    mimeType: f.mimeType,
    fileErrors: [],
    fileStatus: isReady ? "READY" : "UPLOADED",
    status: isReady ? "READY" : "UPLOADED",
    image: isReady ? { __typename: "Image", altText: f.alt, url: () => f.url, width: 8, height: 8 } : null,
  };
}

/** Records matching a `query` argument, with the search fields each kind supports. */
export function search<T>(
  list: T[],
  query: string | null | undefined,
  fieldsOf: (r: T) => Record<string, string | number | string[] | null | undefined>,
) {
  const conditions = parseSearch(query);
  return list.filter((r) => matches(conditions, fieldsOf(r)));
}
