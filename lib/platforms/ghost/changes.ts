import "server-only";
import type { ChangeCursor, ChangePage, ItemPage, RemoteItem } from "@/lib/platforms/types";
import { PlatformError } from "@/lib/platforms/types";
import { advance, readCursor, toFilterDate, type GhostCursor } from "./cursor";
import { ghostBrowseSchema, type GhostPost } from "./schemas";
import { collectionOf, typeOf, type GhostSite } from "./site";
import { fromGhostPost } from "./transform";

/** What a listing asks for: the body as html (the Admin API's default is lexical only) and the tags. */
export const READ_QUERY = { formats: "html", include: "tags" } as const;
const ID = /^[0-9a-f]{24}$/;
const PAGE_SIZE = 100;
/** Ids in one read by id (`filter=id:[...]`, kept well inside a URL's length). */
const MAX_IDS_PER_READ = 100;
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

/** Whether a listed item comes after the cursor in (updated_at, id) order. */
function isAfter(cursor: GhostCursor, item: { id: string; updated_at?: string | null }): boolean {
  if (!cursor.updatedAt) return true;
  const at = Date.parse(item.updated_at ?? "");
  const from = Date.parse(cursor.updatedAt);
  return at > from || (at === from && !cursor.ids.includes(item.id));
}

/**
 * Changes after each type's cursor. One request lists every id with its updated_at (Ghost
 * serves `limit=all`, ~0.1 s for 1,000 posts): the ids are the walk's `present` set, which finds
 * deletions, and those after the cursor are read by id, a page at a time, in (updated_at, id)
 * order. The cursor advances by the listed stamps, never by a later edit met on the read, so a
 * walk resumes anywhere with no gap and no repeat. With nothing changed it is one request per type.
 */
export async function* listChanges(
  site: GhostSite,
  params: { contentTypes: string[]; cursors: Record<string, ChangeCursor | undefined>; pageSize?: number },
): AsyncGenerator<ChangePage> {
  const limit = Math.min(MAX_IDS_PER_READ, Math.max(1, params.pageSize ?? PAGE_SIZE));
  for (const type of params.contentTypes) {
    let cursor = readCursor(params.cursors[type]);
    const listing = await browse(site, type, { fields: "id,updated_at", order: "updated_at asc,id asc", limit: "all" });
    const changed = listing.posts.filter((post) => isAfter(cursor, post));
    const present = { [type]: listing.posts.map((post) => post.id) };
    if (changed.length === 0) {
      yield { items: [], deleted: [], cursors: { [type]: asChangeCursor(cursor) }, total: 0, present };
      continue;
    }
    for (let i = 0; i < changed.length; i += limit) {
      const listed = changed.slice(i, i + limit);
      const read = await getItems(
        site,
        type,
        listed.map((post) => post.id),
      );
      const byId = new Map(read.map((item) => [item.externalId, item]));
      cursor = advance(cursor, listed);
      yield {
        items: listed.flatMap((post) => byId.get(post.id) ?? []),
        deleted: [],
        cursors: { [type]: asChangeCursor(cursor) },
        ...(i === 0 ? { total: changed.length, present } : {}),
      };
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

/** Items by id, 100 per request; ids Ghost does not have are left out. */
export async function getItems(site: GhostSite, contentType: string, ids: string[]): Promise<RemoteItem[]> {
  const valid = [...new Set(ids.filter((id) => ID.test(id)))];
  const items: RemoteItem[] = [];
  for (let i = 0; i < valid.length; i += MAX_IDS_PER_READ) {
    const filter = `id:[${valid.slice(i, i + MAX_IDS_PER_READ).join(",")}]`;
    const res = await browse(site, contentType, { ...READ_QUERY, filter, limit: "all" });
    items.push(...res.posts.map(toItem(site, contentType)));
  }
  return items;
}
