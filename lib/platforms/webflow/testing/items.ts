import { fail, noContent, ok, overLimit, type Answer, type Call } from "./answers";
import { checkFieldData } from "./field-data";
import type { Entry, Item, Store } from "./store";

type Body = { items?: Array<Record<string, unknown>>; itemIds?: string[] } & Record<string, unknown>;
type Handler = (store: Store, call: Call) => Answer;
const SORTABLE = ["createdOn", "lastPublished", "lastUpdated", "name", "slug"] as const;

/** Filters, sorts and pages a listing as `GET /collections/{id}/items` documents. */
function list(store: Store, call: Call, live: boolean): Answer {
  const q = call.query;
  const limit = q.limit ? Number(q.limit) : 100;
  const offset = q.offset ? Number(q.offset) : 0;
  if (limit < 1 || limit > 100) return fail(400, "validation_error", "limit must be between 1 and 100");
  const value = (item: Item, key: string) =>
    String(key === "name" || key === "slug" ? item.fieldData[key] : ((item as Record<string, unknown>)[key] ?? ""));
  let items = [...store.entries(call.params.collection_id).values()].flatMap((e) => (live ? (e.live ?? []) : e.staged));
  if (q.slug) items = items.filter((i) => i.fieldData.slug === q.slug);
  if (q.name) items = items.filter((i) => i.fieldData.name === q.name);
  for (const key of ["createdOn", "lastPublished", "lastUpdated"]) {
    const gte = q[`${key}[gte]`];
    const lte = q[`${key}[lte]`];
    if (gte) items = items.filter((i) => value(i, key) >= new Date(gte).toISOString());
    if (lte) items = items.filter((i) => value(i, key) && value(i, key) <= new Date(lte).toISOString());
  }
  const sortBy = (SORTABLE as readonly string[]).includes(q.sortBy) ? q.sortBy : "createdOn";
  const sign = q.sortOrder === "desc" ? -1 : 1;
  items.sort((a, b) => sign * (value(a, sortBy).localeCompare(value(b, sortBy)) || a.id.localeCompare(b.id)));
  return ok({ items: items.slice(offset, offset + limit), pagination: { limit, offset, total: items.length } });
}

function entryOf(store: Store, call: Call, id = call.params.item_id): Entry | Answer {
  return store.entries(call.params.collection_id).get(id) ?? fail(404, "resource_not_found", `Item ${id} not found`);
}

function createOne(store: Store, call: Call, body: Record<string, unknown>, live: boolean): Answer {
  const collection = store.collections.get(call.params.collection_id)!;
  const fieldData = (body.fieldData ?? {}) as Record<string, unknown>;
  const problem = checkFieldData(store, collection, fieldData, { isCreate: true });
  if (problem) return problem;
  // The single-item schema defaults isDraft to false (a "queued to publish" item).
  const entry = store.create(collection.id, fieldData, body.isDraft === true, body.isArchived === true);
  if (live) store.publish(entry);
  return ok(entry.staged, 202);
}

function updateOne(store: Store, call: Call, body: Record<string, unknown>, id: string, live: boolean): Item | Answer {
  const entry = entryOf(store, call, id);
  if ("status" in entry) return entry;
  const collection = store.collections.get(call.params.collection_id)!;
  const fieldData = (body.fieldData ?? {}) as Record<string, unknown>;
  const problem = checkFieldData(store, collection, fieldData, { isCreate: false, itemId: id });
  if (problem) return problem;
  if (live && entry.live) {
    entry.live.fieldData = { ...entry.live.fieldData, ...fieldData };
    entry.live.lastUpdated = store.now();
    return entry.live;
  }
  store.update(entry, { fieldData, isDraft: body.isDraft as boolean, isArchived: body.isArchived as boolean });
  return entry.staged;
}

