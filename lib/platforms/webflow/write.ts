import "server-only";
import type { Webflow } from "webflow-api";
import { PlatformError } from "@/lib/platforms/types";
import { FIX } from "./errors";
import type { WebflowItem } from "./schemas";
import type { WfSite } from "./site";

/** One staged write: fieldData and an explicit isDraft (Webflow's defaults differ by endpoint). */
export type StagedWrite = { id?: string; fieldData: Record<string, unknown>; isDraft: boolean };

/** A refused slug as a per-item error that says what to do. */
export function slugTaken(slug: string, cause?: unknown): PlatformError {
  return new PlatformError(
    "bad_request",
    `The slug "${slug}" is already used by another item in this Webflow collection.`,
    {
      platformCode: "slug_taken",
      fix: FIX.slug,
      cause,
    },
  );
}

const isSlugRefusal = (error: unknown) =>
  error instanceof PlatformError && error.code === "bad_request" && /slug.*(unique|already)/i.test(error.message);
const isAmbiguous = (error: unknown) =>
  error instanceof PlatformError &&
  (error.code === "unreachable" || error.code === "server_error" || error.code === "invalid_response");

/** The item that has `slug` now, if any. */
export async function findBySlug(site: WfSite, slug: string): Promise<WebflowItem | undefined> {
  const { collection } = await site.collection();
  const listing = (await site.api.call((c) => c.collections.items.listItems(collection.id, { slug, limit: 1 }))) as {
    items?: WebflowItem[];
  };
  return listing.items?.[0];
}

/**
 * Creates one item, exactly once, idempotent by slug: a slug refused as taken by an item with our
 * title is our own earlier create whose answer was lost (it is updated instead); taken by another
 * item, a per-item error; a create whose answer is lost is looked up by slug, never re-sent blind.
 */
export async function createOne(site: WfSite, write: StagedWrite): Promise<WebflowItem> {
  const { collection } = await site.collection();
  const slug = String(write.fieldData.slug);
  const ours = async (error: unknown) => {
    const found = await findBySlug(site, slug);
    if (found && found.fieldData?.name === write.fieldData.name)
      return updateOne(site, { ...write, id: String(found.id) });
    throw isSlugRefusal(error) ? slugTaken(slug, error) : error;
  };
  try {
    const body = {
      isDraft: write.isDraft,
      isArchived: false,
      fieldData: write.fieldData,
    } as Webflow.CollectionItemPostSingle;
    return (await site.api.call((c) => c.collections.items.createItem(collection.id, body))) as WebflowItem;
  } catch (error) {
    if (isSlugRefusal(error) || isAmbiguous(error)) return ours(error);
    throw error;
  }
}

/**
 * Creates staged items 100 a request (`POST /items/bulk`, one isDraft per request, so drafts and
 * items to publish go apart); answers per write, in order. When Webflow refuses a request (a
 * taken slug is enough) or its answer is lost, each of its items goes through createOne: a
 * refused item fails alone, and an item the lost request did make is found by its slug, never
 * created twice.
 */
export async function createMany(site: WfSite, writes: StagedWrite[]): Promise<Array<WebflowItem | PlatformError>> {
  const { collection } = await site.collection();
  const results = new Array<WebflowItem | PlatformError>(writes.length);
  const alone = async (i: number) => {
    results[i] = await createOne(site, writes[i]).catch((e: unknown) => toPlatformError(e));
  };
  for (const isDraft of [true, false]) {
    const group = writes.flatMap((w, i) => (w.isDraft === isDraft ? [i] : []));
    for (let start = 0; start < group.length; start += 100) {
      const chunk = group.slice(start, start + 100);
      if (chunk.length === 1) {
        await alone(chunk[0]);
        continue;
      }
      const body = { isDraft, isArchived: false, fieldData: chunk.map((i) => writes[i].fieldData) };
      try {
        const answer = (await site.api.call((c) =>
          c.collections.items.createItems(
            collection.id,
            body as Webflow.collections.CreateBulkCollectionItemRequestBody,
          ),
        )) as { items?: WebflowItem[] };
        const bySlug = new Map((answer.items ?? []).map((item) => [String(item.fieldData?.slug), item]));
        for (const i of chunk) {
          const made = bySlug.get(String(writes[i].fieldData.slug));
          if (made) results[i] = made;
          else await alone(i);
        }
      } catch (error) {
        if (
          !isSlugRefusal(error) &&
          !isAmbiguous(error) &&
          !(error instanceof PlatformError && error.code === "bad_request")
        )
          throw error;
        for (const i of chunk) await alone(i);
      }
    }
  }
  return results;
}

/** Updates one staged item. */
export async function updateOne(site: WfSite, write: StagedWrite & { id: string }): Promise<WebflowItem> {
  const { collection } = await site.collection();
  const body = { isDraft: write.isDraft, fieldData: write.fieldData } as Webflow.CollectionItemPatchSingle;
  try {
    return (await site.api.call((c) => c.collections.items.updateItem(collection.id, write.id, body))) as WebflowItem;
  } catch (error) {
    if (isSlugRefusal(error)) throw slugTaken(String(write.fieldData.slug), error);
    throw error;
  }
}

/**
 * Updates up to 100 staged items in one request; when Webflow refuses the request (one item is
 * enough), each goes alone so only that one fails.
 */
export async function updateMany(
  site: WfSite,
  writes: Array<StagedWrite & { id: string }>,
): Promise<Array<WebflowItem | PlatformError>> {
  const { collection } = await site.collection();
  if (writes.length > 1) {
    try {
      const items = writes.map((w) => ({
        id: w.id,
        isDraft: w.isDraft,
        fieldData: w.fieldData,
      })) as Webflow.CollectionItemWithIdInput[];
      const answer = (await site.api.call((c) => c.collections.items.updateItems(collection.id, { items }))) as {
        items?: WebflowItem[];
      };
      const byId = new Map((answer.items ?? []).map((i) => [String(i.id), i]));
      if (writes.every((w) => byId.has(w.id))) return writes.map((w) => byId.get(w.id)!);
    } catch (error) {
      if (!(error instanceof PlatformError) || (error.code !== "bad_request" && error.code !== "not_found"))
        throw error;
    }
  }
  const results: Array<WebflowItem | PlatformError> = [];
  for (const w of writes) results.push(await updateOne(site, w).catch((e: unknown) => toPlatformError(e)));
  return results;
}

export const toPlatformError = (e: unknown) =>
  e instanceof PlatformError
    ? e
    : new PlatformError("invalid_response", String((e as Error)?.message ?? e), { cause: e });

/** Puts staged items live, 100 ids a request; the ids Webflow could not publish, with its reason. */
export async function publishMany(site: WfSite, ids: string[]): Promise<Map<string, string>> {
  const { collection } = await site.collection();
  const failed = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    const answer = (await site.api.call((c) => c.collections.items.publishItem(collection.id, { itemIds: chunk }))) as {
      publishedItemIds?: string[];
      errors?: string[];
    };
    const published = new Set(answer.publishedItemIds ?? []);
    for (const id of chunk)
      if (!published.has(id)) failed.set(id, answer.errors?.find((e) => e.includes(id)) ?? "Not published.");
  }
  return failed;
}

/** Takes items off the live site (the live DELETE), 100 a request. */
export async function unpublishMany(site: WfSite, ids: string[]): Promise<void> {
  const { collection } = await site.collection();
  for (let i = 0; i < ids.length; i += 100) {
    const items = ids.slice(i, i + 100).map((id) => ({ id }));
    await site.api.call((c) => c.collections.items.deleteItemsLive(collection.id, { items }));
  }
}
