import "server-only";
import type { Content, ContentConflict, SyncEvent } from "@/db/tables";
import { getSyncItems, upsertRefs, type SyncItem } from "@/db/queries/content-sync";
import { listTermsOf, markPushed, type PushedRef } from "@/db/queries/content-refs";
import { insertEvents, type NewSyncEvent } from "@/db/queries/sync-events";
import type { PushOutcome as RemoteOutcome } from "@/lib/platforms/types";
import { seoNoteOf } from "./seo";
import { mapWithConcurrency } from "@/lib/server/concurrency";
import { toVersion } from "../conflicts-versions";
import { gmt, recordConflict, remoteVersionOf } from "./conflict-record";
import type { SyncContext } from "./context";
import { describeError, isPermanentSiteError } from "./errors";
import { createFeaturedMediaResolver } from "./images";
import { holdForPush } from "./push-claims";
import { addressesElsewhere } from "./canonical";
import { prepare, type Prepared } from "./push-prepare";
import { createTermResolver } from "./taxonomies";

/** What became of one item: pushed (or failed, with its event), or left alone because another push holds it. */
export type PushOutcome =
  | {
      contentId: string;
      ok: boolean;
      busy?: false;
      action?: "created" | "updated";
      externalId?: string;
      event: SyncEvent;
    }
  | { contentId: string; ok: false; busy: true; event?: undefined; action?: undefined; externalId?: undefined };

export type PushOptions = {
  batch: boolean;
  onProgress?: (done: number, failed: number) => Promise<void>;
  /** The remote version an update must expect, per item, instead of the stored base (pushing ours over theirs). */
  expectedVersions?: ReadonlyMap<string, string | null>;
  /** What to do with a conflict the push recorded (a policy); without it the conflict stays open. */
  onConflict?: (conflict: ContentConflict) => Promise<ContentConflict>;
};

/**
 * Pushes items: terms by name (created when missing), the featured image (uploaded once), then
 * create or update; with `batch`, in batches where the platform offers them. Every item ends
 * with a stored outcome and one content_push event. Errors that concern the whole site (401,
 * 403, firewall) are thrown after the items so far are recorded.
 *
 * Exactly once: each item is claimed in the database first (push-claims.ts) and read again
 * under the claim, so an item another push holds (a second request, the scheduler, a run, in
 * any process) is answered `busy` and never sent twice; the claim's holder sees the remote id
 * the previous holder stored and updates instead of creating.
 */
export async function pushHeldItems(ctx: SyncContext, items: Content[], options: PushOptions): Promise<PushOutcome[]> {
  if (!items.length) return [];
  const hold = await holdForPush(
    ctx,
    items.map((i) => i.id),
  );
  try {
    const fresh = await getSyncItems(ctx.db, { ...scopeOf(ctx), ids: [...hold.held] });
    const expected = options.expectedVersions;
    const claimed = fresh.map((row) =>
      expected?.has(row.id) && row.ref
        ? { ...row, ref: { ...row.ref, baseVersion: expected.get(row.id) ?? null } }
        : row,
    );
    const busy = items
      .filter((i) => !hold.held.has(i.id))
      .map((i): PushOutcome => ({ contentId: i.id, ok: false, busy: true }));
    return [...(await pushHeld(ctx, claimed, options)), ...busy];
  } finally {
    await hold.release();
  }
}

const scopeOf = (ctx: SyncContext) => ({ accountId: ctx.accountId, integrationId: ctx.integration.id });