/** Bulk updates: all-or-nothing, as a refused item refuses the request. */
function updateMany(store: Store, call: Call): Answer {
  const items = (call.body as Body).items ?? [];
  const limit = overLimit(items, "items");
  if (limit) return limit;
  for (const item of items) {
    const collection = store.collections.get(call.params.collection_id)!;
    const id = String(item.id);
    if (!store.entries(collection.id).has(id)) return fail(404, "resource_not_found", `Item ${id} not found`);
    const fieldData = (item.fieldData ?? {}) as Record<string, unknown>;
    const problem = checkFieldData(store, collection, fieldData, { isCreate: false, itemId: id });
    if (problem) return problem;
  }
  const updated = items.map((item) => updateOne(store, call, item, String(item.id), false) as Item);
  return ok({ items: updated, pagination: { limit: updated.length, offset: 0, total: updated.length } });
}

/**
 * `POST /collections/{id}/items/bulk`: up to 100 items (`fieldData` an array) in the primary
 * locale, all-or-nothing as a refused item refuses the request; the answer lists the items made.
 */
function createMany(store: Store, call: Call): Answer {
  const body = call.body as Body;
  const list = (Array.isArray(body.fieldData) ? body.fieldData : [body.fieldData]) as Array<Record<string, unknown>>;
  const limit = overLimit(list, "items");
  if (limit) return limit;
  const collection = store.collections.get(call.params.collection_id)!;
  const slugs = new Set<string>();
  for (const fieldData of list) {
    const problem = checkFieldData(store, collection, fieldData ?? {}, { isCreate: true });
    if (problem) return problem;
    const slug = String(fieldData.slug);
    if (slugs.has(slug))
      return fail(400, "validation_error", `slug: Unique value is repeated in the request: '${slug}'`);
    slugs.add(slug);
  }
  // The bulk schema defaults isDraft to true.
  const made = list.map((f) => store.create(collection.id, f, body.isDraft !== false, body.isArchived === true).staged);
  return ok({ items: made }, 202);
}

const asAnswer = (r: Item | Answer): Answer => ("status" in r ? r : ok(r));

/** Item handlers by the spec's operationId. */
export const itemHandlers: Record<string, Handler> = {
  "list-collection-items": (s, c) => list(s, c, false),
  "list-collection-items-live": (s, c) => list(s, c, true),
  "Get-Item": (s, c) => {
    const e = entryOf(s, c);
    return "status" in e ? e : ok(e.staged);
  },
  "get-item-live": (s, c) => {
    const e = entryOf(s, c);
    if ("status" in e) return e;
    return e.live ? ok(e.live) : fail(404, "resource_not_found", "Item is not published");
  },
  "create-item": (s, c) => {
    const body = c.body as Body;
    if (body.items) return fail(400, "validation_error", "This test server takes one item per create");
    return createOne(s, c, body, false);
  },
  "create-item-live": (s, c) => createOne(s, c, c.body as Body, true),
  "create-items": createMany,
  "update-item": (s, c) => asAnswer(updateOne(s, c, c.body as Body, c.params.item_id, false)),
  "update-item-live": (s, c) => asAnswer(updateOne(s, c, c.body as Body, c.params.item_id, true)),
  "update-items": updateMany,
  "delete-item": (s, c) => {
    const e = entryOf(s, c);
    if ("status" in e) return e;
    s.entries(c.params.collection_id).delete(e.staged.id);
    return noContent();
  },
  "delete-item-live": (s, c) => {
    const e = entryOf(s, c);
    if ("status" in e) return e;
    s.unpublish(e);
    return noContent();
  },
  "delete-items-live": (s, c) => {
    const ids = ((c.body as Body).items ?? []).map((i) => String(i.id));
    const limit = overLimit(ids, "items");
    if (limit) return limit;
    for (const id of ids) {
      const e = s.entries(c.params.collection_id).get(id);
      if (e) s.unpublish(e);
    }
    return noContent();
  },
  "publish-item": (s, c) => {
    const body = c.body as Body;
    const ids = body.itemIds ?? (body.items ?? []).map((i) => String(i.id));
    const limit = overLimit(ids, "item ids");
    if (limit) return limit;
    const published: string[] = [];
    const errors: string[] = [];
    for (const id of ids) {
      const e = s.entries(c.params.collection_id).get(id);
      if (e) (s.publish(e), published.push(id));
      else errors.push(`Staging item ID ${id} not found.`);
    }
    return ok({ publishedItemIds: published, errors }, 202);
  },
};
