import "server-only";
import type { Db } from "@/db/client";
import type { Content, ContentConflict } from "@/db/tables";
import type { NewSyncEvent } from "@/db/queries/sync-events";
import { insertEvents } from "@/db/queries/sync-events";
import {
  getContentByExternalIds,
  replaceContentTerms,
  updateSyncedContent,
  upsertRefs,
} from "@/db/queries/content-sync";
import { insertPulledItems } from "@/db/queries/content-pull";
import { replacePulledFeaturedImages } from "@/db/queries/media";
import type { RemoteItem } from "@/lib/platforms/types";
import { addressesElsewhere, withoutBorrowedCanonical } from "./canonical";
import { recordPulledConflict } from "./conflict-record";
import type { SyncContext } from "./context";
import { resolveMediaUrls } from "./images";
import { prepare, refValuesOf, termKeys, toPulledItem, type Prepared, type PullState } from "./pulled-values";
import { pullTaxonomies } from "./taxonomies";

export type { PullState };

export type PulledAction = "created" | "updated" | "trashed" | "conflict" | "unchanged";
export type PulledResult = { externalId: string; contentId?: string; action: PulledAction };

/**
 * Stores a page of remote items: new ones are inserted, changed ones (another version) updated,
 * unchanged ones not written at all; trashed ones are marked; an item edited on both sides is
 * recorded as a conflict and left as it is (the caller applies the policy: `conflicts`). One sync
 * event per item touched.
 */
export async function applyPulledItems(
  ctx: SyncContext,
  state: PullState,
  contentType: Content["contentType"],
  items: RemoteItem[],
): Promise<{ results: PulledResult[]; conflicts: ContentConflict[] }> {
  if (!items.length) return { results: [], conflicts: [] };
  const scope = { accountId: ctx.accountId, integrationId: ctx.integration.id };
  const rows = await getContentByExternalIds(ctx.db, { ...scope, externalIds: items.map((i) => i.externalId) });
  const existing = new Map(rows.map((r) => [r.externalId, r]));
  const elsewhere = await addressesElsewhere(
    ctx,
    rows.map((r) => r.id),
  );
  const changed = items.filter((p) => {
    const row = existing.get(p.externalId);
    // A webhook says the item changed: versions are kept to the second, so an edit in the same
    // second as the last one is found by comparing the content itself (below), not the time.
    if (ctx.eventType === "webhook") return true;
    return !row || row.version !== p.version || p.isTrashed !== (row.syncState === "remote_trashed");
  });
  if (!changed.length) {
    const results = items.map((p) => ({
      externalId: p.externalId,
      contentId: existing.get(p.externalId)?.id,
      action: "unchanged" as const,
    }));
    return { results, conflicts: [] };
  }

  const live = changed.filter((p) => !p.isTrashed);
  const knowsAllTerms = live.every((p) => termKeys(p).every((k) => state.terms.has(k)));
  if (!knowsAllTerms && !state.refreshedTerms) {
    state.terms = await pullTaxonomies(ctx);
    state.refreshedTerms = true;
  }
  await resolveMediaUrls(
    ctx,
    live.map((p) => p.featuredMediaId),
  );

  const results: PulledResult[] = [];
  const events: NewSyncEvent[] = [];
  const conflicts: ContentConflict[] = [];
  const event = (
    remote: RemoteItem,
    contentId: string | undefined,
    action: PulledAction,
    extra: Partial<NewSyncEvent> = {},
  ) => {
    const stored: NewSyncEvent = {
      accountId: ctx.accountId,
      integrationId: ctx.integration.id,
      runId: ctx.runId,
      eventType: ctx.eventType ?? "content_pull",
      direction: "wp_to_igny8",
      contentType,
      contentId,
      externalId: remote.externalId,
      status: "success",
      metadata: { action, modified_gmt: remote.version },
      ...extra,
    };
    events.push(stored);
    results.push({ externalId: remote.externalId, contentId, action });
  };

  // A page of new items is one statement, atomic by itself; anything else is one transaction.
  const onlyNew = changed.every((p) => !existing.has(p.externalId) && !p.isTrashed);
  const write = (fn: (tx: Db) => Promise<void>) =>
    onlyNew ? fn(ctx.db) : ctx.db.transaction((tx) => fn(tx as unknown as Db));
  await write(async (tx) => {
    const inserts: Prepared[] = [];
    const links: Array<{ contentId: string; taxonomyIds: string[] }> = [];
    const featured: Array<{ contentId: string; url: string | null; mediaId: string | null }> = [];
    for (const remote of changed) {
      const row = existing.get(remote.externalId);
      if (remote.isTrashed) {
        if (!row) continue; // never import what is already in the trash
        const values = {
          syncState: "remote_trashed" as const,
          remoteStatus: remote.remoteStatus,
          version: remote.version,
        };
        await upsertRefs(tx, { ...scope, ids: [row.id] }, values);
        event(remote, row.id, "trashed");
        continue;
      }
      const prepared = prepare(
        ctx,
        state,
        contentType,
        withoutBorrowedCanonical(remote, elsewhere.get(row?.id ?? "")),
        row,
      );
      if (!row) {
        inserts.push(prepared);
        continue;
      }
      const isSameAsBase =
        row.baseHash === prepared.values.contentHash &&
        row.version === remote.version &&
        row.remoteStatus === remote.remoteStatus &&
        row.syncState !== "remote_trashed";
      if (isSameAsBase) {
        results.push({ externalId: remote.externalId, contentId: row.id, action: "unchanged" });
        continue;
      }
      // Edited here since the last sync (hash moved, or waiting to be pushed): both sides changed.
      const isEditedHere = !!row.contentHash && !!row.baseHash && row.contentHash !== row.baseHash;
      if (isEditedHere || row.syncState === "pending" || row.syncState === "conflict") {
        const conflict = await recordPulledConflict(tx, ctx, row.id, refValuesOf(prepared));
        conflicts.push(conflict);
        const metadata = {
          action: "conflict",
          modified_gmt: remote.version,
          conflict_id: conflict.id,
          detected_by: conflict.detectedBy,
        };
        event(remote, row.id, "conflict", { eventType: "conflict", status: "pending", metadata });
        continue;
      }
      const { accountId: _a, siteId: _s, ...values } = prepared.values;
      await updateSyncedContent(tx, { accountId: ctx.accountId, id: row.id }, values);
      await upsertRefs(tx, { ...scope, ids: [row.id] }, refValuesOf(prepared));
      links.push({ contentId: row.id, taxonomyIds: prepared.taxonomyIds });
      const mediaId = remote.featuredMediaId || null;
      featured.push({ contentId: row.id, url: prepared.values.featuredImageUrl ?? null, mediaId });
      event(remote, row.id, "updated");
    }
    const inserted = await insertPulledItems(tx, {
      accountId: ctx.accountId,
      siteId: ctx.site.id,
      integrationId: ctx.integration.id,
      runId: ctx.runId ?? null,
      eventType: ctx.eventType ?? "content_pull",
      items: inserts.map(toPulledItem),
    });
    const idByRemote = new Map(inserted.map((r) => [r.externalId, r.id]));
    for (const prepared of inserts) {
      const contentId = idByRemote.get(prepared.remote.externalId);
      if (!contentId) continue; // inserted meanwhile by a concurrent import: that one wins
      results.push({ externalId: prepared.remote.externalId, contentId, action: "created" });
    }
    await replaceContentTerms(tx, links);
    await replacePulledFeaturedImages(tx, { ...scope, items: featured });
    await insertEvents(tx, events);
  });
  return { results, conflicts };
}
