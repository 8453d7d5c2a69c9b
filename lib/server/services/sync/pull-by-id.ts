import "server-only";
import type { Content, ContentConflict } from "@/db/tables";
import { getContentByExternalIds, listLiveExternalIds, setRefState } from "@/db/queries/content-sync";
import { insertEvents } from "@/db/queries/sync-events";
import { mapWithConcurrency } from "@/lib/server/concurrency";
import type { SyncContext } from "./context";
import { applyPulledItems, type PullState } from "./apply-pulled";
import { loadTermIndex } from "./taxonomies";

/** What a pull step found: items touched, and conflicts recorded (for the caller's policy). */
export type Touched = { touched: number; conflicts: ContentConflict[] };

const scopeOf = (ctx: SyncContext) => ({ accountId: ctx.accountId, integrationId: ctx.integration.id });

/** Ids read per request when items are fetched by id. */
const IDS_PER_READ = 100;

/** Our live items of a type on the integration (what `reconcile` checks against a listing). */
export const listOurs = (ctx: SyncContext, type: Content["contentType"]) =>
  listLiveExternalIds(ctx.db, { ...scopeOf(ctx), contentType: type });

/**
 * Our live items a full listing did not return: fetched by id (all statuses) so a trashed one is
 * marked trashed, a deleted one (absent) deleted, and one that is still there (a page shifted
 * under a concurrent delete, or a resumed run) pulled normally. `ours` may be read before the
 * listing started (what the listing itself stored is in `seen`); read now when absent.
 */
export async function reconcile(
  ctx: SyncContext,
  state: PullState,
  type: Content["contentType"],
  seen: Set<string>,
  ours: Promise<Awaited<ReturnType<typeof listOurs>>> = listOurs(ctx, type),
): Promise<Touched> {
  const missing = (await ours).filter((r) => !seen.has(r.externalId!));
  const out: Touched = { touched: 0, conflicts: [] };
  if (!missing.length) return out;
  const found = new Set<string>();
  const chunks = Array.from({ length: Math.ceil(missing.length / IDS_PER_READ) }, (_, i) =>
    missing.slice(i * IDS_PER_READ, (i + 1) * IDS_PER_READ),
  );
  await mapWithConcurrency(chunks, ctx.concurrency, async (chunk) => {
    const items = await ctx.session.getItems(
      type,
      chunk.map((r) => r.externalId!),
    );
    for (const item of items) found.add(item.externalId);
    const { results, conflicts } = await applyPulledItems(ctx, state, type, items);
    out.touched += results.filter((r) => r.action !== "unchanged").length;
    out.conflicts.push(...conflicts);
  });
  const deleted = missing.filter((r) => !found.has(r.externalId!));
  if (deleted.length) {
    await markDeleted(
      ctx,
      type,
      deleted.map((r) => ({ id: r.id, externalId: r.externalId! })),
    );
    out.touched += deleted.length;
  }
  return out;
}

/** Marks items the platform no longer has as deleted, one event each. */
export async function markDeleted(ctx: SyncContext, type: string, rows: Array<{ id: string; externalId: string }>) {
  const ids = rows.map((r) => r.id);
  await setRefState(ctx.db, { ...scopeOf(ctx), ids }, { syncState: "remote_deleted", remoteStatus: null });
  await insertEvents(
    ctx.db,
    rows.map((r) => ({
      accountId: ctx.accountId,
      integrationId: ctx.integration.id,
      runId: ctx.runId,
      eventType: ctx.eventType ?? ("content_pull" as const),
      direction: "wp_to_igny8" as const,
      contentType: type,
      contentId: r.id,
      externalId: r.externalId,
      status: "success" as const,
      metadata: { action: "deleted" },
    })),
  );
}

/** Items the platform reports deleted: ours among them are marked so; answers how many. */
export async function markRemoteDeleted(ctx: SyncContext, type: string, externalIds: string[]): Promise<number> {
  const rows = (await getContentByExternalIds(ctx.db, { ...scopeOf(ctx), externalIds })).filter(
    (r) => r.syncState !== "remote_deleted",
  );
  if (rows.length) await markDeleted(ctx, type, rows);
  return rows.length;
}

/**
 * Reads one remote item now and stores it like a pulled item when it changed; absent on the
 * platform means deleted and is marked so. Conflicts are recorded, not resolved (`conflicts`).
 */
export async function storeRemoteItem(
  ctx: SyncContext,
  params: { externalId: string; contentType?: Content["contentType"] },
) {
  const type = params.contentType ?? "post";
  const item = await ctx.session.getItem(type, params.externalId);
  if (!item) {
    const [row] = await getContentByExternalIds(ctx.db, { ...scopeOf(ctx), externalIds: [params.externalId] });
    if (!row || row.syncState === "remote_deleted")
      return { action: "unchanged" as const, contentId: row?.id, conflicts: [] };
    await markDeleted(ctx, type, [row]);
    return { action: "deleted" as const, contentId: row.id, conflicts: [] };
  }
  const state: PullState = { terms: await loadTermIndex(ctx), refreshedTerms: false };
  const {
    results: [result],
    conflicts,
  } = await applyPulledItems(ctx, state, type, [item]);
  return { action: result?.action ?? ("unchanged" as const), contentId: result?.contentId, conflicts };
}
