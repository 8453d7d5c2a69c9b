import "server-only";
import { PlatformError, type ChangeCursor, type ChangePage, type ItemPage } from "@/lib/platforms/types";
import {
  ARTICLE_VERSIONS,
  COUNT_ITEMS,
  LIST_ARTICLE_IDS,
  LIST_BLOGS,
  LIST_PAGE_IDS,
  LIST_PRODUCT_IDS,
  PAGE_VERSIONS,
  PRODUCT_VERSIONS,
} from "./operations";
import { blogFilter, fetchPage, listPage, toItem, type Store } from "./store";
import { fromGid, isContentType, type ShopifyContentType } from "./transform";

/** Re-read this much before the cursor: an update Shopify stamps late is still found; `seen` drops repeats. */
export const OVERLAP_MS = 5_000;
const MAX_PAGE = 100;
const LIST_PAGE_SIZE = 50;
const IDS_PAGE_SIZE = 250;
const LIST_IDS = { post: LIST_ARTICLE_IDS, page: LIST_PAGE_IDS, product: LIST_PRODUCT_IDS } as const;
const VERSIONS = { post: ARTICLE_VERSIONS, page: PAGE_VERSIONS, product: PRODUCT_VERSIONS } as const;
/** Newest changes read at once for a head: its overlap window rarely holds more. */
const HEAD_PAGE_SIZE = 50;
const ROOT = { post: "articles", page: "pages", product: "products" } as const;

/** Where a walk resumes: items updated after `since` (less the overlap), minus those already `seen`. */
type Cursor = { since: string | null; seen: string[] };

const keyOf = (item: { externalId: string; version: string | null }) => `${item.externalId}@${item.version}`;
const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString().replace(/\.\d{3}Z$/, "Z");

function readCursor(raw: ChangeCursor | undefined): Cursor {
  return {
    since: typeof raw?.since === "string" ? raw.since : null,
    seen: Array.isArray(raw?.seen) ? (raw.seen as string[]) : [],
  };
}

export function typeOf(contentType: string): ShopifyContentType {
  if (!isContentType(contentType))
    throw new PlatformError("unsupported", `Shopify has no content type "${contentType}" (post, page, product).`);
  return contentType;
}

function searchFor(store: Store, type: ShopifyContentType, since: string | null): string | undefined {
  const terms = [since ? `updated_at:>'${shift(since, -OVERLAP_MS)}'` : "", type === "post" ? blogFilter(store) : ""];
  return terms.join(" ").trim() || undefined;
}

/** How many items of a type the store has (articles: of the configured blog, or of every blog). */
export async function countItems(store: Store, contentType: string): Promise<number> {
  const type = typeOf(contentType);
  if (type === "post") {
    const data = await store.client.request<{
      blogs: { nodes: Array<{ id: string; articlesCount: { count: number } | null }> };
    }>(LIST_BLOGS, { first: 250 });
    const blogs = data.blogs.nodes.filter(
      (b) => !store.config.blog_id || b.id.endsWith(`/${store.config.blog_id.replace(/^.*\//, "")}`),
    );
    return blogs.reduce((sum, b) => sum + (b.articlesCount?.count ?? 0), 0);
  }
  const data = await store.client.request<{
    pagesCount: { count: number } | null;
    productsCount: { count: number } | null;
  }>(COUNT_ITEMS, {});
  return (type === "page" ? data.pagesCount?.count : data.productsCount?.count) ?? 0;
}

/**
 * The newest change now, and the items in its overlap window (so a walk from here repeats none of
 * them): newest first, ids and times only, one request unless the window holds more than a page.
 */
export async function readHead(store: Store, contentType: string): Promise<ChangeCursor> {
  const type = typeOf(contentType);
  const query = searchFor(store, type, null);
  let since: string | null = null;
  const seen: string[] = [];
  for (let after: string | null = null; ;) {
    const data: Record<
      string,
      {
        nodes: Array<{ id: string; updatedAt: string | null; createdAt?: string }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      }
    > = await store.client.request(VERSIONS[type], { first: HEAD_PAGE_SIZE, after, query });
    const conn = data[ROOT[type]];
    let inWindow = true;
    for (const node of conn.nodes) {
      const version = node.updatedAt ?? node.createdAt ?? null;
      if (!version) continue;
      since ??= version;
      inWindow = version > shift(since, -OVERLAP_MS);
      if (!inWindow) break;
      seen.push(keyOf({ externalId: fromGid(node.id), version }));
    }
    if (!since) return { since: null, seen: [] };
    if (!inWindow || !conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) return { since, seen };
    after = conn.pageInfo.endCursor;
  }
}

/**
 * Every id of a type (articles: of the configured blog), 250 a request at one point a node: Shopify
 * has no article or page webhooks and no deletion feed for them, so this is how a pull finds deletions.
 */
export async function listIds(store: Store, type: ShopifyContentType): Promise<string[]> {
  const query = type === "post" ? blogFilter(store).trim() || undefined : undefined;
  const ids: string[] = [];
  for (let after: string | null = null; ;) {
    const data: Record<
      string,
      { nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
    > = await store.client.request(LIST_IDS[type], { first: IDS_PAGE_SIZE, after, query });
    const conn = data[ROOT[type]];
    ids.push(...conn.nodes.map((n) => fromGid(n.id)));
    if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) return ids;
    after = conn.pageInfo.endCursor;
  }
}

