import "server-only";
import type { ChangeCursor, ChangePage, ItemPage, RemoteItem } from "@/lib/platforms/types";
import { PlatformError } from "@/lib/platforms/types";
import { advance, filterAfter, readCursor, toFilterDate } from "./cursor";
import { ghostBrowseSchema, type GhostPost } from "./schemas";
import { collectionOf, typeOf, type GhostSite } from "./site";
import { fromGhostPost } from "./transform";

/** What a listing asks for: the body as html (the Admin API's default is lexical only) and the tags. */
export const READ_QUERY = { formats: "html", include: "tags" } as const;
const ID = /^[0-9a-f]{24}$/;
const PAGE_SIZE = 100;
const asChangeCursor = (cursor: object) => cursor as ChangeCursor;

/** One browse request of a collection. */
export async function browse(site: GhostSite, contentType: string, query: Record<string, string | number | undefined>) {
  const key = collectionOf(contentType);
  const data = await site.client.request("GET", `${key}/`, ghostBrowseSchema(key), { query });
  return { posts: data[key] as GhostPost[], pagination: data.meta?.pagination, key };
}

const toItem = (site: GhostSite, contentType: string) => (post: GhostPost) =>
  fromGhostPost(post, typeOf(collectionOf(contentType)), site.primaryTag);

/** Where changes made after now begin: the newest `updated_at` second and the ids stamped with it. */
export async function readHead(site: GhostSite, contentType: string): Promise<ChangeCursor> {
  const newest = await browse(site, contentType, { fields: "id,updated_at", order: "updated_at desc", limit: 1 });
  const at = newest.posts[0]?.updated_at;
  if (!at) return asChangeCursor({ updatedAt: null, ids: [] });
  const same = await browse(site, contentType, {
    fields: "id,updated_at",
    filter: `updated_at:'${toFilterDate(at)}'`,
    limit: "all",
  });
  return asChangeCursor({ updatedAt: at, ids: same.posts.map((p) => p.id) });
}

/** One page of every item, oldest first by creation (edits do not move an item between pages). */
export async function listItems(site: GhostSite, contentType: string, page: number): Promise<ItemPage> {
  const res = await browse(site, contentType, {
    ...READ_QUERY,
    order: "created_at asc,id asc",
    limit: PAGE_SIZE,
    page,
  });
  const total = res.pagination?.total ?? res.posts.length;
  return { items: res.posts.map(toItem(site, contentType)), total, pages: res.pagination?.pages ?? 1 };
}

/**
 * Changes after each type's cursor, in (updated_at, id) order, one request per page; each page
 * asks again from the cursor it ends with, so a walk resumes anywhere with no gap and no repeat.
 */
export async function* listChanges(
  site: GhostSite,
  params: { contentTypes: string[]; cursors: Record<string, ChangeCursor | undefined>; pageSize?: number },
): AsyncGenerator<ChangePage> {
  const limit = Math.max(1, params.pageSize ?? PAGE_SIZE);
  for (const type of params.contentTypes) {
    let cursor = readCursor(params.cursors[type]);
    for (let first = true; ; first = false) {
      const res = await browse(site, type, {
        ...READ_QUERY,
        filter: filterAfter(cursor),
        order: "updated_at asc,id asc",
        limit,
      });
      cursor = advance(cursor, res.posts);
      const total = first ? (res.pagination?.total ?? res.posts.length) : undefined;
      if (res.posts.length > 0 || first) {
        yield {
          items: res.posts.map(toItem(site, type)),
          deleted: [],
          cursors: { [type]: asChangeCursor(cursor) },
          ...(total === undefined ? {} : { total }),
        };
      }
      if (res.posts.length < limit) break;
    }
  }
}

/** One item, whatever its status; undefined when Ghost no longer has it. */
export async function getItem(site: GhostSite, contentType: string, id: string): Promise<RemoteItem | undefined> {
  if (!ID.test(id)) return undefined;
  const key = collectionOf(contentType);
  try {
    const data = await site.client.request("GET", `${key}/${id}/`, ghostBrowseSchema(key), { query: READ_QUERY });
    const post = (data[key] as GhostPost[])[0];
    return post ? toItem(site, contentType)(post) : undefined;
  } catch (error) {
    if (error instanceof PlatformError && error.code === "not_found") return undefined;
    throw error;
  }
}

/** Items by id, 50 per request; ids Ghost does not have are left out. */
export async function getItems(site: GhostSite, contentType: string, ids: string[]): Promise<RemoteItem[]> {
  const valid = [...new Set(ids.filter((id) => ID.test(id)))];
  const items: RemoteItem[] = [];
  for (let i = 0; i < valid.length; i += 50) {
    const filter = `id:[${valid.slice(i, i + 50).join(",")}]`;
    const res = await browse(site, contentType, { ...READ_QUERY, filter, limit: "all" });
    items.push(...res.posts.map(toItem(site, contentType)));
  }
  return items;
}