async function pushHeld(ctx: SyncContext, items: SyncItem[], options: PushOptions): Promise<PushOutcome[]> {
  if (!items.length) return [];
  const terms = await listTermsOf(ctx.db, { accountId: ctx.accountId, contentIds: items.map((i) => i.id) });
  const resolvers = { terms: createTermResolver(ctx), media: createFeaturedMediaResolver(ctx) };
  // Every new term of the push asked for at once, so a platform that creates terms in bulk (Webflow)
  // makes one request per kind; a term that fails here fails again, alone, in its items' preparation.
  const pushable = items.filter((i) => i.title.trim()).flatMap((i) => terms.get(i.id) ?? []);
  await resolvers.terms.idsFor([...new Map(pushable.map((t) => [t.id, t])).values()]).catch(() => undefined);
  const elsewhere = await addressesElsewhere(
    ctx,
    items.map((i) => i.id),
  );
  const prepared = await mapWithConcurrency(
    items,
    ctx.concurrency,
    async (item): Promise<Prepared | { error: unknown; item: SyncItem }> => {
      try {
        return await prepare(ctx, item, terms.get(item.id) ?? [], resolvers, elsewhere.get(item.id));
      } catch (error) {
        if (isPermanentSiteError(error)) throw error;
        return { error, item };
      }
    },
  );
  const ready = prepared.filter((p): p is Prepared => "push" in p);
  // The marker: an item in `pending` without a remote id may have been created; look before re-creating.
  const creates = ready.filter((p) => !p.push.externalId).map((p) => p.item.id);
  await upsertRefs(ctx.db, { ...scopeOf(ctx), ids: creates }, { syncState: "pending" });
  const batch = options.batch && ctx.adapter.capabilities.batchWrite !== false;
  const sent: RemoteOutcome[] = ready.length
    ? await ctx.session.push(
        ready.map((p) => p.push),
        { batch },
      )
    : [];

  const failures = prepared.filter((p): p is { error: unknown; item: SyncItem } => "error" in p);
  let permanent: unknown;
  const events: NewSyncEvent[] = [];
  const pushed: PushedRef[] = [];
  const base = {
    accountId: ctx.accountId,
    integrationId: ctx.integration.id,
    runId: ctx.runId,
    eventType: "content_push" as const,
    direction: "igny8_to_wp" as const,
  };
  const conflicts: Array<{ item: SyncItem; result: Extract<RemoteOutcome, { conflict: object }> }> = [];
  const seo = ready.length ? await ctx.session.seo() : undefined;
  for (const [i, p] of ready.entries()) {
    const result = sent[i];
    if (!result.ok) {
      if (result.conflict) conflicts.push({ item: p.item, result });
      else failures.push({ item: p.item, error: result.error });
      if (isPermanentSiteError(result.error)) permanent ??= result.error;
      continue;
    }
    const names = (type: string) => (terms.get(p.item.id) ?? []).filter((t) => t.type === type).map((t) => t.name);
    const { externalId, url, remoteStatus, version } = result.item;
    pushed.push({
      id: p.item.id,
      externalId,
      url,
      remoteStatus,
      version,
      status: result.item.status ?? p.push.fields.status,
      hash: p.hash,
      baseSnapshot: toVersion({ ...p.item, categories: names("category"), tags: names("tag") }),
    });
    const metadata = { action: result.action, modified_gmt: version, link: url, ...seoNoteOf(p.item, seo!) };
    events.push({
      ...base,
      contentType: p.item.contentType,
      contentId: p.item.id,
      externalId,
      status: "success",
      metadata,
    });
  }
  await markPushed(ctx.db, { ...scopeOf(ctx), items: pushed });
  for (const { item, result } of conflicts) events.push(await conflictEvent(ctx, item, result, options, base));
  for (const { item, error } of failures) {
    const { code, message, fix } = describeError(error);
    await upsertRefs(ctx.db, { ...scopeOf(ctx), ids: [item.id] }, { syncState: "failed" });
    const failed = {
      status: "failed" as const,
      errorCode: code,
      errorMessage: message,
      metadata: { fix: fix ?? null },
    };
    events.push({
      ...base,
      contentType: item.contentType,
      contentId: item.id,
      externalId: item.ref?.externalId ?? null,
      ...failed,
    });
  }
  const outcomes: PushOutcome[] = (await insertEvents(ctx.db, events)).map((event) => ({
    contentId: event.contentId!,
    ok: event.status === "success",
    action: (event.metadata as { action?: "created" | "updated" }).action,
    externalId: event.externalId ?? undefined,
    event,
  }));
  await options.onProgress?.(outcomes.length, failures.length);
  if (permanent) throw permanent;
  return outcomes;
}

/**
 * An update the platform refused as stale (or our check stopped): records the conflict with the
 * remote copy, hands it to `onConflict` (the policy), and answers the item's event (`conflict`,
 * pending while open).
 */
async function conflictEvent(
  ctx: SyncContext,
  item: SyncItem,
  { conflict: { remote, isExact } }: Extract<RemoteOutcome, { conflict: object }>,
  options: PushOptions,
  base: Omit<NewSyncEvent, "status">,
): Promise<NewSyncEvent> {
  const event = {
    ...base,
    contentType: item.contentType,
    contentId: item.id,
    externalId: item.ref?.externalId ?? null,
  };
  try {
    const detectedBy = isExact ? "push:plugin" : "push:check";
    let conflict = await recordConflict(ctx.db, ctx, {
      contentId: item.id,
      remote: await remoteVersionOf(ctx, remote),
      detectedBy,
    });
    if (options.onConflict) conflict = await options.onConflict(conflict);
    const metadata = {
      action: "conflict",
      conflict_id: conflict.id,
      detected_by: detectedBy,
      resolution: conflict.resolution,
      modified_gmt: gmt(remote.version),
    };
    return {
      ...event,
      eventType: "conflict",
      status: conflict.status === "resolved" ? "success" : "pending",
      metadata,
    };
  } catch (failure) {
    const { code, message, fix } = describeError(failure);
    return { ...event, status: "failed", errorCode: code, errorMessage: message, metadata: { fix: fix ?? null } };
  }
}
