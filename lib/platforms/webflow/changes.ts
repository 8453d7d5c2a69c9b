import "server-only";
import {
  PlatformError,
  type ChangeCursor,
  type ChangePage,
  type ItemPage,
  type RemoteItem,
} from "@/lib/platforms/types";
import type { WebflowItem } from "./schemas";
import type { WfSite } from "./site";
import { toRemoteItem } from "./transform";

const MAX_PAGE = 100;

/** Where a walk resumes: items updated at or after `since`, minus those of that instant already read. */
type Cursor = { since: string | null; seen: string[] };
const readCursor = (c: ChangeCursor | undefined): Cursor => ({
  since: typeof c?.since === "string" ? c.since : null,
  seen: Array.isArray(c?.seen) ? c.seen.map(String) : [],
});

type Listing = { items?: WebflowItem[]; pagination?: { total?: number } };

async function listPage(
  site: WfSite,
  query: { offset: number; limit: number; since?: string | null; order?: "asc" | "desc" },
) {
  const { collection } = await site.collection();
  // The client's types predate lastUpdated sorting and filtering; the spec has both (deepObject).
  const queryParams = {
    sortBy: "lastUpdated",
    sortOrder: query.order ?? "asc",
    ...(query.since ? { lastUpdated: { gte: query.since } } : {}),
  };
  return (await site.api.call((c) =>
    c.collections.items.listItems(collection.id, { offset: query.offset, limit: query.limit }, { queryParams }),
  )) as Listing;
}

async function toRemote(site: WfSite, items: WebflowItem[]): Promise<RemoteItem[]> {
  const { collection, map } = await site.collection();
  return items.map((i) => toRemoteItem(i, map, { siteUrl: site.siteUrl, collectionSlug: collection.slug }));
}

/** The newest change now: a walk from here sees only later ones. */
export async function readHead(site: WfSite): Promise<ChangeCursor> {
  const [newest] = (await listPage(site, { offset: 0, limit: 1, order: "desc" })).items ?? [];
  return newest?.lastUpdated ? { since: newest.lastUpdated, seen: [String(newest.id)] } : { since: null, seen: [] };
}

/**
 * Every item id of the collection, staged or live, oldest first by creation (edits do not reorder
 * it). Webflow's listing has no field selection, so this is the listing itself: 100 ids a request.
 * The engine checks its own items missing from it by id: how a deletion nobody announced is found.
 */
export async function listIds(site: WfSite): Promise<string[]> {
  const { collection } = await site.collection();
  const ids: string[] = [];
  for (let offset = 0; ; offset += MAX_PAGE) {
    const listing = (await site.api.call((c) =>
      c.collections.items.listItems(
        collection.id,
        { offset, limit: MAX_PAGE },
        { queryParams: { sortBy: "createdOn", sortOrder: "asc" } },
      ),
    )) as Listing;
    const items = listing.items ?? [];
    ids.push(...items.map((i) => String(i.id)));
    if (items.length < MAX_PAGE || offset + MAX_PAGE >= (listing.pagination?.total ?? 0)) return ids;
  }
}

/**
 * Items by lastUpdated ascending from the cursor. Each page starts again at the newest lastUpdated
 * read (skipping the ids of that instant already read), so an edit during the walk moves an item
 * later instead of shifting offsets under us: nothing is skipped, nothing is read twice. The first
 * page (an empty one when nothing changed) carries `present`, every id of the collection (listIds).
 */
export async function* listChanges(
  site: WfSite,
  options: { contentTypes: string[]; cursors: Record<string, ChangeCursor | undefined>; pageSize?: number },
): AsyncIterable<ChangePage> {
  if (!options.contentTypes.includes("post")) return;
  const pageSize = Math.min(MAX_PAGE, Math.max(1, options.pageSize ?? MAX_PAGE));
  let cursor = readCursor(options.cursors.post);
  let isFirst = true;
  let present: Record<string, string[]> | undefined = { post: await listIds(site) };
  for (;;) {
    const limit = Math.min(MAX_PAGE, pageSize + cursor.seen.length);
    const listing = await listPage(site, { offset: 0, limit, since: cursor.since });
    const seen = new Set(cursor.seen);
    const fresh = (listing.items ?? []).filter((i) => !(i.lastUpdated === cursor.since && seen.has(String(i.id))));
    const page = fresh.slice(0, pageSize);
    if (!page.length) {
      // More items of one instant than a page holds: nothing new fits; stop rather than loop.
      if ((listing.items ?? []).length >= limit && limit === MAX_PAGE)
        throw new PlatformError(
          "invalid_response",
          "Over 100 Webflow items share one lastUpdated; the walk cannot go on.",
        );
      if (present) yield { items: [], deleted: [], cursors: {}, present };
      return;
    }
    const last = page[page.length - 1].lastUpdated ?? null;
    const sameInstant = page.filter((i) => i.lastUpdated === last).map((i) => String(i.id));
    cursor = { since: last, seen: last === cursor.since ? [...cursor.seen, ...sameInstant] : sameInstant };
    const total = isFirst ? Math.max(0, (listing.pagination?.total ?? page.length) - seen.size) : undefined;
    yield {
      items: await toRemote(site, page),
      deleted: [],
      cursors: { post: { ...cursor } },
      total,
      ...(present && { present }),
    };
    isFirst = false;
    present = undefined;
    if (fresh.length < pageSize && (listing.items ?? []).length < limit) return;
  }
}

/** One page (from 1) of every item, oldest first by creation (edits do not reorder it). */
export async function listItems(site: WfSite, page: number): Promise<ItemPage> {
  const { collection } = await site.collection();
  const listing = (await site.api.call((c) =>
    c.collections.items.listItems(
      collection.id,
      { offset: (page - 1) * MAX_PAGE, limit: MAX_PAGE },
      { queryParams: { sortBy: "createdOn", sortOrder: "asc" } },
    ),
  )) as Listing;
  const total = listing.pagination?.total ?? 0;
  return { items: await toRemote(site, listing.items ?? []), total, pages: Math.ceil(total / MAX_PAGE) };
}

/** The staged item, or undefined when Webflow no longer has it. */
export async function getWebflowItem(site: WfSite, id: string): Promise<WebflowItem | undefined> {
  const { collection } = await site.collection();
  try {
    return (await site.api.call((c) => c.collections.items.getItem(collection.id, id))) as WebflowItem;
  } catch (error) {
    if (error instanceof PlatformError && error.code === "not_found") return undefined;
    throw error;
  }
}

export async function getItem(site: WfSite, id: string): Promise<RemoteItem | undefined> {
  const item = await getWebflowItem(site, id);
  return item ? (await toRemote(site, [item]))[0] : undefined;
}

/** Items by id; ids Webflow no longer has are left out (how deletions are found). */
export async function getItems(site: WfSite, ids: string[]): Promise<RemoteItem[]> {
  const found: WebflowItem[] = [];
  for (const id of ids) {
    const item = await getWebflowItem(site, id);
    if (item) found.push(item);
  }
  return toRemote(site, found);
}