/**
 * Changed items after each cursor, oldest first; resumable after every page. The first page of a
 * type carries `present`, every id the store has of it: the engine reads ours missing from it by id.
 */
export async function* listChanges(
  store: Store,
  params: { contentTypes: string[]; cursors: Record<string, ChangeCursor | undefined>; pageSize?: number },
): AsyncIterable<ChangePage> {
  const first = Math.min(params.pageSize ?? MAX_PAGE, MAX_PAGE);
  for (const contentType of params.contentTypes) {
    const type = typeOf(contentType);
    const start = readCursor(params.cursors[contentType]);
    const query = searchFor(store, type, start.since);
    const seen = new Set(start.seen);
    let since = start.since;
    let after: string | null = null;
    let total: number | undefined = await countItems(store, type);
    let present: Record<string, string[]> | undefined = { [contentType]: await listIds(store, type) };
    for (;;) {
      const page = await listPage(store, type, { first, after, query, sortKey: "UPDATED_AT" });
      const items = page.items.filter((item) => !seen.has(keyOf(item)));
      for (const item of items) {
        seen.add(keyOf(item));
        if (item.version && (!since || item.version > since)) since = item.version;
      }
      const windowStart = since ? shift(since, -OVERLAP_MS) : "";
      const cursor: Cursor = { since, seen: [...seen].filter((k) => k.slice(k.indexOf("@") + 1) > windowStart) };
      yield {
        items,
        deleted: [],
        cursors: { [contentType]: cursor },
        ...(total !== undefined && { total }),
        ...(present && { present }),
      };
      total = undefined;
      present = undefined;
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
      after = page.pageInfo.endCursor;
    }
  }
}

/**
 * A full listing by page number, in id order. A page's cursor comes with the page before it: a page
 * asked for while that one is on its way waits for it rather than walking the listing again (the
 * engine asks for pages 2..n several at a time), and each type is counted once.
 */
export function pagedListing(store: Store) {
  // The `after` of page N of a type, from the moment page N - 1 is requested; null: there is no page N.
  const starts = new Map<string, Promise<string | null>>();
  // Page 2, asked for as soon as page 1's answer names it: the engine asks for it only once page 1
  // is back with the count, and every later page waits on the one before.
  const ahead = new Map<string, ReturnType<typeof fetchPage>>();
  const totals = new Map<ShopifyContentType, Promise<number>>();
  const totalOf = (type: ShopifyContentType) => {
    let total = totals.get(type);
    if (!total) {
      total = countItems(store, type);
      totals.set(type, total);
      total.catch(() => totals.delete(type));
    }
    return total;
  };
  return async function listItems(contentType: string, page: number): Promise<ItemPage> {
    const type = typeOf(contentType);
    // The count travels with the page rather than before it: one round trip less for page 1.
    const counted = totalOf(type);
    const answer = async (items: ItemPage["items"]): Promise<ItemPage> => {
      const total = await counted;
      return { items, total, pages: Math.max(1, Math.ceil(total / LIST_PAGE_SIZE)) };
    };
    const query = type === "post" ? blogFilter(store).trim() || undefined : undefined;
    const request = (after: string | null) =>
      fetchPage(store, type, { first: LIST_PAGE_SIZE, after, query, sortKey: "ID" });
    let at = 1;
    for (let k = page; k > 1; k--)
      if (starts.has(`${type}:${k}`)) {
        at = k;
        break;
      }
    for (; ; at++) {
      const after = at === 1 ? null : await starts.get(`${type}:${at}`)!;
      if (at > 1 && after === null) return answer([]);
      // Another call has asked for this page meanwhile: its cursor for the next one is on its way.
      if (at < page && starts.has(`${type}:${at + 1}`)) continue;
      const key = `${type}:${at + 1}`;
      const early = ahead.get(`${type}:${at}`);
      ahead.delete(`${type}:${at}`);
      const result = early ?? request(after);
      if (!starts.has(key)) {
        const next = result.then((r) => (r.pageInfo.hasNextPage ? r.pageInfo.endCursor : null));
        starts.set(key, next);
        // A failed page is asked for afresh next time (whoever waits on it sees the failure).
        next.catch(() => starts.delete(key));
        if (at === 1)
          next.then(
            (cursor) => {
              // Page 3's cursor is awaited once page 2 has been asked for.
              if (cursor === null || starts.has(`${type}:3`) || ahead.has(key)) return;
              const read = request(cursor);
              // A read-ahead that failed is dropped: page 2 is then asked for afresh.
              read.catch(() => ahead.delete(key));
              ahead.set(key, read);
            },
            () => {},
          );
      }
      const { nodes } = await result;
      if (at !== page) continue;
      // The next page's request goes out first (it is written once the socket that carried this
      // answer is checked, after this turn's I/O); reading these nodes as items, and storing them,
      // then runs while the store answers it.
      await new Promise((resolve) => setImmediate(resolve));
      return answer(nodes.map((node) => toItem(store, type, node)));
    }
  };
}
