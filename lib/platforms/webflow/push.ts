import "server-only";
import { PlatformError, type PushItem, type PushOutcome, type PushedItem } from "@/lib/platforms/types";
import { getWebflowItem } from "./changes";
import { mappedField } from "./fields";
import type { WebflowCollection, WebflowItem, FieldMap } from "./schemas";
import type { WfSite } from "./site";
import { remoteStatusOf, toFieldData, toRemoteItem } from "./transform";
import {
  createMany,
  createOne,
  publishMany,
  toPlatformError,
  unpublishMany,
  updateMany,
  type StagedWrite,
} from "./write";

type Slot = { item: PushItem; write?: StagedWrite; before?: WebflowItem; result?: WebflowItem; outcome?: PushOutcome };

/** Reference fields take an id (Reference) or ids (MultiReference); Option fields one option id. */
function refValue(collection: WebflowCollection, map: FieldMap, role: "categories" | "tags", ids: string[]) {
  const field = mappedField(collection, map, role);
  if (!field) return undefined;
  return field.type === "MultiReference" ? ids : (ids[0] ?? null);
}

function imageValue(id: string | null | undefined) {
  if (id === undefined || id === null) return id;
  return /^https?:\/\//.test(id) ? { url: id } : { fileId: id };
}

const conflictError = () =>
  new PlatformError("conflict", "The item was changed in Webflow since IGNY8 last read it.", {
    fix: "Open the conflict and choose which version to keep.",
  });

/**
 * Pushes items: every update re-reads the item first (Webflow has no conditional writes) and a
 * lastUpdated past the expected version is a conflict, left unwritten. Staged writes always say
 * isDraft; with `batch`, creates (exactly once by slug) and updates go 100 a request;
 * then published items go live through the item publish endpoint and drafts that were live are
 * unpublished, 100 ids a request. Site publish is never called.
 */
export async function pushItems(
  site: WfSite,
  items: PushItem[],
  options: { batch?: boolean } = {},
): Promise<PushOutcome[]> {
  // A map that no longer fits throws here, before anything is written.
  const { collection, map } = await site.collection();
  const slots: Slot[] = items.map((item) => ({ item }));
  const remote = (i: WebflowItem) => toRemoteItem(i, map, { siteUrl: site.siteUrl, collectionSlug: collection.slug });
  for (const slot of slots) {
    const f = slot.item.fields;
    const refs = {
      categories: refValue(collection, map, "categories", f.categoryIds),
      tags: refValue(collection, map, "tags", f.tagIds),
      image: imageValue(f.featuredMediaId),
    };
    slot.write = { id: slot.item.externalId, fieldData: toFieldData(f, map, refs), isDraft: f.status !== "published" };
    if (!slot.item.externalId) continue;
    try {
      slot.before = await getWebflowItem(site, slot.item.externalId);
      if (!slot.before)
        slot.outcome = {
          ok: false,
          error: new PlatformError("not_found", "The item was deleted in Webflow.", {
            fix: "Push the item again to create it anew.",
          }),
        };
      else if (slot.item.expectedVersion && slot.before.lastUpdated !== slot.item.expectedVersion)
        slot.outcome = { ok: false, error: conflictError(), conflict: { remote: remote(slot.before), isExact: false } };
    } catch (error) {
      slot.outcome = { ok: false, error };
    }
  }
  const pending = slots.filter((s) => !s.outcome);
  const creates = pending.filter((s) => !s.item.externalId);
  if (options.batch && creates.length > 1) {
    const made = await createMany(
      site,
      creates.map((s) => s.write!),
    ).catch((e: unknown) => creates.map(() => toPlatformError(e)));
    creates.forEach((s, k) =>
      made[k] instanceof PlatformError ? (s.outcome = { ok: false, error: made[k] }) : (s.result = made[k]),
    );
  } else
    for (const slot of creates) {
      try {
        slot.result = await createOne(site, slot.write!);
      } catch (error) {
        slot.outcome = { ok: false, error };
      }
    }
  const updates = pending.filter((s) => s.item.externalId);
  const size = options.batch ? 100 : 1;
  for (let i = 0; i < updates.length; i += size) {
    const chunk = updates.slice(i, i + size);
    const results = await updateMany(
      site,
      chunk.map((s) => ({ ...s.write!, id: s.item.externalId! })),
    ).catch((e: unknown) => chunk.map(() => toPlatformError(e)));
    chunk.forEach((s, k) =>
      results[k] instanceof PlatformError ? (s.outcome = { ok: false, error: results[k] }) : (s.result = results[k]),
    );
  }
  await goLive(
    site,
    slots.filter((s) => s.result && !s.outcome),
  );
  return slots.map(
    (s) =>
      s.outcome ?? { ok: true, action: s.item.externalId ? "updated" : "created", item: pushed(site, collection, s) },
  );
}

/** Publishes what should be live and unpublishes drafts that were, then notes the final state. */
async function goLive(site: WfSite, written: Slot[]) {
  const toPublish = written.filter((s) => !s.write!.isDraft);
  const toUnpublish = written.filter((s) => s.write!.isDraft && (s.before?.lastPublished || s.result?.lastPublished));
  try {
    const failed = await publishMany(
      site,
      toPublish.map((s) => String(s.result!.id)),
    );
    const stamp = new Date().toISOString();
    for (const s of toPublish) {
      const problem = failed.get(String(s.result!.id));
      if (problem)
        s.outcome = {
          ok: false,
          error: new PlatformError("bad_request", `Webflow did not publish the item: ${problem}`),
        };
      else s.result = { ...s.result!, isDraft: false, lastPublished: s.result!.lastPublished ?? stamp };
    }
    await unpublishMany(
      site,
      toUnpublish.map((s) => String(s.result!.id)),
    );
    // Unpublishing moves lastUpdated: read the new version back.
    for (const s of toUnpublish) s.result = (await getWebflowItem(site, String(s.result!.id))) ?? s.result;
  } catch (error) {
    for (const s of [...toPublish, ...toUnpublish]) s.outcome ??= { ok: false, error };
  }
}

function pushed(site: WfSite, collection: WebflowCollection, s: Slot): PushedItem {
  const item = s.result!;
  const { remoteStatus } = remoteStatusOf(item);
  const slug = String(item.fieldData?.slug ?? "");
  const url =
    item.lastPublished && collection.slug ? `${site.siteUrl.replace(/\/+$/, "")}/${collection.slug}/${slug}` : null;
  return { externalId: String(item.id), url, remoteStatus, version: item.lastUpdated ?? null };
}
