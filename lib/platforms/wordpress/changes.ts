import "server-only";
import {
  PlatformError,
  type ChangeCursor,
  type ChangePage,
  type ItemPage,
  type RemoteItem,
} from "@/lib/platforms/types";
import { ALL_STATUSES, LIVE_STATUSES, resolveType } from "./content-types";
import { itemKey, walkModified, type WalkCursor } from "./cursor";
import { wpPostSchema, type WpPost } from "./schemas";
import type { WpSite } from "./site";
import { seoPluginsOf } from "./seo";
import { fromWordPressPost, SEO_META_FIELDS } from "./transform";

/**
 * What we read of each item (`_fields`): nothing more crosses the wire. Raw title, content and
 * excerpt only: WordPress then skips running `the_content` filters for the rendered copy. The SEO
 * meta keys answer only where the IGNY8 plugin registers them.
 */
const PULL_FIELDS = [
  "id",
  "type",
  "status",
  "slug",
  "link",
  "date_gmt",
  "modified",
  "modified_gmt",
  "title.raw",
  "content.raw",
  "excerpt.raw",
  "featured_media",
  "categories",
  "tags",
  ...SEO_META_FIELDS,
];

const asWalkCursor = (cursor: ChangeCursor) => cursor as unknown as WalkCursor;
const asChangeCursor = (cursor: WalkCursor) => cursor as unknown as ChangeCursor;

/** The newest change of a type on the site right now: where its next walk of changes starts. */
export async function readHead(site: WpSite, contentType: string): Promise<ChangeCursor> {
  const { route } = await resolveType(site.client, contentType);
  const res = await site.client.listPage(route, wpPostSchema, {
    orderby: "modified",
    order: "desc",
    per_page: 100,
    status: ALL_STATUSES,
    context: "edit",
    _fields: "id,modified,modified_gmt",
  });
  const newest = res.items[0]?.modified;
  if (!newest) return asChangeCursor({ modified: "1970-01-01T00:00:00", seen: [] });
  return asChangeCursor(
    await site.clamp({ modified: newest, seen: res.items.filter((p) => p.modified === newest).map(itemKey) }),
  );
}

/** One page of a type's live items, 100 in id order (stable while posts are edited). */
export async function listItems(site: WpSite, contentType: string, page: number): Promise<ItemPage> {
  const { route, slug } = await resolveType(site.client, contentType);
  const res = await site.client.listPage(route, wpPostSchema, {
    orderby: "id",
    order: "asc",
    page,
    per_page: 100,
    status: LIVE_STATUSES,
    context: "edit",
    _fields: PULL_FIELDS.join(","),
  });
  const seo = await seoPluginsOf(site);
  return { items: res.items.map((p) => fromWordPressPost(p, slug, seo)), total: res.total, pages: res.totalPages };
}

/** Items by id (100 per request), whatever their status. */
export async function getItems(site: WpSite, contentType: string, ids: string[]): Promise<RemoteItem[]> {
  const { route, slug } = await resolveType(site.client, contentType);
  const items: RemoteItem[] = [];
  const seo = await seoPluginsOf(site);
  for (let i = 0; i < ids.length; i += 100) {
    const res = await site.client.listPage(route, wpPostSchema, {
      include: ids.slice(i, i + 100).map(Number),
      per_page: 100,
      status: ALL_STATUSES,
      context: "edit",
      _fields: PULL_FIELDS.join(","),
    });
    items.push(...res.items.map((p) => fromWordPressPost(p, slug, seo)));
  }
  return items;
}

/** One item in edit context, whatever its status; undefined when it is gone. */
export async function getItem(site: WpSite, contentType: string, id: string): Promise<RemoteItem | undefined> {
  const { route, slug } = await resolveType(site.client, contentType);
  const post = await site.client.getPost(route, Number(id), "edit");
  return post ? fromWordPressPost(post, slug, await seoPluginsOf(site)) : undefined;
}

/**
 * Changes after each type's cursor. Several types with cursors on a site with the IGNY8 plugin:
 * one listing of them all (feed below); otherwise each type's collection walked by modified time.
 */
export async function* listChanges(
  site: WpSite,
  params: { contentTypes: string[]; cursors: Record<string, ChangeCursor | undefined>; pageSize?: number },
): AsyncGenerator<ChangePage> {
  const { contentTypes, cursors, pageSize: perPage } = params;
  if (contentTypes.length > 1 && contentTypes.every((type) => cursors[type])) {
    const fed = yield* walkFeed(
      site,
      contentTypes,
      contentTypes.map((type) => asWalkCursor(cursors[type]!)),
      perPage,
    );
    if (fed) return;
  }
  for (const type of contentTypes) {
    const { route, slug } = await resolveType(site.client, type);
    const cursor = cursors[type] ? asWalkCursor(cursors[type]) : undefined;
    const fetchPage = (query: Record<string, string | number | undefined>) =>
      site.client.listPage(route, wpPostSchema, query);
    let isFirst = true;
    for await (const page of walkModified(fetchPage, {
      cursor,
      perPage,
      fields: PULL_FIELDS,
      status: ALL_STATUSES,
      context: "edit",
    })) {
      const seo = await seoPluginsOf(site);
      const items = page.items.map((p) => fromWordPressPost(p, slug, seo));
      const next = asChangeCursor(await site.clamp(page.cursor));
      yield { items, deleted: [], cursors: { [type]: next }, total: isFirst ? page.total : undefined };
      isFirst = false;
    }
  }
}

/**
 * Every type's changes in one listing: the plugin's `igny8/v1/changes` (id, type, status,
 * modified), walked like a collection from the oldest of the types' cursors; the changed items
 * are then read by id, one request per type. With nothing changed that is the one request.
 * False when the site has no such route (no plugin, an older one, or no permission for it).
 */
async function* walkFeed(
  site: WpSite,
  types: string[],
  cursors: WalkCursor[],
  perPage?: number,
): AsyncGenerator<ChangePage, boolean> {
  const oldest = cursors.reduce((a, b) => (b.modified < a.modified ? b : a));
  const start: WalkCursor = {
    modified: oldest.modified,
    seen: cursors.filter((c) => c.modified === oldest.modified).flatMap((c) => c.seen),
  };
  let answered = false;
  const feed = async (query: Record<string, string | number | undefined>) => {
    const res = await site.client.listPage("/igny8/v1/changes", wpPostSchema, {
      modified_after: query.modified_after,
      page: Number(query.page),
      per_page: Number(query.per_page),
      types,
    });
    answered = true;
    return res;
  };
  let isFirst = true;
  try {
    for await (const page of walkModified(feed, { cursor: start, perPage })) {
      const items: RemoteItem[] = [];
      for (const type of types) {
        const ids = page.items.filter((item: WpPost) => (item.type ?? "post") === type).map((item) => String(item.id));
        if (ids.length) items.push(...(await getItems(site, type, ids)));
      }
      const cursor = asChangeCursor(await site.clamp(page.cursor));
      yield {
        items,
        deleted: [],
        cursors: Object.fromEntries(types.map((type) => [type, cursor])),
        total: isFirst ? page.total : undefined,
      };
      isFirst = false;
    }
  } catch (error) {
    // The route's first answer is what tells a site without it; nothing has been read yet then.
    if (!answered && error instanceof PlatformError && (error.code === "not_found" || error.code === "forbidden"))
      return false;
    throw error;
  }
  return true;
}
